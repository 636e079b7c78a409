// Opens browser/index.html, served from another origin (PAGE), in headless Chromium and prints what the page saw.
import { chromium } from "playwright-core";
const api = process.env.BASE ?? "http://127.0.0.1:8080";
const page = process.env.PAGE ?? "http://127.0.0.1:8081/index.html";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless",
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run"] });
const tab = await (await browser.newContext()).newPage();
await tab.goto(`${page}?api=${encodeURIComponent(api)}`);
await tab.waitForFunction(() => /DONE|FAILED/.test(document.getElementById("out").textContent), null, { timeout: 60000 })
  .catch(() => {});
const out = await tab.textContent("#out");
console.log(out);
await browser.close();
process.exitCode = /MISMATCH|FAILED/.test(out) ? 1 : 0;
