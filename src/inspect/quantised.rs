//! Values squeezed into bytes for the page to draw: 0 is the smallest value, 255 the largest.
//! A byte per value keeps a layer of 32 maps of 28 × 28 at 25 KB, and a `Uint8Array` on the
//! page (serde_bytes) goes straight into canvas pixels.

use serde::{Deserialize, Serialize};

/// Values (a feature map, a kernel, a heat map) as levels 0..=255 between `min` and `max`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantised {
    /// One level per value, in the order given (row-major for an image).
    #[serde(with = "serde_bytes")]
    pub levels: Vec<u8>,
    /// The value level 0 stands for.
    pub min: f32,
    /// The value level 255 stands for (equal to `min` when all values are equal: all levels 0).
    pub max: f32,
}

impl Quantised {
    /// Quantises `values` linearly between their own minimum and maximum. Non-finite values
    /// are left out of the range and get level 0, so one NaN does not blank the map.
    pub fn new(values: &[f32]) -> Self {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let (min, max) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if min > max {
            return Self {
                levels: vec![0; values.len()],
                min: 0.0,
                max: 0.0,
            };
        }
        let scale = if max > min { 255.0 / (max - min) } else { 0.0 };
        let level = |v: f32| {
            if v.is_finite() {
                ((v - min) * scale).round().clamp(0.0, 255.0) as u8
            } else {
                0
            }
        };
        Self {
            levels: values.iter().map(|&v| level(v)).collect(),
            min,
            max,
        }
    }

    /// The value level `level` stands for (within half a step of the original).
    pub fn value_of(&self, level: u8) -> f32 {
        self.min + (self.max - self.min) * f32::from(level) / 255.0
    }

    /// The values back, approximately (within `(max - min) / 510` each).
    pub fn values(&self) -> Vec<f32> {
        self.levels
            .iter()
            .map(|&level| self.value_of(level))
            .collect()
    }

    /// The level nearest to 0, for a heat map whose colours turn at zero (signed values).
    pub fn zero_level(&self) -> u8 {
        if self.max > self.min {
            ((-self.min) / (self.max - self.min) * 255.0)
                .round()
                .clamp(0.0, 255.0) as u8
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_map_to_0_and_255_and_values_come_back_close() {
        let values = [-1.0, 0.0, 0.5, 3.0];
        let q = Quantised::new(&values);
        assert_eq!((q.min, q.max), (-1.0, 3.0));
        assert_eq!(q.levels[0], 0);
        assert_eq!(q.levels[3], 255);
        for (back, original) in q.values().iter().zip(values) {
            assert!(
                (back - original).abs() <= 4.0 / 510.0 + 1e-6,
                "{back} vs {original}"
            );
        }
        assert_eq!(q.zero_level(), 64);
    }

    #[test]
    fn constant_empty_and_non_finite_inputs_stay_drawable() {
        let q = Quantised::new(&[2.0; 5]);
        assert_eq!((q.levels, q.min, q.max), (vec![0; 5], 2.0, 2.0));
        let q = Quantised::new(&[]);
        assert!(q.levels.is_empty());
        let q = Quantised::new(&[f32::NAN, 1.0, f32::INFINITY, 3.0]);
        assert_eq!(q.levels, vec![0, 0, 0, 255]);
        assert_eq!((q.min, q.max), (1.0, 3.0));
        let q = Quantised::new(&[f32::NAN]);
        assert_eq!((q.levels, q.min, q.max), (vec![0], 0.0, 0.0));
    }
}
