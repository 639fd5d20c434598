#![recursion_limit = "256"]
//! The WASM entry: takes over the server-rendered page and makes it interactive. The
//! pages are lazy routes, so taking over waits for the chunk of the page being shown.

use leptos::prelude::document;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // What `leptos::mount::hydrate_lazy` does, plus a mark once the whole page, its lazy
    // route included, is interactive: tests wait for it, styles that only make sense with
    // JavaScript key on it, and a page chunk that fails to load tells by it a navigation
    // inside the app from a first load.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        let owner = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        owner.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
