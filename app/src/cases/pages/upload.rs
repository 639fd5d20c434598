//! Uploading a material: a plain multipart form (works without JavaScript: the server
//! stores the file and sends the browser back to the case). With JavaScript the same form
//! is sent in the background so a progress bar can show how far it got.
use crate::cases::model::CaseFile;
use crate::forms::{SECONDARY_BUTTON_CLASS, error_text};
use crate::i18n::*;
use crate::links::FileLink;
use leptos::prelude::*;

/// One upload form for `field_key` of case `case_id`, listing what was uploaded already.
#[component]
pub fn UploadForm(
    case_id: i64,
    field_key: String,
    label: Signal<String>,
    files: Vec<CaseFile>,
    /// Where the form posts (default: the case's field).
    #[prop(optional)]
    action: Option<String>,
    /// Where uploaded files are opened (default: `/files`).
    #[prop(optional)]
    files_href: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Uploaded files join the list in place: reloading the page would lose what the
    // applicant has typed elsewhere and not yet saved.
    let files = RwSignal::new(files);
    let input_id = format!("upload-{field_key}");
    let progress = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let action = action.unwrap_or_else(|| format!("/cases/{case_id}/files/{field_key}"));
    let files_href = files_href.unwrap_or("/files");
    let tell = crate::notice::teller();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            send_with_progress(ev, progress, error, files, tell);
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (ev, tell);
        }
    };
    view! {
        <form method="post" enctype="multipart/form-data" action=action on:submit=on_submit
            class="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3" data-testid=format!("upload-{field_key}")>
            <label for=input_id.clone() class="text-sm font-medium text-slate-900">{move || label.get()}</label>
            {move || (!files.with(Vec::is_empty)).then(|| view! {
                <ul class="text-sm" data-testid="uploaded">
                    {files.get().into_iter().map(|f| view! {
                        <li><FileLink href=format!("{files_href}/{}", f.id)>{f.name.clone()}</FileLink>
                            " (" {format!("{:.1}", f.size_bytes as f64 / 1024.0)} " KB)"</li>
                    }).collect_view()}
                </ul>
            })}
            <input id=input_id name="file" type="file" required
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                class="text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1" />
            <div class="flex items-center gap-3">
                <button type="submit" disabled=move || progress.get().is_some() class=SECONDARY_BUTTON_CLASS>{t!(i18n, upload_submit)}</button>
                {move || progress.get().map(|p| view! {
                    <progress max="100" value=p class="h-2 w-40" aria-label=move || t_string!(i18n, upload_progress)></progress>
                    <span class="text-sm">{p}"%"</span>
                })}
            </div>
            <p class="text-xs text-slate-600">{t!(i18n, upload_help)}</p>
            {move || error.get().map(|key| view! { <p class="text-sm font-medium text-red-800" role="alert">{error_text(i18n, &key)}</p> })}
        </form>
    }
}

#[cfg(feature = "hydrate")]
fn send_with_progress(
    ev: leptos::ev::SubmitEvent,
    progress: RwSignal<Option<u32>>,
    error: RwSignal<Option<String>>,
    files: RwSignal<Vec<CaseFile>>,
    tell: impl Fn(crate::notice::Done) + 'static,
) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let (Ok(data), Ok(xhr)) = (
        web_sys::FormData::new_with_form(&form),
        web_sys::XmlHttpRequest::new(),
    ) else {
        let _ = form.submit();
        return;
    };
    if xhr.open("POST", &form.action()).is_err() {
        let _ = form.submit();
        return;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    error.set(None);
    progress.set(Some(0));
    if let Ok(upload) = xhr.upload() {
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    progress.set(Some((e.loaded() / e.total() * 100.0).round() as u32));
                }
            });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let done_xhr = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        match done_xhr.status() {
            Ok(200) => {
                form.reset();
                let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                match serde_json::from_str::<CaseFile>(&body) {
                    Ok(file) => files.update(|list| {
                        // A form field holds one file: a new upload replaces the old one.
                        if !crate::cases::model::is_supplement_key(&file.field_key) {
                            list.clear();
                        }
                        list.push(file);
                        tell(crate::notice::Done::FileUploaded);
                    }),
                    Err(_) => error.set(Some("err_transport".into())),
                }
            }
            Ok(status) => {
                let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                let key = serde_json::from_str::<crate::error::AppError>(&body)
                    .map(|e| e.message_key().to_string())
                    .unwrap_or_else(|_| {
                        if status == 413 {
                            "err_file_too_large"
                        } else {
                            "err_transport"
                        }
                        .to_string()
                    });
                error.set(Some(key));
            }
            Err(_) => error.set(Some("err_transport".into())),
        }
    });
    xhr.set_onloadend(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    if xhr.send_with_opt_form_data(Some(&data)).is_err() {
        progress.set(None);
        error.set(Some("err_transport".into()));
    }
}
