//! One request at a time for a button that asks the worker and waits: a double click lands
//! twice before the page re-renders (a disabled button or a "working…" line comes too late), and
//! each click would make the worker do the whole job again.

use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A flag the click sets (`if busy.replace(true) { return; }`), cleared once the page is no
/// longer `waiting`. `asked` names the request, so a request answered at once (within one
/// render) still clears the flag.
#[hook]
pub fn use_in_flight<T: PartialEq + Clone + 'static>(waiting: bool, asked: T) -> Rc<RefCell<bool>> {
    let busy = use_mut_ref(|| false);
    {
        let busy = busy.clone();
        use_effect_with((waiting, asked), move |(waiting, _)| {
            if !*waiting {
                *busy.borrow_mut() = false;
            }
        });
    }
    busy
}
