// Models you keep: a run's model survives a reload and answers drawings (the one chosen with "Use
// for drawing" too), Compare answers for the drawing on the canvas at once; a downloaded model file
// loads into a fresh browser and answers as before; a damaged file, one with bytes appended and
// one larger than any model are refused and the previous model answers; a stopped run resumes after a reload and ends as the uninterrupted run does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINUTE, waitForBatch, answer, openApp, saveFile, setForm, stroke } from "./browser.mjs";

const SEVEN = [[60, 60], [220, 60], [120, 240]];

const rowCount = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll("#runs-table .run-row").length === n, n, { timeout: 3 * MINUTE });

const lastRunId = async (page) => (await page.locator("#runs-table .run-row").last().locator("td").first().textContent()).trim();

async function answeringIs(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#answering")?.textContent ?? ""), pattern.source, { timeout: MINUTE });
}

test("a kept model answers after a reload, downloads, loads into a fresh browser, and a damaged file is refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "convlab-keep-"));
  let file;
  let top;
  {
    const { context, page, errors } = await openApp();
    try {
      await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 3 });
      await page.click("#train");
      await rowCount(page, 1);
      await page.locator("#kept-storage").filter({ hasText: /^1 kept model uses \d/ }).waitFor({ timeout: MINUTE });
      await page.reload();
      await rowCount(page, 1);
      const id = await lastRunId(page);
      // The run's model answered drawings before the reload, and it still does, without a click.
      await answeringIs(page, new RegExp(`your run ${id}'s model`));
      // A second run's model takes over; the learner chooses the first one again ("Use for
      // drawing"), and that choice survives a reload too.
      await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 4 });
      await page.click("#train");
      await rowCount(page, 2);
      await answeringIs(page, /your model, trained for 10 steps/);
      await page.click(`#run-${id}-use`);
      await answeringIs(page, new RegExp(`your run ${id}'s model`));
      await page.reload();
      await rowCount(page, 2);
      await answeringIs(page, new RegExp(`your run ${id}'s model`));
      await stroke(page, SEVEN);
      ({ top } = await answer(page));
      // Compare answers for the drawing already on the canvas as soon as its model is chosen,
      // not at the next stroke.
      const other = (await page.locator("#runs-table .run-row").last().locator("td").first().textContent()).trim();
      await page.selectOption("#compare-with", other);
      const compared = page.locator("#compared-answer");
      await compared.waitFor({ timeout: MINUTE });
      assert.match(await compared.textContent(), new RegExp(`^The answering model says ${top} \\(\\d+ %\\); run ${other}'s model \\(1 epoch, [\\d.]+ % on the test set\\) says \\d \\(\\d+ %\\)\\.$`));

      file = join(dir, "model.convlab");
      assert.equal(await saveFile(page, `#run-${id}-download`, file), `convlab-run-${id}.convlab`);
      assert.equal(readFileSync(file).subarray(0, 8).toString(), "CONVLABW");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  // A fresh profile: nothing stored. The file answers as the kept model did.
  const { context, page, errors } = await openApp();
  try {
    await page.setInputFiles("#model-file", file);
    await answeringIs(page, /the model from model\.convlab/);
    await stroke(page, SEVEN);
    const first = await answer(page);
    assert.equal(first.top, top);

    const bytes = readFileSync(file);
    const damaged = join(dir, "damaged.convlab");
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await page.setInputFiles("#model-file", damaged);
    const refused = page.locator("#model-refused");
    await refused.waitFor({ timeout: MINUTE });
    assert.match(await refused.textContent(), /cannot be used as a model: .*damaged or cut short.*still answers/);
    assert.match(await page.locator("#answering").textContent(), /the model from model\.convlab/);
    await page.click("#clear");
    await stroke(page, SEVEN);
    assert.equal((await answer(page, first.request)).top, top);

    // The model file with bytes appended: refused by the worker.
    const longer = join(dir, "longer.convlab");
    writeFileSync(longer, Buffer.concat([bytes, Buffer.alloc(4096)]));
    await page.setInputFiles("#model-file", longer);
    await page.locator("#model-refused").filter({ hasText: /4096 bytes follow the weights/ }).waitFor({ timeout: MINUTE });
    // Larger than any model can be: refused by its size before it is read.
    const huge = join(dir, "huge.convlab");
    writeFileSync(huge, Buffer.concat([bytes, Buffer.alloc(43_000_000)]));
    await page.setInputFiles("#model-file", huge);
    await page.locator("#runs-problem").filter({ hasText: /huge\.convlab is 43\.1 MB: larger than any ConvLab model file \(42\.1 MB at most/ }).waitFor({ timeout: MINUTE });
    assert.match(await page.locator("#answering").textContent(), /the model from model\.convlab/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a stopped run keeps its cut-short epoch, resumes once after a reload (even double-clicked) and ends where the uninterrupted run ends", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    // 2 epochs of 20 batches.
    await setForm(page, { epochs: 2, "train-subset": 640, "validation-subset": 100, seed: 4 });
    await page.click("#train");
    await waitForBatch(page, 3);
    await page.click("#stop");
    await rowCount(page, 1);
    const stopped = await lastRunId(page);
    const resume = page.locator(`#run-${stopped}-resume`);
    await resume.waitFor({ timeout: MINUTE });
    const status = await page.locator("#run-status").textContent();
    const stoppedAt = Number(status.match(/Stopped after (\d+) steps?/)[1]);
    assert.ok(stoppedAt < 20, `stopped after ${stoppedAt} steps, inside the first epoch of 20`);
    // Stop inside an epoch keeps it: the status says where and what is kept, the epoch table has
    // the cut-short epoch's row with its training figures, and the run's row says where it stopped.
    assert.match(status, new RegExp(`in epoch 1 after batch ${stoppedAt} of 20\\. Nothing is lost`));
    const partial = page.locator("#partial-epoch");
    assert.match(await partial.locator("td").first().textContent(), new RegExp(`^1/2stopped after batch ${stoppedAt} of 20$`));
    assert.match(await partial.locator("td").nth(1).textContent(), /^\d\.\d{4}$/, "the partial epoch's loss");
    assert.match(await partial.locator("td").nth(3).textContent(), /not validated/);
    assert.match(await page.locator(`#run-${stopped} .model-code`).textContent(), new RegExp(`\\(stopped in epoch 1, after batch ${stoppedAt} of 20\\)`));

    await page.reload();
    await rowCount(page, 1);
    // A double click resumes once: the second click is not sent (the worker would refuse it, and
    // the page showed that refusal over the running run).
    await resume.dblclick();
    await waitForBatch(page, 1);
    assert.equal(await page.locator("#training-error").count(), 0, "no 'a run is already going'");
    await rowCount(page, 2);
    assert.equal(await page.locator("#run-status").textContent(), "Done: 2 epochs, 40 steps.");
    assert.equal(await page.locator("#training-error").count(), 0);
    const resumedAccuracy = (await page.locator("#runs-table .run-row").nth(1).locator("td").nth(6).textContent()).trim();

    // The same settings without a stop.
    await setForm(page, { epochs: 2, "train-subset": 640, "validation-subset": 100, seed: 4 });
    await page.click("#train");
    await rowCount(page, 3);
    assert.equal(await page.locator("#run-status").textContent(), "Done: 2 epochs, 40 steps.");
    const uninterrupted = (await page.locator("#runs-table .run-row").nth(2).locator("td").nth(6).textContent()).trim();
    assert.equal(resumedAccuracy, uninterrupted);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
