//! Chart axes: "nice" tick values (1, 2 or 5 × 10^k apart), a log scale for losses and an
//! accuracy scale that zooms to where the data are. Plain numbers, for the page's SVG charts.

/// How values map to positions along an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Equal ratios take equal room: 0.01 → 0.1 as much as 0.1 → 1.
    Log,
}

/// An axis' range and where its tick marks go (within the range, in increasing order).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub scale: Scale,
    pub ticks: Vec<f64>,
}

/// Steps tried within each power of ten, smallest first.
const MANTISSAS: [u32; 3] = [1, 2, 5];
/// Lower ends the accuracy axis may zoom to, closest to 1 first.
const ACCURACY_FLOORS: [f64; 8] = [0.99, 0.98, 0.95, 0.9, 0.8, 0.6, 0.4, 0.0];
/// A log axis with more ticks than this keeps the powers of ten only.
const MAX_LOG_TICKS: usize = 10;

impl Axis {
    /// A linear axis over `lo..=hi` widened to the nearest ticks, with at most about
    /// `max_ticks` ticks (at least 2). An empty or reversed range becomes one step wide.
    pub fn linear(lo: f64, hi: f64, max_ticks: usize) -> Self {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo, lo + 1.0_f64.max(lo.abs() * 0.1))
        };
        let (mantissa, exponent) = nice_step(hi - lo, max_ticks.max(2) - 1);
        let step = value(1, mantissa, exponent);
        let first = (lo / step).floor() as i64;
        let last = (hi / step).ceil() as i64;
        let ticks: Vec<f64> = (first..=last)
            .map(|n| value(n, mantissa, exponent))
            .collect();
        Self {
            min: ticks[0],
            max: ticks[ticks.len() - 1],
            scale: Scale::Linear,
            ticks,
        }
    }

    /// A log axis for losses: from the 1-2-5 value at or below the smallest positive finite
    /// value to the one at or above the largest (0.01 to 1 when there is none), ticked at
    /// 1, 2 and 5 × 10^k, or at the powers of ten alone when that would be too many.
    pub fn log(values: &[f64]) -> Self {
        let positive = values.iter().copied().filter(|v| v.is_finite() && *v > 0.0);
        let (lo, hi) = positive.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (lo, hi) = if hi > 0.0 { (lo, hi) } else { (0.01, 1.0) };
        let mut ticks = log_ticks(lo, hi);
        if ticks.len() > MAX_LOG_TICKS {
            let (lo, hi) = (
                10f64.powf(lo.log10().floor()),
                10f64.powf(hi.log10().ceil()),
            );
            ticks = log_ticks(lo, hi)
                .into_iter()
                .filter(|t| is_power_of_ten(*t))
                .collect();
        }
        Self {
            min: ticks[0],
            max: ticks[ticks.len() - 1],
            scale: Scale::Log,
            ticks,
        }
    }

    /// An accuracy axis (values in 0..=1) that ends at 1 and starts at the highest of 0.99,
    /// 0.98, 0.95, 0.9, 0.8, 0.6, 0.4 or 0 that is below every value, so late epochs at 98–99 %
    /// are not squashed against the top; ticks as [`Axis::linear`] places them (at most 6).
    pub fn accuracy(values: &[f64]) -> Self {
        let lowest = values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(1.0_f64, f64::min);
        let floor = ACCURACY_FLOORS
            .into_iter()
            .find(|&f| f < lowest)
            .unwrap_or(0.0);
        let ticks = Axis::linear(floor, 1.0, 6).ticks;
        let ticks = ticks
            .into_iter()
            .filter(|t| (floor..=1.0).contains(t))
            .collect();
        Self {
            min: floor,
            max: 1.0,
            scale: Scale::Linear,
            ticks,
        }
    }

    /// Where `v` falls along the axis: 0 at `min`, 1 at `max` (outside 0..=1 beyond them).
    pub fn fraction(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Linear => (v - self.min) / (self.max - self.min),
            Scale::Log => (v.log10() - self.min.log10()) / (self.max.log10() - self.min.log10()),
        }
    }
}

/// The tick step for `range` split into at most `intervals` parts, as mantissa × 10^exponent
/// with mantissa 1, 2 or 5: the smallest such step that needs no more intervals.
pub fn nice_step(range: f64, intervals: usize) -> (u32, i32) {
    let rough = range / intervals.max(1) as f64;
    let exponent = rough.log10().floor() as i32;
    for exponent in [exponent, exponent + 1] {
        for mantissa in MANTISSAS {
            if value(1, mantissa, exponent) >= rough * (1.0 - 1e-9) {
                return (mantissa, exponent);
            }
        }
    }
    (1, exponent + 2)
}

