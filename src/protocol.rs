//! Messages between the page and the training worker. Plain data, so both sides (and native
//! tests) share one definition; the worker owns every tensor, the page owns none.

use serde::{Deserialize, Serialize};

/// Which burn backend the worker computes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackendKind {
    /// burn-wgpu on the browser's WebGPU adapter.
    WebGpu,
    /// burn's pure-Rust CPU backend (`flex`), in the worker's thread.
    Cpu,
}

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// Pick a backend and load MNIST from `data_url` (a folder URL ending in `/`).
    Start { data_url: String },
}

/// What the worker tells the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum FromWorker {
    /// The backend in use and why it was chosen.
    Backend(BackendReport),
    /// Bytes received so far of one MNIST file (`total` from Content-Length, when known).
    Download { file: String, loaded: u64, total: Option<u64> },
    /// MNIST is decoded; shapes as the tutorial prints them, e.g. "(60000, 28, 28, 1)".
    DataReady { train_shape: String, test_shape: String },
    /// Something failed; the text says what and how to fix it.
    Error(String),
}

/// The outcome of the worker's WebGPU probe and backend choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackendReport {
    pub kind: BackendKind,
    /// The WebGPU adapter's name when there is one (e.g. "google swiftshader").
    pub adapter: Option<String>,
    /// True when that adapter is a software emulation (SwiftShader, llvmpipe, fallback).
    pub software: bool,
    /// Whether burn's WebGPU runtime was initialised on the adapter (the override can use it).
    pub webgpu_ready: bool,
    /// One sentence for the page, e.g. "WebGPU adapter: google swiftshader (software) — training on the CPU".
    pub summary: String,
}
