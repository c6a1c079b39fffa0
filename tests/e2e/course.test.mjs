// The guided steps as a learner goes through them: every number a step asks for is absent from
// the page's text until it is answered (also when the step's "try it" loads a model into the
// builder, and in the runs table when that model has trained), a quick real training run answers
// the run steps, a step's "Set up this run" keeps the learner's other settings, and the course is
// remembered across a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, eventually, openApp, setForm } from "./browser.mjs";

/** Whether `number` (as written, "15,690") stands in the page's visible text as a number of its
 *  own: "3200" or "1,320" do not count as "320". */
async function pageShows(page, number) {
  const text = await page.evaluate(() => document.body.innerText);
  const escaped = number.replace(/[()]/g, "\\$&");
  return new RegExp(`(^|[^\\d,.])${escaped}(?![\\d,]|\\.\\d)`).test(text);
}

async function assertHidden(page, ...numbers) {
  for (const number of numbers) assert.equal(await pageShows(page, number), false, `${number} is in the page before it is answered`);
}

async function assertShown(page, number) {
  await eventually(async () => assert.equal(await pageShows(page, number), true, `${number} is not in the page once answered`));
}

const done = (page) => page.locator("#steps-done").textContent();

async function openStep(page, n, title) {
  await eventually(async () => assert.match(await page.locator(".step h4").textContent(), new RegExp(`^Step ${n}: ${title}`)));
}

async function pick(page, option, submit = "#step-check") {
  await page.check(`#step-option-${option}`);
  await page.click(submit);
}

