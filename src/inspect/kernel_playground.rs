//! "Your own kernel": a 3 × 3 kernel the learner types (or picks from a few classic ones)
//! slid over their digit the way a first-layer Conv2D does it (same padding, zeros outside,
//! no flipping), and which of the first layer's learned maps its result looks most like.
//! Plain Rust on the page: one 28 × 28 map is 7 056 multiplications, well under a millisecond.

/// The kernel's side.
pub const SIDE: usize = 3;
/// The weights the editor accepts: far beyond any useful kernel, small enough that a map of
/// 0..1 pixels stays finite and readable.
pub const WEIGHT_LIMIT: f32 = 1000.0;

/// A row-major 3 × 3 kernel.
pub type Kernel = [f32; SIDE * SIDE];

/// The classic kernels the editor offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Identity,
    BoxBlur,
    Sharpen,
    HorizontalEdge,
    VerticalEdge,
    SobelHorizontal,
    SobelVertical,
}

impl Preset {
    pub const ALL: [Preset; 7] = [
        Preset::Identity,
        Preset::BoxBlur,
        Preset::Sharpen,
        Preset::HorizontalEdge,
        Preset::VerticalEdge,
        Preset::SobelHorizontal,
        Preset::SobelVertical,
    ];

    /// Its name on the page.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Identity => "identity",
            Preset::BoxBlur => "box blur",
            Preset::Sharpen => "sharpen",
            Preset::HorizontalEdge => "horizontal edge",
            Preset::VerticalEdge => "vertical edge",
            Preset::SobelHorizontal => "Sobel (horizontal edges)",
            Preset::SobelVertical => "Sobel (vertical edges)",
        }
    }

    /// What it does, in a learner's words.
    pub fn what_it_does(self) -> &'static str {
        match self {
            Preset::Identity => "keeps each pixel as it is: only the middle weight counts",
            Preset::BoxBlur => "averages each pixel with its 8 neighbours: the digit gets soft",
            Preset::Sharpen => "adds a pixel's difference from its neighbours: edges get crisp",
            Preset::HorizontalEdge => "bright above minus bright below: answers at the top and bottom edges of strokes",
            Preset::VerticalEdge => "bright on the left minus bright on the right: answers at the sides of strokes",
            Preset::SobelHorizontal => "like the horizontal edge, with the middle column counted twice (smoother)",
            Preset::SobelVertical => "like the vertical edge, with the middle row counted twice (smoother)",
        }
    }

    pub fn weights(self) -> Kernel {
        let ninth = 1.0 / 9.0;
        match self {
            Preset::Identity => [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
            Preset::BoxBlur => [ninth; 9],
            Preset::Sharpen => [0.0, -1.0, 0.0, -1.0, 5.0, -1.0, 0.0, -1.0, 0.0],
            Preset::HorizontalEdge => [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, -1.0, -1.0, -1.0],
            Preset::VerticalEdge => [1.0, 0.0, -1.0, 1.0, 0.0, -1.0, 1.0, 0.0, -1.0],
            Preset::SobelHorizontal => [1.0, 2.0, 1.0, 0.0, 0.0, 0.0, -1.0, -2.0, -1.0],
            Preset::SobelVertical => [1.0, 0.0, -1.0, 2.0, 0.0, -2.0, 1.0, 0.0, -1.0],
        }
    }
}

/// Why a typed weight is refused.
#[derive(Clone, Debug, PartialEq)]
pub enum WeightError {
    NotANumber(String),
    TooLarge(f32),
}

impl std::fmt::Display for WeightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeightError::NotANumber(text) => write!(f, "\"{text}\" is not a number: type a weight such as -1, 0.5 or 2"),
            WeightError::TooLarge(value) => {
                write!(f, "{value} is too large: weights between -{WEIGHT_LIMIT} and {WEIGHT_LIMIT} are accepted")
            }
        }
    }
}

/// Reads one typed weight ("−1" with a typographic minus and "0,5" with a decimal comma too).
pub fn parse_weight(text: &str) -> Result<f32, WeightError> {
    let cleaned = text.trim().replace('−', "-").replace(',', ".");
    let value: f32 = cleaned.parse().map_err(|_| WeightError::NotANumber(text.trim().to_string()))?;
    if !value.is_finite() {
        return Err(WeightError::NotANumber(text.trim().to_string()));
    }
    if value.abs() > WEIGHT_LIMIT {
        return Err(WeightError::TooLarge(value));
    }
    Ok(value)
}

/// The kernel slid over a `side × side` image (row-major), same padding: output (r, c) is
/// Σ kernel[i][j] · image[r + i − 1][c + j − 1], zeros outside the image, as Conv2D computes it
/// (a cross-correlation: the kernel is not flipped).
pub fn apply_kernel(image: &[f32], side: usize, kernel: &Kernel) -> Vec<f32> {
    let at = |r: isize, c: isize| {
        if r < 0 || c < 0 || r >= side as isize || c >= side as isize {
            0.0
        } else {
            image[r as usize * side + c as usize]
        }
    };
    let mut out = vec![0.0; side * side];
    for r in 0..side {
        for c in 0..side {
            let mut sum = 0.0;
            for i in 0..SIDE {
                for j in 0..SIDE {
                    sum += kernel[i * SIDE + j] * at(r as isize + i as isize - 1, c as isize + j as isize - 1);
                }
            }
            out[r * side + c] = sum;
        }
    }
    out
}

