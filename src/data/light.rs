//! The light data set, for a class on slow school Wi-Fi: the first 18 000 training and the first
//! 2 000 test images of MNIST, in the same four IDX files (only the count in each header
//! changes), so the worker reads them exactly as it reads the full ones. `cargo xtask` cuts them
//! from the real files and checks them against the digests below; a share link chooses them
//! with `data=light`.

use super::files::FILE_NAMES;

/// Training images in the light set.
pub const LIGHT_TRAIN: usize = 18_000;
/// Test images in the light set.
pub const LIGHT_TEST: usize = 2_000;
/// Where the light files are served, under the data folder.
pub const LIGHT_FOLDER: &str = "light/";

/// Which MNIST the page trains on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DataChoice {
    /// All of MNIST: 60 000 training and 10 000 test images.
    #[default]
    Full,
    /// [`LIGHT_TRAIN`] and [`LIGHT_TEST`] of them.
    Light,
}

impl DataChoice {
    /// The folder under the data URL that holds its files.
    pub fn folder(self) -> &'static str {
        match self {
            DataChoice::Full => "",
            DataChoice::Light => LIGHT_FOLDER,
        }
    }

    /// (training images, test images).
    pub fn images(self) -> (usize, usize) {
        match self {
            DataChoice::Full => (60_000, 10_000),
            DataChoice::Light => (LIGHT_TRAIN, LIGHT_TEST),
        }
    }

    /// The training images a run asking for `subset` uses on this data: on the light set at
    /// most what it holds, said as a number, so a run's record says how many it used.
    pub fn training_images(self, subset: Option<usize>) -> Option<usize> {
        self.at_most(subset, self.images().0)
    }

    /// The same for the test images a run validates on.
    pub fn test_images(self, subset: Option<usize>) -> Option<usize> {
        self.at_most(subset, self.images().1)
    }

    fn at_most(self, subset: Option<usize>, held: usize) -> Option<usize> {
        match self {
            DataChoice::Full => subset,
            DataChoice::Light => Some(subset.map_or(held, |n| n.min(held))),
        }
    }

    /// "light" in a share link; the full set is the default and has no word.
    pub fn link_word(self) -> Option<&'static str> {
        match self {
            DataChoice::Full => None,
            DataChoice::Light => Some("light"),
        }
    }
}

/// One light file: its name (as the full file's) and what it must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LightFile {
    pub name: &'static str,
    /// Items kept from the full file.
    pub items: usize,
    /// Size of the uncompressed IDX content.
    pub raw_len: u64,
    /// sha256 of the uncompressed IDX content (lowercase hex).
    pub raw_sha256: &'static str,
}

/// The four light files, in the order of [`FILE_NAMES`]. The digests were computed once from
/// the original files (the first items, the count rewritten); `cargo xtask` checks what it
/// writes against them.
pub const LIGHT_FILES: [LightFile; 4] = [
    LightFile { name: FILE_NAMES[0], items: LIGHT_TRAIN, raw_len: 16 + 784 * LIGHT_TRAIN as u64, raw_sha256: "64af5e34f581889c9c040300de186b1ffbbb2e0f87f31c4577e6cad6cc7a03db" },
    LightFile { name: FILE_NAMES[1], items: LIGHT_TRAIN, raw_len: 8 + LIGHT_TRAIN as u64, raw_sha256: "f8efb8001e6fb6895a0462e6b58ebb101b8f235ac41dd0275072a30284ff7156" },
    LightFile { name: FILE_NAMES[2], items: LIGHT_TEST, raw_len: 16 + 784 * LIGHT_TEST as u64, raw_sha256: "3f6bd66dee48df299584c67669bceee490faa25f931496bd7473b42106d7daed" },
    LightFile { name: FILE_NAMES[3], items: LIGHT_TEST, raw_len: 8 + LIGHT_TEST as u64, raw_sha256: "7b098e5f6a3065807cebeabf36fb1724a8aff19f2673ac08b4923e0e8c715bce" },
];

/// The first `items` items of an uncompressed IDX file (images or labels): its header with the
/// count rewritten, then the items. `None` when `raw` is not such a file or holds fewer.
pub fn first_items(raw: &[u8], items: usize) -> Option<Vec<u8>> {
    let magic = u32::from_be_bytes(raw.get(0..4)?.try_into().ok()?);
    let (header, item_bytes) = match magic {
        super::IMAGES_MAGIC => (16, super::PIXELS),
        super::LABELS_MAGIC => (8, 1),
        _ => return None,
    };
    let count = u32::from_be_bytes(raw.get(4..8)?.try_into().ok()?) as usize;
    if count < items || raw.len() < header + count * item_bytes {
        return None;
    }
    let mut cut = raw[..header + items * item_bytes].to_vec();
    cut[4..8].copy_from_slice(&(items as u32).to_be_bytes());
    Some(cut)
}
