// The language switch: English labels, English number formats (15.33%), English messages from the
// server; the choice survives a reload and a new sign-in; switching back gives Vietnamese.
import { e2e, expect } from "./harness.mjs";

e2e("language", async ({ page, url, shot, signIn }) => {
  await page.goto(url("/signin"));
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  expect((await page.locator("html").getAttribute("lang")) === "en", "html lang is en");

  // Messages in English too.
  await signIn("tinh.admin", "wrong password");
  const error = await page.getByRole("alert").innerText();
  expect(/^Wrong username or password/.test(error), `an English message: "${error}"`);
  await shot("signin-en");

  await signIn("tinh.admin");
  await page.getByRole("heading", { level: 1, name: "Tuyên Quang at a glance" }).waitFor();
  const kpi = await page.getByTestId("kpi-poor").innerText();
  expect(/Poverty rate/.test(kpi) && /\d+\.\d\d%/.test(kpi), `English KPI (15.33%): "${kpi}"`);

  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Tuyên Quang at a glance" }).waitFor();
  expect((await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")) === "true", "English stays chosen");
  await page.locator('[data-testid="trend"][data-ready="true"]').waitFor();
  await page.locator('[data-testid="rates-bars"][data-ready="true"]').waitFor();
  await shot("dashboard-en");

  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.getByRole("heading", { level: 1, name: "Tổng quan Tuyên Quang" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Tổng quan Tuyên Quang" }).waitFor();
});
