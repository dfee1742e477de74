// Sign in: a wrong password shows the server's error and stays on the sign-in page; the right one
// lands on the dashboard of the user's unit; a private path asked for before signing in is where
// the user lands after; signing out returns to the sign-in page.
import { e2e, expect } from "./harness.mjs";

e2e("signin", async ({ page, url, shot, signIn }) => {
  await page.goto(url("/"));
  await page.waitForURL(/\/signin$/);
  await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
  await shot("form");

  await signIn("tinh.admin", "not the password");
  const error = page.getByRole("alert");
  await error.waitFor();
  const text = await error.innerText();
  expect(/^Sai tên đăng nhập hoặc mật khẩu/.test(text), `a Vietnamese message on the password: "${text}"`);
  expect(new URL(page.url()).pathname === "/signin", "a wrong password must stay on the sign-in page");
  expect((await page.getByLabel("Mật khẩu").inputValue()) === "", "the wrong password is cleared");
  await shot("wrong-password");

  await signIn("tinh.admin");
  await page.waitForURL((u) => new URL(u).pathname === "/");
  await page.getByRole("heading", { level: 1, name: /Tổng quan Tuyên Quang/ }).waitFor();
  await page.getByTestId("kpi-poor").waitFor();
  await shot("dashboard");

  // A session survives a reload (GET /api/session gives the CSRF token back).
  await page.reload();
  await page.getByRole("heading", { level: 1, name: /Tổng quan Tuyên Quang/ }).waitFor();

  // Sign out (a DELETE with the CSRF token), then a private path goes to sign-in and comes back.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/signin$/);
  await page.goto(url("/?from=link"));
  await page.waitForURL(/\/signin\?next=/);
  await signIn("xa.meovac");
  await page.waitForURL((u) => new URL(u).pathname === "/" && new URL(u).search === "?from=link");
  await page.getByRole("heading", { level: 1, name: /Tổng quan Mèo Vạc/ }).waitFor();
  await shot("commune-officer");
});
