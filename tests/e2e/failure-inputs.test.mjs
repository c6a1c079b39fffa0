// Extreme numbers and broken links: one validation (the core's) for the builder, the form and
// the link, with messages that say the limit; a long bad link quoted only in part and left in the
// address bar; a link pasted while the page is open is applied.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, openApp } from "./browser.mjs";

const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a billion filters or five billion units are refused with the limit, and Train is off", async () => {
  const { context, page } = await openApp();
  try {
    await page.fill("#layer-1-filters", "1000000000");
    const layerError = page.locator("#layer-1-error");
    await layerError.waitFor({ timeout: MINUTE });
    assert.match(await layerError.textContent(), /filters must be between 1 and 1024, not 1000000000/);
    assert.equal(await page.locator("#train").isDisabled(), true);
    assert.doesNotMatch(await page.locator("#model").textContent(), /1410065408/, "no wrapped counts");
    await page.fill("#layer-1-filters", "32");
    await page.fill("#layer-7-units", "5000000000");
    const denseError = page.locator("#layer-7-error");
    await denseError.waitFor({ timeout: MINUTE });
    assert.match(await denseError.textContent(), /units must be between 1 and 1024, not 5000000000/);
    await page.fill("#layer-7-units", "10");
    await page.locator("#train:not([disabled])").waitFor({ timeout: MINUTE });
  } finally {
    await context.close();
  }
});

test("a 100 KB bad link is quoted in part, stays in the address bar, and a pasted link applies", async () => {
  const huge = "x".repeat(100_000);
  const { context, page } = await openApp({ path: `#model=f-d10.softmax&epochs=${huge}` });
  try {
    const problem = page.locator("#link-problem");
    await problem.waitFor({ timeout: MINUTE });
    const text = await problem.textContent();
    assert.ok(text.length < 600, `the message quotes an excerpt, not ${text.length} characters`);
    assert.match(text, /epochs/);
    assert.ok(await noSidewaysScroll(page), "the page does not grow sideways");
    assert.ok((await page.evaluate(() => location.hash.length)) > 100_000, "the broken link is still in the address bar");

    // A link pasted into the address bar while the page is open is applied at once.
    await page.evaluate(() => { location.hash = "model=f-d64.relu-d10.softmax&epochs=2&batch=64&lr=0.01&seed=7"; });
    await page.locator("#layer-3").waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#model .layer").count(), 3);
    assert.equal(await page.inputValue("#batch-size"), "64");
    assert.equal(await page.inputValue("#epochs"), "2");
    assert.equal(await page.locator("#link-problem").count(), 0);

    // A typed link with a space: the refusal quotes what was typed, not "%20".
    await page.evaluate(() => { location.hash = "model=f-d10.softmax&epochs=two epochs"; });
    await page.locator("#link-problem").waitFor({ timeout: MINUTE });
    const typed = await page.locator("#link-problem").textContent();
    assert.match(typed, /two epochs/);
    assert.doesNotMatch(typed, /%20/);
  } finally {
    await context.close();
  }
});
