//! The cards in a pasted text or a dropped file. A card is one line that starts with `{` (as
//! [`ResultCard::to_text`] writes it); other lines, such as the headline a person reads, are
//! passed over. Each line that should be a card and is not is refused with its line number and
//! why; the others are kept, and a card already on the board is not added twice.

use super::card::ResultCard;
use crate::json_problem::in_plain_words;

/// Longest text read at once: 500 cards of a few hundred bytes, with room to spare.
pub const MAX_TEXT_BYTES: usize = 1_000_000;
/// Longest line that can be a card: a card is a few hundred bytes.
const MAX_CARD_BYTES: usize = 4_000;

/// A line that should be a card and is not.
#[derive(Clone, Debug, PartialEq)]
pub struct CardProblem {
    /// 1-based, in the text it came from.
    pub line: usize,
    pub reason: String,
}

/// What a text held.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// New cards, in the order they came.
    pub cards: Vec<ResultCard>,
    pub problems: Vec<CardProblem>,
    /// Cards already on the board, or twice in the text.
    pub duplicates: usize,
}

/// Reads the cards in `text`, leaving out those `known` already holds. A text over
/// [`MAX_TEXT_BYTES`] is refused whole.
pub fn read_cards(text: &str, known: &[ResultCard]) -> Result<Reading, String> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(format!("the text is {} bytes; a board reads at most {MAX_TEXT_BYTES} at once", text.len()));
    }
    let mut reading = Reading::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('{') {
            continue;
        }
        let refuse = |reason: String| CardProblem { line: index + 1, reason };
        if line.len() > MAX_CARD_BYTES {
            reading.problems.push(refuse(format!("it is {} bytes long; a card is under {MAX_CARD_BYTES}", line.len())));
            continue;
        }
        let card: ResultCard = match serde_json::from_str(line) {
            Ok(card) => card,
            Err(e) => {
                reading.problems.push(refuse(format!("it cannot be read as a card: {}", in_plain_words(&e))));
                continue;
            }
        };
        if let Err(e) = card.check() {
            reading.problems.push(refuse(e.to_string()));
            continue;
        }
        if known.iter().chain(&reading.cards).any(|k| k.same_run(&card)) {
            reading.duplicates += 1;
        } else {
            reading.cards.push(card);
        }
    }
    Ok(reading)
}
