//! Builds the application: store, migrations, demo data, router, listener.

use crate::config::Config;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::{locale, routes};
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use convene::store::{Store, StoreError};
use convene_app::{shell, App};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailConfigError),
    #[error("CONVENE_TRUSTED_PROXIES: {0}")]
    Proxies(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    listener: TcpListener,
    store: Store,
    router: Router,
    secure_cookies: bool,
    mailer: Mailer,
    mail_from: lettre::message::Mailbox,
    mail_worker: bool,
    setup_code: crate::first_run::SetupCode,
    passports: convene::registration::PassportRetention,
    /// The demo conferences were stored just now, into an empty database.
    stored_demo: bool,
}

impl Application {
    /// Connects and migrates the database, stores the demo conferences into
    /// an empty one when `demo` is set, and binds the listener.
    pub async fn build(config: &Config, demo: bool) -> Result<Application, StartupError> {
        crate::memory::give_large_blocks_back();
        let proxies = crate::client::TrustedProxies::parse(&config.trusted_proxies)
            .map_err(StartupError::Proxies)?;
        let mailer = Mailer::new(config.smtp_url.as_deref(), config.mail_dir.clone())?;
        let mail_from = crate::mail::parse_from(&config.mail_from)?;
        let store = Store::connect(&config.database_url).await?;
        store.migrate().await?;
        let stored_demo = demo && store.seed_demo().await?;
        if stored_demo {
            tracing::info!("stored the demo conferences (mechelen-2017, beirut-2017)");
        }
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| StartupError::Listen {
                    addr: config.addr,
                    source,
                })?;
        let leptos_options = LeptosOptions::builder()
            .output_name("convene")
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(
                listener
                    .local_addr()
                    .map_err(|source| StartupError::Listen {
                        addr: config.addr,
                        source,
                    })?,
            )
            .build();
        let base_url = config.base_url();
        let passports = convene::registration::PassportRetention {
            days: config.passport_days,
        };
        let setup_code = if store.account_count().await? == 0 {
            let code = crate::first_run::SetupCode::new();
            // Warned, so that it shows at any log level but an error's.
            tracing::warn!(
                "no account yet: open {base_url}/admin/setup and give this setup code: {}",
                code.shown().unwrap_or_default()
            );
            code
        } else {
            crate::first_run::SetupCode::default()
        };
        let state = AppState {
            leptos_options,
            store: store.clone(),
            base_url: base_url.clone(),
            proxies,
            setup_code: setup_code.clone(),
            form_limits: std::sync::Arc::new(crate::limits::FormLimits::new(
                config.registrations_per_address,
                config.registrations_per_minute,
            )),
            passports,
        };
        Ok(Application {
            listener,
            store,
            router: router(state),
            secure_cookies: base_url.starts_with("https://"),
            mailer,
            mail_from,
            mail_worker: config.mail_worker,
            setup_code,
            passports,
            stored_demo,
        })
    }

    /// Whether the demo conferences were stored into an empty database as
    /// the application was built (then `convene serve` adds their
    /// delegates; the tests' fixtures have none).
    pub fn stored_demo(&self) -> bool {
        self.stored_demo
    }

    /// The first run's setup code, while no account exists (for tests, which
    /// read it here instead of in the log).
    pub fn setup_code(&self) -> Option<String> {
        self.setup_code.shown()
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Language negotiation rewrites the path, so it must run before the
        // router matches: it wraps the router rather than being a layer of it.
        let negotiate = axum::middleware::from_fn_with_state(
            self.secure_cookies,
            |axum::extract::State(secure): axum::extract::State<bool>, request, next| {
                locale::negotiate(secure, request, next)
            },
        );
        let worker = if self.mail_worker {
            tracing::info!("mail goes to {}", self.mailer.describe());
            Some(tokio::spawn(crate::mail::run(
                self.store.clone(),
                self.mailer,
                self.mail_from,
            )))
        } else {
            tracing::info!("no mail worker here: another instance sends the mail");
            None
        };
        let housekeeping = tokio::spawn(housekeeping(self.store.clone(), self.passports));
        let app = tower::Layer::layer(&negotiate, self.router);
        // Kept public pages are answered before any routing (and
        // compressed like the rest).
        let published = axum::middleware::from_fn_with_state(
            routes::published::Published::new(self.store.clone()),
            routes::published::serve,
        );
        let app = tower::Layer::layer(&published, app);
        let app = tower::Layer::layer(&axum::middleware::from_fn(routes::conditional::answer), app);
        let app = tower::ServiceExt::map_response(
            tower::Layer::layer(&CompressionLayer::new(), app),
            |response| response.map(axum::body::Body::new),
        );
        serve(self.listener, app, shutdown_signal()).await;
        if let Some(worker) = worker {
            worker.abort();
        }
        housekeeping.abort();
        self.store.close().await;
        Ok(())
    }
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = state.page_context();
    let options = state.leptos_options.clone();
    let mut router = Router::new();
    // The back office's routes come from one list, which the access test
    // walks: a route added there is checked for every kind of visitor.
    // Those that take files have a body limit of their own.
    let mut uploads = Router::new();
    for (path, route) in routes::admin::routes() {
        if routes::admin::takes_files(path) {
            uploads = uploads.route(path, route);
        } else {
            router = router.route(path, route);
        }
    }
    let uploads = uploads
        .with_state(state.clone())
        .layer(axum::extract::DefaultBodyLimit::max(
            routes::admin::UPLOAD_LIMIT,
        ))
        .layer(RequestBodyLimitLayer::new(routes::admin::UPLOAD_LIMIT));
    router
        .route("/healthz", get(routes::health))
        .route("/files/{hash}/{name}", get(routes::files::file))
        .route("/feed.atom", get(routes::feed::site))
        .route("/feed.rss", get(routes::feed::site))
        .route("/topics/{topic}/feed.atom", get(routes::feed::topic))
        .route("/topics/{topic}/feed.rss", get(routes::feed::topic))
        .route(
            "/conferences/{slug}/feed.atom",
            get(routes::feed::conference),
        )
        .route(
            "/conferences/{slug}/feed.rss",
            get(routes::feed::conference),
        )
        .route(
            "/conferences/{slug}/agenda.ics",
            get(routes::calendar::agenda),
        )
        .route(
            "/conferences/{slug}/sessions/{session}/calendar.ics",
            get(routes::calendar::session),
        )
        .route(
            "/conferences/{slug}/register",
            post(routes::registration::submit),
        )
        .route("/r/verify/{token}", post(routes::registration::verify))
        .route("/r/{token}/cancel", post(routes::registration::cancel))
        .route("/r/{token}/change", post(routes::registration::change))
        .route("/r/{token}/stars", post(routes::my_agenda::star))
        .route(
            "/my-agenda/{id}/{key}/calendar.ics",
            get(routes::my_agenda::calendar),
        )
        .route(
            "/conferences/{slug}/schedule.xml",
            get(routes::schedule::frab),
        )
        .route(
            "/conferences/{slug}/schedule.json",
            get(routes::schedule::json),
        )
        .route(
            "/conferences/{slug}/agenda.xcs",
            get(routes::schedule::xcal),
        )
        .route("/r/{token}/letter.pdf", get(routes::papers::link_letter))
        .route(
            "/r/{token}/certificate.pdf",
            get(routes::papers::link_certificate),
        )
        .route("/api/conferences", get(routes::api::conferences))
        .route("/api/conferences/{slug}/agenda", get(routes::api::agenda))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(routes::BODY_LIMIT))
        .merge(uploads)
        // A handler's refusal, in the visitor's language.
        .layer(axum::middleware::from_fn(routes::refusal::in_words))
        .layer(axum::middleware::from_fn(routes::refuse_nul))
        // Inside the timeout: a write that outlives it still finishes.
        .layer(axum::middleware::from_fn(routes::finish_writes))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
            ),
        ))
}

