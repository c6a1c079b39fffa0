// The light data set a class link chooses (`#data=light`): only its four files are downloaded,
// the page says which data it uses and how much it came to, the form starts from what it holds,
// one epoch on all of it reaches 95 %, the link keeps the choice, and a reload takes the files
// from the browser's cache. A link asking for data that does not exist is said, and the full set
// loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, launch } from "./browser.mjs";

test("a class link's light data: its files alone, said on the page, 95 % after one epoch, kept in the link, cached for the next visit", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    const dataRequests = [];
    context.on("request", (request) => request.url().includes("/data/") && dataRequests.push(new URL(request.url()).pathname));
    await page.goto(`${APP_URL}#data=light`);
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.deepEqual(dataRequests.sort(), ["/data/light/t10k-images-idx3-ubyte.gz", "/data/light/t10k-labels-idx1-ubyte.gz", "/data/light/train-images-idx3-ubyte.gz", "/data/light/train-labels-idx1-ubyte.gz"]);
    assert.match(await page.locator("#data-choice").textContent(), /^The light MNIST is loaded \(3\.\d MB\): the first 18,000 training and 2,000 test images/);
    assert.equal((await page.locator("#data-shapes").textContent()).trim(), "(18000, 28, 28, 1) (2000, 28, 28, 1)");
    assert.equal(await page.inputValue("#train-subset"), "18000");
    assert.equal(await page.inputValue("#validation-subset"), "2000");

    await page.fill("#epochs", "1");
    await page.waitForFunction(() => location.hash.includes("epochs=1") && location.hash.includes("data=light"));
    await page.click("#train");
    const row = page.locator("#runs-table .run-row").first();
    await row.waitFor({ timeout: 4 * MINUTE });
    assert.match(await row.locator("td.settings").textContent(), /^1 epoch, batch 32, learning rate 0\.001, seed 42, 18,000 training images$/);
    const accuracy = parseFloat(await row.locator("td.accuracy").textContent());
    assert.ok(accuracy >= 95, `one epoch on the light data: ${accuracy} %`);

    // The next visit downloads nothing.
    const before = dataRequests.length;
    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: MINUTE });
    assert.equal(dataRequests.length, before, `after the reload: ${dataRequests.slice(before).join(", ")}`);
    assert.match(await page.locator("#data-choice").textContent(), /^The light MNIST is loaded/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a link asking for data that does not exist, or a refused link asking for the light data, loads the full MNIST and says so", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.goto(`${APP_URL}#data=heavy`);
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.match(await page.locator("#link-problem").textContent(), /"data=heavy": light \(18 000 training and 2 000 test images\) or full/);
    assert.match(await page.locator("#data-choice").textContent(), /^MNIST is loaded/);
    // A link whose model is refused shows the tutorial on the full data: the worker loads what
    // the page says, not the refused link's data.
    await page.goto(`${APP_URL}#model=zzz&data=light`);
    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.match(await page.locator("#link-problem").textContent(), /could not be opened/);
    assert.match(await page.locator("#data-choice").textContent(), /^MNIST is loaded/);
    assert.equal((await page.locator("#data-shapes").textContent()).trim(), "(60000, 28, 28, 1) (10000, 28, 28, 1)");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
