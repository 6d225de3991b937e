//! The web app: an editor on the left, what the manifest means on the right.
//!
//! Components render a snapshot the engine produced (`Analysis`, `ClusterView`); they hold no
//! engine logic. App-wide state lives in one reducer (`state`); the page and its wiring are `app`;
//! the browser's edges (editor, storage, URL) are in `bridge`; every other file is one thing a
//! person sees.

#[cfg(feature = "page")]
mod app;
#[cfg(feature = "page")]
mod bridge;
#[cfg(feature = "page")]
mod cluster_panel;
mod cluster_view;
#[cfg(feature = "page")]
mod console;
#[cfg(feature = "page")]
mod describe;
#[cfg(feature = "page")]
mod events_panel;
#[cfg(feature = "page")]
mod graph_panel;
#[cfg(feature = "page")]
mod object_table;
#[cfg(feature = "page")]
mod problems;
#[cfg(feature = "page")]
mod props;
#[cfg(feature = "page")]
mod selector_tester;
#[cfg(feature = "page")]
mod services_panel;
#[cfg(feature = "page")]
mod state;
#[cfg(feature = "page")]
mod storage_panel;
#[cfg(feature = "page")]
mod time_controls;
#[cfg(feature = "page")]
mod timeline;
#[cfg(feature = "page")]
mod top_bar;
pub mod worker;

/// Mounts the app on the page.
#[cfg(feature = "page")]
pub fn start() {
    // The same wasm runs in the simulator's worker, where there is no page to render.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<app::App>::new().render();
}
