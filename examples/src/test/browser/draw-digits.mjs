// Draws digits, then a number, on the served page in a real headless Chromium and prints what the page
// answered, one JSON object per digit and one for the number. Usage: node draw-digits.mjs URL SCREENSHOT.png
import { chromium } from "playwright-core";

const [url, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

// Strokes in the unit square of the canvas, as a hand would draw them.
const strokes = {
  "7": [[[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]],
  "1": [[[0.42, 0.3], [0.55, 0.15], [0.55, 0.85]]],
  "0": [ellipse(0.5, 0.5, 0.22, 0.33)],
  "4": [[[0.6, 0.15], [0.25, 0.6], [0.75, 0.6]], [[0.6, 0.35], [0.6, 0.88]]],
};

function ellipse(cx, cy, rx, ry) {
  const points = [];
  for (let i = 0; i <= 40; i++) {
    const a = (i / 40) * 2 * Math.PI;
    points.push([cx + rx * Math.sin(a), cy - ry * Math.cos(a)]);
  }
  return points;
}

// Draws each line with the mouse, its unit-square points placed on the page by `at`.
async function write(page, lines, at) {
  for (const line of lines) {
    await page.mouse.move(...at(line[0]));
    await page.mouse.down();
    for (let i = 1; i < line.length; i++) {
      await page.mouse.move(...at(line[i]), { steps: 12 });
    }
    await page.mouse.up();
  }
}

const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 820, height: 700 } });
  await page.goto(url);
  await page.waitForSelector("#bars li");
  const box = await page.locator("#pad").boundingBox();
  for (const [digit, lines] of Object.entries(strokes)) {
    await page.click("#clear");
    const before = Number(await page.evaluate(() => document.body.dataset.answered || 0));
    await write(page, lines, ([x, y]) => [box.x + x * box.width, box.y + y * box.height]);
    await page.waitForFunction(n => Number(document.body.dataset.answered || 0) > n && window.inkwellSettled(),
                               before, { timeout: 15000 });
    const answer = await page.evaluate(() => ({
      read: document.getElementById("digit").textContent,
      confidence: document.getElementById("confidence").textContent,
      seen: document.getElementById("seen").src.startsWith("data:image/png"),
    }));
    console.log(JSON.stringify({ drawn: digit, ...answer }));
  }
  // a whole number on the wider sheet, each digit in its own quarter
  await page.locator("#number-pad").scrollIntoViewIfNeeded();
  const sheet = await page.locator("#number-pad").boundingBox();
  const number = "7041";
  const readBefore = Number(await page.evaluate(() => document.body.dataset.numbersRead || 0));
  for (let k = 0; k < number.length; k++) {
    await write(page, strokes[number[k]],
                ([x, y]) => [sheet.x + (0.08 + 0.21 * k + 0.2 * x) * sheet.width, sheet.y + (0.1 + 0.8 * y) * sheet.height]);
  }
  await page.waitForFunction(n => Number(document.body.dataset.numbersRead || 0) > n && window.inkwellNumberSettled(),
                             readBefore, { timeout: 15000 });
  const numberRead = await page.evaluate(() => document.getElementById("number-digits").textContent);
  console.log(JSON.stringify({ written: number, read: numberRead }));
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 }); // a phone
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-phone.png"), fullPage: true });
} finally {
  await browser.close();
}
