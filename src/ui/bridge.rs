//! The page's edges: the CodeMirror editor (JS), localStorage, the URL fragment, clipboard, downloads.
//! Everything that touches the browser outside Yew's own DOM lives here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/www/gen/editor.js")]
extern "C" {
    #[wasm_bindgen(js_name = createEditor)]
    fn create_editor_js(
        parent: &web_sys::Element,
        text: &str,
        label: &str,
        on_change: &Closure<dyn FnMut(String)>,
        on_command: &Closure<dyn FnMut(String)>,
    );
    #[wasm_bindgen(js_name = getText)]
    pub fn get_text() -> String;
    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(text: &str);
    #[wasm_bindgen(js_name = showDiagnostics)]
    pub fn show_diagnostics(json: &str);
    #[wasm_bindgen(js_name = setLabel)]
    fn set_editor_label(text: &str);
    #[wasm_bindgen(js_name = focusAt)]
    pub fn focus_at(line: u32, col: u32);
    /// Selects lines `from..=to` and scrolls them into view, leaving the focus where it is.
    #[wasm_bindgen(js_name = revealLines)]
    pub fn reveal_lines(from: u32, to: u32);
}

// The Graph tab's picture (`www/graph.js`), loaded the first time it is drawn.
#[wasm_bindgen(inline_js = "let mod = null;
let loading = null;
const load = () => loading || (loading = import(new URL('graph.js', document.baseURI).href).then((m) => (mod = m)));
export function graphDraw(el, wire, words, manifest) {
  load().then((m) => m.draw(el, wire, words, manifest), (e) => {
    el.dataset.state = 'error';
    el.textContent = String(e);
  });
}
export function graphCmd(what, arg) {
  return mod ? mod.cmd(what, arg) : 0;
}")]
extern "C" {
    /// Lays out and draws `wire` (`Graph::to_wire`) in `el`, off the page's thread, saying what
    /// `words` (JSON) says; `manifest`: the manifest's graph, nothing applied yet.
    #[wasm_bindgen(js_name = graphDraw)]
    pub fn graph_draw(el: &web_sys::Element, wire: &str, words: &str, manifest: bool);
    /// `select` (a node's key).
    #[wasm_bindgen(js_name = graphCmd)]
    pub fn graph_cmd(what: &str, arg: &str) -> f64;
}

// The Console's prompt (`www/console.js`), loaded the first time the console is opened.
#[wasm_bindgen(inline_js = "let mod = null;
let loading = null;
const load = () => loading || (loading = import(new URL('console.js', document.baseURI).href).then((m) => (mod = m)));
export function consoleOpen(el, words) {
  load().then((m) => m.mount(el, JSON.parse(words)), (e) => {
    el.textContent = String(e);
  });
}
export function consoleAnswer(stdout, stderr, code, follows, later, edit) {
  if (mod) mod.answer(stdout, stderr, code, follows, later, edit ? JSON.parse(edit) : null);
}
export function consoleCandidates(list) {
  if (mod) mod.candidates(JSON.parse(list));
}")]
extern "C" {
    /// Builds the console's prompt in `el` (once; later calls change its words: `input`, `hint`,
    /// `exit` of [`Catalog`](crate::i18n::Catalog), as JSON).
    #[wasm_bindgen(js_name = consoleOpen)]
    pub fn console_open(el: &web_sys::HtmlElement, words: &str);
    /// What the oldest line still running printed, or (`later`) what the command that goes on
    /// as the clock runs printed since; `follows` while that command has not ended.
    #[wasm_bindgen(js_name = consoleAnswer)]
    /// `edit` is `kubectl edit`'s `[line that saves, text]` as JSON, or empty.
    pub fn console_answer(
        stdout: &str,
        stderr: &str,
        code: i32,
        follows: bool,
        later: bool,
        edit: &str,
    );
    /// The candidates for the last word of the line at the prompt (a JSON list).
    #[wasm_bindgen(js_name = consoleCandidates)]
    pub fn console_candidates(list: &str);
}

#[wasm_bindgen(inline_js = "export function fetchText(url, done) {
  fetch(url).then((r) => (r.ok ? r.text() : null)).then((t) => done(t), () => done(null));
}
export function deflateRaw(text, done) {
  try {
    const packed = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    new Response(packed).arrayBuffer().then((b) => done(new Uint8Array(b)), () => done(null));
  } catch (e) {
    done(null);
  }
}
export function inflateRaw(bytes, limit, done) {
  (async () => {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const parts = [];
    let n = 0;
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      n += value.length;
      if (n > limit) {
        reader.cancel();
        return done(null, true);
      }
      parts.push(value);
    }
    const out = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    done(out, false);
  })().catch(() => done(null, false));
}")]
extern "C" {
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text_js(url: &str, done: JsValue);
    #[wasm_bindgen(js_name = deflateRaw)]
    fn deflate_raw_js(text: &str, done: JsValue);
    #[wasm_bindgen(js_name = inflateRaw)]
    fn inflate_raw_js(bytes: &[u8], limit: usize, done: JsValue);
}

