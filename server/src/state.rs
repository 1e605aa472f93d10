//! What every handler and page shares: the store, the public address, the
//! settings the routes act on, and what a rendered page finds in its
//! context. Built once at start-up (`startup`), read by the routes.

use axum::extract::FromRef;
use convene::store::Store;
use leptos::prelude::*;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    /// The public address, no trailing slash.
    pub base_url: String,
    /// Whose X-Forwarded-For names the client.
    pub proxies: crate::client::TrustedProxies,
    /// The first run's code, while no account exists.
    pub setup_code: crate::first_run::SetupCode,
    /// The public form's rate limits.
    pub form_limits: std::sync::Arc<crate::limits::FormLimits>,
    /// How long passport details are kept, which the privacy page states.
    pub passports: convene::registration::PassportRetention,
}

impl AppState {
    /// What every rendered page finds in its context: the store, and the
    /// settings pages state.
    pub fn page_context(&self) -> impl Fn() + Clone + Send + 'static {
        let store = self.store.clone();
        let passports = self.passports;
        let site = convene::paths::SiteAddress(self.base_url.clone());
        move || {
            provide_context(store.clone());
            provide_context(passports);
            provide_context(site.clone());
        }
    }
}
