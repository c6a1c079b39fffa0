//! The current model and settings as a runnable Keras script, to take to a notebook.

use crate::web::app::widgets::copy_button::CopyButton;
use crate::model::ModelSpec;
use crate::training::Hyperparameters;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
    pub hyper: Hyperparameters,
}

#[function_component]
pub fn KerasPanel(props: &Props) -> Html {
    let script = props.spec.to_keras_script(&props.hyper);
    let lines = script.lines().count();
    html! {
        <div class="keras">
            <h3>{ "Export as Keras code" }</h3>
            <p class="note">{ "The same model and settings in Python with Keras: it loads MNIST, builds and summarises the model, trains and evaluates it." }</p>
            if let Err(error) = props.spec.validate() {
                <p class="note">{ format!("This model cannot be built yet ({error}), so the script would fail at the same layer.") }</p>
            }
            <label class="field" for="keras-code">{ "Keras script" }</label>
            <textarea id="keras-code" readonly=true rows={lines.min(40).to_string()} spellcheck="false" value={script.clone()} />
            <div class="buttons">
                <CopyButton text={script} field_id="keras-code" id="keras-copy" status_id="keras-status" label="Copy code" />
            </div>
        </div>
    }
}
