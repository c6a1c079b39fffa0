//! The page's side of the training worker: spawn it through `www/worker-loader.js`, notice when
//! it never starts or dies (a panic, a wasm trap such as out-of-memory, code that fails to load),
//! and replace it, so the learner can go on without a reload. It also picks the worker's build
//! (`backend_choice::worker_build`): the threaded CPU worker where the page is cross-origin
//! isolated and the CPU trains, the one that can use WebGPU otherwise, and switches when the
//! learner's choice or a worker's report asks for the other.

use super::crash_listener::{self, CrashListener};
use crate::web::app::browser::drills::Drills;
use crate::web::app::browser::site_build::SiteBuild;
use super::progress_pacer::ProgressPacer;
use crate::web::app::state::page::PageAction;
use crate::backend_choice::{WorkerBuild, worker_build};
use crate::data::DataChoice;
use crate::protocol::{BackendKind, FromWorker, ToWorker};
use crate::web::message_codec::MessageCodec;
use crate::web::worker_link::WorkerLink;
use gloo_worker::{Spawnable, WorkerBridge};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::UseReducerDispatcher;

use crate::web::app::state::page::PageState;

/// The loader script: it starts the worker's wasm and reports what the wasm cannot.
const WORKER_LOADER: &str = "./worker-loader.js";
/// Where the page serves MNIST from.
const DATA_URL: &str = "./data/";
/// The pre-trained tutorial model that answers drawings first (docs/model.md says how to regenerate it).
const MODEL_URL: &str = "./model/tutorial.bin";
/// A worker that has not said `Started` by then is taken for one that failed to load.
const START_SECONDS: u32 = 20;
/// A download that receives nothing for this long is abandoned with a message and Retry.
const STALL_SECONDS: u32 = 20;
/// A threaded worker whose code runs but whose compute threads have not all started by then is
/// taken for one that hangs: Firefox now and then hangs for good creating a nested Worker.
const THREADS_SECONDS: u32 = 15;
/// The loader's word, on the crash channel, that its code runs and it starts the compute threads.
const STARTING_THREADS: &str = "starting compute threads";
/// Fresh workers started automatically after crashes; past that the learner decides.
const AUTOMATIC_RESTARTS: u32 = 3;

/// The live worker, and what must be resent to a fresh one.
#[derive(Default)]
pub struct WorkerHandle {
    bridge: Option<WorkerBridge<WorkerLink>>,
    pub backend_override: Option<BackendKind>,
    crashes: Option<CrashListener>,
    /// Counts the workers spawned, so a late report from an old one is ignored.
    generation: u32,
    /// Whether the current worker has said `Started`.
    started: bool,
    restarts: u32,
    /// The current worker's build.
    build: Option<WorkerBuild>,
    /// A worker reported a hardware WebGPU adapter: from then on the automatic choice is WebGPU,
    /// so the threaded CPU worker is started only when the learner picks the CPU.
    hardware_adapter: bool,
    /// This browser did not start the threaded worker's compute threads: from then on the
    /// one-core worker runs instead (Firefox now and then never starts a nested Worker).
    threads_failed: bool,
    /// The current worker said it starts its compute threads: the threads' own watch applies.
    threads_starting: bool,
    /// Threaded workers in a row whose compute threads hung; the second falls back to one core.
    threads_hung: u32,
    /// Threaded workers started so far (a failure drill hangs the first few).
    threaded_starts: u32,
    /// Model files sent with `UseModel`: the one the worker has not answered yet, and the one that
    /// answers drawings now (each by name, length and hash). Either sent again — a double click
    /// on "Use for drawing", whose second click may come after the first was answered — is not
    /// sent twice.
    models: RefCell<SentModels>,
    /// The data the page's link chose (the lab's), which every fresh worker loads; `None` until
    /// the page has started its first worker.
    pub data: Option<DataChoice>,
}

/// A model file as `WorkerHandle` tells one from another: name, length, hash.
type ModelKey = (String, usize, u64);

#[derive(Default)]
struct SentModels {
    on_its_way: Option<ModelKey>,
    answering: Option<ModelKey>,
}

