// Storage that fails: no IndexedDB (as in some private windows), localStorage that refuses to
// save, a stored run this version cannot read, a full quota (the browser's own, made small). The page says what it means for the learner,
// training still works, and the unreadable record can be deleted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, limitStorage, openApp, setForm } from "./browser.mjs";

test("without IndexedDB the page says runs cannot be saved, and training still works", async () => {
  const { context, page } = await openApp({
    init: () => {
      // As in a browser that blocks storage for the site: opening a database throws.
      Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("The user denied permission to access the database.", "SecurityError"); } });
    },
  });
  try {
    const problem = page.locator("#runs-problem");
    await problem.waitFor({ timeout: MINUTE });
    assert.match(await problem.textContent(), /Runs cannot be saved in this browser.*still work/);
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });
  } finally {
    await context.close();
  }
});

test("guided steps say so when their progress cannot be saved", async () => {
  const { context, page } = await openApp({
    init: () => {
      Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
    },
  });
  try {
    await page.click("#step-give-up");
    const note = page.locator("#steps-unsaved");
    await note.waitFor({ timeout: MINUTE });
    assert.match(await note.textContent(), /cannot be saved in this browser/);
    assert.equal(await page.locator("#step-reveal").count(), 1, "the step still works");
  } finally {
    await context.close();
  }
});

test("a stored run that cannot be read is listed and can be deleted", async () => {
  const { context, page } = await openApp();
  try {
    // A record as another version might have written it.
    await page.evaluate(() => new Promise((resolve, reject) => {
      // The page has created the database already: open it at whatever version it has.
      const open = indexedDB.open("convlab");
      open.onsuccess = () => {
        const transaction = open.result.transaction("runs", "readwrite");
        transaction.objectStore("runs").add({ format: "from the future", weights: [1, 2, 3] });
        transaction.oncomplete = () => { open.result.close(); resolve(); };
        transaction.onerror = () => reject(transaction.error);
      };
      open.onerror = () => reject(open.error);
    }));
    await page.reload();
    const row = page.locator("#runs-table .run-row.unreadable");
    await row.waitFor({ timeout: MINUTE });
    assert.match(await row.textContent(), /cannot be read/);
    await row.locator("button").click();
    await page.locator("#runs-empty").waitFor({ timeout: MINUTE });
  } finally {
    await context.close();
  }
});

test("when storage is full the run's figures are saved, its model is not, and the page says why", async () => {
  const { context, page, errors } = await openApp();
  try {
    // The browser's own quota, with room for the run's record (a few KB) but not for its model
    // (140 KB): IndexedDB takes the model's put, then aborts its transaction at commit.
    const unlimit = await limitStorage(page, 40_000);
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    const row = page.locator("#runs-table .run-row");
    await row.waitFor({ timeout: 2 * MINUTE });
    const problem = page.locator("#runs-problem");
    await problem.waitFor({ timeout: MINUTE });
    assert.match(await problem.textContent(), /model could not be kept: the browser refused more storage \(.*QuotaExceededError.*\).*figures are saved/);
    assert.equal((await row.locator("td.kept-model").textContent()).trim(), "–");
    // The rest of the run is shown as usual.
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });
    // With room again, the next run's model is kept, without a reload.
    await unlimit();
    await page.click("#train");
    await page.locator("#runs-table .run-row").nth(1).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#runs-table .run-row td.kept-model").filter({ hasNotText: "–" }).waitFor({ timeout: MINUTE });
    await page.reload();
    await row.first().waitFor({ timeout: MINUTE });
    assert.equal(await row.count(), 2, "the figures of both runs survive a reload");
    assert.equal(await page.locator("#runs-table .run-row td.kept-model").filter({ hasNotText: "–" }).count(), 1, "one model kept");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
