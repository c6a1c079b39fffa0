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
pub fn choose(probe: &WebGpuProbe, force: Option<BackendKind>) -> BackendReport {
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
        BackendKind::WebGpu => "training on WebGPU",
        BackendKind::Cpu => "training on the CPU",
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
    BackendReport { kind, adapter, software, webgpu_ready, summary }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adapter(name: &str, software: bool) -> WebGpuProbe {
        WebGpuProbe::Adapter { name: name.into(), software, burn_ready: Ok(()) }
    }

    #[test]
    fn a_hardware_adapter_trains_on_webgpu() {
        let report = choose(&adapter("nvidia ampere", false), None);
        assert_eq!(report.kind, BackendKind::WebGpu);
        assert_eq!(report.summary, "WebGPU adapter: nvidia ampere — training on WebGPU");
    }

    #[test]
    fn swiftshader_trains_on_the_cpu_and_says_why() {
        assert!(is_software_adapter("google swiftshader", false));
        let report = choose(&adapter("google swiftshader", true), None);
        assert_eq!(report.kind, BackendKind::Cpu);
        assert_eq!(report.summary, "WebGPU adapter: google swiftshader (software) — training on the CPU");
    }

    #[test]
    fn no_webgpu_trains_on_the_cpu() {
        let report = choose(&WebGpuProbe::Unsupported, None);
        assert_eq!(report.kind, BackendKind::Cpu);
        assert_eq!(report.summary, "No WebGPU: this browser has no WebGPU — training on the CPU");
        let report = choose(&WebGpuProbe::Unsupported, Some(BackendKind::WebGpu));
        assert_eq!(report.kind, BackendKind::Cpu);
    }

    #[test]
    fn the_override_wins_where_it_can_run() {
        let report = choose(&adapter("google swiftshader", true), Some(BackendKind::WebGpu));
        assert_eq!(report.kind, BackendKind::WebGpu);
        assert!(report.summary.ends_with("training on WebGPU (your choice)"), "{}", report.summary);
        let failed = WebGpuProbe::Adapter { name: "x".into(), software: false, burn_ready: Err("lost".into()) };
        assert_eq!(choose(&failed, None).kind, BackendKind::Cpu);
    }
}
