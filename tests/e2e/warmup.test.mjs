// Right after a start the server is still loading the survey rounds into memory: the dashboard
// says so, with how many of the rounds it needs are ready ("Đang nạp dữ liệu các kỳ rà soát…
// (3/4)", in English too), then shows the figures. The server holds 2025, the first round it loads, for 20 s
// (--warm-pause-ms), so that a registry of a few households shows the message.
import { e2e, expect } from "./harness.mjs";

e2e(
  "warmup",
  async ({ page, url, shot, signIn }) => {
    await page.goto(url("/signin"));
    await signIn("tinh.admin");
    const status = page.getByTestId("rounds-loading");
    await status.waitFor();
    const text = await status.innerText();
    expect(/Đang nạp dữ liệu các kỳ rà soát… \([0-3]\/4\)/.test(text), `loading message: "${text}"`);
    expect(/Máy chủ vừa khởi động/.test(text), `the message says why: "${text}"`);
    await shot("loading");
    await page.getByRole("button", { name: "English" }).click();
    const en = await status.innerText();
    expect(/Loading the survey rounds… \([0-3]\/4\)/.test(en), `in English: "${en}"`);
    await page.getByTestId("kpi-poor").waitFor({ timeout: 90000 });
    expect((await status.count()) === 0, "the loading message is gone once the figures are there");
  },
  { serveArgs: ["--warm-pause-ms", "20000"] },
);
