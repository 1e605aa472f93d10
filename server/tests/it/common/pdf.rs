//! PDFs read back by poppler-utils (`scripts/setup --test`), tools nobody
//! here wrote: the text in logical order, page counts and sizes, pictures.

/// What `tool` (pdftotext, pdfinfo, …) prints for a PDF, with `args`.
pub fn pdf_tool(tool: &str, bytes: &[u8], args: &[&str]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("paper.pdf");
    std::fs::write(&file, bytes).unwrap();
    let mut command = std::process::Command::new(tool);
    command.args(args).arg(&file);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils, scripts/setup --test): {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text pdftotext reads in a PDF.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_tool("pdftotext", bytes, &[])
}
