// The audit log: the auditor sees the entries newest first (their own sign-in among them), filters
// by user, and verifies the hash chain (intact, with the number of entries the API counts); a
// commune officer has no audit log in the navigation and, by URL, gets the server's refusal.
import { e2e, expect } from "./harness.mjs";

e2e("audit", async ({ page, url, shot, signIn, newPage, allowErrors }) => {
  await page.goto(url("/signin"));
  await signIn("kiemtoan");
  await page.getByRole("navigation").getByRole("link", { name: "Nhật ký" }).click();
  await page.getByRole("heading", { level: 1, name: "Nhật ký truy cập" }).waitFor();
  const table = page.getByTestId("audit-table");
  await table.waitFor();
  const actions = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(actions.includes("session.sign_in"), `sign-ins recorded: ${actions.slice(0, 10).join(", ")}`);

  await page.getByTestId("audit-actor").fill("kiemtoan");
  await page.getByRole("button", { name: "Lọc" }).click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(2)')].every((td) => td.textContent === "kiemtoan"),
  );
  const actors = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(actors.length > 0 && actors.every((a) => a === "kiemtoan"), `only the auditor's entries: ${actors}`);

  await page.getByRole("button", { name: "Kiểm tra chuỗi" }).click();
  const result = page.getByTestId("audit-verify-result");
  await result.locator(".audit-ok, .audit-bad").waitFor();
  const verdict = await result.innerText();
  const m = /Chuỗi nguyên vẹn: ([\d.]+) dòng/.exec(verdict);
  expect(m, `the chain is intact: ${verdict}`);
  const api = await (await page.request.get(url("/api/audit/verify"))).json();
  expect(api.intact === true && Number(m[1].replace(/\./g, "")) <= api.entries, `page ${m[1]} vs API ${JSON.stringify(api)}`);
  await shot("verified");

  // A commune officer: not in the navigation, and the page by URL shows the server's refusal.
  allowErrors(/status of 403/);
  const officer = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await officer.goto(url("/signin"));
  await signIn("xa.meovac", undefined, officer);
  await officer.getByTestId("kpi-poor").waitFor();
  expect((await officer.getByRole("link", { name: "Nhật ký" }).count()) === 0, "no audit log in the officer's navigation");
  await officer.goto(url("/audit"));
  await officer.getByRole("alert").waitFor();
  await officer.getByRole("note").filter({ hasText: "Chỉ kiểm toán viên và quản trị viên cấp tỉnh" }).waitFor();
  expect((await officer.getByTestId("audit-table").count()) === 0, "no entries shown to a commune officer");
  expect((await officer.getByRole("button", { name: "Kiểm tra chuỗi" }).count()) === 0, "no verify button either");
  await shot("denied", officer);
});