/// The 1-2-5 values from the one at or below `lo` to the one at or above `hi` (`0 < lo ≤ hi`),
/// at least two.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let start = lo.log10().floor() as i32;
    let candidates = (start..).flat_map(|exponent| MANTISSAS.map(|m| value(1, m, exponent)));
    let mut ticks = Vec::new();
    for tick in candidates {
        if tick <= lo * (1.0 + 1e-9) {
            ticks.clear(); // only the last value at or below `lo` starts the axis
        }
        ticks.push(tick);
        if tick >= hi * (1.0 - 1e-9) && ticks.len() >= 2 {
            break;
        }
    }
    ticks
}

/// `n · mantissa · 10^exponent`, computed so that 0.1 · 3 is 0.3 and not 0.30000000000000004.
fn value(n: i64, mantissa: u32, exponent: i32) -> f64 {
    let whole = (n * i64::from(mantissa)) as f64;
    if exponent >= 0 {
        whole * 10f64.powi(exponent)
    } else {
        whole / 10f64.powi(-exponent)
    }
}

fn is_power_of_ten(v: f64) -> bool {
    (v.log10() - v.log10().round()).abs() < 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_1_2_5_steps_covering_the_range() {
        assert_eq!(
            Axis::linear(0.0, 1.0, 6).ticks,
            [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
        assert_eq!(Axis::linear(0.0, 10.0, 3).ticks, [0.0, 5.0, 10.0]);
        let axis = Axis::linear(0.013, 0.087, 5);
        assert_eq!(axis.ticks, [0.0, 0.02, 0.04, 0.06, 0.08, 0.1]);
        assert_eq!((axis.min, axis.max), (0.0, 0.1));
        assert_eq!(
            Axis::linear(1.0, 5.0, 11).ticks,
            [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]
        );
        assert_eq!(
            Axis::linear(-3.0, 7.0, 6).ticks,
            [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
        );
        // A single value still gets an axis.
        assert!(Axis::linear(2.0, 2.0, 5).ticks.len() >= 2);
    }

    #[test]
    fn ticks_print_as_written() {
        // 3 × 0.1 computed as 3 / 10, so a label is "0.3", not "0.30000000000000004".
        let labels: Vec<String> = Axis::linear(0.0, 0.7, 8)
            .ticks
            .iter()
            .map(f64::to_string)
            .collect();
        assert_eq!(
            labels,
            ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"]
        );
        let labels: Vec<String> = Axis::log(&[0.003, 0.07])
            .ticks
            .iter()
            .map(f64::to_string)
            .collect();
        assert_eq!(labels, ["0.002", "0.005", "0.01", "0.02", "0.05", "0.1"]);
    }

    #[test]
    fn nice_step_picks_the_smallest_step_that_fits() {
        assert_eq!(nice_step(1.0, 5), (2, -1));
        assert_eq!(nice_step(1.0, 10), (1, -1));
        assert_eq!(nice_step(7.0, 2), (5, 0));
        assert_eq!(nice_step(30.0, 4), (1, 1));
        assert_eq!(nice_step(0.3, 3), (1, -1));
    }

    #[test]
    fn loss_axis_is_log_with_1_2_5_ticks() {
        let axis = Axis::log(&[0.031, 0.26, 0.08]);
        assert_eq!(axis.ticks, [0.02, 0.05, 0.1, 0.2, 0.5]);
        assert_eq!(axis.scale, Scale::Log);
        assert!((axis.fraction(0.1) - (0.1f64 / 0.02).log10() / 25f64.log10()).abs() < 1e-12);
        assert_eq!(
            Axis::log(&[0.01, 1.0]).ticks,
            [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        );
        // Many decades: powers of ten only.
        assert_eq!(
            Axis::log(&[0.0003, 2.3]).ticks,
            [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0]
        );
        // Nothing to show, zeros, NaN: a default range.
        assert_eq!(
            Axis::log(&[0.0, f64::NAN]).ticks,
            [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        );
        // One value: still two ticks, so the axis has a length.
        assert_eq!(Axis::log(&[0.05]).ticks, [0.05, 0.1]);
    }

    #[test]
    fn accuracy_axis_zooms_to_the_data() {
        let axis = Axis::accuracy(&[0.962, 0.981, 0.989]);
        assert_eq!((axis.min, axis.max), (0.95, 1.0));
        assert_eq!(axis.ticks, [0.95, 0.96, 0.97, 0.98, 0.99, 1.0]);
        assert_eq!(Axis::accuracy(&[0.993, 0.995]).min, 0.99);
        assert_eq!(Axis::accuracy(&[0.11, 0.9]).min, 0.0);
        assert_eq!(
            Axis::accuracy(&[0.11, 0.9]).ticks,
            [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
        assert_eq!(Axis::accuracy(&[0.85]).ticks, [0.8, 0.85, 0.9, 0.95, 1.0]);
        assert_eq!(Axis::accuracy(&[]).min, 0.99);
        assert!((axis.fraction(0.975) - 0.5).abs() < 1e-9);
    }
}
