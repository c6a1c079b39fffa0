//! The IDX format of the MNIST files: a big-endian header, then raw u8 payload.
//! Files may be gzip-compressed (as served) or raw (as in the npm package); we tell them apart by
//! the gzip magic bytes, not by the file name, so a renamed file still loads.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::GzDecoder;

use super::DataError;

/// Magic number of an IDX file of u8 images (type 0x08, 3 dimensions).
pub const IMAGES_MAGIC: u32 = 2051;
/// Magic number of an IDX file of u8 labels (type 0x08, 1 dimension).
pub const LABELS_MAGIC: u32 = 2049;
/// Image side in pixels.
pub const SIDE: usize = 28;
/// Pixels per image.
pub const PIXELS: usize = SIDE * SIDE;
/// Number of classes; labels are 0..CLASSES.
pub const CLASSES: usize = 10;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// The most an IDX file may hold once decompressed: MNIST's largest, the 60 000 training
/// images (47 040 016 bytes), with room to spare. A small gzip file can inflate a thousandfold;
/// without this bound a damaged or hostile download could fill the worker's memory.
pub const MAX_IDX_BYTES: u64 = 48_000_000;
const IMAGES_HEADER: usize = 16;
const LABELS_HEADER: usize = 8;

/// Returns the IDX bytes of `bytes`, gunzipping them if they start with the gzip magic.
pub fn decompress<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, DataError> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    // One byte past the bound tells a file that is too large from one exactly at it.
    GzDecoder::new(bytes)
        .take(MAX_IDX_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| DataError::Gzip {
            file: file.to_string(),
            reason: e.to_string(),
        })?;
    if out.len() as u64 > MAX_IDX_BYTES {
        return Err(DataError::TooLarge { file: file.to_string(), limit: MAX_IDX_BYTES });
    }
    Ok(Cow::Owned(out))
}

/// Parses an images file (gzip or raw) into its pixels, `count * 784` bytes, image after image,
/// row-major. Returns the pixels; the count is `pixels.len() / PIXELS`.
pub fn parse_images(file: &str, bytes: &[u8]) -> Result<Vec<u8>, DataError> {
    let data = decompress(file, bytes)?;
    check_len(file, &data, IMAGES_HEADER)?;
    check_magic(file, &data, IMAGES_MAGIC, "images")?;
    let (count, rows, cols) = (be_u32(&data, 4), be_u32(&data, 8), be_u32(&data, 12));
    if rows as usize != SIDE || cols as usize != SIDE {
        return Err(DataError::WrongDimensions {
            file: file.to_string(),
            rows,
            cols,
        });
    }
    check_payload(file, &data, IMAGES_HEADER, count, PIXELS)?;
    Ok(payload(data, IMAGES_HEADER))
}

/// Parses a labels file (gzip or raw) into its labels, each checked to be in 0..=9.
pub fn parse_labels(file: &str, bytes: &[u8]) -> Result<Vec<u8>, DataError> {
    let data = decompress(file, bytes)?;
    check_len(file, &data, LABELS_HEADER)?;
    check_magic(file, &data, LABELS_MAGIC, "labels")?;
    let count = be_u32(&data, 4);
    check_payload(file, &data, LABELS_HEADER, count, 1)?;
    let labels = payload(data, LABELS_HEADER);
    if let Some((index, &label)) = labels
        .iter()
        .enumerate()
        .find(|(_, l)| **l as usize >= CLASSES)
    {
        return Err(DataError::LabelOutOfRange {
            file: file.to_string(),
            index,
            label,
        });
    }
    Ok(labels)
}

fn be_u32(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

fn check_len(file: &str, data: &[u8], need: usize) -> Result<(), DataError> {
    if data.len() < need {
        return Err(DataError::TooShort {
            file: file.to_string(),
            len: data.len(),
            need,
        });
    }
    Ok(())
}

fn check_magic(
    file: &str,
    data: &[u8],
    expected: u32,
    kind: &'static str,
) -> Result<(), DataError> {
    let found = be_u32(data, 0);
    if found != expected {
        return Err(DataError::WrongMagic {
            file: file.to_string(),
            kind,
            found,
            expected,
        });
    }
    Ok(())
}

/// The payload must be exactly `count` items: shorter means truncated, longer means corrupt.
fn check_payload(
    file: &str,
    data: &[u8],
    header: usize,
    count: u32,
    item_len: usize,
) -> Result<(), DataError> {
    let expected = count as usize * item_len;
    let actual = data.len() - header;
    if actual != expected {
        return Err(DataError::PayloadLength {
            file: file.to_string(),
            count,
            expected,
            actual,
        });
    }
    Ok(())
}

/// Drops the header; reuses the decompressed buffer instead of copying 47 MB again.
fn payload(data: Cow<'_, [u8]>, header: usize) -> Vec<u8> {
    match data {
        Cow::Borrowed(b) => b[header..].to_vec(),
        Cow::Owned(mut v) => {
            v.drain(..header);
            v
        }
    }
}
