// A teacher's class link: made in "Prepare a class" with the page's model and settings (and a
// printable handout with its QR code and a time plan), it opens
// a page that shows only the chosen sections and guided steps, with a line naming the class and
// a way out to the full lab; the settings and the light data come with it. A malformed class
// link is refused where links are, and the full lab shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, eventually, launch, openApp, setForm } from "./browser.mjs";

const SECTION_HEADINGS = ["#setup-title", "#model-title", "#train-title", "#results-title", "#runs-title", "#draw-title", "#share-title"];

async function visibleSections(page) {
  const shown = [];
  for (const [i, id] of SECTION_HEADINGS.entries()) if ((await page.locator(id).count()) > 0) shown.push(i + 1);
  return shown;
}

test("a class link shows the chosen sections and steps with the teacher's settings and light data, and leads to the full lab", async () => {
  const { context, page, errors } = await openApp();
  try {
    await setForm(page, { epochs: 1, "train-subset": 640 });
    await page.locator("#class-problem").filter({ hasText: "No link yet: the class name is empty." }).waitFor();
    await page.fill("#class-name", "Year 9 B");
    for (const section of [4, 5, 7]) await page.uncheck(`#class-show-${section}`);
    for (const step of [1, 2, 15]) await page.check(`#class-step-${step}`);
    assert.equal(await page.isChecked("#class-light"), true, "light data is the default for a class");
    await eventually(async () =>
      assert.equal(await page.locator("#class-summary").textContent(), "Students of Year 9 B will see Data, Model, Train and Draw; guided steps 1, 2 and 15."),
    );
    const link = await page.inputValue("#class-link");
    assert.match(link, /#model=.*&epochs=1&.*&subset=640.*&data=light&class=Year%209%20B&show=1\.2\.3\.6&steps=1\.2\.15$/);

    // The handout: the link as text and as a QR code (read back natively in
    // tests/class_setup.rs), the three steps, a plan of the 50 minutes; on paper, it alone.
    await page.click("#class-handout-open");
    assert.equal(await page.locator("#class-qr svg").count(), 1);
    assert.equal(await page.locator("#handout-link").textContent(), link);
    assert.deepEqual(await page.locator("#handout-steps li").evaluateAll((items) => items.map((li) => li.value)), [1, 2, 15]);
    const minutes = (await page.locator("#handout-plan td:first-child").allTextContents()).map((t) => parseInt(t));
    assert.equal(minutes.reduce((a, b) => a + b), 50, `${minutes}`);
    await page.emulateMedia({ media: "print" });
    const visibility = (selector) => page.locator(selector).evaluate((e) => getComputedStyle(e).visibility);
    assert.equal(await visibility("#handout-title"), "visible");
    assert.equal(await visibility("#model-title"), "hidden");
    await page.emulateMedia({ media: "screen" });

    // A student opens it.
    const student = await context.newPage();
    await student.goto(link);
    await student.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.equal(
      (await student.locator("#class-banner").textContent()).trim(),
      "This page was set up for class Year 9 B by their teacher: Data, Model, Train and Draw; guided steps 1, 2 and 15. Open the full lab",
    );
    assert.deepEqual(await visibleSections(student), [1, 2, 3, 6]);
    assert.equal(await student.locator("nav.toc li").count(), 4);
    assert.deepEqual(await student.locator(".step-tab").evaluateAll((tabs) => tabs.map((t) => t.id)), ["step-tab-1", "step-tab-2", "step-tab-15"]);
    assert.match(await student.locator("#steps-done").textContent(), /0 of 3 done/);
    assert.equal(await student.inputValue("#epochs"), "1");
    assert.equal(await student.inputValue("#train-subset"), "640");
    assert.match(await student.locator("#data-choice").textContent(), /^The light MNIST is loaded/);
    // Once step 2 is answered, Next step goes to 15, the next one assigned.
    await student.click("#step-tab-2");
    await student.fill("#step-answer", "7 × 7 × 32");
    await student.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await student.locator("#steps-done").textContent(), /1 of 3 done/));
    await student.click("#step-next");
    await eventually(async () => assert.match(await student.locator(".step h4").textContent(), /^Step 15:/));

    // The way out: every section and step, the same settings and data.
    await student.click("#full-lab");
    await eventually(async () => assert.deepEqual(await visibleSections(student), [1, 2, 3, 4, 5, 6, 7]));
    assert.equal(await student.locator("#class-banner").count(), 0);
    assert.equal(await student.locator(".step-tab").count(), 17);
    assert.equal(await student.inputValue("#epochs"), "1");
    assert.match(await student.locator("#data-choice").textContent(), /^The light MNIST is loaded/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a malformed class link is refused where links are, and the full lab shows", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.goto(`${APP_URL}#class=A&show=1.9`);
    await page.locator("#link-problem").waitFor({ timeout: MINUTE });
    assert.match(await page.locator("#link-problem").textContent(), /"show=9": sections are numbered 1 to 7/);
    assert.deepEqual(await visibleSections(page), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
