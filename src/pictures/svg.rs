//! SVG logos: taken when they are pictures only. An SVG is a document that
//! can carry scripts, event handlers and links to content elsewhere; pages
//! show logos through `<img>`, where none of that runs, but a visitor who
//! opens the file runs what it holds (the files' sandbox stops scripts in
//! today's browsers; refusing them here does not depend on it). Read with
//! roxmltree, a maintained XML parser; nothing is rewritten, an SVG that
//! holds any of these is refused with the reason.

use crate::field::Problem;

/// The largest SVG taken: logos are a few kilobytes.
pub const MAX_KB: usize = 1024;

/// Elements that run or embed something.
const ACTIVE: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "audio",
    "video",
];

/// Whether `bytes` are an SVG document (text starting, after a byte-order
/// mark, an XML declaration, comments or a doctype, with `<svg`).
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let Ok(text) =
        std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]))
    else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if rest.starts_with("<svg") {
            return true;
        }
        let skipped = [("<?", "?>"), ("<!--", "-->"), ("<!", ">")]
            .iter()
            .find(|(open, _)| rest.starts_with(open))
            .and_then(|(_, close)| rest.find(close).map(|end| &rest[end + close.len()..]));
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return false,
        }
    }
}

/// Checks an SVG logo; answers its size in CSS pixels (from `width` and
/// `height`, or its `viewBox`; a browser's 300 × 150 without either).
pub fn check(bytes: &[u8]) -> Result<(u32, u32), Problem> {
    if bytes.len() > MAX_KB * 1024 {
        return Err(Problem::FileTooLarge { max: 1 });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::PictureUnreadable)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 50_000,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|_| Problem::PictureUnreadable)?;
    let root = document.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("svg") {
        return Err(Problem::PictureUnreadable);
    }
    for node in document.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if ACTIVE.contains(&name.as_str()) {
                return Err(Problem::SvgScript);
            }
            // An animation can set an attribute to a script's address.
            if matches!(
                name.as_str(),
                "set" | "animate" | "animatetransform" | "animatemotion"
            ) && node.attributes().any(|a| {
                a.name().eq_ignore_ascii_case("attributename")
                    && (a.value().to_ascii_lowercase().contains("href")
                        || a.value().to_ascii_lowercase().starts_with("on"))
            }) {
                return Err(Problem::SvgScript);
            }
            for attribute in node.attributes() {
                let name = attribute.name().to_ascii_lowercase();
                let value = attribute.value();
                if name.starts_with("on")
                    || (name == "href" && !value.trim().starts_with('#'))
                    || (name == "style" && !style_is_inert(value))
                {
                    return Err(Problem::SvgScript);
                }
            }
            if name == "style"
                && !style_is_inert(&node.children().filter_map(|c| c.text()).collect::<String>())
            {
                return Err(Problem::SvgScript);
            }
        }
    }
    Ok(size(root))
}

/// A style that fetches nothing: no `@import`, and `url()` only to a part
/// of the same document.
fn style_is_inert(style: &str) -> bool {
    let style = style.to_ascii_lowercase();
    if style.contains("@import") || style.contains("expression(") {
        return false;
    }
    style.match_indices("url(").all(|(at, _)| {
        let inside = style[at + 4..].trim_start_matches([' ', '"', '\'']);
        inside.starts_with('#')
    })
}

fn size(root: roxmltree::Node) -> (u32, u32) {
    let length = |name: &str| {
        root.attribute(name)
            .map(|v| v.trim().trim_end_matches("px"))
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v >= 1.0)
    };
    let view_box = root.attribute("viewBox").and_then(|v| {
        let numbers: Vec<f64> = v
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        match numbers[..] {
            [_, _, w, h] if w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0 => Some((w, h)),
            _ => None,
        }
    });
    let (w, h) = match (length("width"), length("height"), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(size)) => size,
        _ => (300.0, 150.0),
    };
    (
        w.round().clamp(1.0, 10_000.0) as u32,
        h.round().clamp(1.0, 10_000.0) as u32,
    )
}
