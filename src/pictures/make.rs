//! Making an upload into a picture's variants, once, at upload: decoded
//! within limits (a small file can unpack into gigabytes), turned as its
//! camera said, cropped to its shape, resized to each size, and encoded
//! again, which leaves every tag of the original (EXIF, GPS) behind.

use super::{svg, Format, Picture, Shape, Variant};
use crate::documents::upload::MAX_MB;
use crate::field::Problem;
use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// The most pixels decoded: a 50-megapixel camera's picture. Decoded, it
/// takes 200 MB; beyond it, refused before decoding.
pub const MAX_PIXELS: u64 = 50_000_000;

/// WebP's and JPEG's quality: faces and banners look right at a phone's
/// size, at about a tenth of the original's weight.
const WEBP_QUALITY: f32 = 78.0;
const JPEG_QUALITY: u8 = 82;

/// A made file, to be kept among the files.
#[derive(Clone, PartialEq, Eq)]
pub struct MadeFile {
    pub hash: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for MadeFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MadeFile({}, {} bytes)",
            self.content_type,
            self.bytes.len()
        )
    }
}

/// A picture and the files its variants are.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub picture: Picture,
    pub files: Vec<MadeFile>,
}

/// Makes `bytes`, uploaded for `shape`, into a picture (without its text,
/// which the form gives). Takes some time on a large photo: call it off
/// the async threads.
pub fn make(bytes: &[u8], shape: Shape) -> Result<Made, Problem> {
    if bytes.len() > MAX_MB * 1024 * 1024 {
        return Err(Problem::FileTooLarge { max: MAX_MB });
    }
    if bytes.is_empty() {
        return Err(Problem::Required);
    }
    if svg::looks_like_svg(bytes) {
        if shape != Shape::Logo {
            return Err(Problem::PictureType);
        }
        return svg_logo(bytes);
    }
    match infer::get(bytes).map(|kind| kind.mime_type()) {
        Some("image/png" | "image/jpeg" | "image/webp") => {}
        _ => return Err(Problem::PictureType),
    }
    let image = decode(bytes)?;
    let (width, height) = image.dimensions();
    let (min_width, min_height) = shape.minimum();
    if width < min_width || height < min_height {
        return Err(Problem::PictureTooSmall {
            width: min_width,
            height: min_height,
        });
    }
    let image = crop(image, shape);
    let transparent = is_transparent(&image);
    let fallback = if transparent {
        Format::Png
    } else {
        Format::Jpeg
    };
    let mut variants = vec![];
    let mut files = vec![];
    for (w, h) in sizes(image.dimensions(), shape) {
        // A large photo is brought near the size first, quickly; the
        // finer filter then works on a few times the pixels it makes.
        let near = if image.width() > 3 * w {
            image.thumbnail(2 * w, 2 * h)
        } else {
            image.clone()
        };
        let sized = near.resize_exact(w, h, FilterType::Lanczos3);
        for format in [Format::Webp, fallback] {
            let encoded = encode(&sized, format, transparent)?;
            variants.push(Variant {
                width: w,
                height: h,
                format,
                hash: hash(&encoded),
                bytes: u32::try_from(encoded.len()).unwrap_or(u32::MAX),
            });
            files.push(MadeFile {
                hash: hash(&encoded),
                content_type: format.content_type(),
                bytes: encoded,
            });
        }
    }
    let largest = variants
        .last()
        .map(|v| (v.width, v.height))
        .unwrap_or((0, 0));
    Ok(Made {
        picture: Picture {
            shape,
            width: largest.0,
            height: largest.1,
            variants,
            alt: None,
        },
        files,
    })
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let unreadable = |_| Problem::PictureUnreadable;
    // Its size first, from its header: too many pixels are refused
    // before any is decoded.
    let (width, height) = reader(bytes, u32::MAX, u32::MAX)?
        .into_dimensions()
        .map_err(unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::PictureTooManyPixels {
            megapixels: (MAX_PIXELS / 1_000_000) as u32,
        });
    }
    let mut decoder = reader(bytes, width, height)?
        .into_decoder()
        .map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn reader(bytes: &[u8], width: u32, height: u32) -> Result<ImageReader<Cursor<&[u8]>>, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Problem::PictureUnreadable)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    Ok(reader)
}

