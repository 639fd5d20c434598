//! The download link for staff exports. Without JavaScript it is a plain link (the browser
//! shows the download as it streams in); with JavaScript the file is fetched in the
//! background with a progress bar counting rows against the total the server announces,
//! then saved under the server's file name.
use crate::i18n::*;
use leptos::prelude::*;

/// How far a background download has come: rows received, rows expected (0 while unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub rows: u64,
    pub total: u64,
}

#[component]
pub fn ExportLink(href: String, label: String, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(None::<Progress>);
    let failed = RwSignal::new(false);
    let target = href.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            fetch_with_progress(target.clone(), progress, failed);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, &target);
    };
    view! {
        <span class="inline-flex flex-wrap items-center gap-2">
            <a class="text-blue-800 underline" rel="external" download href=href data-testid=testid on:click=on_click>{label}</a>
            {move || progress.get().map(|p| {
                let text = if p.total > 0 {
                    crate::format::fill(t_string!(i18n, export_progress), &[&p.rows.min(p.total).to_string(), &p.total.to_string()])
                } else {
                    t_string!(i18n, export_starting).to_string()
                };
                view! {
                    <progress max=p.total.max(1) value=p.rows.min(p.total) class="h-2 w-32" aria-label=text.clone()></progress>
                    <span class="text-sm text-slate-700" role="status" data-testid="export-progress">{text}</span>
                }
            })}
            {move || failed.get().then(|| view! { <span class="text-sm text-red-800" role="alert">{t!(i18n, err_transport)}</span> })}
        </span>
    }
}

#[cfg(feature = "hydrate")]
fn fetch_with_progress(href: String, progress: RwSignal<Option<Progress>>, failed: RwSignal<bool>) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        let _ = window().location().set_href(&href);
        return;
    };
    if xhr.open("GET", &href).is_err() {
        let _ = window().location().set_href(&href);
        return;
    }
    failed.set(false);
    progress.set(Some(Progress::default()));
    // Lines counted so far, and how much of the text they covered.
    let counted = Rc::new(Cell::new((0usize, 0u64)));
    let reading = xhr.clone();
    let counter = counted.clone();
    let on_progress = Closure::<dyn FnMut()>::new(move || {
        let total = reading
            .get_response_header("X-Export-Rows")
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let text = reading.response_text().ok().flatten().unwrap_or_default();
        let (seen, lines) = counter.get();
        let lines = lines
            + text
                .get(seen..)
                .map(|t| t.matches('\n').count() as u64)
                .unwrap_or(0);
        counter.set((text.len(), lines));
        // The first line is the header.
        progress.set(Some(Progress {
            rows: lines.saturating_sub(1),
            total,
        }));
    });
    xhr.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    on_progress.forget();
    let done = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        if done.status() != Ok(200) {
            failed.set(true);
            return;
        }
        let text = done.response_text().ok().flatten().unwrap_or_default();
        let name = done
            .get_response_header("Content-Disposition")
            .ok()
            .flatten()
            .and_then(|d| {
                d.split("filename=\"")
                    .nth(1)
                    .map(|n| n.trim_end_matches('"').to_string())
            })
            .unwrap_or_else(|| "export.csv".into());
        // The browser decoded the text and dropped the byte-order mark; put it back so
        // Excel still reads the file as UTF-8.
        let parts = js_sys::Array::of1(&format!("\u{FEFF}{text}").into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            failed.set(true);
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            failed.set(true);
            return;
        };
        if let Some(a) = document()
            .create_element("a")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(&name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    xhr.set_onloadend(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    if xhr.send().is_err() {
        progress.set(None);
        failed.set(true);
    }
}
