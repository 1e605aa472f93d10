//! An uploaded file, checked before anything is stored: its name is a name
//! (no path), its size within bounds, its type read from its bytes (not
//! from its name or what the browser claimed), and a PDF holds no script,
//! automatic action or attached file.

use super::pdf;
use crate::field::Problem;
use sha2::{Digest, Sha256};

/// The largest file taken, in megabytes.
pub const MAX_MB: usize = 10;

/// What a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// An outcome document.
    Pdf,
    /// A post's picture.
    Image,
}

/// A file that passed every check: its bytes, their type and hash, and its
/// name.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub content_type: &'static str,
    pub hash: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Upload({}, {}, {} bytes)",
            self.name,
            self.content_type,
            self.bytes.len()
        )
    }
}

impl Upload {
    /// Checks `bytes`, uploaded as `name`, for a field that takes `accept`.
    pub fn parse(name: &str, bytes: Vec<u8>, accept: Accept) -> Result<Upload, Problem> {
        let name = file_name(name)?;
        if bytes.len() > MAX_MB * 1024 * 1024 {
            return Err(Problem::FileTooLarge { max: MAX_MB });
        }
        if bytes.is_empty() {
            return Err(Problem::Required);
        }
        let detected = infer::get(&bytes).map(|kind| kind.mime_type());
        let content_type = match (accept, detected) {
            (Accept::Pdf, Some("application/pdf")) => "application/pdf",
            (Accept::Image, Some("image/png")) => "image/png",
            (Accept::Image, Some("image/jpeg")) => "image/jpeg",
            (Accept::Image, Some("image/webp")) => "image/webp",
            _ => return Err(Problem::FileType),
        };
        if content_type == "application/pdf" {
            match pdf::is_active(&bytes) {
                Ok(false) => {}
                Ok(true) => return Err(Problem::FileScript),
                Err(_) => return Err(Problem::FileUnreadable),
            }
        }
        let hash = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Upload {
            name,
            content_type,
            hash,
            bytes,
        })
    }
}

/// A file's name as uploaded, if it is only a name: no path (`/`, `\`,
/// `..`), no control or bidirectional characters, at most 200 characters.
/// A browser sends the name alone; a path means a crafted request, or a
/// name made to be saved elsewhere: refused rather than cut.
pub fn file_name(name: &str) -> Result<String, Problem> {
    let name = name.trim();
    let pathless = !name.contains(['/', '\\']) && !name.contains("..");
    let clean = !name
        .chars()
        .any(|c| c.is_control() || crate::field::is_bidi_override(c));
    if name.is_empty() || !pathless || !clean || name.chars().count() > 200 {
        return Err(Problem::FileName);
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn a_pdf_is_taken_and_hashed() {
        let bytes = pdf::document(&["Mechelen Declaration"]);
        let upload = Upload::parse("declaration.pdf", bytes.clone(), Accept::Pdf).unwrap();
        assert_eq!(upload.content_type, "application/pdf");
        assert_eq!(upload.hash.len(), 64);
        assert_eq!(upload.name, "declaration.pdf");
    }

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        let html = b"<html><script>alert(1)</script></html>".to_vec();
        assert_eq!(
            Upload::parse("declaration.pdf", html, Accept::Pdf),
            Err(Problem::FileType)
        );
        assert_eq!(
            Upload::parse("picture.pdf", PNG.to_vec(), Accept::Pdf),
            Err(Problem::FileType)
        );
        let png = Upload::parse("declaration.pdf", PNG.to_vec(), Accept::Image).unwrap();
        assert_eq!(png.content_type, "image/png");
        let pdf = pdf::document(&["x"]);
        assert_eq!(
            Upload::parse("x.pdf", pdf, Accept::Image),
            Err(Problem::FileType)
        );
    }

    #[test]
    fn paths_sizes_scripts_and_broken_pdfs_are_refused() {
        let pdf = pdf::document(&["x"]);
        for name in [
            "../declaration.pdf",
            "a/b.pdf",
            "..\\b.pdf",
            "",
            "a\u{202E}fdp.exe",
        ] {
            assert_eq!(
                Upload::parse(name, pdf.clone(), Accept::Pdf),
                Err(Problem::FileName),
                "{name:?}"
            );
        }
        let mut large = pdf.clone();
        large.resize(MAX_MB * 1024 * 1024 + 1, b' ');
        assert_eq!(
            Upload::parse("large.pdf", large, Accept::Pdf),
            Err(Problem::FileTooLarge { max: MAX_MB })
        );
        assert_eq!(
            Upload::parse("empty.pdf", vec![], Accept::Pdf),
            Err(Problem::Required)
        );
        assert_eq!(
            Upload::parse("scripted.pdf", pdf::scripted_document(), Accept::Pdf),
            Err(Problem::FileScript)
        );
        assert_eq!(
            Upload::parse(
                "broken.pdf",
                b"%PDF-1.5\nnot a pdf at all".to_vec(),
                Accept::Pdf
            ),
            Err(Problem::FileUnreadable)
        );
    }
}
