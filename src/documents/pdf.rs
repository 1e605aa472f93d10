//! PDFs, with `lopdf`: an uploaded PDF read for what would act on a
//! reader's computer, and the small PDFs of the demo's outcome documents.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// The names that make a PDF act rather than show: scripts, actions run on
/// opening or on a click (launching a program, submitting a form),
/// attached files, forms that run code, embedded media.
const ACTIVE: [&[u8]; 11] = [
    b"JavaScript",
    b"JS",
    b"Launch",
    b"OpenAction",
    b"AA",
    b"SubmitForm",
    b"ImportData",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"XFA",
];

/// Whether the PDF holds any of the [`ACTIVE`] names, as a key or a value,
/// anywhere (object streams are read by the parser; `#xx` escapes in names
/// are decoded by it). An error: it does not read as a PDF.
pub fn is_active(bytes: &[u8]) -> Result<bool, lopdf::Error> {
    let document = Document::load_mem(bytes)?;
    let trailer = Object::Dictionary(document.trailer.clone());
    let mut stack: Vec<&Object> = document.objects.values().collect();
    stack.push(&trailer);
    while let Some(object) = stack.pop() {
        match object {
            Object::Name(name) if ACTIVE.contains(&name.as_slice()) => return Ok(true),
            Object::Array(items) => stack.extend(items.iter()),
            Object::Dictionary(dictionary) => {
                for (key, value) in dictionary.iter() {
                    if ACTIVE.contains(&key.as_slice()) {
                        return Ok(true);
                    }
                    stack.push(value);
                }
            }
            Object::Stream(stream) => {
                for (key, value) in stream.dict.iter() {
                    if ACTIVE.contains(&key.as_slice()) {
                        return Ok(true);
                    }
                    stack.push(value);
                }
            }
            _ => {}
        }
    }
    Ok(false)
}

/// A one-page A4 PDF of `lines` in Helvetica (a font every reader has, so
/// nothing is embedded). Helvetica's WinAnsi encoding covers English and
/// French; other characters print as `?`.
pub fn document(lines: &[&str]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("TL", vec![18.into()]),
        Operation::new("Td", vec![60.into(), 770.into()]),
    ];
    for line in lines {
        operations.push(Operation::new(
            "Tj",
            vec![Object::string_literal(win_ansi(line))],
        ));
        operations.push(Operation::new("T*", vec![]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("a content stream encodes"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = vec![];
    doc.save_to(&mut bytes).expect("a PDF writes to memory");
    bytes
}

/// `text` in WinAnsiEncoding: Latin-1 and the typographic quotes and dashes.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => c as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
pub(crate) fn scripted_document() -> Vec<u8> {
    let mut doc = Document::load_mem(&document(&["x"])).unwrap();
    let script = doc.add_object(dictionary! {
        "S" => "JavaScript",
        "JS" => Object::string_literal("app.alert(1)"),
    });
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_object_mut(root)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("OpenAction", script);
    let mut bytes = vec![];
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_pdf_reads_back_and_is_inert() {
        let bytes = document(&["Déclaration de Malines", "“Cities” – 2017"]);
        assert!(bytes.starts_with(b"%PDF-1.5"));
        assert!(!is_active(&bytes).unwrap());
        assert!(is_active(&scripted_document()).unwrap());
        assert!(is_active(b"%PDF-1.4 garbage").is_err());
    }
}
