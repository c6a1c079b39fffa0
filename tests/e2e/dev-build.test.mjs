// `cargo xtask run` serves the page before the worker that trains on WebGPU is built, and its
// building.json says how that build stands. While it says "building", the page must train on the
// processor (threaded worker), say what is missing, and not offer the graphics card; once it says
// "ready", the page says to reload, and after the reload the graphics card can be chosen and the
// run trained before is still there. The build's state is served by the test (the suite's own
// server has everything built).
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, launch, trainShortRun } from "./browser.mjs";

test("while the WebGPU worker is still building, the page trains on the processor and says so; when it is built, a reload uses it and keeps the run", async () => {
  // SwiftShader's adapter is there, so the graphics card would be offered if the worker were built.
  const { context, page, errors } = await launch({ webgpu: true });
  try {
    let state = "building";
    await context.route(/\/building\.json$/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ webgpu_worker: state }) }),
    );
    await page.goto(APP_URL);
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });

    const status = page.locator("#build-status");
    assert.match(await status.textContent(), /still building the part of ConvLab that trains on a graphics card/);
    await page.locator("#backend-choice").waitFor();
    assert.equal(
      await page.locator("#backend-plain").textContent(),
      "Training on this computer's processor (the part of ConvLab that trains on a graphics card is still being built).",
    );
    assert.match(await page.locator("#backend-line").textContent(), /training on the CPU with \d+ threads/, "the threaded worker trains");
    assert.equal(await page.locator('#backend-choice option[value="webgpu"]').evaluate((option) => option.disabled), true, "the graphics card is not offered yet");
    const { id } = await trainShortRun(page);

    state = "ready";
    await page.locator("#build-status", { hasText: "reload the page to use it" }).waitFor({ timeout: 20_000 });

    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.equal(await page.locator("#build-status").count(), 0, "a whole site says nothing about building");
    await page.locator(`#run-${id}-delete`).waitFor({ timeout: MINUTE });
    await page.locator('#backend-choice option[value="webgpu"]:not([disabled])').waitFor({ state: "attached", timeout: MINUTE });
    await page.selectOption("#backend-choice", "webgpu");
    await page.locator("#backend-plain", { hasText: "Training on a graphics card imitated in software (your choice)." }).waitFor({ timeout: 2 * MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a failed WebGPU worker build is said, and the page trains on the processor", async () => {
  const { context, page, errors } = await launch({ webgpu: true });
  try {
    await context.route(/\/building\.json$/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ webgpu_worker: "failed" }) }),
    );
    await page.goto(APP_URL);
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.match(await page.locator("#build-status").textContent(), /could not be built \(the terminal running cargo xtask run says why\)/);
    assert.match(await page.locator("#backend-plain").textContent(), /^Training on this computer's processor/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
