//! The page's wasm entry point: renders the yew app.

#[cfg(target_arch = "wasm32")]
fn main() {
    convlab::web::static_constructors::run_once();
    console_error_panic_hook::set_once();
    yew::Renderer::<convlab::web::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("convlab-app runs in the browser: use `cargo xtask run`.");
}