/// Pearson's correlation of two equally long maps: 1 for the same picture up to brightness and
/// contrast, 0 for unrelated ones, −1 for a negative. `None` when either map is flat (no picture).
pub fn correlation(a: &[f32], b: &[f32]) -> Option<f32> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let mean = |v: &[f32]| v[..n].iter().map(|&x| f64::from(x)).sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (&x, &y) in a[..n].iter().zip(&b[..n]) {
        let (dx, dy) = (f64::from(x) - ma, f64::from(y) - mb);
        ab += dx * dy;
        aa += dx * dx;
        bb += dy * dy;
    }
    if aa <= 1e-12 || bb <= 1e-12 {
        return None;
    }
    Some((ab / (aa.sqrt() * bb.sqrt())) as f32)
}

/// The learned maps ranked by how much they look like `own` (most alike first); flat maps are
/// left out. The learner's map goes through ReLU first, as every learned first-layer map did,
/// so a kernel is compared with a filter by what the network would keep of it. `own` is
/// `own_side` square; learned maps of a smaller side (a first layer with valid padding) are
/// compared with the middle of it.
pub fn closest_maps(own: &[f32], own_side: usize, learned: &[Vec<f32>]) -> Vec<(usize, f32)> {
    let kept: Vec<f32> = own.iter().map(|v| v.max(0.0)).collect();
    let mut ranked: Vec<(usize, f32)> = learned
        .iter()
        .enumerate()
        .filter_map(|(channel, map)| {
            let side = (map.len() as f64).sqrt() as usize;
            if side * side != map.len() || side > own_side {
                return None;
            }
            let middle = middle_square(&kept, own_side, side);
            Some((channel, correlation(&middle, map)?))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

/// The middle `side × side` square of a `from × from` map.
fn middle_square(map: &[f32], from: usize, side: usize) -> Vec<f32> {
    let offset = (from - side) / 2;
    (0..side)
        .flat_map(|r| (0..side).map(move |c| (r + offset) * from + c + offset))
        .map(|i| map[i])
        .collect()
}

/// How much one learned first-layer map looks like each preset's map of the same drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PresetMatch {
    /// The learned filter (channel of the first layer).
    pub filter: usize,
    /// The preset whose map (after ReLU) correlates best with the filter's map.
    pub preset: Preset,
    pub correlation: f32,
    /// The best preset that is not as good ([`Preset::ALL`] has near twins, such as an edge
    /// kernel and Sobel's, within [`NEAR_TIE`] of each other): how clear the answer is.
    pub runner_up: Option<(Preset, f32)>,
    /// Every preset's correlation with the filter's map, in [`Preset::ALL`]'s order (`None`
    /// for a preset whose map is flat on this drawing).
    pub all: [Option<f32>; 7],
}

/// How close to the best preset's correlation another preset may come and count as right too.
pub const NEAR_TIE: f32 = 0.05;

/// The correlation above which a preset's map counts as looking like a learned map.
pub const CLEAR_MATCH: f32 = 0.5;

impl PresetMatch {
    /// Whether `preset` looks as much like the filter as the best one does (within [`NEAR_TIE`]).
    pub fn accepts(&self, preset: Preset) -> bool {
        let index = Preset::ALL.iter().position(|&p| p == preset);
        index.and_then(|i| self.all[i]).is_some_and(|r| r >= self.correlation - NEAR_TIE)
    }

    /// The presets that count as right, best first.
    pub fn accepted(&self) -> Vec<Preset> {
        let mut accepted: Vec<(Preset, f32)> =
            Preset::ALL.iter().zip(self.all).filter_map(|(&p, r)| Some((p, r?))).filter(|&(p, _)| self.accepts(p)).collect();
        accepted.sort_by(|a, b| b.1.total_cmp(&a.1));
        accepted.into_iter().map(|(p, _)| p).collect()
    }

    /// How far the accepted presets stand above the best of the others.
    pub fn lead(&self) -> f32 {
        self.correlation - self.runner_up.map_or(-1.0, |(_, r)| r)
    }
}

/// For the guided step "which preset's map looks like filter k?": every preset slid over
/// `pixels` (`side` square) and compared with every learned map, as [`closest_maps`] compares
/// the learner's own kernel. The filter asked about is the one whose answer is clearest (the
/// largest [`PresetMatch::lead`]) among filters whose best correlation is at least
/// [`CLEAR_MATCH`]; when none is, the one with the highest correlation. `None` when no preset
/// map and learned map can be compared (nothing drawn, flat maps).
pub fn clearest_preset_match(pixels: &[f32], side: usize, learned: &[Vec<f32>]) -> Option<PresetMatch> {
    let mut table = vec![[None::<f32>; 7]; learned.len()];
    for (p, preset) in Preset::ALL.iter().enumerate() {
        let map = apply_kernel(pixels, side, &preset.weights());
        for (filter, r) in closest_maps(&map, side, learned) {
            table[filter][p] = Some(r);
        }
    }
    let matches: Vec<PresetMatch> = table
        .iter()
        .enumerate()
        .filter_map(|(filter, row)| {
            let mut ranked: Vec<(Preset, f32)> =
                Preset::ALL.iter().zip(row).filter_map(|(&preset, r)| Some((preset, (*r)?))).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let &(preset, correlation) = ranked.first()?;
            let runner_up = ranked.iter().find(|(_, r)| *r < correlation - NEAR_TIE).copied();
            Some(PresetMatch { filter, preset, correlation, runner_up, all: *row })
        })
        .collect();
    let clear = matches.iter().filter(|m| m.correlation >= CLEAR_MATCH).max_by(|a, b| a.lead().total_cmp(&b.lead()));
    clear.or_else(|| matches.iter().max_by(|a, b| a.correlation.total_cmp(&b.correlation))).copied()
}