test("the course: predict before reveal, a quick run judged against the prediction, kept across a reload", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    await eventually(async () => assert.match(await done(page), /0 of 10 done/));

    // 1. A count: hidden in the summary (cell and formula) until answered.
    await openStep(page, 1, "Count the first layer's parameters");
    await assertHidden(page, "320");
    assert.equal(await page.locator("#summary-1 .params").textContent(), "?hidden until you answer step 1");
    await page.fill("#step-answer", "320");
    await page.press("#step-answer", "Enter");
    await assertShown(page, "320");
    await eventually(async () => assert.equal(await page.locator("#summary-1 .params").textContent(), "320"));

    // 2. A shape: typed as the learner likes, hidden wherever the summary has it.
    await page.click("#step-next");
    await openStep(page, 2, "Follow the shape");
    await assertHidden(page, "(7, 7, 32)", "7 × 7 × 32");
    await page.fill("#step-answer", "14 x 14 x 32");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite\. Hint: Pooling halves/));
    await assertHidden(page, "(7, 7, 32)");
    await page.fill("#step-answer", "7 × 7 × 32");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.equal(await page.locator("#step-feedback").textContent(), "Right: (7, 7, 32)."));
    await eventually(async () => assert.equal(await page.locator("#summary-4 td").nth(1).textContent(), "(7, 7, 32)"));

    // 3. The classifier's count stays hidden when the step's "try it" loads the model.
    await page.click("#step-next");
    await openStep(page, 3, "Count the classifier's parameters");
    await assertHidden(page, "15,690");
    await page.click("#step-try");
    await page.locator("#step-try-done").waitFor();
    await assertHidden(page, "15,690");
    await page.fill("#step-answer", "15690");
    await page.press("#step-answer", "Enter");
    await assertShown(page, "15,690");
    await eventually(async () => assert.match(await done(page), /3 of 10 done/));

    // 4 and 5. Predict the quick run's accuracy and the most confused pair before training.
    await page.click("#step-next");
    await openStep(page, 4, "Predict a quick run");
    assert.equal(await page.locator("#test-result").count(), 0, "no run yet");
    await pick(page, 3); // 90 % to 95 %
    await eventually(async () => assert.match(await page.locator("#step-prediction").textContent(), /Your prediction: 90 % to 95 %/));
    await page.click("#step-next");
    await openStep(page, 5, "Which digits get mixed up");
    await pick(page, 1); // 4 and 9
    await eventually(async () => assert.match(await page.locator("#step-prediction").textContent(), /Your prediction: 4 and 9/));
    await page.click("#step-try");
    await eventually(async () => assert.match(await page.locator("#step-try-done").textContent(), /1 epoch on 6 400 training images/));
    assert.equal(await page.locator("#epochs").inputValue(), "1");
    assert.equal(await page.locator("#train-subset").inputValue(), "6400");
    await setForm(page, { "validation-subset": 500 }); // quicker validation and test
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));
    await page.click("#train");
    await page.locator("#step-reveal").waitFor({ timeout: 3 * MINUTE });
    await eventually(async () => assert.match(await done(page), /5 of 10 done/));
    const pair = await page.locator("#step-reveal").textContent();
    assert.match(pair, /Your model's confusion matrix mixes up \d and \d(, or \d and \d)* most often: \d+ times/);
    assert.match(await page.locator("#step-compare").textContent(), /You predicted: 4 and 9\./);

    await page.click("#step-tab-4");
    const result = await page.locator("#test-result").textContent();
    const accuracy = Number(result.match(/Test accuracy: (0\.\d{4}|1\.0000)/)[1]);
    const reveal = await page.locator("#step-reveal").textContent();
    assert.match(reveal, new RegExp(`Your run: test accuracy ${(accuracy * 100).toFixed(1).replace(".", "\\.")} % on 500 test images`));
    const right = accuracy >= 0.9 && accuracy < 0.95;
    assert.equal(/You predicted: 90 % to 95 %\. Right\./.test(reveal), right, reveal);
    assert.equal(/shown without a right guess/.test(reveal), !right, reveal);

    // 6 to 8: choices; a wrong pick gives a hint and keeps the answer back.
    await page.click("#step-tab-6");
    await openStep(page, 6, "Why validation beats training");
    await pick(page, 1);
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite\. Hint: When, during the epoch/));
    assert.equal(await page.locator("#step-reveal").count(), 0);
    await pick(page, 2);
    await eventually(async () => assert.match(await page.locator("#step-reveal").textContent(), /accuracy is a running mean over the whole epoch/));
    await page.click("#step-next");
    await openStep(page, 7, "What the first layer sees");
    assert.equal(await page.locator("#step-try").getAttribute("href"), "#draw-title");
    await pick(page, 1);
    await page.click("#step-next");
    await openStep(page, 8, "Pooling and a shifted digit");
    await pick(page, 3);
    await page.locator("#step-reveal").waitFor();

    // 9. The dense baseline: its "try it" puts it in the builder and sets up the quick run,
    // keeping the learner's other settings (the 500 validation images typed at step 5); the
    // total stays hidden, in the summary and in the runs table once the baseline has trained.
    await page.click("#step-next");
    await openStep(page, 9, "The dense baseline");
    await assertHidden(page, "101,770");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.locator("#layer-2-units").inputValue(), "128"));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "?hidden until you answer step 9"));
    assert.equal(await page.locator("#train-subset").inputValue(), "6400");
    assert.equal(await page.locator("#validation-subset").inputValue(), "500", "Set up this run keeps the validation images");
    await assertHidden(page, "101,770");
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));
    await page.click("#train");
    await page.waitForFunction(() => document.querySelectorAll("#runs-table .run-row").length === 2, null, { timeout: 3 * MINUTE });
    const denseParams = page.locator("#runs-table .run-row").last().locator("td.params");
    await eventually(async () => assert.equal(await denseParams.textContent(), "?hidden until you answer step 9"));
    await assertHidden(page, "101,770");
    await page.fill("#step-answer", "101 770");
    await page.press("#step-answer", "Enter");
    await assertShown(page, "101,770");
    await eventually(async () => assert.equal(await denseParams.textContent(), "101,770"));

    // 10. Augmentation: its "try it" ticks the box.
    await page.click("#step-next");
    await openStep(page, 10, "Why does augmentation help");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.locator("#augment").isChecked(), true));
    await pick(page, 2);
    await eventually(async () => assert.match(await done(page), /10 of 10 done/));

    await page.reload();
    await page.locator("#step-reveal").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await done(page), /10 of 10 done/));
    await page.click("#step-tab-4");
    // The run is gone after a reload: the step says what such runs usually reach, and the prediction.
    await eventually(async () => assert.match(await page.locator("#step-reveal").textContent(), /usually reach 90 % to 95 %.*You predicted: 90 % to 95 %/));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
