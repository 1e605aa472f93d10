//! A spreadsheet of text cells as an XLSX file (Office Open XML, ECMA-376):
//! the five parts a workbook needs, in a ZIP archive (the `zip` crate) with
//! the parts stored uncompressed (the export is small, and the HTTP layer compresses).
//! Every cell is an inline string, so nothing in it is ever a formula; it
//! is neutralised all the same, like the CSV, for whoever copies it on.

use crate::desk::neutralised;
use crate::escape::markup;

/// The workbook with one sheet named `sheet` holding `rows`.
pub fn workbook(sheet: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut data = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            data.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                column(c),
                r + 1,
                markup(&neutralised(cell))
            ));
        }
        data.push_str("</row>");
    }
    data.push_str("</sheetData></worksheet>");
    // Sheet names: at most 31 characters, none of []:*?/\.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
             Target=\"xl/workbook.xml\"/></Relationships>"
                .to_owned(),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
                 <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
                 <sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                markup(if name.trim().is_empty() { "Sheet1" } else { &name })
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet1.xml\"/></Relationships>"
                .to_owned(),
        ),
        ("xl/worksheets/sheet1.xml", data),
    ];
    zip(&parts)
}

/// A, B, ... Z, AA, AB, ...: the letters of the `index`th column (0 is A).
fn column(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = vec![];
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A ZIP archive of `files`, each stored as is.
fn zip(files: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    // 1980-01-01 00:00, the earliest time ZIP can say: the parts have no
    // meaningful date, and the same rows make the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in files {
        // Writing to memory cannot fail.
        archive
            .start_file(*name, options)
            .and_then(|()| Ok(archive.write_all(content.as_bytes())?))
            .expect("writes to memory");
    }
    archive.finish().expect("writes to memory").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_go_on_after_z() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn the_archive_holds_the_five_parts_and_the_same_rows_make_the_same_bytes() {
        use std::io::Read;
        let rows = [vec!["Amal".to_owned(), "Haddad".to_owned()]];
        let book = workbook("s", &rows);
        assert_eq!(book, workbook("s", &rows));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/_rels/workbook.xml.rels",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
            ]
        );
        let mut sheet = String::new();
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(
            sheet.contains(">Amal</t>") && sheet.contains(">Haddad</t>"),
            "{sheet}"
        );
    }

    #[test]
    fn cells_are_escaped_and_never_formulas() {
        let book = workbook(
            "Mechelen: registrations",
            &[vec![
                "=HYPERLINK(\"x\")".into(),
                "<b>O'Brien & co</b>".into(),
            ]],
        );
        let text = String::from_utf8_lossy(&book);
        assert!(text.contains("&apos;=HYPERLINK(&quot;x&quot;)"), "{text}");
        assert!(text.contains("&lt;b&gt;O&apos;Brien &amp; co&lt;/b&gt;"));
        assert!(text.contains("<sheet name=\"Mechelen registrations\""));
        assert!(book.starts_with(b"PK\x03\x04"));
    }
}
