//! A teacher's class link (`convlab::class_setup`): what it shows and assigns, written and read
//! back, and every malformed part refused with what it may be.

use convlab::class_setup::{ClassLinkError, ClassSetup, class_in_link};

#[test]
fn a_class_setup_reads_back_from_its_link_part() {
    let class = ClassSetup::new("  Year 9 B ", vec![6, 1, 2, 3, 2], vec![15, 1, 2]).unwrap();
    assert_eq!(class.name, "Year 9 B");
    assert_eq!((class.sections.clone(), class.steps.clone()), (vec![1, 2, 3, 6], vec![1, 2, 15]));
    let part = class.link_part();
    assert_eq!(part, "class=Year%209%20B&show=1.2.3.6&steps=1.2.15");
    // The page reads the fragment unescaped, as the browser gives it back.
    let read = class_in_link(&format!("#model=f-d10.softmax&{}", part.replace("%20", " "))).unwrap().unwrap();
    assert_eq!(read, class);
    assert!(class.shows(6) && !class.shows(4));
    assert_eq!(class.step_indices(), vec![0, 1, 14]);
    assert_eq!(class.words(), "Data, Model, Train and Draw; guided steps 1, 2 and 15");
}

#[test]
fn a_link_without_a_class_is_the_full_lab_and_a_class_without_lists_shows_everything() {
    assert_eq!(class_in_link("#model=f-d10.softmax&epochs=2").unwrap(), None);
    let all = class_in_link("#class=7A").unwrap().unwrap();
    assert_eq!(all.sections, (1..=7).collect::<Vec<_>>());
    assert_eq!(all.step_indices().len(), 17);
    assert_eq!(all.words(), "Data, Model, Train, Evaluate, Runs, Draw and Share; every guided step");
    assert_eq!(class_in_link("#class=Mrs O'Neil's&show=6&steps=4").unwrap().unwrap().words(), "Draw; guided step 4");
}

#[test]
fn malformed_class_links_are_refused_with_what_they_may_be() {
    let refused = |link: &str| class_in_link(link).unwrap_err();
    assert_eq!(refused("class="), ClassLinkError::NoName);
    assert_eq!(refused(&format!("class={}", "x".repeat(41))), ClassLinkError::LongName);
    assert_eq!(refused("class=<script>"), ClassLinkError::NameCharacters);
    assert_eq!(refused("class=A&show="), ClassLinkError::NoSection);
    assert!(refused("class=A&show=1.9").to_string().contains("sections are numbered 1 to 7"));
    assert!(refused("class=A&steps=18").to_string().contains("guided steps are numbered 1 to 17"));
    assert!(refused("class=A&show=one").to_string().contains("numbers joined by dots, such as 1.2.6"));
    assert_eq!(refused("class=A&class=B"), ClassLinkError::Duplicate("class"));
}
