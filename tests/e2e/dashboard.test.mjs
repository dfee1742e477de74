// The province dashboard: commune bars and tiles of the 2025 round (Mèo Vạc poorer than Thượng
// Lâm), the trend since 2022 with one point per round, the targets with their verdicts, the
// deprivations of the poor; choosing a tile (keyboard) opens the commune with its villages; a
// phone-width screenshot.
import { e2e, expect } from "./harness.mjs";

e2e("dashboard", async ({ page, url, shot, signIn, newPage }) => {
  await page.goto(url("/signin"));
  await signIn("tinh.admin");
  await page.getByTestId("kpi-poor").waitFor();

  // KPIs of the province in 2025: the server's figures, formatted the Vietnamese way.
  const kpi = await page.getByTestId("kpi-poor").innerText();
  expect(/\d+,\d\d%/.test(kpi), `poverty rate in Vietnamese format (15,33%): "${kpi}"`);

  // Bars: one bar label per commune in the chart, sorted by poverty rate.
  const bars = page.getByTestId("rates-bars");
  await page.locator('[data-testid="rates-bars"][data-ready="true"]').waitFor();
  const barsText = await bars.locator("svg text").allTextContents();
  expect(barsText.includes("Mèo Vạc") && barsText.includes("Thượng Lâm"), `commune bars: ${barsText.join(" | ")}`);

  // The figures behind the bars, as a table, sorted highest first.
  await page.getByText("Xem dạng bảng").click();
  const rows = await page.locator("#by-unit tbody tr").allInnerTexts();
  expect(rows.length === 2, `two communes in 2025, got ${rows.length}`);
  expect(rows[0].startsWith("Mèo Vạc"), `Mèo Vạc first (poorest): ${rows.join(" / ")}`);

  // Tiles: a button per commune whose name says its rates.
  const tiles = page.getByTestId("tilemap").getByRole("button");
  expect((await tiles.count()) === 2, "one tile per commune");
  const tileName = await tiles.first().getAttribute("aria-label");
  expect(/tỷ lệ hộ nghèo \d+,\d\d%/.test(tileName), `tile label: ${tileName}`);

  // Trend: one point per classified round, 2022-2025.
  await page.locator('[data-testid="trend"][data-ready="true"]').waitFor();
  const trendText = (await page.getByTestId("trend").locator("svg text").allTextContents()).join(" ");
  for (const y of ["2022", "2023", "2024", "2025"]) expect(trendText.includes(y), `trend has ${y}: ${trendText}`);

  // Targets: the three of the fixture, each with a verdict.
  const targets = page.getByTestId("targets").locator("tbody tr");
  expect((await targets.count()) === 3, "three targets");
  const verdicts = await page.getByTestId("targets").locator(".badge").allInnerTexts();
  expect(verdicts.every((v) => /Vượt tiến độ|Đúng tiến độ|Chậm tiến độ/.test(v)), `verdicts: ${verdicts}`);

  // Deprivations of the poor, and the communes furthest behind.
  await page.locator('[data-testid="deprivations"][data-ready="true"]').waitFor();
  const behind = await page.getByTestId("behind").locator("li").allInnerTexts();
  expect(behind.length === 2 && behind[0].includes("Mèo Vạc"), `furthest behind: ${behind}`);
  await shot("province");

  // Keyboard: Tab to the Mèo Vạc tile and press Enter: the commune's dashboard with its villages.
  const meoVac = page.getByTestId("tilemap").getByRole("button", { name: /^Mèo Vạc/ });
  await meoVac.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: /Tổng quan Mèo Vạc/ }).waitFor();
  await page.getByTestId("rates-bars").locator("svg text", { hasText: "Pả Vi Hạ" }).waitFor();
  const villages = await page.getByTestId("rates-bars").locator("svg text").allTextContents();
  expect(villages.includes("Pả Vi Hạ") && villages.includes("Tổ dân phố 1"), `villages: ${villages.join(" | ")}`);
  await shot("commune");

  // A phone.
  const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url("/signin"));
  await signIn("tinh.admin", undefined, phone);
  await phone.locator('[data-testid="rates-bars"][data-ready="true"]').waitFor();
  await phone.locator('[data-testid="trend"][data-ready="true"]').waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await shot("phone", phone);
});
