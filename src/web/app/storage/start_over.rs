//! Starting over: what ConvLab keeps in this browser, counted, and deleted at once, so a shared
//! or classroom computer can be handed to the next learner with nothing of the last one's left.
//! The downloaded MNIST images and the site's own files (Cache Storage) stay: they are the same
//! for everyone and would only cost the download again.

use idb::TransactionMode;

use super::changes::{self, Change};
use super::database::{self, DIGITS, MODELS, RUNS, open};
use super::{answering_choice, card_name};

/// What the page keeps in IndexedDB.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kept {
    pub runs: u32,
    pub models: u32,
    pub digits: u32,
}

/// Counts the runs, kept models and digits.
pub async fn count() -> Result<Kept, String> {
    let database = open().await.map_err(describe)?;
    let counted = async {
        let transaction = database.transaction(&[RUNS, MODELS, DIGITS], TransactionMode::ReadOnly)?;
        let mut counts = [0u32; 3];
        for (name, count) in [RUNS, MODELS, DIGITS].into_iter().zip(&mut counts) {
            *count = transaction.object_store(name)?.count(None)?.await?;
        }
        Ok::<_, idb::Error>(Kept { runs: counts[0], models: counts[1], digits: counts[2] })
    }
    .await;
    database.close();
    counted.map_err(describe)
}

/// Deletes every run, kept model and digit in one transaction (all or nothing), forgets the model
/// chosen to answer drawings and the name on result cards, and tells the other tabs. A database that cannot be opened (a
/// browser without IndexedDB, or with it blocked) holds nothing to delete.
pub async fn delete_everything() -> Result<(), String> {
    let Ok(database) = open().await else {
        answering_choice::remember(None);
        card_name::forget();
        return Ok(());
    };
    let cleared = async {
        let transaction = database.transaction(&[RUNS, MODELS, DIGITS], TransactionMode::ReadWrite)?;
        for name in [RUNS, MODELS, DIGITS] {
            transaction.object_store(name)?.clear()?.await?;
        }
        database::commit(transaction).await
    }
    .await;
    database.close();
    cleared.map_err(|e| format!("The runs, models and digits could not be deleted: {e}. They are all still there."))?;
    answering_choice::remember(None);
    card_name::forget();
    changes::announce(Change::Runs);
    changes::announce(Change::Digits);
    Ok(())
}

fn describe(error: idb::Error) -> String {
    format!("The runs, models and digits kept in this browser cannot be reached: {error}")
}
