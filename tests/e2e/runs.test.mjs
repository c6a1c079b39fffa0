// Recorded runs: two short trainings land in the runs table and chart, survive a reload, export
// as CSV, and can be deleted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINUTE, openApp, saveFile, setForm } from "./browser.mjs";

const rowCount = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll("#runs-table .run-row").length === n, n, { timeout: 3 * MINUTE });

/** Trains once and waits until the run is the `n`th row of the runs table. */
async function train(page, n) {
  await page.click("#train");
  await rowCount(page, n);
  assert.equal(await page.locator("#run-status").textContent(), "Done: 1 epoch, 10 steps.");
}

test("two short runs are recorded, compared, exported, kept across a reload, and deleted", async () => {
  const { context, page, errors } = await openApp();
  try {
    assert.equal(await page.locator("#runs-empty").count(), 1);
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 5 });
    await train(page, 1);
    const rows = page.locator("#runs-table .run-row");

    // The second run trains the model from the builder, not the tutorial's.
    await page.fill("#layer-1-kernel", "5");
    await train(page, 2);

    const cells = async (row) => (await rows.nth(row).locator("td").allTextContents()).map((t) => t.trim());
    const [first, second] = [await cells(0), await cells(1)];
    assert.equal(first[1], "Tutorial CNN");
    assert.equal(first[2], "34,506");
    assert.match(second[1], /^c32\.k5\.same\.relu-/);
    assert.equal(second[2], "35,018");
    for (const row of [first, second]) {
      assert.equal(row.length, 9, "no backend column: the machine is a detail (it is in the CSV)");
      assert.equal(row[3], "1 epoch, batch 32, learning rate 0.001, seed 5, 320 training images");
      assert.match(row[4], /^\d+\.\d$/, "seconds per epoch");
      assert.match(row[5], /^\d+$/, "images per second");
      assert.match(row[6], /^\d+\.\d\d %$/, "test accuracy");
    }
    // One curve per run in the overlay chart.
    assert.equal(await page.locator("#runs-chart .series").count(), 2);
    assert.equal(await page.locator("#runs-chart .series circle").count(), 2);

    // CSV export: a header and one row per run.
    const file = join(mkdtempSync(join(tmpdir(), "convlab-runs-")), "runs.csv");
    assert.equal(await saveFile(page, "#runs-export", file), "convlab-runs.csv");
    const csv = readFileSync(file, "utf8").split("\r\n");
    assert.equal(csv.length, 4);
    assert.match(csv[0], /^run,finished_at,model,params,backend,epochs,/);
    assert.match(csv[2], /,c32\.k5\.same\.relu-[^,]*,35018,CPU,1,32,0\.001,5,320,100,false,/);

    await page.reload();
    await rowCount(page, 2);
    assert.deepEqual(await cells(1), second);

    const firstId = await rows.first().locator("td").first().textContent();
    await page.click(`#run-${firstId}-delete`);
    await rowCount(page, 1);
    await page.reload();
    await rowCount(page, 1);
    assert.equal(await rows.first().locator("td").nth(2).textContent(), "35,018");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Counts, in the page, every message sent to a worker by the names it holds (`UseModel`,
 * `Confusion`, …), so a test can tell how many times a click asked the worker. */
function countWorkerMessages() {
  window.convlabSent = {};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    const names = new Set();
    const visit = (value, depth) => {
      if (!value || typeof value !== "object" || ArrayBuffer.isView(value) || depth > 6) return;
      if (!Array.isArray(value) && !(value instanceof Map)) Object.keys(value).forEach((k) => names.add(k));
      const children = value instanceof Map ? [...value.keys(), ...value.values()] : Object.values(value);
      children.forEach((child) => visit(child, depth + 1));
      if (value instanceof Map) [...value.keys()].forEach((k) => typeof k === "string" && names.add(k));
    };
    visit(message, 0);
    names.forEach((n) => { window.convlabSent[n] = (window.convlabSent[n] ?? 0) + 1; });
    return post.call(this, message, ...rest);
  };
}

const sent = (page, name) => page.evaluate((name) => window.convlabSent[name] ?? 0, name);
const idsIn = async (page) => (await page.locator("#runs-table .run-row td:first-child").allTextContents()).map((t) => t.trim());

test("two tabs training at once keep both runs, each table shows the other's run and deletion; Use for drawing and the confusion matrix ask once when double-clicked", async () => {
  const { context, page, errors } = await openApp({ init: countWorkerMessages });
  try {
    const other = await context.newPage();
    other.on("pageerror", (error) => errors.push(`other tab: ${error.message}`));
    await other.goto(page.url());
    await other.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 5 });
    await setForm(other, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 6 });
    await Promise.all([page.click("#train"), other.click("#train")]);
    await Promise.all([rowCount(page, 2), rowCount(other, 2)]);
    const ids = await idsIn(page);
    assert.equal(new Set(ids).size, 2, `two runs with their own numbers: ${ids}`);
    assert.deepEqual(await idsIn(other), ids, "both tables list both runs, without a reload");
    const settings = await page.locator("#runs-table .run-row td.settings").allTextContents();
    assert.deepEqual(settings.map((s) => s.match(/seed (\d+)/)[1]).sort(), ["5", "6"]);

    // A deletion in one tab shows in the other.
    await other.click(`#run-${ids[0]}-delete`);
    await rowCount(page, 1);
    assert.deepEqual(await idsIn(page), [ids[1]]);

    // A double click on "Use for drawing" sends the model to the worker once.
    const used = await sent(page, "UseModel");
    await page.dblclick(`#run-${ids[1]}-use`);
    await page.waitForFunction((id) => (document.querySelector("#answering")?.textContent ?? "").includes(`run ${id}`), ids[1], { timeout: MINUTE });
    await page.waitForTimeout(1000);
    assert.equal(await sent(page, "UseModel") - used, 1, "one UseModel for a double click");
    // A later click on the model that answers already sends nothing; once another model has
    // taken over (a file loaded), the click sends it again.
    await page.click(`#run-${ids[1]}-use`);
    await page.waitForTimeout(500);
    assert.equal(await sent(page, "UseModel") - used, 1, "the answering model is not sent again");
    await page.setInputFiles("#model-file", new URL("../../www/model/tutorial.bin", import.meta.url).pathname);
    await page.waitForFunction(() => (document.querySelector("#answering")?.textContent ?? "").includes("tutorial.bin"), null, { timeout: MINUTE });
    await page.click(`#run-${ids[1]}-use`);
    await page.waitForFunction((n) => window.convlabSent.UseModel === n, used + 3, { timeout: MINUTE });

    // A double click on the confusion matrix's button computes it once.
    const compute = page.locator("#confusion-compute:not([disabled])");
    await compute.scrollIntoViewIfNeeded();
    await compute.dblclick();
    await page.locator("#confusion-matrix").waitFor({ timeout: 3 * MINUTE });
    assert.equal(await sent(page, "Confusion"), 1, "one confusion request for a double click");
    await other.close();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
