//! Which channels of a layer answer a drawing most strongly, for the strip of maps beside the
//! canvas: a few bright maps say more while drawing than all 32 of them.

use super::Quantised;

/// A channel's mean value over its map (from its levels, so within half a level of the truth).
pub fn mean_activation(channel: &Quantised) -> f32 {
    if channel.levels.is_empty() {
        return 0.0;
    }
    let sum: f32 = channel.levels.iter().map(|&level| f32::from(level)).sum();
    channel.min + (channel.max - channel.min) * sum / (255.0 * channel.levels.len() as f32)
}

/// The indices of the `count` channels with the largest mean activation, largest first; equal
/// means keep the channels' order, so the strip does not shuffle when nothing changed.
pub fn most_active_channels(channels: &[Quantised], count: usize) -> Vec<usize> {
    let means: Vec<f32> = channels.iter().map(mean_activation).collect();
    let mut order: Vec<usize> = (0..channels.len()).collect();
    order.sort_by(|&a, &b| means[b].total_cmp(&means[a]).then(a.cmp(&b)));
    order.truncate(count);
    order
}
