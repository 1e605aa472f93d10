//! The kept files (outcome documents' PDFs, posts' pictures), by the hash
//! of their bytes: never changing, so cached for a year, and answered 304
//! from the address alone. Each is sent with its type as the upload check
//! found it, as a download that opens in place, in a sandbox.
//!
//! A file can weigh [`MAX_MB`](convene::documents::upload::MAX_MB): it is
//! read from the store a [`SLICE`] at a time as the client takes it, so a
//! download in flight costs a slice of memory however large the file and
//! however slow its reader.

use super::refusal::Refusal;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    ETAG, IF_NONE_MATCH,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The bytes read from the store at a time.
pub const SLICE: i64 = 256 * 1024;

/// GET /files/{hash}/{name}
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((hash, name)): Path<(String, String)>,
) -> Result<Response, Refusal> {
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Refusal::NotFound);
    }
    let tag = format!("\"{hash}\"");
    let held = headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|sent| {
            sent.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == tag)
        });
    if held {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        insert(&mut response, ETAG, &tag);
        return Ok(response);
    }
    let (content_type, length) = state.store.file(&hash).await?.ok_or(Refusal::NotFound)?;
    let store = state.store.clone();
    // Each slice is read when the client has taken the one before.
    let stream = futures::stream::unfold(0_i64, move |offset| {
        let (store, hash) = (store.clone(), hash.clone());
        async move {
            if offset >= length {
                return None;
            }
            let slice = match store.file_slice(&hash, offset, SLICE).await {
                Ok(Some(slice)) if !slice.is_empty() => Ok(Bytes::from(slice)),
                Ok(_) => Err(std::io::Error::other("the file ended early")),
                Err(error) => Err(std::io::Error::other(error.to_string())),
            };
            let next = match &slice {
                Ok(bytes) => offset + bytes.len() as i64,
                // The error ends the body; nothing is read after it.
                Err(_) => length,
            };
            Some((slice, next))
        }
    });
    // Fused: a body may be polled once more after its end (compression is).
    let mut response = Body::from_stream(futures::StreamExt::fuse(stream)).into_response();
    // The name in the address is made of safe characters (`paths::file`);
    // anything else is not used.
    let name = convene::documents::upload::file_name(&name)
        .ok()
        .filter(|n| {
            n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
        .unwrap_or_else(|| "file".to_owned());
    insert(&mut response, CONTENT_TYPE, &content_type);
    insert(&mut response, CONTENT_LENGTH, &length.to_string());
    insert(&mut response, ETAG, &tag);
    insert(
        &mut response,
        CACHE_CONTROL,
        "public, max-age=31536000, immutable",
    );
    insert(
        &mut response,
        CONTENT_DISPOSITION,
        &format!("inline; filename=\"{name}\""),
    );
    insert(
        &mut response,
        CONTENT_SECURITY_POLICY,
        "default-src 'none'; sandbox",
    );
    Ok(response)
}

fn insert(response: &mut Response, name: axum::http::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}
