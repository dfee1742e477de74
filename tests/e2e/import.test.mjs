// Import: a commune officer uploads the commune's 2025 households.csv and a members.csv with a bad
// cell and sees the error with its file, line, column and value (nothing stored: the register
// still shows the same households); a province officer uploads the province's files, sees what was
// stored and classifies the new round 2026 from the same page. A village head is not offered the page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCE_DIR, e2e, expect } from "./harness.mjs";

const fixture = join(SOURCE_DIR, "tests/fixtures/analytics/2025");
const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

e2e("import", async ({ page, url, shot, signIn, newPage, allowErrors }) => {
  allowErrors(/status of 422/); // the refused upload, which the page lists
  const households = readFileSync(join(fixture, "households.csv"), "utf8").trimEnd().split("\n");
  const members = readFileSync(join(fixture, "members.csv"), "utf8").trimEnd().split("\n");
  // The commune's own households (Mèo Vạc, 00787) and their members.
  const mine = households.filter((l, i) => i === 0 || l.split(",")[2] === "00787");
  const ids = new Set(mine.slice(1).map((l) => l.split(",")[0]));
  const theirMembers = members.filter((l, i) => i === 0 || ids.has(l.split(",")[0]));
  // Line 4 of members.csv (the header is line 1): sex "nu" instead of "female"/"male".
  const bad = [...theirMembers];
  bad[3] = bad[3].replace(/,(fe)?male,/, ",nu,");
  expect(bad[3].includes(",nu,"), "the bad cell is in the file");

  await page.goto(url("/signin"));
  await signIn("xa.meovac");
  await page.getByTestId("kpi-poor").waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Nhập dữ liệu" }).click();
  await page.getByRole("heading", { level: 1, name: "Nhập dữ liệu rà soát" }).waitFor();
  await page.getByTestId("file-households").setInputFiles(csv("households.csv", mine.join("\n") + "\n"));
  await page.getByTestId("file-members").setInputFiles(csv("members.csv", bad.join("\n") + "\n"));
  await page.getByRole("button", { name: "Tải lên" }).click();
  const errors = page.getByTestId("import-errors");
  await errors.waitFor();
  const rows = await errors.locator("tbody tr").allInnerTexts();
  expect(rows.length === 1, `one error: ${rows.join(" / ")}`);
  const cells = await errors.locator("tbody tr").first().locator("td").allInnerTexts();
  expect(cells[0] === "members.csv" && cells[1] === "4" && cells[2].startsWith("sex") && cells[3] === "nu", `the error cell: ${cells.join(" | ")}`);
  expect(/Giới tính/.test(cells[4]), `the server's message: ${cells[4]}`);
  expect(/không lưu gì/.test(await page.getByTestId("import-failed").innerText()), "nothing stored");
  await shot("error");

  // Nothing stored: the register still lists the commune's six households with their categories.
  await page.getByRole("navigation").getByRole("link", { name: "Sổ hộ" }).click();
  await page.getByTestId("households").waitFor();
  expect((await page.getByTestId("households").locator("tbody tr").count()) === 6, "still six households");

  // A province officer: the whole province's files stored, then the round classified.
  const province = await newPage();
  await province.goto(url("/signin"));
  await signIn("tinh.canbo", undefined, province);
  await province.getByTestId("kpi-poor").waitFor();
  await province.goto(url("/import"));
  // A new round, 2026 (round 2025 of the registry also holds a household of another province,
  // so only a user of the whole registry may classify it).
  await province.getByLabel("Năm").fill("2026");
  const h2026 = households.map((l) => l.replace(/,2025-10-15,/, ",2026-10-15,"));
  await province.getByTestId("file-households").setInputFiles(csv("households.csv", h2026.join("\n") + "\n"));
  await province.getByTestId("file-members").setInputFiles(csv("members.csv", members.join("\n") + "\n"));
  await province.getByRole("button", { name: "Tải lên" }).click();
  const done = province.getByTestId("import-done");
  await done.waitFor();
  const doneText = await done.innerText();
  expect(/Đã lưu kỳ 2026: 11 hộ, 22 thành viên/.test(doneText), `stored: ${doneText}`);
  await province.getByRole("button", { name: "Phân loại kỳ 2026" }).click();
  const classified = await province.getByTestId("classified").innerText();
  expect(/Đã phân loại 11 hộ của kỳ 2026/.test(classified), `classified: ${classified}`);
  await shot("classified", province);

  // A village head has no import in the navigation, and the page says so.
  const head = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await head.goto(url("/signin"));
  await signIn("thon.pavi", undefined, head);
  await head.getByTestId("kpi-poor").waitFor();
  expect((await head.getByRole("navigation").getByRole("link", { name: "Nhập dữ liệu" }).count()) === 0, "no import link");
  await head.goto(url("/import"));
  await head.getByText("Vai trò của bạn không được nhập dữ liệu.").waitFor();

  // The error list on a phone.
  const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url("/signin"));
  await signIn("xa.meovac", undefined, phone);
  await phone.getByTestId("kpi-poor").waitFor();
  await phone.goto(url("/import"));
  await phone.getByTestId("file-households").setInputFiles(csv("households.csv", mine.join("\n") + "\n"));
  await phone.getByTestId("file-members").setInputFiles(csv("members.csv", bad.join("\n") + "\n"));
  await phone.getByRole("button", { name: "Tải lên" }).click();
  await phone.getByTestId("import-errors").waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await shot("phone", phone);
});
