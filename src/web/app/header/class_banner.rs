//! The line under the title on a page opened from a teacher's class link: which class it was
//! set up for, what it shows, and a way out to the full lab (the same model, settings and data,
//! every section and step).

use crate::class_setup::ClassSetup;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub class: Rc<ClassSetup>,
    /// The link's fragment without the class setup.
    pub full_lab: String,
}

#[function_component]
pub fn ClassBanner(props: &Props) -> Html {
    html! {
        <p id="class-banner" class="class-banner">
            { format!("This page was set up for class {} by their teacher: {}. ", props.class.name, props.class.words()) }
            <a id="full-lab" href={format!("#{}", props.full_lab)}>{ "Open the full lab" }</a>
        </p>
    }
}
