// Result cards and the class board: a run's card carries the learner's name and the run's
// figures, saves as a file that the board reads back; 30 cards of a class go on the board, ranked
// and charted, while 5 malformed ones are refused each with its line; the best model loads into
// the builder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINUTE, eventually, openApp, saveFile, trainShortRun } from "./browser.mjs";

test("a run's card: named once, saved as a file, and read back on the class board with the run's figures", async () => {
  const { context, page, errors } = await openApp();
  try {
    const { row, id } = await trainShortRun(page);
    const accuracy = (await row.locator("td.accuracy").textContent()).trim();

    // No name yet: the card says so, and there is nothing to copy.
    await page.click(`#run-${id}-card`);
    await eventually(async () => assert.equal(await page.locator("#card-problem").textContent(), "Type your name to make the card."));
    assert.equal(await page.locator("#card-copy").count(), 0);
    await page.fill("#card-name", "Ada L.");
    const text = await page.inputValue("#card-text");
    assert.match(text, new RegExp(`^ConvLab result card, Ada L\\.: ${accuracy.replace(".", "\\.")} on 100 test images, 34,506 parameters, \\d+ s \\(CPU`));
    const card = JSON.parse(text.split("\n")[1]);
    assert.equal(card.link, "model=c32.k3.same.relu-p2-c32.k3.same.relu-p2-c32.k3.same.relu-f-d10.softmax&epochs=1&batch=32&lr=0.001&seed=5&subset=320");

    const file = join(mkdtempSync(join(tmpdir(), "convlab-card-")), "card.txt");
    assert.equal(await saveFile(page, "#card-save", file), "convlab-card-ada-l.txt");
    assert.equal(readFileSync(file, "utf8"), text);

    // The teacher's board reads the file: one row, the same figures.
    await page.setInputFiles("#board-files", file);
    await eventually(async () => assert.equal(await page.locator("#board-message").textContent(), "Added 1 card to the board."));
    const cells = (await page.locator("#board-table .board-row td").allTextContents()).map((t) => t.trim());
    assert.deepEqual(cells.slice(0, 4), ["1", "Ada L.", "Tutorial CNN", "34,506"]);
    assert.equal(cells[5], accuracy);
    assert.equal(cells[4], "1 epoch, batch 32, learning rate 0.001, seed 5, 320 training images");

    // The name is remembered for the next card, across a reload.
    await page.reload();
    await page.locator(`#run-${id}-card`).click({ timeout: MINUTE });
    assert.equal(await page.inputValue("#card-name"), "Ada L.");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Student i's card: one convolution of 8 to 64 filters, 3×3 or 5×5, pooling, and the classifier. */
function studentCard(i) {
  const [filters, kernel] = [8 << i % 4, i % 2 ? 5 : 3];
  const params = (kernel * kernel + 1) * filters + 14 * 14 * filters * 10 + 10;
  return {
    format: "convlab-result-card",
    version: 1,
    name: `Student ${i + 1}`,
    link: `model=c${filters}.k${kernel}.same.relu-p2-f-d10.softmax&epochs=1&batch=32&lr=0.001&seed=${i}&subset=6400`,
    params,
    test_images: 1000,
    // Student 18 (16 filters, 5×5) is the best, at 99.1 %.
    test_accuracy: i === 17 ? 0.991 : 0.9 + ((i * 7) % 9) / 100,
    seconds: 40 + i,
    machine: "CPU, 2 threads",
    ending: "",
    learner_digits: 0,
    finished_at: `2026-12-07T10:${String(i).padStart(2, "0")}:00.000Z`,
  };
}

test("30 cards of a class are ranked and charted, 5 malformed ones refused with their line, a card pasted twice kept once, and the best model loads into the builder", async () => {
  const { context, page, errors } = await openApp();
  try {
    const cards = Array.from({ length: 30 }, (_, i) => studentCard(i));
    const lines = cards.flatMap((c) => [`ConvLab result card, ${c.name}`, JSON.stringify(c)]);
    const good = cards[0];
    lines.push(
      '{"format":"convlab-result-card","version":1,"name":"cut',
      JSON.stringify({ ...good, test_accuracy: 1.7 }),
      JSON.stringify({ ...good, params: 12 }),
      JSON.stringify({ ...good, format: "convlab-my-digits" }),
      JSON.stringify({ ...good, name: "  " }),
    );
    await page.fill("#board-paste", lines.join("\n"));
    await page.click("#board-add");
    await eventually(async () => assert.equal(await page.locator("#board-message").textContent(), "Added 30 cards to the board; 5 cards could not be read:"));
    const problems = await page.locator("#board-problems li").allTextContents();
    assert.equal(problems.length, 5);
    const expected = [/^Line 61: it cannot be read as a card: the text breaks off/, /^Line 62: its test accuracy, 1\.7, is not between 0 and 1\.$/,
      /^Line 63: it says 12 parameters, but its model has 15,770\.$/, /^Line 64: it is not a ConvLab result card/, /^Line 65: it has no name/];
    problems.forEach((p, i) => assert.match(p, expected[i]));

    assert.equal(await page.locator("#board-table .board-row").count(), 30);
    const first = (await page.locator("#board-table .board-row").first().locator("td").allTextContents()).map((t) => t.trim());
    assert.deepEqual([first[0], first[1], first[5]], ["1", "Student 18", "99.10 %"]);
    const accuracies = (await page.locator("#board-table .board-row td.accuracy").allTextContents()).map((t) => parseFloat(t));
    assert.deepEqual(accuracies, [...accuracies].sort((a, b) => b - a), "best first");
    assert.equal(await page.locator("#board-chart .card-point").count(), 30);
    assert.equal(await page.locator("#board-chart .card-point.best title").textContent(), "Student 18: 99.10 %, 31,786 parameters");

    // The same cards again: nothing added.
    await page.fill("#board-paste", lines.slice(0, 60).join("\n"));
    await page.click("#board-add");
    await eventually(async () => assert.equal(await page.locator("#board-message").textContent(), "Added 0 cards to the board (30 already on it)."));
    assert.equal(await page.locator("#board-problems").count(), 0);

    // The best model and its settings, in the builder and the form.
    await page.click("#board-load-best");
    await eventually(async () => {
      assert.equal(await page.inputValue("#layer-1-filters"), "16");
      assert.equal(await page.inputValue("#layer-1-kernel"), "5");
      assert.equal(await page.inputValue("#epochs"), "1");
      assert.equal(await page.inputValue("#train-subset"), "6400");
    });
    assert.match(await page.locator("#board-message").textContent(), /^Student 18's model and settings are in the builder/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
