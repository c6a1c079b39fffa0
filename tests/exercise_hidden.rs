//! Predict before reveal beyond the summary: the count an open step asks for is known to the
//! rest of the page (the runs table hides a run's parameters equal to it) until answered.

use convlab::exercise::hidden::{asked_count, hidden_label};
use convlab::exercise::progress::Progress;
use convlab::exercise::steps::STEPS;
use convlab::model::ModelSpec;

fn index_of(id: &str) -> usize {
    STEPS.iter().position(|s| s.id == id).expect("a known step")
}

#[test]
fn the_asked_count_is_known_until_the_step_is_answered() {
    let mut progress = Progress::default();
    assert_eq!(asked_count(&progress), Some((1, 320)), "step 1: the first convolution's parameters");

    // The dense-baseline step asks for the dense baseline's total, which a run of that model records.
    let dense = index_of("dense-baseline");
    progress.open(dense);
    let dense_total = ModelSpec::dense_baseline().summary().unwrap().total_params;
    assert_eq!(dense_total, 101_770);
    assert_eq!(asked_count(&progress), Some((dense + 1, dense_total)));
    assert_eq!(hidden_label(dense + 1), format!("hidden until you answer step {}", dense + 1));
    assert_eq!(hidden_label(13), "hidden until you answer step 13");
    progress.reveal("dense-baseline", true);
    assert_eq!(asked_count(&progress), None, "answered: the runs table shows it");

    // A shape or a choice asks for no count.
    progress.open(index_of("pool-shape"));
    assert_eq!(asked_count(&progress), None);
    progress.open(index_of("val-beats-train"));
    assert_eq!(asked_count(&progress), None);
}
