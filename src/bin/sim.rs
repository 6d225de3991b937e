//! The simulator's worker with kubectl, a wasm of its own (`kubeplay-sim`) that
//! `www/sim-worker.js` loads the first time the console is used: the same requests as the page's
//! own wasm answers in the worker, and the console's lines besides. It has no page to render.

#[cfg(target_arch = "wasm32")]
pub use kubeplay::ui::worker::worker_call;

fn main() {}
