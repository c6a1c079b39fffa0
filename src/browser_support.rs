//! What the learner's browser offers ConvLab, and what the page does without each part: one
//! plain sentence per feature, listed under "About this machine". The page gathers the facts
//! (`web/app/browser/browser_facts.rs`); this module only words them, so the words are tested
//! natively.

/// What the page found in the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrowserFacts {
    /// The page is cross-origin isolated (the site sends the headers docs/hosting.md lists).
    pub isolated: bool,
    /// `SharedArrayBuffer` exists: with isolation, the threaded CPU worker can run.
    pub shared_memory: bool,
    /// `navigator.gpu` exists: the browser lets pages ask for the graphics card.
    pub webgpu_api: bool,
    /// IndexedDB opens: runs, models and digits can be kept.
    pub indexed_db: bool,
    /// Cache Storage exists: MNIST is downloaded once.
    pub cache_storage: bool,
    /// Service workers exist: a dist site can be kept for offline use.
    pub service_worker: bool,
}

/// One feature, whether it is there, and what that means for the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// A stable key (the page's `data-feature`).
    pub key: &'static str,
    pub name: &'static str,
    pub present: bool,
    pub sentence: &'static str,
}

pub fn features(facts: &BrowserFacts) -> Vec<Feature> {
    let cores = match (facts.isolated, facts.shared_memory) {
        (true, true) => "Training can use all of this computer's processor cores at once.",
        (false, _) => "Training uses one processor core: the site is not served with the headers that allow more (the teacher's host can add them).",
        (true, false) => "Training uses one processor core: this browser does not share memory between threads.",
    };
    vec![
        Feature { key: "threads", name: "Several processor cores", present: facts.isolated && facts.shared_memory, sentence: cores },
        Feature {
            key: "webgpu",
            name: "The graphics card (WebGPU)",
            present: facts.webgpu_api,
            sentence: if facts.webgpu_api {
                "This browser lets pages use the graphics card; the line above says whether training runs there."
            } else {
                "This browser does not let pages use the graphics card, so training runs on the processor."
            },
        },
        Feature {
            key: "storage",
            name: "Keeping runs, models and your digits",
            present: facts.indexed_db,
            sentence: if facts.indexed_db {
                "They are kept in this browser, on this computer, until you delete them or start over."
            } else {
                "This browser lets the page keep nothing (private browsing, or storage switched off): runs, models and your digits are lost when the page closes."
            },
        },
        Feature {
            key: "data-cache",
            name: "Keeping MNIST between visits",
            present: facts.cache_storage,
            sentence: if facts.cache_storage {
                "MNIST is downloaded once and kept in this browser."
            } else {
                "MNIST is downloaded again on every visit: this browser keeps no files for the page here (that needs HTTPS or this computer's own address)."
            },
        },
        Feature {
            key: "offline",
            name: "Working without a network",
            present: facts.service_worker,
            sentence: if facts.service_worker {
                "This browser can keep ConvLab for use offline, where the site offers it."
            } else {
                "This browser cannot keep ConvLab for use offline here (that needs HTTPS or this computer's own address)."
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: BrowserFacts =
        BrowserFacts { isolated: true, shared_memory: true, webgpu_api: true, indexed_db: true, cache_storage: true, service_worker: true };

    #[test]
    fn every_feature_is_said_present_or_absent_with_what_the_page_does_instead() {
        let none = BrowserFacts { isolated: false, shared_memory: false, webgpu_api: false, indexed_db: false, cache_storage: false, service_worker: false };
        let (with, without) = (features(&ALL), features(&none));
        assert_eq!(with.len(), without.len());
        for (yes, no) in with.iter().zip(&without) {
            assert_eq!(yes.key, no.key);
            assert!(yes.present && !no.present, "{}", yes.key);
            assert_ne!(yes.sentence, no.sentence, "{}", yes.key);
            for words in [yes.sentence, no.sentence] {
                assert!(words.ends_with('.'), "{words}");
                for machine_word in ["SharedArrayBuffer", "IndexedDB", "COOP", "COEP", "service worker"] {
                    assert!(!words.contains(machine_word), "{words}");
                }
            }
        }
    }

    #[test]
    fn one_core_says_whether_the_site_or_the_browser_is_the_reason() {
        let threads = |isolated, shared_memory| features(&BrowserFacts { isolated, shared_memory, ..ALL })[0].clone();
        assert!(threads(true, true).present);
        assert!(threads(false, true).sentence.contains("headers"));
        assert!(threads(true, false).sentence.contains("does not share memory"));
        assert!(!threads(true, false).present && !threads(false, false).present);
    }
}