/// Raw DEFLATE bytes inflated by the browser, at most `limit` bytes: `done` gets them, or
/// `Err(true)` past the limit, `Err(false)` for bytes that are not DEFLATE.
pub fn inflate_raw(bytes: &[u8], limit: usize, done: impl FnOnce(Result<Vec<u8>, bool>) + 'static) {
    let done = Closure::once_into_js(move |out: JsValue, too_large: bool| {
        done(if out.is_null() {
            Err(too_large)
        } else {
            Ok(js_sys::Uint8Array::new(&out).to_vec())
        })
    });
    inflate_raw_js(bytes, limit, done);
}

/// `text` deflated (raw DEFLATE) by the browser, given to `done`; None where it cannot.
pub fn deflate_raw(text: &str, done: impl FnOnce(Option<Vec<u8>>) + 'static) {
    let done = Closure::once_into_js(move |bytes: JsValue| {
        done((!bytes.is_null()).then(|| js_sys::Uint8Array::new(&bytes).to_vec()))
    });
    deflate_raw_js(text, done);
}

/// Fetches one of the page's own files (a path relative to the page) and calls `done` with its
/// text, or None when it could not be read.
pub fn fetch_text(url: &str, done: impl FnOnce(Option<String>) + 'static) {
    fetch_text_js(url, Closure::once_into_js(done));
}

/// Creates the editor; the callbacks live as long as the page.
pub fn create_editor(
    parent: &web_sys::Element,
    text: &str,
    label: &str,
    on_change: impl FnMut(String) + 'static,
    on_command: impl FnMut(String) + 'static,
) {
    let on_change = Closure::<dyn FnMut(String)>::new(on_change);
    let on_command = Closure::<dyn FnMut(String)>::new(on_command);
    create_editor_js(parent, text, label, &on_change, &on_command);
    on_change.forget();
    on_command.forget();
}

const DRAFT_KEY: &str = "kubeplay.draft";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_draft() -> Option<String> {
    storage()?.get_item(DRAFT_KEY).ok()?
}

pub fn save_draft(text: &str) {
    if let Some(s) = storage() {
        // Storage can be full or disabled; the draft is then simply not kept.
        let _ = s.set_item(DRAFT_KEY, text);
    }
}

const LANG_KEY: &str = "kubeplay.lang";

/// The language the reader picked on an earlier visit.
pub fn load_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok()?
}

pub fn save_lang(code: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, code);
    }
}

/// The browser's languages, most preferred first (`navigator.languages`, else `navigator.language`).
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// `<html lang>`, which screen readers and font selection follow, the window's title and the
/// editor's label.
pub fn set_page_lang(code: &str, title: &str, editor_label: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    doc.set_title(title);
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", code);
    }
    set_editor_label(editor_label);
}

pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Puts a fragment into the address bar without reloading or adding a history entry.
pub fn set_hash(fragment: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let url = format!("#{fragment}");
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// Removes the fragment from the address bar.
pub fn clear_hash() {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&page_url()));
        }
    }
}

pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        // The promise is dropped: the link is also shown on the page to copy by hand.
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/yaml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

thread_local! {
    static WORKER: std::cell::RefCell<Option<web_sys::Worker>> = const { std::cell::RefCell::new(None) };
}

/// The URL the page loaded something from, as Trunk wrote it into index.html.
fn link_href(selector: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .get_attribute("href")
}

/// Starts the simulator's worker (`sim-worker.js`, the page's own wasm loaded again); every answer
/// it sends goes to `on_answer`, and `on_error` is called if it fails (it cannot load the wasm, or
/// an answer panics). False when the page cannot start it.
pub fn start_worker(
    on_answer: impl FnMut(String) + 'static,
    on_error: impl FnMut() + 'static,
) -> bool {
    let (Some(glue), Some(wasm)) = (
        link_href("link[rel=modulepreload][href*='kubeplay-web']"),
        link_href("link[rel=preload][href$='.wasm']"),
    ) else {
        return false;
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let Ok(worker) = web_sys::Worker::new_with_options("./sim-worker.js", &options) else {
        return false;
    };
    let mut on_answer = on_answer;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                on_answer(text);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let mut on_error = on_error;
    let on_failure = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| on_error());
    worker.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_failure.as_ref().unchecked_ref()));
    on_failure.forget();
    let init = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&init, &JsValue::from_str(k), &v).is_ok();
    let ok = set("init", JsValue::TRUE)
        && set("glue", JsValue::from_str(&glue))
        && set("wasm", JsValue::from_str(&wasm));
    if !ok || worker.post_message(&init).is_err() {
        return false;
    }
    WORKER.with(|w| *w.borrow_mut() = Some(worker));
    true
}

/// Stops the simulator's worker (after it failed).
pub fn stop_worker() {
    WORKER.with(|w| {
        if let Some(w) = w.borrow_mut().take() {
            w.terminate();
        }
    });
}

/// Sends a request to the simulator's worker; false when there is none.
pub fn post_to_worker(request: &str) -> bool {
    WORKER.with(|w| {
        w.borrow()
            .as_ref()
            .is_some_and(|w| w.post_message(&JsValue::from_str(request)).is_ok())
    })
}