/// The largest centred part of `image` of its shape's proportions.
fn crop(image: DynamicImage, shape: Shape) -> DynamicImage {
    let Some((rw, rh)) = shape.ratio() else {
        return image;
    };
    let (w, h) = image.dimensions();
    let (cw, ch) = if u64::from(w) * u64::from(rh) > u64::from(h) * u64::from(rw) {
        ((u64::from(h) * u64::from(rw) / u64::from(rh)) as u32, h)
    } else {
        (w, (u64::from(w) * u64::from(rh) / u64::from(rw)) as u32)
    };
    image.crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch)
}

/// The sizes made of a picture `(width, height)` for `shape`: each size
/// the picture reaches; a logo's sizes are heights.
fn sizes((width, height): (u32, u32), shape: Shape) -> Vec<(u32, u32)> {
    let scale = |size: u32, of: u32, other: u32| {
        ((u64::from(size) * u64::from(other) + u64::from(of) / 2) / u64::from(of)).max(1) as u32
    };
    let mut made: Vec<(u32, u32)> = shape
        .sizes()
        .iter()
        .copied()
        .filter_map(|size| match shape {
            Shape::Logo => (size <= height).then(|| (scale(size, height, width), size)),
            _ => (size <= width).then(|| (size, scale(size, width, height))),
        })
        .collect();
    if made.is_empty() {
        made.push((width, height));
    }
    made
}

fn is_transparent(image: &DynamicImage) -> bool {
    image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] < 255)
}

fn encode(image: &DynamicImage, format: Format, alpha: bool) -> Result<Vec<u8>, Problem> {
    let failed = |_| Problem::PictureUnreadable;
    let mut out = vec![];
    match format {
        Format::Webp => {
            // libwebp: image's own WebP encoder writes lossless files only,
            // several times heavier for photographs.
            let memory = if alpha {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height()).encode(WEBP_QUALITY)
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height()).encode(WEBP_QUALITY)
            };
            out.extend_from_slice(&memory);
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&rgb)
                .map_err(failed)?;
        }
        Format::Png => {
            let rgba = image.to_rgba8();
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            image::ImageEncoder::write_image(
                encoder,
                &rgba,
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
            .map_err(failed)?;
        }
        Format::Svg => return Err(Problem::PictureType),
    }
    Ok(out)
}

