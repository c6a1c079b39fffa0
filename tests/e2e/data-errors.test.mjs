// A missing or corrupt MNIST file: the page names the file and the fix, and shows no shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, launch } from "./browser.mjs";

async function pageWithData(route) {
  const { context, page } = await launch({ webgpu: false });
  await context.route("**/data/train-labels-idx1-ubyte.gz", route);
  await page.goto(APP_URL);
  const error = page.locator("#error");
  await error.waitFor({ timeout: 120_000 });
  return { context, page, message: await error.textContent() };
}

test("a corrupt file is named, with the fix", async () => {
  // A gzip stream cut short: the worker must not mistake it for data.
  const { context, page, message } = await pageWithData((route) =>
    route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]) }),
  );
  try {
    assert.match(message, /train-labels-idx1-ubyte\.gz/);
    assert.match(message, /re-download/);
    assert.equal(await page.locator("#data-shapes").count(), 0);
  } finally {
    await context.close();
  }
});

test("a missing file is named, with the fix", async () => {
  const { context, message } = await pageWithData((route) => route.fulfill({ status: 404, body: "" }));
  try {
    assert.match(message, /train-labels-idx1-ubyte\.gz/);
    assert.match(message, /HTTP 404/);
    assert.match(message, /Fix: /);
  } finally {
    await context.close();
  }
});
