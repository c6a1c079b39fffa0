// Starts the page's wasm. A file rather than an inline <script>, so the Content-Security-Policy
// (xtask/src/serve.rs) allows scripts from the site only, without 'unsafe-inline'.
import init from "./pkg/convlab-app.js";

init().then(() => document.getElementById("loading")?.remove()).catch((error) => {
  document.getElementById("loading").textContent = `ConvLab could not start: ${error}`;
});
