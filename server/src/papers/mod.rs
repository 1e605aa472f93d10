//! Papers: the PDFs the server writes (badges; letters and certificates
//! to come), typeset by typst as a library. A paper is a typst template of
//! this folder, fed its data as `data.json` (never pasted into the markup:
//! a delegate's name is data, not code) and its pictures as files. The
//! fonts are the Noto fonts of `server/fonts/` (OFL), compiled into the
//! binary, so that every machine sets the same pages; typst shapes Arabic
//! and orders right-to-left text itself.
//!
//! Rendering is heavy (a 2,000-badge PDF takes seconds): it runs on a
//! blocking thread, one paper per core at a time (`TURNS`), so that the
//! rest of the server keeps answering.

pub mod badges;
pub mod letters;

use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The fonts every paper is set in: Noto Sans for Latin, Greek and
/// Cyrillic names, Noto Naskh Arabic for Arabic ones.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let files: [&'static [u8]; 4] = [
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
        include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
        include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    ];
    let fonts: Vec<Font> = files
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One paper to set: its template, its data and its pictures.
struct Paper {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn file_id(path: &str) -> Result<FileId, PaperError> {
    let path = VirtualPath::new(path).map_err(|e| PaperError::Failed(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

impl World for Paper {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// Papers carry their dates in their data: a page set twice is the
    /// same page.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Why no paper came out.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// Too many papers waiting already: ask again shortly (503).
    #[error("too many papers are being set")]
    Busy,
    /// A template's mistake, never the data's.
    #[error("cannot set the paper: {0}")]
    Failed(String),
}

/// At most this many papers are set at once (one per core): the others
/// wait their turn.
static TURNS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// At most this many wait for a turn; more are refused at once, so that a
/// flood of downloads holds no more memory than this.
const MAX_WAITING: usize = 32;
static WAITING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Sets `template` with `data` (as `data.json`) and `files` (by path) into
/// a PDF, on a blocking thread, in its turn.
pub async fn render(
    template: &'static str,
    data: serde_json::Value,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, PaperError> {
    use std::sync::atomic::Ordering;
    if WAITING.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        return Err(PaperError::Busy);
    }
    let turn = TURNS.acquire().await;
    WAITING.fetch_sub(1, Ordering::SeqCst);
    let _turn = turn.map_err(|e| PaperError::Failed(e.to_string()))?;
    tokio::task::spawn_blocking(move || render_now(template, &data, files))
        .await
        .map_err(|e| PaperError::Failed(e.to_string()))?
}

fn render_now(
    template: &'static str,
    data: &serde_json::Value,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, PaperError> {
    let mut all = HashMap::new();
    all.insert(file_id("/data.json")?, Bytes::from_string(data.to_string()));
    for (path, bytes) in files {
        all.insert(file_id(&path)?, Bytes::new(bytes));
    }
    let paper = Paper {
        main: Source::new(file_id("/main.typ")?, template.to_owned()),
        files: all,
    };
    let document: PagedDocument = typst::compile(&paper)
        .output
        .map_err(|errors| PaperError::Failed(messages(&errors)))?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("Convene".to_owned())),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| PaperError::Failed(messages(&errors)))
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
