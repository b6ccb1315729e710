//! The authorised fetch every console page uses: the bearer token on each call, a 401 ending the
//! session (back to sign-in, with a message), a 403 shown as the refusal it is, and the API's
//! error body kept whole so pages can show per-item and per-row problems, in Vietnamese from
//! their codes.

use super::session::Session;
use super::text as t;
use gloo_net::http::{Method, RequestBuilder, Response};
use hailong_domain::api::ErrorBody;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer: the network or the server is down.
    Offline,
    /// 401: the session ended; the console is back at sign-in.
    SignedOut,
    /// 403: the role or the units of the signed-in person do not allow this.
    Forbidden,
    /// Any other 4xx, with the API's body (code, message, items, rows).
    Refused { status: u16, body: ErrorBody },
    /// 5xx or an answer the console does not understand.
    Server,
}

impl Failure {
    /// The API's stable error code (`refused`, `invalid_rows`, `reason_required`…), if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            Failure::Refused { body, .. } => Some(&body.error),
            _ => None,
        }
    }

    /// What the person reads: always Vietnamese, from the API's stable code and never from its
    /// English `message`.
    pub fn message(&self) -> String {
        match self {
            Failure::Offline => t::OFFLINE.into(),
            Failure::SignedOut => t::SESSION_ENDED.into(),
            Failure::Forbidden => t::FORBIDDEN.into(),
            Failure::Refused { body, .. } => t::api_error(&body.error, body.window),
            Failure::Server => t::SERVER_TROUBLE.into(),
        }
    }
}

/// The console's connection to the API: the session it signs calls with, and the message the
/// sign-in page shows after a 401.
#[derive(Clone, Copy)]
pub struct Api {
    pub session: RwSignal<Option<Session>>,
    pub notice: RwSignal<Option<&'static str>>,
}

impl Api {
    pub fn provide() -> Api {
        let api = Api { session: RwSignal::new(Session::load()), notice: RwSignal::new(None) };
        provide_context(api);
        // One session per browser: another tab's sign-in or sign-out applies here too.
        Session::on_change(move |stored| {
            if stored.is_none() && api.session.get_untracked().is_some() {
                api.notice.set(Some(t::SIGNED_OUT));
            }
            api.session.set(stored);
        });
        api
    }

    pub fn sign_out(self, notice: Option<&'static str>) {
        Session::forget();
        self.notice.set(notice);
        self.session.set(None);
    }

    pub async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, Failure> {
        self.json(self.send(Method::GET, path, None).await?).await
    }

    pub async fn post<T: DeserializeOwned>(self, path: &str, body: &impl Serialize) -> Result<T, Failure> {
        let body = serde_json::to_string(body).map_err(|_| Failure::Server)?;
        self.json(self.send(Method::POST, path, Some(("application/json", body))).await?).await
    }

    pub async fn put<T: DeserializeOwned>(self, path: &str, body: &impl Serialize) -> Result<T, Failure> {
        let body = serde_json::to_string(body).map_err(|_| Failure::Server)?;
        self.json(self.send(Method::PUT, path, Some(("application/json", body))).await?).await
    }

    pub async fn delete<T: DeserializeOwned>(self, path: &str) -> Result<T, Failure> {
        self.json(self.send(Method::DELETE, path, None).await?).await
    }

    /// A CSV file (unit register, customer list), sent as `text/csv`.
    pub async fn post_csv<T: DeserializeOwned>(self, path: &str, csv: String) -> Result<T, Failure> {
        self.json(self.send(Method::POST, path, Some(("text/csv; charset=utf-8", csv))).await?).await
    }

    /// A file answer (CSV, XLSX, SVG, HTML) as a browser Blob, for saving or opening.
    pub async fn blob(self, path: &str) -> Result<web_sys::Blob, Failure> {
        let response = self.send(Method::GET, path, None).await?;
        let kind = response.headers().get("content-type").unwrap_or_default();
        let bytes = response.binary().await.map_err(|_| Failure::Server)?;
        blob(&bytes, &kind).ok_or(Failure::Server)
    }

    async fn send(self, method: Method, path: &str, body: Option<(&str, String)>) -> Result<Response, Failure> {
        let mut request = RequestBuilder::new(path).method(method);
        if let Some(session) = self.session.get_untracked() {
            request = request.header("authorization", &format!("Bearer {}", session.token));
        }
        let sent = match body {
            Some((kind, text)) => {
                request.header("content-type", kind).body(text).map_err(|_| Failure::Server)?.send().await
            }
            None => request.send().await,
        };
        let response = sent.map_err(|_| Failure::Offline)?;
        if response.ok() {
            return Ok(response);
        }
        let status = response.status();
        let body: Option<ErrorBody> = response.json().await.ok();
        Err(match (status, body) {
            (401, _) => {
                self.sign_out(Some(t::SESSION_ENDED));
                Failure::SignedOut
            }
            (403, _) => Failure::Forbidden,
            (400..=499, Some(body)) => Failure::Refused { status, body },
            _ => Failure::Server,
        })
    }

    async fn json<T: DeserializeOwned>(self, response: Response) -> Result<T, Failure> {
        response.json().await.map_err(|_| Failure::Server)
    }
}

pub fn use_api() -> Api {
    use_context::<Api>().expect("Api::provide() runs first")
}

/// `new Blob([bytes], {type})`, through `Reflect` rather than web-sys's `BlobPropertyBag`: a
/// web-sys feature is shared by every bundle, and this one would only serve the console.
fn blob(bytes: &[u8], kind: &str) -> Option<web_sys::Blob> {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &kind.into()).ok()?;
    let constructor: js_sys::Function = Reflect::get(&window(), &"Blob".into()).ok()?.dyn_into().ok()?;
    let args = Array::of2(&Array::of1(&Uint8Array::from(bytes)), &options);
    Some(Reflect::construct(&constructor, &args).ok()?.unchecked_into())
}

/// The text of the file chosen in `<input type=file>` (the event's target), if any; read
/// through `Reflect` to spare every bundle web-sys's `File` and `FileList` features.
pub async fn chosen_file_text(ev: &leptos::ev::Event) -> Option<String> {
    let input = ev.target()?;
    let files = js_sys::Reflect::get(&input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get_u32(&files, 0).ok().filter(|f| !f.is_undefined())?;
    let text = wasm_bindgen_futures::JsFuture::from(file.unchecked_into::<web_sys::Blob>().text()).await.ok()?;
    text.as_string()
}

/// Saves a Blob under `name`, as a download link would.
pub fn save(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a = a.unchecked_into::<web_sys::HtmlAnchorElement>();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The download starts after this task; the URL is freed once it surely has.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(60));
}

/// Opens a Blob (a poster) in a new tab.
pub fn open(blob: &web_sys::Blob) {
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) {
        let _ = window().open_with_url_and_target(&url, "_blank");
    }
}
