//! QR codes (server only): a pass's code, a paper's verification address.
//! SVG for pages and PDFs; PNG for email, whose programs do not show SVG,
//! and for the badges, where 2,000 small pictures cost far less memory to
//! set than 2,000 drawings.

fn code(text: &str) -> qrcode::QrCode {
    qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
        .expect("a code or an address fits a QR code (up to 2,331 bytes)")
}

/// `text` as a QR code in SVG, with the quiet zone scanners need.
pub fn svg(text: &str) -> String {
    use qrcode::render::svg;
    let svg = code(text)
        .render::<svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    // Without its XML declaration: the SVG also goes inside HTML.
    match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    }
}

/// `text` as a QR code in PNG, each module `module` pixels wide, with the
/// quiet zone.
pub fn png(text: &str, module: u32) -> Vec<u8> {
    let picture = code(text)
        .render::<image::Luma<u8>>()
        .module_dimensions(module, module)
        .quiet_zone(true)
        .build();
    let mut png = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("a picture in memory encodes");
    png.into_inner()
}
