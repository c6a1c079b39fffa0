//! The current model and settings as a runnable Keras script, to take to a notebook.

use super::clipboard;
use crate::model::ModelSpec;
use crate::training::Hyperparameters;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
    pub hyper: Hyperparameters,
}

#[function_component]
pub fn KerasPanel(props: &Props) -> Html {
    let copied = use_state(|| None::<bool>);
    let script = props.spec.to_keras_script(&props.hyper);
    let lines = script.lines().count();
    let on_copy = {
        let (copied, script) = (copied.clone(), script.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, script) = (copied.clone(), script.clone());
            spawn_local(async move { copied.set(Some(clipboard::copy(&script, "keras-code").await)) });
        })
    };
    html! {
        <div class="keras">
            <h3>{ "Export as Keras code" }</h3>
            <p class="note">{ "The same model and settings in Python with Keras: it loads MNIST, builds and summarises the model, trains and evaluates it." }</p>
            if let Err(error) = props.spec.validate() {
                <p class="note">{ format!("This model cannot be built yet ({error}), so the script would fail at the same layer.") }</p>
            }
            <label class="field" for="keras-code">{ "Keras script" }</label>
            <textarea id="keras-code" readonly=true rows={lines.min(40).to_string()} spellcheck="false" value={script} />
            <div class="buttons">
                <button type="button" id="keras-copy" onclick={on_copy}>{ "Copy code" }</button>
                <span class="note" role="status">{
                    match *copied { Some(true) => "Copied.", Some(false) => "Copying was not allowed; the code is selected, press Ctrl+C (⌘C).", None => "" }
                }</span>
            </div>
        </div>
    }
}
