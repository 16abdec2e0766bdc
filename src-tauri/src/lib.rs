//! The desktop shell of OGP Archive: Tauri commands over [`ogp_archive::Archive`], the
//! `ogpdoc:` protocol that serves stored PDFs to the viewer, and window setup.
//!
//! Every command is a few lines over the library. Errors reach the UI as [`UiError`]
//! (`{code, message, lv, en}`); long work (ingest, export, the first-run sample load, OCR) runs
//! off the main thread and reports progress over a [`tauri::ipc::Channel`] or an event.
//!
//! Modules: [`state`] (what the app holds), [`error`] (errors for the UI), [`options`] (the
//! command line), [`protocol`] (`ogpdoc:`), [`jobs`] (background work) and `commands/` by
//! area.

mod commands;
mod error;
mod jobs;
mod options;
mod protocol;
mod state;

pub use error::{CmdResult, UiError};
pub use options::Options;
pub use state::AppState;

use commands::{cycles, documents, records, related, tasks};
use tauri::Runtime;

/// Adds the plugins, commands, protocol and first-run work to a builder (also used by tests
/// with the mock runtime).
pub fn setup<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::open(&options))
        .register_asynchronous_uri_scheme_protocol("ogpdoc", |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            std::thread::spawn(move || responder.respond(protocol::serve_document(&app, &request)));
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            cycles::list_cycles,
            cycles::list_sessions,
            documents::list_documents,
            documents::list_trash,
            documents::search,
            documents::facets,
            documents::get_document,
            documents::cite_document,
            documents::document_pages,
            documents::set_documents,
            documents::trash_documents,
            documents::restore_documents,
            documents::empty_trash,
            cycles::save_cycle,
            cycles::delete_cycle,
            cycles::add_session,
            cycles::rename_session,
            cycles::delete_session,
            tasks::ingest,
            tasks::export_cycle,
            tasks::open_original,
            tasks::ocr_status,
            tasks::start_ocr_job,
            documents::page_words,
            records::meeting,
            records::decisions,
            records::commitments,
            records::commitment,
            records::people,
            related::similar_documents,
        ])
        .setup(|app| {
            jobs::load_samples(app.handle());
            // Pages left in the queue by an earlier run (the queue lives in the catalog);
            // after an index rebuild, when there is one.
            if !jobs::catch_up_index(app.handle()) {
                jobs::start_ocr(app.handle());
            }
            Ok(())
        })
}

pub fn run() {
    let options = Options::parse(std::env::args().skip(1));
    setup(tauri::Builder::default(), options)
        .run(tauri::generate_context!())
        .expect("error while running the OGP Archive app");
}

#[cfg(test)]
mod tests {
    #[test]
    fn csp_forbids_remote_and_inline_scripts() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        let csp = &conf["app"]["security"]["csp"];
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        for (directive, value) in csp.as_object().expect("csp object") {
            let v = value.as_str().unwrap_or_default();
            assert!(
                !v.contains("https:") && !v.contains("http://*") && !v.contains('*'),
                "{directive}: {v}"
            );
            assert!(
                !v.contains("unsafe-inline") && !v.contains("unsafe-eval"),
                "{directive}: {v}"
            );
        }
        let caps: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json"))
                .expect("capabilities");
        let perms: Vec<&str> = caps["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        assert!(
            perms
                .iter()
                .all(|p| !p.starts_with("fs:") && !p.starts_with("shell:")),
            "{perms:?}"
        );
    }
}
