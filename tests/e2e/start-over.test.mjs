// Start over: asks first with what it will delete, deletes runs, kept models, digits and the
// course's progress in one go (other tabs told), opens the page as on a first visit, and the
// page works; a deletion that fails is said and deletes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, answer, eventually, openApp, setForm, stroke } from "./browser.mjs";
import { digitSetFile } from "./digit-sets.mjs";

const activeElement = (page) => page.evaluate(() => document.activeElement?.id);

/** How many records each of the page's IndexedDB stores holds, read by the test itself. */
const storeCounts = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open("convlab");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          const transaction = db.transaction(names);
          const counts = {};
          for (const name of names) transaction.objectStore(name).count().onsuccess = (e) => (counts[name] = e.target.result);
          transaction.oncomplete = () => (db.close(), resolve(counts));
        };
      }),
  );

/** A run kept with its model, 30 digits, step 1 answered, and the builder changed. */
async function fillUp(page) {
  await page.fill("#step-answer", "320");
  await page.press("#step-answer", "Enter");
  await eventually(async () => assert.match(await page.locator("#steps-done").textContent(), /1 of 17 done/));
  await page.setInputFiles("#my-digits-file", digitSetFile());
  await page.locator("#my-digits-message").filter({ hasText: "Imported 30 digits" }).waitFor({ timeout: MINUTE });
  await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 5 });
  await page.click("#train");
  await page.locator("#kept-storage").filter({ hasText: /^1 kept model uses \d/ }).waitFor({ timeout: 3 * MINUTE });
  // A name typed on a result card is remembered too.
  await page.click('#runs-table .run-row button[id$="-card"]');
  await page.fill("#card-name", "Ada");
  await page.fill("#layer-1-kernel", "5");
  assert.deepEqual(await storeCounts(page), { digits: 30, models: 1, runs: 1 });
}

test("start over asks first, deletes runs, models, digits and progress, tells the other tab, and the page works as on a first visit", async () => {
  const { context, page, errors } = await openApp();
  try {
    await fillUp(page);
    const other = await context.newPage();
    await other.goto(page.url());
    await other.locator("#runs-table .run-row").first().waitFor({ timeout: MINUTE });

    // Asked first, with the counts; "Keep everything" keeps everything.
    await page.click("#start-over");
    const question = page.locator("#start-over-question");
    await eventually(async () =>
      assert.match(await question.textContent(), /1 recorded run, 1 kept model and 30 digits in My digits; your progress in the guided steps; the choice of model that answers drawings; and the name on your result cards/),
    );
    assert.equal(await activeElement(page), "start-over-cancel");
    await page.click("#start-over-cancel");
    assert.equal(await activeElement(page), "start-over");
    assert.deepEqual(await storeCounts(page), { digits: 30, models: 1, runs: 1 });

    // Confirmed: the page opens afresh.
    await page.click("#start-over");
    await Promise.all([page.waitForNavigation({ timeout: MINUTE }), page.click("#start-over-confirm")]);
    await page.locator("#data-shapes").waitFor({ timeout: MINUTE });
    assert.deepEqual(await storeCounts(page), { digits: 0, models: 0, runs: 0 });
    assert.equal(await page.evaluate(() => localStorage.getItem("convlab.guided-steps")), null);
    assert.equal(await page.evaluate(() => localStorage.getItem("convlab.card-name")), null);
    await eventually(async () => assert.match(await page.locator("#steps-done").textContent(), /0 of 17 done/));
    await page.locator("#runs-empty").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await page.locator("#my-digits-count").textContent(), /^0 digits kept/));
    assert.equal(await page.inputValue("#layer-1-kernel"), "3", "the tutorial's model again");
    assert.equal(await page.inputValue("#epochs"), "5", "the tutorial's settings again");

    // The other tab was told: its runs table is empty without a reload.
    await other.locator("#runs-empty").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await other.locator("#my-digits-count").textContent(), /^0 digits kept/));

    // And the page works: the pre-trained model answers a drawing, a run trains and is kept.
    await page.locator("#answering").filter({ hasText: "pre-trained" }).waitFor({ timeout: MINUTE });
    await stroke(page, [[150, 40], [150, 240]]);
    assert.equal((await answer(page)).top, 1);
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 5 });
    await page.click("#train");
    await page.locator("#runs-table .run-row").first().waitFor({ timeout: 3 * MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a start over the storage refuses is said, deletes nothing and reloads nothing", async () => {
  // Every clear() of the page's stores fails, as a broken or locked database would.
  const init = () => {
    IDBObjectStore.prototype.clear = function () {
      throw new DOMException("The database is locked (injected).", "UnknownError");
    };
  };
  const { context, page } = await openApp({ init });
  try {
    await fillUp(page);
    await page.click("#start-over");
    await page.locator("#start-over-question").waitFor();
    await page.click("#start-over-confirm");
    await eventually(async () =>
      assert.match(await page.locator("#start-over-problem").textContent(), /could not be deleted: .*locked \(injected\).*They are all still there/),
    );
    assert.deepEqual(await storeCounts(page), { digits: 30, models: 1, runs: 1 });
    assert.notEqual(await page.evaluate(() => localStorage.getItem("convlab.guided-steps")), null, "progress kept");
    assert.equal(await page.inputValue("#layer-1-kernel"), "5", "not reloaded");
    assert.equal(await page.locator("#runs-table .run-row").count(), 1);
  } finally {
    await context.close();
  }
});
