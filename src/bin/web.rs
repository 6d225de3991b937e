//! The web app's entry point; the app itself lives in `kubeplay::ui`.

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "page"))]
    kubeplay::ui::start();
}
