//! The strip beside the canvas shows each layer's most active channels: ranked by their mean
//! value (not by their brightest pixel, and not by their levels, which each map scales alone).

use convlab::inspect::{Quantised, mean_activation, most_active_channels};

#[test]
fn channels_rank_by_mean_value_largest_first() {
    let channels = [
        Quantised::new(&[0.0, 0.0, 0.0, 4.0]), // mean 1.0, one bright pixel
        Quantised::new(&[2.0, 2.0, 2.0, 2.0]), // mean 2.0, flat: all levels 0
        Quantised::new(&[0.0, 0.0, 0.0, 0.0]), // silent
        Quantised::new(&[1.0, 1.0, 2.0, 2.0]), // mean 1.5
    ];
    assert!((mean_activation(&channels[1]) - 2.0).abs() < 1e-6);
    assert!((mean_activation(&channels[3]) - 1.5).abs() < 0.01);
    assert_eq!(most_active_channels(&channels, 3), vec![1, 3, 0]);
    assert_eq!(most_active_channels(&channels, 10), vec![1, 3, 0, 2]);
}

#[test]
fn equal_channels_keep_their_order() {
    let same = Quantised::new(&[0.5, 0.5]);
    assert_eq!(most_active_channels(&[same.clone(), same.clone(), same], 2), vec![0, 1]);
    assert_eq!(most_active_channels(&[], 4), Vec::<usize>::new());
}
