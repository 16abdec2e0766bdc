//! The `ogpdoc:` URI scheme: serves the stored PDF of a document to the viewer by its id, and
//! nothing else.

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// The document id of an `ogpdoc:` URL path (`/<id>`); anything else is refused.
fn document_id(path: &str) -> Option<i64> {
    let id = path.strip_prefix('/').unwrap_or(path);
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok().filter(|id| *id > 0)
}

/// Serves `ogpdoc://localhost/<id>`: the stored PDF of document `<id>`, nothing else. The id
/// is resolved through the catalog; no path from the web view ever reaches the file system.
pub(crate) fn serve_document<R: Runtime>(
    app: &AppHandle<R>,
    request: &Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let reply = |status: StatusCode, body: &str| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(body.as_bytes().to_vec())
            .expect("static response")
    };
    let Some(id) = document_id(request.uri().path()) else {
        return reply(StatusCode::NOT_FOUND, "no such document");
    };
    let state = app.state::<AppState>();
    let bytes = state
        .archive()
        .ok()
        .and_then(|a| a.stored_path(id).ok())
        .and_then(|p| std::fs::read(p).ok());
    match bytes {
        Some(b) => Response::builder()
            .header(header::CONTENT_TYPE, "application/pdf")
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(header::CACHE_CONTROL, "no-store")
            .body(b)
            .expect("pdf response"),
        None => reply(StatusCode::NOT_FOUND, "no such document"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_accepts_only_document_ids() {
        assert_eq!(document_id("/12"), Some(12));
        assert_eq!(document_id("12"), Some(12));
        for bad in [
            "/",
            "",
            "/0",
            "/-1",
            "/../store",
            "/1/2",
            "/%2e%2e",
            "/1.pdf",
            "/+1",
        ] {
            assert_eq!(document_id(bad), None, "{bad}");
        }
    }
}
