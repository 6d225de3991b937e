//! The web app: an editor on the left, what the manifest means on the right.
//!
//! Components render a snapshot the engine produced (`Analysis`, `ClusterView`); they hold no
//! engine logic. App-wide state lives in one reducer (`state`); the page and its wiring are `app`;
//! the browser's edges (editor, storage, URL) are in `bridge`; every other file is one thing a
//! person sees.

mod app;
mod bridge;
mod cluster_panel;
mod cluster_view;
mod describe;
mod events_panel;
mod graph_panel;
mod object_table;
mod problems;
mod props;
mod selector_tester;
mod services_panel;
mod state;
mod storage_panel;
mod time_controls;
mod timeline;
mod top_bar;
mod worker;

/// Mounts the app on the page.
pub fn start() {
    // The same wasm runs in the simulator's worker, where there is no page to render.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<app::App>::new().render();
}
