//! How the page colours byte levels: grey for maps without negative values (ReLU outputs,
//! digits), a blue–white–red scale that turns at zero for signed values (kernels, maps of tanh
//! or linear layers, contributions), and a translucent orange for a heat map laid over an image.

use super::Quantised;

/// How levels 0..=255 become colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    /// Black (level 0) to white (255).
    Grey,
    /// Blue below `zero`, white at it, red above; equal distances from `zero` on either side
    /// are equally strong, so the colour says the sign and the strength says the size.
    Diverging { zero: u8 },
    /// Transparent to opaque orange: a heat map laid over another image.
    Heat,
}

/// The full colours of the diverging scale (the page's red and blue).
const RED: [u8; 3] = [194, 48, 48];
const BLUE: [u8; 3] = [37, 99, 214];

impl Palette {
    /// Grey for values without negatives, diverging around 0 otherwise.
    pub fn for_values(values: &Quantised) -> Self {
        if values.min < 0.0 {
            Self::signed(values)
        } else {
            Palette::Grey
        }
    }

    /// Diverging around 0 whatever the values' signs (all red when none is negative).
    pub fn signed(values: &Quantised) -> Self {
        Palette::Diverging {
            zero: values.zero_level(),
        }
    }

    /// The RGBA colour of `level`.
    pub fn rgba(self, level: u8) -> [u8; 4] {
        match self {
            Palette::Grey => [level, level, level, 255],
            Palette::Diverging { zero } => {
                let reach = f32::from(zero.max(255 - zero)).max(1.0);
                let strength = (f32::from(level) - f32::from(zero)).abs() / reach;
                let full = if level >= zero { RED } else { BLUE };
                let [r, g, b] =
                    full.map(|c| (255.0 - (255.0 - f32::from(c)) * strength).round() as u8);
                [r, g, b, 255]
            }
            Palette::Heat => [255, 80, 0, (f32::from(level) * 0.85).round() as u8],
        }
    }

    /// Every level's colour, one RGBA quadruple after another, for canvas `ImageData`.
    pub fn paint(self, levels: &[u8]) -> Vec<u8> {
        levels.iter().flat_map(|&level| self.rgba(level)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_is_the_level_and_opaque() {
        assert_eq!(Palette::Grey.rgba(0), [0, 0, 0, 255]);
        assert_eq!(Palette::Grey.rgba(200), [200, 200, 200, 255]);
        assert_eq!(
            Palette::Grey.paint(&[1, 2]),
            vec![1, 1, 1, 255, 2, 2, 2, 255]
        );
    }

    #[test]
    fn diverging_is_white_at_zero_and_equally_strong_at_equal_distances() {
        let palette = Palette::Diverging { zero: 128 };
        assert_eq!(palette.rgba(128), [255, 255, 255, 255]);
        // Level 0 is as far below as the scale reaches: full blue.
        assert_eq!(palette.rgba(0)[..3], BLUE);
        let (above, below) = (palette.rgba(178), palette.rgba(78));
        assert!(above[0] > above[2], "above zero is red: {above:?}");
        assert!(below[2] > below[0], "below zero is blue: {below:?}");
        // How far each has gone from white towards its full colour: the same share.
        let gone = |v: u8, full: u8| f32::from(255 - v) / f32::from(255 - full);
        assert!((gone(above[1], RED[1]) - 50.0 / 128.0).abs() < 0.01);
        assert!((gone(below[0], BLUE[0]) - 50.0 / 128.0).abs() < 0.01);
    }

    #[test]
    fn the_palette_follows_the_sign_of_the_values() {
        let relu = Quantised::new(&[0.0, 1.0, 3.0]);
        assert_eq!(Palette::for_values(&relu), Palette::Grey);
        assert_eq!(Palette::signed(&relu), Palette::Diverging { zero: 0 });
        let signed = Quantised::new(&[-1.0, 0.0, 1.0]);
        assert_eq!(
            Palette::for_values(&signed),
            Palette::Diverging { zero: 128 }
        );
        // All-negative values are all blue, strongest at the most negative.
        let negative = Quantised::new(&[-2.0, -1.0]);
        let palette = Palette::signed(&negative);
        assert_eq!(palette, Palette::Diverging { zero: 255 });
        assert_eq!(palette.rgba(0)[..3], BLUE);
    }

    #[test]
    fn heat_is_transparent_where_nothing_matters() {
        assert_eq!(Palette::Heat.rgba(0)[3], 0);
        assert!(Palette::Heat.rgba(255)[3] > 200);
    }
}
