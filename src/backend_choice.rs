//! Which backend trains, and the sentence that tells the learner why. Pure logic: the worker
//! gathers the facts (is there WebGPU, which adapter), this decides.

use crate::protocol::{BackendKind, BackendReport};

/// What the worker found out about WebGPU.
#[derive(Clone, Debug, PartialEq)]
pub enum WebGpuProbe {
    /// `navigator.gpu` is absent: the browser has no WebGPU (or it is disabled).
    Unsupported,
    /// WebGPU exists but `requestAdapter()` gave no adapter.
    NoAdapter,
    /// An adapter, by name; `software` when it is an emulation on the CPU.
    Adapter { name: String, software: bool, burn_ready: Result<(), String> },
}

/// Why WebGPU cannot start when the site has no worker built with it yet (`cargo xtask run`
/// serves the page before that build is done).
pub const WEBGPU_WORKER_NOT_BUILT: &str = "its worker is still being built";

/// Adapter descriptions that mean "emulated on the CPU".
const SOFTWARE_ADAPTERS: [&str; 4] = ["swiftshader", "llvmpipe", "lavapipe", "software"];

/// True for a software adapter, judged by its name or the browser's own fallback flag.
pub fn is_software_adapter(name: &str, fallback_flag: bool) -> bool {
    let name = name.to_lowercase();
    fallback_flag || SOFTWARE_ADAPTERS.iter().any(|s| name.contains(s))
}

/// A hardware adapter → WebGPU. No WebGPU, no adapter, a software adapter, or a failed
/// initialisation → the CPU: a trial measured `flex` ~20× faster than WebGPU on SwiftShader.
/// `force` is the learner's override; it is honoured when the forced backend can run.
/// `cpu_threads` is how many threads the CPU backend computes with in this worker.
pub fn choose(probe: &WebGpuProbe, force: Option<BackendKind>, cpu_threads: usize) -> BackendReport {
    let (adapter, software, webgpu_ready, why_not) = match probe {
        WebGpuProbe::Unsupported => (None, false, false, Some("this browser has no WebGPU".to_string())),
        WebGpuProbe::NoAdapter => (None, false, false, Some("WebGPU found no adapter".to_string())),
        WebGpuProbe::Adapter { name, software, burn_ready } => {
            let why_not = match burn_ready {
                Err(e) => Some(format!("WebGPU could not start ({e})")),
                Ok(()) => None,
            };
            (Some(name.clone()), *software, burn_ready.is_ok(), why_not)
        }
    };
    let automatic = if webgpu_ready && !software { BackendKind::WebGpu } else { BackendKind::Cpu };
    let kind = match force {
        Some(BackendKind::WebGpu) if webgpu_ready => BackendKind::WebGpu,
        Some(BackendKind::Cpu) => BackendKind::Cpu,
        _ => automatic,
    };
    let target = match kind {
        BackendKind::WebGpu => "training on WebGPU".to_string(),
        BackendKind::Cpu if cpu_threads > 1 => format!("training on the CPU with {cpu_threads} threads"),
        BackendKind::Cpu => "training on the CPU".to_string(),
    };
    let head = match (&adapter, software) {
        (Some(name), true) => format!("WebGPU adapter: {name} (software)"),
        (Some(name), false) => format!("WebGPU adapter: {name}"),
        (None, _) => format!("No WebGPU: {}", why_not.clone().unwrap_or_default()),
    };
    let mut summary = format!("{head} — {target}");
    if adapter.is_some() {
        if let Some(reason) = &why_not {
            summary.push_str(&format!(" ({reason})"));
        }
    }
    if force.is_some() && kind != automatic {
        summary.push_str(" (your choice)");
    } else if force == Some(BackendKind::WebGpu) && kind == BackendKind::Cpu {
        summary.push_str(" (WebGPU was asked for but cannot run here)");
    }
    let plain = plain_words(probe, kind, force.is_some() && kind != automatic);
    let cpu_threads = u32::try_from(cpu_threads).unwrap_or(u32::MAX);
    BackendReport { kind, adapter, software, webgpu_ready, cpu_threads, summary, plain }
}

