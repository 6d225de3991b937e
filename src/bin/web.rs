//! The web app's entry point; the app itself lives in `kubeplay::ui`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    kubeplay::ui::start();
}
