//! The class's cards side by side, ranked.

use super::card::ResultCard;

/// The board's cards, best first: the highest test accuracy, then (a tie) the fewer
/// parameters, then the shorter training.
pub fn ranked(cards: &[ResultCard]) -> Vec<ResultCard> {
    let mut ranked = cards.to_vec();
    ranked.sort_by(|a, b| {
        b.test_accuracy
            .total_cmp(&a.test_accuracy)
            .then(a.params.cmp(&b.params))
            .then(a.seconds.total_cmp(&b.seconds))
    });
    ranked
}

/// What the board shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub cards: Vec<ResultCard>,
}

impl Board {
    /// The best card, as [`ranked`] orders them.
    pub fn best(&self) -> Option<ResultCard> {
        ranked(&self.cards).into_iter().next()
    }
}