/// Where training runs in the learner's words and, when not on the graphics card, why. Adapter
/// names and thread counts stay in the summary, which the page keeps under "About this machine".
fn plain_words(probe: &WebGpuProbe, kind: BackendKind, chosen: bool) -> String {
    let software = matches!(probe, WebGpuProbe::Adapter { software: true, .. });
    let place = match kind {
        BackendKind::WebGpu if software => "Training on a graphics card imitated in software",
        BackendKind::WebGpu => "Training on this computer's graphics card",
        BackendKind::Cpu => "Training on this computer's processor",
    };
    let why = match (kind, probe) {
        _ if chosen => " (your choice)",
        (BackendKind::WebGpu, _) => "",
        (BackendKind::Cpu, WebGpuProbe::Unsupported) => " (this browser does not let pages use the graphics card)",
        (BackendKind::Cpu, WebGpuProbe::NoAdapter) => " (no graphics card found)",
        (BackendKind::Cpu, WebGpuProbe::Adapter { burn_ready: Err(why), .. }) if why == WEBGPU_WORKER_NOT_BUILT => {
            " (the part of ConvLab that trains on a graphics card is still being built)"
        }
        (BackendKind::Cpu, WebGpuProbe::Adapter { burn_ready: Err(_), .. }) => " (the graphics card could not be started)",
        (BackendKind::Cpu, WebGpuProbe::Adapter { software: true, .. }) => {
            " (the graphics card is only imitated in software here, which is slower than the processor)"
        }
        (BackendKind::Cpu, WebGpuProbe::Adapter { .. }) => "",
    };
    format!("{place}{why}.")
}

/// The two builds of the training worker the page can start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerBuild {
    /// `convlab-worker`: WebGPU and the CPU on one thread; runs in every browser.
    WebGpuAndCpu,
    /// `convlab-worker-threads`: the CPU on every core (wasm threads), no WebGPU. Needs shared
    /// memory, which browsers give only to cross-origin isolated pages.
    CpuThreads,
}