/// An SVG logo, kept as sent: it scales by itself.
fn svg_logo(bytes: &[u8]) -> Result<Made, Problem> {
    let (width, height) = svg::check(bytes)?;
    let hash = hash(bytes);
    let variant = Variant {
        width,
        height,
        format: Format::Svg,
        hash: hash.clone(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    };
    Ok(Made {
        picture: Picture {
            shape: Shape::Logo,
            width,
            height,
            variants: vec![variant],
            alt: None,
        },
        files: vec![MadeFile {
            hash,
            content_type: Format::Svg.content_type(),
            bytes: bytes.to_vec(),
        }],
    })
}

pub(crate) fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pictures::samples::{jpeg, with_exif};
    use image::{RgbImage, Rgba, RgbaImage};

    fn exif_of(bytes: &[u8]) -> Option<exif::Exif> {
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(bytes))
            .ok()
    }

    #[test]
    fn a_portrait_is_cropped_square_in_three_sizes_and_two_formats() {
        let made = make(&jpeg(800, 600), Shape::Portrait).unwrap();
        let sizes: Vec<_> = made
            .picture
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.format))
            .collect();
        assert_eq!(
            sizes,
            [
                (96, 96, Format::Webp),
                (96, 96, Format::Jpeg),
                (192, 192, Format::Webp),
                (192, 192, Format::Jpeg),
                (384, 384, Format::Webp),
                (384, 384, Format::Jpeg),
            ]
        );
        // Each file is what its variant says, read back by the decoder.
        for (variant, file) in made.picture.variants.iter().zip(&made.files) {
            assert_eq!(variant.hash, file.hash);
            assert_eq!(file.content_type, variant.format.content_type());
            let decoded = image::load_from_memory(&file.bytes).unwrap();
            assert_eq!(decoded.dimensions(), (variant.width, variant.height));
        }
        // WebP is the lighter of the two.
        assert!(made.files[4].bytes.len() < made.files[5].bytes.len());
        assert_eq!(made.picture.fallback(192).unwrap().width, 192);
        assert_eq!(made.picture.fallback(1000).unwrap().width, 384);
        assert!(made
            .picture
            .srcset(Format::Webp)
            .ends_with("/384.webp 384w"));
    }

    #[test]
    fn the_camera_s_position_does_not_survive_and_its_turn_does() {
        let photo = with_exif(&jpeg(1200, 400), 6);
        let exif = exif_of(&photo).expect("the test photo carries EXIF");
        assert!(exif
            .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some());
        // Turned a quarter as its camera says, the banner is 400 wide: too
        // narrow for a banner.
        assert_eq!(
            make(&photo, Shape::Banner),
            Err(Problem::PictureTooSmall {
                width: 960,
                height: 320
            })
        );
        let made = make(&photo, Shape::Portrait).unwrap();
        for file in &made.files {
            assert!(exif_of(&file.bytes).is_none(), "{file:?} carries EXIF");
            assert!(!file.bytes.windows(4).any(|w| w == b"Exif"), "{file:?}");
        }
        let upright = with_exif(&jpeg(1200, 400), 1);
        assert!(make(&upright, Shape::Banner).is_ok());
    }

    #[test]
    fn wrong_small_huge_and_broken_files_are_refused() {
        let pdf = crate::documents::pdf::document(&["x"]);
        assert_eq!(make(&pdf, Shape::Portrait), Err(Problem::PictureType));
        assert_eq!(
            make(&jpeg(150, 150), Shape::Portrait),
            Err(Problem::PictureTooSmall {
                width: 200,
                height: 200
            })
        );
        // A PNG whose header says 30000 × 30000: refused from its header,
        // before 3.6 GB are taken to decode it.
        let mut bomb = vec![];
        RgbImage::new(1, 1)
            .write_to(
                &mut std::io::Cursor::new(&mut bomb),
                image::ImageFormat::Png,
            )
            .unwrap();
        bomb[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&30_000u32.to_be_bytes());
        // The header's checksum, as the header now reads.
        let crc = crc32fast::hash(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            make(&bomb, Shape::Portrait),
            Err(Problem::PictureTooManyPixels { megapixels: 50 })
        );
        // JPEG's signature, and nothing a decoder can read after it. (A
        // photo cut short still opens, greyed at the bottom, as in a
        // browser.)
        let broken = b"\xFF\xD8\xFF\xE0 not a picture at all".to_vec();
        assert_eq!(
            make(&broken, Shape::Portrait),
            Err(Problem::PictureUnreadable)
        );
        assert_eq!(make(&[], Shape::Portrait), Err(Problem::Required));
        let mut large = jpeg(400, 400);
        large.resize(MAX_MB * 1024 * 1024 + 1, 0);
        assert_eq!(
            make(&large, Shape::Portrait),
            Err(Problem::FileTooLarge { max: MAX_MB })
        );
    }

    #[test]
    fn a_logo_keeps_its_shape_and_its_transparency() {
        let logo = RgbaImage::from_fn(300, 100, |x, _| {
            if x < 150 {
                Rgba([31, 95, 168, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        let mut png = vec![];
        logo.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let made = make(&png, Shape::Logo).unwrap();
        let sizes: Vec<_> = made
            .picture
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.format))
            .collect();
        assert_eq!(
            sizes,
            [
                (144, 48, Format::Webp),
                (144, 48, Format::Png),
                (288, 96, Format::Webp),
                (288, 96, Format::Png)
            ]
        );
        let decoded = image::load_from_memory(&made.files[1].bytes)
            .unwrap()
            .to_rgba8();
        assert_eq!(
            decoded.get_pixel(140, 20).0[3],
            0,
            "transparent stays transparent"
        );
    }

    #[test]
    fn an_svg_logo_is_taken_unless_it_can_run_or_fetch_something() {
        let clean = br##"<?xml version="1.0"?>
<!-- A logo -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 50">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1f5fa8"/></linearGradient></defs>
  <rect width="200" height="50" fill="url(#g)" style="stroke: #000"/>
  <use xlink:href="#g"/>
</svg>"##;
        let made = make(clean, Shape::Logo).unwrap();
        assert_eq!(made.picture.variants[0].format, Format::Svg);
        assert_eq!((made.picture.width, made.picture.height), (200, 50));
        assert_eq!(made.files[0].bytes, clean.to_vec());
        assert_eq!(make(clean, Shape::Portrait), Err(Problem::PictureType));
        for hostile in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="x()"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><rect/></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url('https://x.example/f')"/></svg>"#,
            r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>"##,
        ] {
            assert_eq!(
                make(hostile.as_bytes(), Shape::Logo),
                Err(Problem::SvgScript),
                "{hostile}"
            );
        }
        assert_eq!(
            make(b"<svg><unclosed></svg>", Shape::Logo),
            Err(Problem::PictureUnreadable)
        );
    }
}
