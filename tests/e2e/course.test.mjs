// The guided steps as a learner goes through them: every number a step asks for is absent from
// the page's text until it is answered (also when the step's "try it" loads a model into the
// builder, in the runs table when that model has trained, and in the receptive-field slider), a
// quick real training run answers the run steps, a step's "Set up this run" keeps the learner's
// other settings, the drawing steps' "try it" draws a 1 and moves it 2 pixels, the classic-kernel
// step is judged by the page's own maps of that drawing, and the course is remembered across a
// reload.
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

/** The last epoch's accuracy minus its val_accuracy, as the epoch table shows them. */
async function lastGap(page) {
  const row = page.locator("#epoch-table .epoch-row").last();
  const value = async (label) => Number(await row.locator(`td[data-label="${label}"]`).textContent());
  return (await value("accuracy")) - (await value("val_accuracy"));
}

const numbers = async (locator, attribute) => (await locator.getAttribute(attribute)).split(",").map(Number);

/** Pearson's correlation, as the page computes it for the kernel editor. */
function correlation(a, b) {
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((x, i) => {
    ab += (x - ma) * (b[i] - mb);
    aa += (x - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  });
  return aa < 1e-12 || bb < 1e-12 ? null : ab / Math.sqrt(aa * bb);
}

const barsRequest = (page) => page.evaluate(() => Number(document.querySelector("#probabilities")?.dataset.request ?? 0));

/** Waits until the bars answer a request newer than `after` and the maps (and the kernel editor
 *  under them) show that same request. */
async function mapsSettled(page, after = 0) {
  await page.waitForFunction((n) => {
    const bars = Number(document.querySelector("#probabilities")?.dataset.request ?? 0);
    return bars > n && Number(document.querySelector("#feature-maps")?.dataset.request) === bars && document.querySelector("#own-kernel-caption");
  }, after, { timeout: MINUTE });
}

test("the course: predict before reveal, a quick run judged against the prediction, kept across a reload", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    await eventually(async () => assert.match(await done(page), /0 of 17 done/));

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
    await eventually(async () => assert.match(await done(page), /3 of 17 done/));

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
    await eventually(async () => assert.match(await done(page), /5 of 17 done/));
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
    // Its "try it" draws a 1 with the keyboard pen and lands on the maps beside the canvas.
    await page.click("#step-try");
    await page.locator("#map-strip li").first().waitFor({ timeout: MINUTE });
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "map-strip"));
    assert.equal(await page.locator("#draw-empty").count(), 0);
    await pick(page, 1);
    await page.click("#step-next");

    // 8 and 9. One value worked out from the numbers shown, the second one negative before ReLU.
    await openStep(page, 8, "What is this cell's value");
    assert.equal(await page.locator("#step-patch .num").count(), 9);
    assert.match(await page.locator("#step-bias").textContent(), /Bias: −1/);
    await page.fill("#step-answer", "4");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite: that is too high/));
    await page.fill("#step-answer", "3");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.equal(await page.locator("#step-feedback").textContent(), "Right: 3."));
    assert.match(await page.locator("#step-working").textContent(), /= 4; 4 \+ \(−1\) = 3; ReLU\(3\) = 3$/);
    // Its "try it" opens layer 1's first map with its value picker.
    await page.click("#step-try");
    await page.locator("#channel-detail").waitFor();
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "value-picker"));
    await page.click("#step-tab-9");
    await openStep(page, 9, "A cell on the other side");
    await page.fill("#step-answer", "-5");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /too low\. Hint: .*ReLU/));
    await page.fill("#step-answer", "0");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-working").textContent(), /= −5; ReLU\(−5\) = 0$/));

    // 10. The third convolution's field: the slider does not give it away until answered.
    await page.click("#step-next");
    await openStep(page, 10, "How much of the input does one cell see");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "field-slider-input"));
    await page.keyboard.press("End");
    await eventually(async () => assert.equal(await page.locator("#field-size-formula").textContent(), "hidden until you answer step 10"));
    assert.match(await page.locator("#field-slider-caption").textContent(), /is hidden until you answer step 10/);
    assert.equal(await page.locator("#field-size-formula").getAttribute("data-size"), null);
    await assertHidden(page, "18 × 18", "= 18");
    await page.fill("#step-answer", "10 × 10");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite: that is too low/));
    await assertHidden(page, "18 × 18");
    await page.fill("#step-answer", "18");
    await page.press("#step-answer", "Enter");
    await assertShown(page, "18 × 18");
    await eventually(async () => assert.match(await page.locator("#field-size-formula").textContent(), /10 \+ \(3 − 1\) × 4 = 18 pixels/));

    // 11. Which classic kernel's map looks like filter k: the kernel editor keeps the closest
    // filter back, and the page judges by its own maps, here checked against the same correlation
    // worked out from the maps on the page.
    await page.click("#step-next");
    await openStep(page, 11, "Which classic kernel looks like a learned filter");
    await mapsSettled(page);
    await eventually(async () => assert.match(await page.locator("#own-kernel-closest").textContent(), /is hidden until you answer step 11/));
    const filter = await page.locator("#step-filter").getAttribute("data-filter");
    const learned = await numbers(page.locator("#step-filter"), "data-values");
    const presets = page.locator("#own-kernel-presets button");
    const scores = [];
    for (let i = 0; i < await presets.count(); i++) {
      await presets.nth(i).click();
      await eventually(async () => assert.equal(await presets.nth(i).getAttribute("aria-pressed"), "true"));
      const map = (await numbers(page.locator("#own-kernel-caption"), "data-map")).map((v) => Math.max(v, 0));
      scores.push(correlation(map, learned) ?? -2);
    }
    const best = Math.max(...scores);
    const worst = scores.indexOf(Math.min(...scores));
    assert.ok(best - scores[worst] > 0.1, `the presets differ on filter ${filter}: ${scores}`);
    await pick(page, worst + 1);
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite\. Hint: Look where/));
    await pick(page, scores.indexOf(best) + 1);
    await page.locator("#step-reveal").waitFor();
    const found = (await page.locator("#step-reveal").textContent()).match(/filter (\d+) of conv2d\w* looks most like the map of (.*?) \(correlation (-?\d\.\d\d)\)/);
    assert.ok(found, "the reveal names the filter, the preset and the correlation");
    assert.equal(found[1], filter);
    assert.ok(Math.abs(Number(found[3]) - best) < 0.01, `the page's ${found[3]}, worked out here ${best}`);
    assert.doesNotMatch(await page.locator("#step-reveal").textContent(), /shown without a right guess/);
    await eventually(async () => assert.match(await page.locator("#own-kernel-closest").textContent(), /looks most like yours/));

    // 12. Pooling and a shift: the "try it" moves the digit the model sees 2 pixels right, and back.
    await page.click("#step-next");
    await openStep(page, 12, "Pooling and a shifted digit");
    const before = await numbers(page.locator("#own-kernel-caption"), "data-pixels");
    let sent = await barsRequest(page);
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "shift-drawing"));
    assert.equal(await page.locator("#shift-drawing").getAttribute("aria-pressed"), "true");
    await mapsSettled(page, sent);
    let after = await numbers(page.locator("#own-kernel-caption"), "data-pixels");
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) {
        assert.equal(after[r * 28 + c], c < 2 ? 0 : before[r * 28 + c - 2], `row ${r}, column ${c}`);
      }
    }
    sent = await barsRequest(page);
    await page.click("#shift-drawing");
    await eventually(async () => assert.equal(await page.locator("#shift-drawing").getAttribute("aria-pressed"), "false"));
    await mapsSettled(page, sent);
    after = await numbers(page.locator("#own-kernel-caption"), "data-pixels");
    assert.deepEqual(after, before, "back where it was");
    await pick(page, 3);
    await page.locator("#step-reveal").waitFor();

    // 13. The dense baseline: its "try it" puts it in the builder and sets up the quick run,
    // keeping the learner's other settings (the 500 validation images typed at step 5); the
    // total stays hidden, in the summary and in the runs table once the baseline has trained.
    await page.click("#step-next");
    await openStep(page, 13, "The dense baseline");
    await assertHidden(page, "101,770");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.locator("#layer-2-units").inputValue(), "128"));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "?hidden until you answer step 13"));
    assert.equal(await page.locator("#train-subset").inputValue(), "6400");
    assert.equal(await page.locator("#validation-subset").inputValue(), "500", "Set up this run keeps the validation images");
    await assertHidden(page, "101,770");
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));
    await page.click("#train");
    await page.waitForFunction(() => document.querySelectorAll("#runs-table .run-row").length === 2, null, { timeout: 3 * MINUTE });
    const denseParams = page.locator("#runs-table .run-row").last().locator("td.params");
    await eventually(async () => assert.equal(await denseParams.textContent(), "?hidden until you answer step 13"));
    await assertHidden(page, "101,770");
    await page.fill("#step-answer", "101 770");
    await page.press("#step-answer", "Enter");
    await assertShown(page, "101,770");
    await eventually(async () => assert.equal(await denseParams.textContent(), "101,770"));

    // 14. Augmentation: its "try it" ticks the box.
    await page.click("#step-next");
    await openStep(page, 14, "Why does augmentation help");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.locator("#augment").isChecked(), true));
    await pick(page, 2);
    await eventually(async () => assert.match(await done(page), /14 of 17 done/));

    // 15. The overfitting lesson: its "try it" sets up 15 epochs on 1 000 images, validated on
    // 2 000; the prediction waits for that run (not trained here: it takes half a minute).
    await page.click("#step-next");
    await openStep(page, 15, "Train too long on too few images");
    await page.click("#step-try");
    await eventually(async () => {
      assert.equal(await page.inputValue("#epochs"), "15");
      assert.equal(await page.inputValue("#train-subset"), "1000");
      assert.equal(await page.inputValue("#validation-subset"), "2000");
      assert.equal(await page.inputValue("#patience"), "");
    });
    await pick(page, 2);
    await eventually(async () => assert.match(await page.locator("#step-prediction").textContent(), /lowest somewhere in the middle/));
    // 17. Early stopping asks about that run: without it, the step says to train it first.
    await page.click("#step-tab-17");
    await openStep(page, 17, "When would early stopping have stopped");
    await page.locator("#step-run-first").waitFor({ timeout: MINUTE });
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.inputValue("#patience"), "3"));
    await eventually(async () => assert.match(await done(page), /14 of 17 done/));
    await page.click("#step-tab-14");

    await page.reload();
    await page.locator("#step-reveal").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await done(page), /14 of 17 done/));
    await page.click("#step-tab-4");
    // The run is gone after a reload: the step says what such runs usually reach, and the prediction.
    await eventually(async () => assert.match(await page.locator("#step-reveal").textContent(), /usually reach 90 % to 95 %.*You predicted: 90 % to 95 %/));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the overfitting lesson, solved: step 15 judged against the learner's run, step 16 against it and the run with dropout, step 17's epoch computed from the first, and a run with early stopping stops there", async () => {
  const { context, page, errors } = await openApp({ ready: (page) => page.locator("#data-shapes") });
  try {
    await page.click("#step-tab-15");
    await openStep(page, 15, "Train too long on too few images");
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.inputValue("#epochs"), "15"));
    await pick(page, 2); // lowest somewhere in the middle, then rising
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 15 epochs" }).waitFor({ timeout: 4 * MINUTE });
    await page.locator("#step-reveal").waitFor({ timeout: MINUTE });
    // The page's judgement agrees with the epoch table: "in the middle" is right when the lowest
    // val_loss is at least two epochs before the last.
    const valLosses = (await page.locator('#epoch-table .epoch-row td[data-label="val_loss"]').allTextContents()).map(Number);
    const lowest = valLosses.indexOf(Math.min(...valLosses)) + 1;
    const reveal = await page.locator("#step-reveal").textContent();
    assert.equal(/Right\./.test(reveal), lowest <= 13 && Math.max(...valLosses) - Math.min(...valLosses) > 0.05 * valLosses[0], `${reveal} (val_loss ${valLosses})`);
    const plainGap = await lastGap(page);

    // 16: the same run with Dropout(0.25) after each pooling, predicted "narrower"; the page's
    // judgement agrees with the two epoch tables' last rows (a gap change under half a point is
    // "about the same").
    await page.click("#step-tab-16");
    await openStep(page, 16, "Dropout against overfitting");
    await page.click("#step-try");
    await eventually(async () => assert.match(await page.locator("#summary-table").textContent(), /dropout/i));
    await pick(page, 2);
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 15 epochs" }).waitFor({ timeout: 4 * MINUTE });
    await page.locator("#step-reveal").waitFor({ timeout: MINUTE });
    const change = (await lastGap(page)) - plainGap;
    const revealed = await page.locator("#step-reveal").textContent();
    if (Math.abs(Math.abs(change) - 0.005) > 0.0002) {
      assert.equal(/Right\./.test(revealed), change <= -0.005, `${revealed} (gap changed by ${change})`);
    }

    // 17: the run's val_loss listed in the step; the epoch patience 3 would stop after, worked
    // out from that list as the learner would.
    await page.click("#step-tab-17");
    await openStep(page, 17, "When would early stopping have stopped");
    const listed = (await page.locator("#step-val-losses li").allTextContents()).map((t) => Number(t.match(/: ([\d.]+)$/)[1]));
    assert.deepEqual(listed, valLosses);
    let [best, waited, stop] = [Infinity, 0, 15];
    for (const [i, loss] of listed.entries()) {
      if (loss < best) [best, waited] = [loss, 0];
      else if (++waited === 3) { stop = i + 1; break; }
    }
    await page.fill("#step-answer", String(stop));
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), new RegExp(`^Right: ${stop}`)));

    // Its "try it" sets patience 3 on the same run: with the same seed it stops where the answer said.
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.inputValue("#patience"), "3"));
    await page.click("#train");
    const status = page.locator("#run-status").filter({ hasText: stop < 15 ? `stopped early after ${stop} epochs` : "Done: 15 epochs" });
    await status.waitFor({ timeout: 4 * MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
