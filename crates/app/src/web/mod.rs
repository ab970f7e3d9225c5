//! The web application: `app(state) -> Router` serves the record as server-rendered pages
//! and as a JSON API, on the same store as the command line.
//!
//! Reading is open; writing (upload, judgements) and confidential documents need the token.
//! Every request reads an in-memory [`View`] of the record for its audience, rebuilt only
//! when the store's generation moves, so pages cost their own size, not the collection's.

mod api;
mod error;
mod forms;
mod openapi;
mod pages;
mod svg;
pub mod view;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub use self::error::ApiError;
use self::view::View;
use crate::pipeline::Audience;

/// The name of the cookie that carries the token in a browser.
const TOKEN_COOKIE: &str = "dossier_token";

/// What every handler shares: the store, the token, and the cached views.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    store: Mutex<dossier_store::Store>,
    /// SHA-256 of the write token: comparing digests in constant time hides the token's
    /// length as well as its bytes.
    token: Option<[u8; 32]>,
    max_upload: u64,
    public: Mutex<Option<Arc<View>>>,
    trusted: Mutex<Option<Arc<View>>>,
}

impl AppState {
    /// State over an open store. Without a token nothing can be written and confidential
    /// documents stay hidden from everyone.
    pub fn new(store: dossier_store::Store, token: Option<&str>, max_upload: u64) -> AppState {
        let token = token.filter(|t| !t.is_empty()).map(|t| Sha256::digest(t.as_bytes()).into());
        AppState {
            inner: Arc::new(Shared {
                store: Mutex::new(store),
                token,
                max_upload,
                public: Mutex::new(None),
                trusted: Mutex::new(None),
            }),
        }
    }

    fn store(&self) -> Result<MutexGuard<'_, dossier_store::Store>, ApiError> {
        self.inner.store.lock().map_err(|_| ApiError::internal("the store lock is poisoned"))
    }

    /// Runs `f` on the store, from an async handler (see [`blocking`]).
    fn with_store<T>(&self, f: impl FnOnce(&mut dossier_store::Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        blocking(|| f(&mut *self.store()?))
    }

    /// The current view for an audience, rebuilt when the store changed since it was made.
    pub fn view(&self, audience: Audience) -> Result<Arc<View>, ApiError> {
        blocking(|| self.build_view(audience))
    }

    fn build_view(&self, audience: Audience) -> Result<Arc<View>, ApiError> {
        let slot = match audience {
            Audience::Public => &self.inner.public,
            Audience::Trusted => &self.inner.trusted,
        };
        let mut store = self.store()?;
        let generation = store.generation().map_err(ApiError::from_internal)?;
        let mut cached = slot.lock().map_err(|_| ApiError::internal("the view lock is poisoned"))?;
        if let Some(v) = cached.as_ref().filter(|v| v.generation == generation) {
            return Ok(Arc::clone(v));
        }
        let view = Arc::new(View::build(&mut store, audience).map_err(ApiError::from_internal)?);
        *cached = Some(Arc::clone(&view));
        Ok(view)
    }

    /// Who is asking: the token in an `Authorization: Bearer` header or the cookie set by
    /// the login form. A token that does not match is refused rather than read as public, so
    /// a mistyped token is noticed.
    pub fn audience(&self, headers: &HeaderMap) -> Result<Audience, ApiError> {
        match self.presented(headers) {
            None => Ok(Audience::Public),
            Some(true) => Ok(Audience::Trusted),
            Some(false) => Err(ApiError::unauthorized("the token is not valid")),
        }
    }

    /// Checks that the request may write.
    pub fn require_writer(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        if self.inner.token.is_none() {
            return Err(ApiError::unauthorized("writing is disabled: the server was started without a token"));
        }
        match self.presented(headers) {
            Some(true) => Ok(()),
            Some(false) => Err(ApiError::unauthorized("the token is not valid")),
            None => Err(ApiError::unauthorized("writing needs the token (Authorization: Bearer …)")),
        }
    }

    /// Whether the request presents a credential (`Some`) and whether it is the right one.
    fn presented(&self, headers: &HeaderMap) -> Option<bool> {
        if let Some(v) = headers.get(header::AUTHORIZATION) {
            let v = v.to_str().unwrap_or("");
            let token = v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")).unwrap_or("");
            return Some(self.token_matches(token.trim()));
        }
        let cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, v)| *k == TOKEN_COOKIE && !v.is_empty())?
            .1;
        Some(self.cookie_matches(cookie))
    }

    fn token_matches(&self, given: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        self.digest_matches(&digest)
    }

    /// The cookie carries the token's digest in hex, not the token: any token fits in a
    /// cookie, and the token itself is never stored in the browser.
    fn cookie_matches(&self, cookie: &str) -> bool {
        match decode_hex32(cookie) {
            Some(digest) => self.digest_matches(&digest),
            None => false,
        }
    }

    fn digest_matches(&self, digest: &[u8; 32]) -> bool {
        match &self.inner.token {
            Some(expected) => bool::from(digest.ct_eq(expected)),
            None => false,
        }
    }

    /// The value of the login cookie for a token.
    fn cookie_for(token: &str) -> String {
        Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn decode_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The whole application: pages, API, static files, and the headers every response carries.
pub fn app(state: AppState) -> Router {
    let upload_limit = usize::try_from(state.inner.max_upload).unwrap_or(usize::MAX);
    let api = Router::new()
        .route("/entities", get(api::entities))
        .route("/entities/{id}", get(api::entity))
        .route("/events", get(api::events))
        .route("/events/{id}", get(api::event))
        .route("/documents", get(api::documents).post(api::upload).layer(DefaultBodyLimit::max(upload_limit)))
        .route("/documents/{id}", get(api::document))
        .route("/conflicts", get(api::conflicts))
        .route("/search", get(api::search))
        .route("/judgements", post(api::judgement))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::overview))
        .route("/entities/{id}", get(pages::entity))
        .route("/events/{id}", get(pages::event))
        .route("/documents", post(forms::upload).layer(DefaultBodyLimit::max(upload_limit)))
        .route("/documents/{id}", get(pages::document))
        .route("/judgements", post(forms::judgement))
        .route("/conflicts", get(pages::conflicts))
        .route("/search", get(pages::search))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/static/app.js", get(pages::script))
        .nest("/api", api)
        .fallback(pages::not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Headers for every response: a Content-Security-Policy that allows only the app's own
/// style sheet and script (no inline script, no plugins, no framing), and no sniffing.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Serves the application until interrupted (Ctrl-C).
pub fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            crate::error::UserError::new(format!("cannot listen on {addr}: {}", e.to_string().to_lowercase()))
        })?;
        let local = listener.local_addr()?;
        eprintln!("dossier: serving http://{local}/ (Ctrl-C to stop)");
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

/// Runs blocking store work from an async handler. On a PostgreSQL store every call blocks on
/// the client's own runtime, which may not start on one of the server's worker threads: there
/// it runs under `block_in_place`. Elsewhere (a test's single-threaded runtime, a blocking
/// thread) it runs as it is.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}
