// Recorded runs: two short trainings land in the runs table and chart, survive a reload, export
// as CSV, and can be deleted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { MINUTE, openApp, setForm } from "./browser.mjs";

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
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#runs-export")]);
    assert.equal(download.suggestedFilename(), "convlab-runs.csv");
    const csv = readFileSync(await download.path(), "utf8").split("\r\n");
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