/// Which worker the page starts. The threaded one when threads are allowed and the CPU is what
/// will train: the learner chose it, or nothing says a hardware adapter is there (the page's
/// own probe, or an earlier worker's report). Otherwise the worker that can use WebGPU, which
/// decides for itself as before.
pub fn worker_build(threads_allowed: bool, hardware_adapter: bool, force: Option<BackendKind>) -> WorkerBuild {
    let cpu_wanted = match force {
        Some(kind) => kind == BackendKind::Cpu,
        None => !hardware_adapter,
    };
    if threads_allowed && cpu_wanted { WorkerBuild::CpuThreads } else { WorkerBuild::WebGpuAndCpu }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adapter(name: &str, software: bool) -> WebGpuProbe {
        WebGpuProbe::Adapter { name: name.into(), software, burn_ready: Ok(()) }
    }

    #[test]
    fn a_hardware_adapter_trains_on_webgpu() {
        let report = choose(&adapter("nvidia ampere", false), None, 1);
        assert_eq!(report.kind, BackendKind::WebGpu);
        assert_eq!(report.summary, "WebGPU adapter: nvidia ampere — training on WebGPU");
    }

    #[test]
    fn swiftshader_trains_on_the_cpu_and_says_why() {
        assert!(is_software_adapter("google swiftshader", false));
        let report = choose(&adapter("google swiftshader", true), None, 1);
        assert_eq!(report.kind, BackendKind::Cpu);
        assert_eq!(report.summary, "WebGPU adapter: google swiftshader (software) — training on the CPU");
    }

    #[test]
    fn no_webgpu_trains_on_the_cpu() {
        let report = choose(&WebGpuProbe::Unsupported, None, 1);
        assert_eq!(report.kind, BackendKind::Cpu);
        assert_eq!(report.summary, "No WebGPU: this browser has no WebGPU — training on the CPU");
        let report = choose(&WebGpuProbe::Unsupported, Some(BackendKind::WebGpu), 1);
        assert_eq!(report.kind, BackendKind::Cpu);
    }

    #[test]
    fn the_override_wins_where_it_can_run() {
        let report = choose(&adapter("google swiftshader", true), Some(BackendKind::WebGpu), 1);
        assert_eq!(report.kind, BackendKind::WebGpu);
        assert!(report.summary.ends_with("training on WebGPU (your choice)"), "{}", report.summary);
        let failed = WebGpuProbe::Adapter { name: "x".into(), software: false, burn_ready: Err("lost".into()) };
        assert_eq!(choose(&failed, None, 1).kind, BackendKind::Cpu);
    }

    #[test]
    fn the_summary_counts_the_cpu_threads() {
        let report = choose(&adapter("google swiftshader", true), None, 4);
        assert_eq!((report.kind, report.cpu_threads), (BackendKind::Cpu, 4));
        assert!(report.summary.ends_with("training on the CPU with 4 threads"), "{}", report.summary);
        let single = choose(&WebGpuProbe::Unsupported, None, 1);
        assert!(single.summary.ends_with("training on the CPU"), "{}", single.summary);
    }

    #[test]
    fn the_plain_words_name_the_processor_or_the_graphics_card_and_no_machine_part() {
        let plain = |probe: &WebGpuProbe, force| choose(probe, force, 4).plain;
        assert_eq!(plain(&WebGpuProbe::NoAdapter, None), "Training on this computer's processor (no graphics card found).");
        assert_eq!(plain(&adapter("nvidia ampere", false), None), "Training on this computer's graphics card.");
        assert_eq!(
            plain(&adapter("google swiftshader", true), None),
            "Training on this computer's processor (the graphics card is only imitated in software here, which is slower than the processor)."
        );
        assert_eq!(plain(&adapter("google swiftshader", true), Some(BackendKind::WebGpu)), "Training on a graphics card imitated in software (your choice).");
        assert_eq!(plain(&adapter("nvidia ampere", false), Some(BackendKind::Cpu)), "Training on this computer's processor (your choice).");
        let failed = WebGpuProbe::Adapter { name: "x".into(), software: false, burn_ready: Err("lost".into()) };
        assert_eq!(plain(&failed, None), "Training on this computer's processor (the graphics card could not be started).");
        let unbuilt = WebGpuProbe::Adapter { name: "x".into(), software: false, burn_ready: Err(WEBGPU_WORKER_NOT_BUILT.into()) };
        assert_eq!(plain(&unbuilt, None), "Training on this computer's processor (the part of ConvLab that trains on a graphics card is still being built).");
        assert_eq!(choose(&unbuilt, Some(BackendKind::WebGpu), 2).kind, BackendKind::Cpu, "a choice of WebGPU cannot be followed yet");
        for probe in [WebGpuProbe::Unsupported, WebGpuProbe::NoAdapter, adapter("google swiftshader", true)] {
            let words = plain(&probe, None);
            for machine_word in ["WebGPU", "adapter", "thread", "swiftshader", "CPU"] {
                assert!(!words.contains(machine_word), "{words}");
            }
        }
    }

    #[test]
    fn the_threaded_worker_is_started_only_where_it_can_run_and_the_cpu_trains() {
        use WorkerBuild::*;
        // Not cross-origin isolated: no shared memory, whatever the learner wants.
        for force in [None, Some(BackendKind::Cpu), Some(BackendKind::WebGpu)] {
            assert_eq!(worker_build(false, false, force), WebGpuAndCpu);
        }
        assert_eq!(worker_build(true, false, None), CpuThreads, "no hardware adapter: the CPU trains");
        assert_eq!(worker_build(true, true, None), WebGpuAndCpu, "a hardware adapter: WebGPU trains");
        assert_eq!(worker_build(true, true, Some(BackendKind::Cpu)), CpuThreads, "the learner's choice");
        assert_eq!(worker_build(true, false, Some(BackendKind::WebGpu)), WebGpuAndCpu, "the learner's choice");
    }
}
