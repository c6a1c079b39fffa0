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

#[test]
fn the_handouts_qr_code_reads_back_as_the_class_link() {
    use convlab::class_setup::{qr_modules, qr_svg};
    let link = "https://school.example/convlab/#model=c32.k3.same.relu-p2-c32.k3.same.relu-p2-c32.k3.same.relu-f-d10.softmax&epochs=1&batch=32&lr=0.001&seed=42&subset=6400&data=light&class=Year%209%20B&show=1.2.3.6&steps=1.2.15";
    let (width, modules) = qr_modules(link).unwrap();
    assert_eq!(modules.len(), width * width);
    // Drawn 4 pixels a module with a quiet zone of 4 modules, as a camera would see the print.
    let (scale, quiet) = (4, 4);
    let side = (width + 2 * quiet) * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = ((x / scale) as isize - quiet as isize, (y / scale) as isize - quiet as isize);
        let inside = (0..width as isize).contains(&mx) && (0..width as isize).contains(&my);
        if inside && modules[my as usize * width + mx as usize] { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, link);
    // The SVG draws the same code: black modules on white.
    let svg = qr_svg(link).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    assert!(svg.contains("#000000") && svg.contains("#ffffff"));
}

#[test]
fn the_time_plan_fills_the_lesson_and_estimates_training() {
    use convlab::class_setup::time_plan;
    use convlab::data::DataChoice;
    use convlab::training::Hyperparameters;
    let class = ClassSetup::new("7A", vec![1, 2, 3, 5, 6], vec![1, 2, 15]).unwrap();
    let hyper = Hyperparameters { epochs: 1, train_subset: Some(6400), ..Hyperparameters::default() };
    let plan = time_plan(&class, &hyper, DataChoice::Light, 50);
    assert_eq!(plan.iter().map(|(m, _)| m).sum::<usize>(), 50, "{plan:?}");
    let lines: Vec<&str> = plan.iter().map(|(_, l)| l.as_str()).collect();
    assert!(lines[0].starts_with("Open the link"));
    assert!(lines.contains(&"The 3 guided steps: predict first, then check."), "{lines:?}");
    // 6 400 images at 500 a second: 13 seconds, a minute.
    assert!(lines.iter().any(|l| l.starts_with("Train: 1 epoch on 6,400 images, about 1 minute")), "{lines:?}");
    assert!(lines.last().unwrap().starts_with("Explore"));
    // The full tutorial on all of MNIST does not fit 50 minutes: the plan says what it takes.
    let long = time_plan(&class, &Hyperparameters::default(), DataChoice::Full, 50);
    let training = long.iter().find(|(_, l)| l.starts_with("Train")).unwrap();
    assert_eq!(training.0, 10 + 2, "5 × 60 000 images at 500 a second: 10 minutes, and 2 to start and watch");
    // Sections the class does not see have no line.
    let drawing_only = ClassSetup::new("7A", vec![6], vec![]).unwrap();
    let plan = time_plan(&drawing_only, &hyper, DataChoice::Light, 20);
    assert_eq!(plan.len(), 3, "{plan:?}");
}
