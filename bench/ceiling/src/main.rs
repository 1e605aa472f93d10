//! The benchmark's ceiling: serves one file's bytes at every address with
//! the least an axum server does. `bench/run` serves the agenda page it
//! fetched from Convene this way, so that the agenda's rate can be given
//! as a share of what this machine can serve at all, in the same run.

use axum::http::header::CONTENT_TYPE;
use axum::Router;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(address), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: ceiling ADDRESS FILE");
        std::process::exit(2);
    };
    let page = match std::fs::read(&file) {
        Ok(bytes) => axum::body::Bytes::from(bytes),
        Err(error) => {
            eprintln!("ceiling: cannot read {file}: {error}");
            std::process::exit(1);
        }
    };
    let app = Router::new().fallback(move || {
        let page = page.clone();
        async move { ([(CONTENT_TYPE, "text/html; charset=utf-8")], page) }
    });
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("ceiling: cannot listen on {address}: {error}");
            std::process::exit(1);
        }
    };
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("ceiling: {error}");
        std::process::exit(1);
    }
}
