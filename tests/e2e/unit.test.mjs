// The unit page: from the province dashboard a commune's tile opens /units/00787 (Mèo Vạc) with its
// villages, trend and deprivations, and its history: formed on 16/06/2025 by merging the township
// of Mèo Vạc (00760) and Pả Vi (00763), each linked to its own page; the former Pả Vi says what it
// became and links back. A village page, and a phone-width screenshot without sideways scrolling.
import { e2e, expect } from "./harness.mjs";

e2e("unit", async ({ page, url, shot, signIn, newPage }) => {
  await page.goto(url("/signin"));
  await signIn("tinh.admin");
  await page.getByTestId("tilemap").getByRole("button", { name: /^Mèo Vạc/ }).click();
  await page.waitForURL((u) => new URL(u).pathname === "/units/00787");
  await page.getByRole("heading", { level: 1, name: "Tổng quan Mèo Vạc" }).waitFor();
  await page.locator('[data-testid="rates-bars"][data-ready="true"]').waitFor();
  await page.locator('[data-testid="trend"][data-ready="true"]').waitFor();
  const villages = await page.getByTestId("rates-bars").locator("svg text").allTextContents();
  expect(villages.includes("Pả Vi Hạ") && villages.includes("Tổ dân phố 1"), `village bars: ${villages.join(" | ")}`);

  // The history: the merger of 2025-06-16, from the two former units, each a link.
  const history = page.getByTestId("unit-history");
  const merge = history.locator('li[data-kind="merge"]').first();
  await merge.waitFor();
  const mergeText = await merge.innerText();
  expect(mergeText.includes("16/06/2025") && mergeText.includes("Sáp nhập"), `merger with its date: ${mergeText}`);
  const from = await merge.getByRole("link").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  const hrefs = from.map(([, h]) => h);
  expect(
    hrefs.includes("/units/00760?on=2025-06-15") && hrefs.includes("/units/00763?on=2025-06-15"),
    `links to the former units on their last day: ${JSON.stringify(from)}`,
  );
  expect(from.some(([n]) => n === "Pả Vi"), `former units named: ${JSON.stringify(from)}`);
  await shot("meovac");

  // The former commune Pả Vi: no figures of its own any more, and what it became.
  await merge.getByRole("link", { name: "Pả Vi" }).click();
  await page.getByRole("heading", { level: 1, name: "Tổng quan Pả Vi" }).waitFor();
  await page.getByRole("note").filter({ hasText: "không còn tồn tại sau ngày 15/06/2025" }).waitFor();
  const became = page.getByTestId("unit-history").locator('li[data-kind="merge"]');
  await became.getByRole("link", { name: "Mèo Vạc" }).waitFor();
  expect((await became.innerText()).includes("Trở thành"), "the former unit says what it became");
  await shot("former");
  await became.getByRole("link", { name: "Mèo Vạc" }).click();
  await page.waitForURL((u) => new URL(u).pathname === "/units/00787");
  await page.getByRole("heading", { level: 1, name: "Tổng quan Mèo Vạc" }).waitFor();

  // A village: its own trend and deprivations, and its move to the new commune.
  await page.goto(url("/units/0076301"));
  await page.getByRole("heading", { level: 1, name: "Tổng quan Pả Vi Hạ" }).waitFor();
  await page.locator('[data-testid="trend"][data-ready="true"]').waitFor();
  const kpi = await page.getByTestId("kpi-poor").innerText();
  expect(/\d+,\d\d%/.test(kpi), `the village's poverty rate: ${kpi}`);
  await page.getByTestId("unit-history").locator('li[data-kind="reparent"]').first().waitFor();
  await shot("village");

  // A phone.
  const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url("/units/00787")); // to sign-in, then back here
  await signIn("tinh.admin", undefined, phone);
  await phone.getByRole("heading", { level: 1, name: "Tổng quan Mèo Vạc" }).waitFor();
  await phone.locator('[data-testid="rates-bars"][data-ready="true"]').waitFor();
  await phone.getByTestId("unit-history").locator('li[data-kind="merge"]').waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await shot("phone", phone);
});
