// Reports: a province admin downloads the 2025 rates by commune as CSV (byte-order mark, header of
// column keys, a row for Mèo Vạc) and as XLSX (a zip: "PK"), the transitions 2024 -> 2025 as CSV
// (built in the browser from /api/transitions) and the provincial summary as Markdown; nothing of
// the request is in the page's address.
import { readFileSync } from "node:fs";
import { e2e, expect } from "./harness.mjs";

e2e("reports", async ({ page, url, shot, signIn, newPage }) => {
  await page.goto(url("/signin"));
  await signIn("tinh.admin");
  await page.getByRole("navigation").getByRole("link", { name: "Báo cáo" }).click();
  await page.getByRole("heading", { level: 1, name: "Báo cáo" }).waitFor();

  const download = async (testId) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
    return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
  };

  const csv = await download("rates-csv");
  expect(csv.name === "lnob-rates-2025.csv", `file name: ${csv.name}`);
  const text = csv.bytes.toString("utf8");
  expect(text.charCodeAt(0) === 0xfeff, "CSV starts with a byte-order mark");
  const lines = text.slice(1).trim().split(/\r?\n/);
  expect(lines[0].startsWith("unit_code,unit_name,households,"), `CSV header: ${lines[0]}`);
  expect(lines.some((l) => l.startsWith("00787,Mèo Vạc,")), `a row for Mèo Vạc: ${lines.join(" / ")}`);
  expect(lines.length === 3, `two communes and the header: ${lines.length} lines`);

  const xlsx = await download("rates-xlsx");
  expect(xlsx.name === "lnob-rates-2025.xlsx", `file name: ${xlsx.name}`);
  expect(xlsx.bytes.length > 100 && xlsx.bytes.subarray(0, 2).toString("latin1") === "PK", "XLSX is a zip (PK)");

  // Villages, as on the round's reference date: more rows.
  await page.getByTestId("rates-level").selectOption("village");
  const villages = (await download("rates-csv")).bytes.toString("utf8").trim().split(/\r?\n/);
  expect(villages.length > lines.length, `more villages than communes: ${villages.length}`);

  await page.getByTestId("transitions-from").selectOption("2024");
  await page.getByTestId("transitions-to").selectOption("2025");
  const tr = await download("transitions-csv");
  expect(tr.name === "lnob-transitions-2024-2025.csv", `file name: ${tr.name}`);
  const trLines = tr.bytes.toString("utf8").slice(1).trim().split(/\r?\n/);
  expect(trLines[0].startsWith("unit_code,unit_name,households_from,households_to,poor_from"), `header: ${trLines[0]}`);
  expect(trLines.some((l) => l.startsWith("00787,Mèo Vạc,")), `transitions of Mèo Vạc: ${trLines.join(" / ")}`);

  const md = await download("summary-md");
  expect(md.bytes.toString("utf8").trimStart().startsWith("#"), "the summary is Markdown");
  expect(new URL(page.url()).search === "", `no query in the address: ${page.url()}`);
  await page.getByTestId("rates-csv").locator("xpath=..").getByRole("status").waitFor();
  await shot("downloads");

  const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url("/reports")); // to sign-in, then back here
  await signIn("xa.meovac", undefined, phone);
  await phone.getByRole("heading", { level: 1, name: "Báo cáo" }).waitFor();
  expect((await phone.getByTestId("summary-md").count()) === 0, "no provincial summary for a commune officer");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await shot("phone", phone);
});
