// What-if: a province officer raises the rural income line of 2025 from 1,500,000 (shown as the
// current value) to 2,200,000 VND and sees how many households change category, in total and by
// commune; the figure is the one the API answers for the same request (POST /api/whatif). A
// commune officer has no what-if in the navigation.
import { e2e, expect } from "./harness.mjs";

e2e("whatif", async ({ page, url, shot, signIn, newPage }) => {
  await page.goto(url("/signin"));
  await signIn("tinh.canbo");
  await page.getByRole("navigation").getByRole("link", { name: "Giả định" }).click();
  await page.getByRole("heading", { level: 1, name: "Phân loại giả định" }).waitFor();
  await page.getByRole("note").filter({ hasText: "không lưu gì" }).waitFor();
  const now = await page.locator("#whatif-rural-now").innerText();
  expect(now.includes("1.500.000 đ"), `the current rural line: ${now}`);

  await page.getByTestId("whatif-rural").fill("2200000");
  await page.getByRole("button", { name: "Chạy giả định" }).click();
  await page.getByTestId("whatif-result").waitFor();
  const shown = Number((await page.getByTestId("whatif-changed").locator(".value").innerText()).replace(/\D/g, ""));
  const took = await page.getByTestId("whatif-took").innerText();
  expect(/vn-2022-2025.*line\.rural=2200000/.test(took) && /\d+ ms/.test(took), `standard and time: ${took}`);

  // The same request to the API, with the session of the page.
  const session = await (await page.request.get(url("/api/session"))).json();
  const res = await page.request.post(url("/api/whatif"), {
    headers: { "X-CSRF-Token": session.csrf_token },
    data: { round: 2025, kind: "periodic", set: ["line.rural=2200000"], level: "commune" },
  });
  expect(res.ok(), `POST /api/whatif: ${res.status()}`);
  const answer = await res.json();
  const changed = answer.rows.reduce((s, r) => s + r.changed, 0);
  expect(changed > 0, `a higher rural line changes some households (API: ${changed})`);
  expect(shown === changed, `households changing category: page ${shown}, API ${changed}`);
  const rows = await page.getByTestId("whatif-table").locator("tbody tr").count();
  expect(rows === answer.rows.length, `one row per commune: ${rows} vs ${answer.rows.length}`);
  await page.locator('[data-testid="whatif-bars"][data-ready="true"]').waitFor();
  await shot("result");

  const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url("/whatif")); // to sign-in, then back here
  await signIn("tinh.canbo", undefined, phone);
  await phone.getByTestId("whatif-rural").fill("2200000");
  await phone.getByRole("button", { name: "Chạy giả định" }).click();
  await phone.locator('[data-testid="whatif-bars"][data-ready="true"]').waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await shot("phone", phone);

  // A commune officer is not offered the what-if.
  const officer = await newPage();
  await officer.goto(url("/signin"));
  await signIn("xa.meovac", undefined, officer);
  await officer.getByTestId("kpi-poor").waitFor();
  expect((await officer.getByRole("navigation").getByRole("link", { name: "Giả định" }).count()) === 0, "no what-if for a commune officer");
});
