//! Pictures the demo draws for itself: a portrait for each of its
//! speakers that is plainly a drawing (a head and shoulders in flat
//! colours, nobody's likeness), and a banner of soft bands. PNG, as an
//! organiser's upload would be, and made into variants the same way.

use image::{Rgb, RgbImage};
use sha2::{Digest, Sha256};

const SKIN: [[u8; 3]; 6] = [
    [241, 204, 176],
    [224, 172, 133],
    [198, 134, 94],
    [161, 102, 66],
    [120, 76, 50],
    [86, 56, 40],
];
const HAIR: [[u8; 3]; 5] = [
    [40, 30, 25],
    [90, 60, 35],
    [150, 110, 70],
    [200, 200, 205],
    [25, 25, 30],
];
const CLOTHES: [[u8; 3]; 6] = [
    [31, 95, 168],
    [40, 40, 48],
    [120, 40, 60],
    [30, 110, 90],
    [90, 90, 100],
    [150, 90, 30],
];

/// Bytes drawn from `seed`: the same seed draws the same picture.
fn seeded(seed: &str) -> [u8; 32] {
    Sha256::digest(seed.as_bytes()).into()
}

/// How much of the pixel at distance `d` from an edge (negative inside)
/// is inside: a soft edge one pixel wide, so shapes are not jagged.
fn inside(d: f32) -> f32 {
    (0.5 - d).clamp(0.0, 1.0)
}

fn mix(a: [f32; 3], b: [u8; 3], t: f32) -> [f32; 3] {
    [0, 1, 2].map(|i| a[i] + (f32::from(b[i]) - a[i]) * t)
}

/// A drawn portrait, `size` pixels square, as PNG.
pub fn portrait(seed: &str, size: u32) -> Vec<u8> {
    let s = seeded(seed);
    let pick = |palette: &[[u8; 3]], i: usize| palette[usize::from(s[i]) % palette.len()];
    let (skin, hair, clothes) = (pick(&SKIN, 0), pick(&HAIR, 1), pick(&CLOTHES, 2));
    let hue = f32::from(s[3]) / 255.0;
    let top = [200.0 + 40.0 * hue, 215.0, 235.0 - 40.0 * hue];
    let bottom = [top[0] - 35.0, top[1] - 30.0, top[2] - 25.0];
    let long_hair = s[4].is_multiple_of(2);
    let k = size as f32 / 512.0;
    let image = RgbImage::from_fn(size, size, |x, y| {
        let (x, y) = (x as f32 / k + 0.5, y as f32 / k + 0.5);
        let t = y / 512.0;
        let mut c = [0, 1, 2].map(|i| top[i] + (bottom[i] - top[i]) * t);
        // Hair behind the head (long) or as a cap (short).
        let hair_d = if long_hair {
            ((x - 256.0).powi(2) / 120.0f32.powi(2) + (y - 250.0).powi(2) / 150.0f32.powi(2)).sqrt()
                * 120.0
                - 120.0
        } else {
            ((x - 256.0).powi(2) + (y - 200.0).powi(2)).sqrt() - 104.0
        };
        c = mix(c, hair, inside(hair_d));
        // Shoulders, then the neck, then the head.
        let shoulders = ((x - 256.0).powi(2) / 210.0f32.powi(2)
            + (y - 560.0).powi(2) / 190.0f32.powi(2))
        .sqrt()
            * 190.0
            - 190.0;
        c = mix(c, clothes, inside(shoulders));
        let neck = (x - 256.0).abs().max((y - 330.0).abs()) - 38.0;
        c = mix(c, skin, inside(neck));
        let head = ((x - 256.0).powi(2) / 82.0f32.powi(2) + (y - 225.0).powi(2) / 100.0f32.powi(2))
            .sqrt()
            * 90.0
            - 90.0;
        c = mix(c, skin, inside(head));
        if !long_hair {
            // The fringe: the cap's lower edge across the forehead.
            let fringe = (((x - 256.0).powi(2) + (y - 205.0).powi(2)).sqrt() - 96.0).max(y - 165.0);
            c = mix(c, hair, inside(fringe));
        }
        Rgb(c.map(|v| v.round().clamp(0.0, 255.0) as u8))
    });
    png(&image)
}

/// A drawn banner, `width` by a third of it, in soft bands of `seed`'s
/// colours, as PNG.
pub fn banner(seed: &str, width: u32) -> Vec<u8> {
    let s = seeded(seed);
    let height = width / 3;
    let base = [
        f32::from(s[0] % 60) + 20.0,
        f32::from(s[1] % 60) + 70.0,
        f32::from(s[2] % 60) + 130.0,
    ];
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut c = [0, 1, 2].map(|i| base[i] * (1.0 - 0.35 * v));
        for band in 0..4 {
            let phase = f32::from(s[4 + band]) / 40.0;
            let level = 0.35 + 0.15 * band as f32 + 0.08 * (u * 6.0 + phase).sin();
            let light = [255, 255, 255];
            c = mix(c, light, 0.12 * inside((level - v) * height as f32));
        }
        Rgb(c.map(|v| v.round().clamp(0.0, 255.0) as u8))
    });
    png(&image)
}

fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(vec![]);
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("a drawn picture encodes");
    out.into_inner()
}

/// A monogram for the demo's hosts and partners: the initials of `name` in
/// a rounded square of its colour, as SVG. Plainly not their logo; the page
/// prints the name beside it.
pub fn monogram(name: &str) -> Vec<u8> {
    let s = seeded(name);
    let initials: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_uppercase())
        .take(3)
        .collect();
    let fill = format!(
        "#{:02X}{:02X}{:02X}",
        s[0] % 120,
        40 + s[1] % 100,
        80 + s[2] % 120
    );
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="{fill}"/><text x="48" y="58" font-family="sans-serif" font-size="30" font-weight="700" text-anchor="middle" fill="#FFFFFF">{initials}</text></svg>"##
    )
    .into_bytes()
}