impl SentModels {
    /// The worker says which model answers now: the one on its way, or another (a run in
    /// training, the pre-trained model after a failure).
    fn answering(&mut self, name: &str) {
        // The worker names a loaded file's model with its training after it: "run 3's model (1
        // epoch, 92.10 % on the test set)".
        let arrived = self.on_its_way.take().filter(|(sent, _, _)| name == sent || name.starts_with(&format!("{sent} (")));
        self.answering = arrived;
    }
}

pub type SharedHandle = Rc<RefCell<WorkerHandle>>;

impl WorkerHandle {
    pub fn send(&self, message: ToWorker) {
        if let ToWorker::UseModel { name, file } = &message {
            let key = (name.clone(), file.len(), hash_of(file));
            let mut models = self.models.borrow_mut();
            if models.on_its_way.as_ref() == Some(&key) || models.answering.as_ref() == Some(&key) {
                return;
            }
            models.on_its_way = Some(key);
        }
        if let Some(bridge) = &self.bridge {
            bridge.send(message);
        }
    }

    /// The build the learner's choice and what is known call for, of those the site has: while
    /// the development server is still building the WebGPU worker, the threaded one.
    fn wanted_build(&self) -> WorkerBuild {
        let threads = threads_allowed() && !self.threads_failed;
        if threads && SiteBuild::now().webgpu_worker_missing() {
            return WorkerBuild::CpuThreads;
        }
        worker_build(threads, self.hardware_adapter, self.backend_override)
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The learner picked a backend (or the automatic choice): tell the worker, or start the other
/// build when this one cannot follow.
pub fn choose_backend(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>, choice: Option<BackendKind>) {
    let switch = {
        let mut current = handle.borrow_mut();
        current.backend_override = choice;
        current.build.is_some_and(|build| build != current.wanted_build())
    };
    if switch {
        switch_build(handle, dispatch);
    } else {
        handle.borrow().send(ToWorker::ChooseBackend(choice));
    }
}

/// Replaces the worker with a fresh one of the wanted build (the data comes from the cache).
fn switch_build(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>) {
    dispatch.dispatch(PageAction::WorkerStarting);
    start_worker(handle, dispatch);
}

/// Shared memory, which the threaded worker needs, exists only on cross-origin isolated pages.
fn threads_allowed() -> bool {
    let global = js_sys::global();
    let isolated = js_sys::Reflect::get(&global, &"crossOriginIsolated".into()).is_ok_and(|v| v.is_truthy());
    isolated && js_sys::Reflect::has(&global, &"SharedArrayBuffer".into()).unwrap_or(false)
}

/// Spawns a worker and asks it to start; failures are reported to the page state.
pub fn start_worker(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>) {
    let drills = Drills::from_page();
    let channel = crash_listener::unique_name();
    let (generation, build) = {
        let mut current = handle.borrow_mut();
        current.generation += 1;
        current.started = false;
        current.threads_starting = false;
        // The old bridge goes first: its worker, if it still runs, is told to close.
        current.bridge = None;
        current.crashes = None;
        current.models.replace(SentModels::default());
        let build = current.wanted_build();
        current.build = Some(build);
        (current.generation, build)
    };
    let on_message = {
        let (weak, dispatch) = (Rc::downgrade(&handle), dispatch.clone());
        let pacer = ProgressPacer::new(dispatch.clone());
        move |message: FromWorker| {
            let Some(handle) = weak.upgrade() else { return };
            if handle.borrow().generation != generation {
                return; // a late message from a worker already replaced
            }
            match &message {
                FromWorker::Started => {
                    let mut current = handle.borrow_mut();
                    current.started = true;
                    current.threads_hung = 0;
                }
                FromWorker::Answering(name) => handle.borrow().models.borrow_mut().answering(name),
                FromWorker::ModelRefused(_) => handle.borrow().models.borrow_mut().on_its_way = None,
                // The threaded worker found a hardware adapter and the choice is WebGPU, which
                // it cannot run: the worker that can takes over.
                FromWorker::Backend(report) if build == WorkerBuild::CpuThreads && report.kind == BackendKind::WebGpu => {
                    handle.borrow_mut().hardware_adapter = true;
                    let dispatch = dispatch.clone();
                    wasm_bindgen_futures::spawn_local(async move { switch_build(handle, dispatch) });
                    return;
                }
                _ => {}
            }
            pacer.deliver(message);
        }
    };
    let mut loader = format!("{WORKER_LOADER}?crash={channel}");
    if build == WorkerBuild::CpuThreads {
        loader.push_str("&build=threads");
        if let Some(threads) = drills.cpu_threads {
            loader.push_str(&format!("&threads={threads}"));
        }
        if let Some(silent) = drills.silent_threads {
            loader.push_str(&format!("&silent={silent}"));
        }
        let mut current = handle.borrow_mut();
        current.threaded_starts += 1;
        if drills.hang_thread_starts.is_some_and(|hung| current.threaded_starts <= hung) {
            loader.push_str("&hang");
        }
    }
    let bridge = WorkerLink::spawner()
        .encoding::<MessageCodec>()
        .with_loader(true)
        .callback(on_message)
        .spawn(&loader);
    bridge.send(ToWorker::Start {
        // The lab's data (a class's link may choose the light set).
        data_url: absolute_url(&format!("{DATA_URL}{}", handle.borrow().data.unwrap_or_default().folder())),
        model_url: absolute_url(MODEL_URL),
        panic_channel: channel.clone(),
        stall_seconds: drills.stall_seconds.unwrap_or(STALL_SECONDS),
        webgpu_worker_missing: SiteBuild::now().webgpu_worker_missing(),
    });
    let crashes = {
        let (weak, dispatch) = (Rc::downgrade(&handle), dispatch.clone());
        let threads_seconds = drills.threads_seconds.unwrap_or(THREADS_SECONDS);
        CrashListener::new(&channel, move |message| {
            let Some(handle) = weak.upgrade() else { return };
            if message == STARTING_THREADS {
                handle.borrow_mut().threads_starting = true;
                watch_threads(Rc::downgrade(&handle), dispatch.clone(), generation, threads_seconds);
            } else {
                on_crash(handle, dispatch.clone(), generation, message);
            }
        })
    };
    {
        let mut current = handle.borrow_mut();
        current.bridge = Some(bridge);
        current.crashes = crashes;
        if let Some(kind) = current.backend_override {
            current.send(ToWorker::ChooseBackend(Some(kind)));
        }
    }
    watch_start(Rc::downgrade(&handle), dispatch, generation, build, drills.start_seconds.unwrap_or(START_SECONDS));
}

/// The learner asked for a fresh worker after one failed to start or crashed too often.
pub fn restart_by_hand(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>) {
    handle.borrow_mut().restarts = 0;
    dispatch.dispatch(PageAction::WorkerStarting);
    start_worker(handle, dispatch);
}

/// A crash report from the worker of `generation`: say it, and start a fresh worker when that
/// can help (it had started before, and it has not crashed again and again).
fn on_crash(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>, generation: u32, message: String) {
    let (started, restart) = {
        let mut current = handle.borrow_mut();
        if current.generation != generation || current.bridge.is_none() {
            return; // a second report of a crash already handled
        }
        current.bridge = None;
        if !current.started && current.build == Some(WorkerBuild::CpuThreads) && message.contains(THREADS_DID_NOT_START) {
            drop(current);
            fall_back_to_one_core(handle, dispatch, &message);
            return;
        }
        let restart = current.started && current.restarts < AUTOMATIC_RESTARTS;
        current.restarts += u32::from(restart);
        (current.started, restart)
    };
    dispatch.dispatch(PageAction::WorkerCrashed { message: explain_crash(&message, started), restarting: restart });
    if restart {
        // The listener that called us belongs to the handle: replace it after this call returns.
        wasm_bindgen_futures::spawn_local(async move { start_worker(handle, dispatch) });
    }
}

/// The loader's words when the threaded worker's compute threads did not start (www/worker-loader.js).
const THREADS_DID_NOT_START: &str = "its compute threads did not start";

/// The threaded worker could not start its compute threads: say so and start the one-core
/// worker, which needs no nested Workers, instead.
fn fall_back_to_one_core(handle: SharedHandle, dispatch: UseReducerDispatcher<PageState>, why: &str) {
    handle.borrow_mut().threads_failed = true;
    let why: String = why.chars().take(300).collect();
    let message = format!(
        "This browser did not start the helpers that let training use every processor core, so training uses one core: it works, more slowly. (The browser's words: {why}.)"
    );
    dispatch.dispatch(PageAction::OneCoreFallback(message));
    wasm_bindgen_futures::spawn_local(async move { start_worker(handle, dispatch) });
}

/// The learner's words for a worker's last report.
fn explain_crash(report: &str, started: bool) -> String {
    let lowered = report.to_lowercase();
    let cause = if lowered.contains("unreachable") || lowered.contains("out of memory") || lowered.contains("out of bounds") {
        " This usually means it ran out of memory: a browser tab's WebAssembly has at most 4 GB. Try a smaller batch size or model."
    } else {
        ""
    };
    let report: String = report.chars().take(400).collect();
    if started {
        format!("The training worker crashed: {report}.{cause}")
    } else {
        format!("The training worker could not start: {report}.{cause}")
    }
}

/// After `seconds`, a worker of `generation` that has not said `Started` is given up on.
fn watch_start(handle: std::rc::Weak<RefCell<WorkerHandle>>, dispatch: UseReducerDispatcher<PageState>, generation: u32, build: WorkerBuild, seconds: u32) {
    let files = match build {
        WorkerBuild::WebGpuAndCpu => "worker-loader.js, pkg/convlab-worker.js and its .wasm",
        WorkerBuild::CpuThreads => "worker-loader.js, worker-thread.js, pkg/convlab-worker-threads.js and its .wasm",
    };
    let check = Closure::once_into_js(move || {
        let Some(handle) = handle.upgrade() else { return };
        let mut current = handle.borrow_mut();
        // Code that runs and starts its threads is watched by `watch_threads` instead.
        if current.generation != generation || current.started || current.bridge.is_none() || current.threads_starting {
            return;
        }
        current.bridge = None;
        current.crashes = None;
        current.models.replace(SentModels::default());
        dispatch.dispatch(PageAction::WorkerCrashed {
            message: format!(
                "The training worker did not start within {seconds} s: its files ({files}) may be missing or blocked. Check that the whole site is served, then press \"Start the worker again\"."
            ),
            restarting: false,
        });
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), seconds.saturating_mul(1000) as i32);
    }
}

/// After `seconds`, a threaded worker of `generation` whose compute threads have not all started
/// is given up on: a fresh threaded worker is tried once, then the one-core worker. The old one
/// is not ended (gloo-worker's bridge cannot terminate it, and a worker stuck creating a thread
/// reads no request to close); it keeps its memory until the page is reloaded.
fn watch_threads(handle: std::rc::Weak<RefCell<WorkerHandle>>, dispatch: UseReducerDispatcher<PageState>, generation: u32, seconds: u32) {
    let check = Closure::once_into_js(move || {
        let Some(handle) = handle.upgrade() else { return };
        let hung = {
            let mut current = handle.borrow_mut();
            if current.generation != generation || current.started || current.bridge.is_none() {
                return;
            }
            current.bridge = None;
            current.crashes = None;
            current.threads_hung += 1;
            current.threads_hung
        };
        if hung >= 2 {
            fall_back_to_one_core(handle, dispatch, &format!("its compute threads did not start within {seconds} s, twice"));
        } else {
            dispatch.dispatch(PageAction::WorkerStarting);
            start_worker(handle, dispatch);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), seconds.saturating_mul(1000) as i32);
    }
}

/// The worker runs from the loader's URL, so relative URLs must be made absolute first.
fn absolute_url(relative: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    web_sys::Url::new_with_base(relative, &href).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
}
