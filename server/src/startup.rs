//! Builds the application: store, migrations, demo data, router, listener.

use crate::config::Config;
use crate::mail::Mailer;
use crate::{locale, routes};
use axum::extract::FromRef;
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

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    /// The public address, no trailing slash.
    pub base_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailConfigError),
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
}

impl Application {
    /// Connects and migrates the database, stores the demo conferences into
    /// an empty one when `demo` is set, and binds the listener.
    pub async fn build(config: &Config, demo: bool) -> Result<Application, StartupError> {
        let mailer = Mailer::new(config.smtp_url.as_deref(), config.mail_dir.clone())?;
        let mail_from = crate::mail::parse_from(&config.mail_from)?;
        let store = Store::connect(&config.database_url).await?;
        store.migrate().await?;
        if demo && store.seed_demo().await? {
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
        let state = AppState {
            leptos_options,
            store: store.clone(),
            base_url: base_url.clone(),
        };
        Ok(Application {
            listener,
            store,
            router: router(state),
            secure_cookies: base_url.starts_with("https://"),
            mailer,
            mail_from,
            mail_worker: config.mail_worker,
        })
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
        let app = tower::Layer::layer(&negotiate, self.router);
        // Kept public pages are answered before any routing (and
        // compressed like the rest).
        let published = axum::middleware::from_fn_with_state(
            routes::published::Published::default(),
            routes::published::serve,
        );
        let app = tower::Layer::layer(&published, app);
        let app = tower::ServiceExt::map_response(
            tower::Layer::layer(&CompressionLayer::new(), app),
            |response| response.map(axum::body::Body::new),
        );
        // The peer's address counts failed sign-ins per address.
        let service =
            axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<
                SocketAddr,
            >(app);
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        if let Some(worker) = worker {
            worker.abort();
        }
        self.store.close().await;
        Ok(())
    }
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let store = state.store.clone();
    let context = move || provide_context(store.clone());
    let options = state.leptos_options.clone();
    let mut router = Router::new();
    // The back office's routes come from one list, which the access test
    // walks: a route added there is checked for every kind of visitor.
    for (path, route) in routes::admin::routes() {
        router = router.route(path, route);
    }
    router
        .route("/healthz", get(routes::health))
        .route("/feed.atom", get(routes::feed::all))
        .route("/topics/{topic}/feed.atom", get(routes::feed::topic))
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
        .layer(axum::middleware::from_fn(routes::refuse_nul))
        // Inside the timeout: a write that outlives it still finishes.
        .layer(axum::middleware::from_fn(routes::finish_writes))
        .layer(RequestBodyLimitLayer::new(256 * 1024))
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