/// A client must have sent its request's headers this long after it
/// connected, or after its previous request on the connection.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown`, then lets the requests in
/// flight finish. axum's own loop sets hyper no timer, so a client that
/// sent its headers a byte a minute kept its connection, and a file
/// descriptor, for ever: a few thousand such clients and no one else gets
/// in. Here each connection has [`HEADER_READ_TIMEOUT`] to send them.
/// Each request carries its peer's address (`ConnectInfo`), which the
/// throttles count by.
async fn serve<S>(listener: TcpListener, app: S, shutdown: impl std::future::Future<Output = ()>)
where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    use hyper_util::rt::{TokioIo, TokioTimer};
    // HTTP/1 only: browsers speak HTTP/2 only over TLS, which a proxy in
    // front ends; and the automatic choice of version first reads the
    // connection's opening bytes with no timeout, so a client that sent
    // nothing at all held its connection for ever. Here the timer runs
    // from the moment the connection opens.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, say: wait a moment, as axum does.
                Err(error) => {
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                tower::ServiceExt::oneshot(app.clone(), request)
            });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that went away, or was too slow: nothing to do.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// What is kept no longer than promised, looked after every ten minutes by
/// every instance (each pass deletes what is due; a second finds nothing):
/// passport details past their conference's retention, and the counters
/// of attempt windows that are over.
async fn housekeeping(store: Store, passports: convene::registration::PassportRetention) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match store
            .forget_passports(passports, chrono::Utc::now().date_naive())
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                "deleted the passport details of {n} registrations past their conference"
            ),
            Err(error) => tracing::warn!(%error, "passport details not deleted yet"),
        }
        if let Err(error) = store.forget_old_attempts(chrono::Utc::now()).await {
            tracing::warn!(%error, "old attempt counters not forgotten yet");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
