// The end-to-end harness: a registry built with the real `lnob` from tests/fixtures/analytics (as
// tests/server/harness.cpp does: units, four rounds 2022-2025 across the 2025 mergers, classified,
// targets, one user per role), the real `lnob serve` on 127.0.0.1 (a free port), and Debian's
// Chromium driven by playwright-core. Everything is cleaned up however the test ends.
//
//   import { e2e, expect } from "./harness.mjs";
//   e2e("signin", async ({ page, url, shot, signIn }) => {
//     await page.goto(url("/"));
//     await signIn("tinh.admin");
//     await shot("dashboard");                  // <build>/e2e-artifacts/signin-dashboard.png
//   });
//
// Environment: LNOB_BIN (the lnob binary; set by CTest), LNOB_E2E_ARTIFACTS (where screenshots go),
// LNOB_CHROMIUM (default /usr/bin/chromium). Users (password PASSWORD): tinh.admin
// (province_admin, 08), tinh.canbo (province_officer, 08), xa.meovac (commune_officer, 00787),
// thon.pavi (village_head, 0076301), mttq.meovac (front_supervisor, 00787), kiemtoan (auditor, 08).
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = resolve(here, "../..");
// playwright-core is a dev dependency of web/ (installed by the CMake build's npm ci).
const require = createRequire(join(SOURCE_DIR, "web/package.json"));
const { chromium } = require("playwright-core");

export const PASSWORD = "Mật-khẩu-đủ-dài-2025";
export const USERS = {
  "tinh.admin": ["province_admin", "08"],
  "tinh.canbo": ["province_officer", "08"],
  "xa.meovac": ["commune_officer", "00787"],
  "thon.pavi": ["village_head", "0076301"],
  "mttq.meovac": ["front_supervisor", "00787"],
  kiemtoan: ["auditor", "08"],
};
// The Chromium flags this closed network needs (no background traffic to time out on).
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const lnobBin = () => process.env.LNOB_BIN || join(SOURCE_DIR, "build/release/lnob");

export class AssertionError extends Error {}
export function expect(cond, message) {
  if (!cond) throw new AssertionError(message);
}

// Builds the registry in `dir`; returns its database URL.
export function buildRegistry(dir) {
  const f = join(SOURCE_DIR, "tests/fixtures/analytics");
  const log = join(dir, "build.log");
  const db = "sqlite:" + join(dir, "lnob.db");
  const run = (args, input) => {
    const r = spawnSync(lnobBin(), args, { input, encoding: "utf8" });
    appendFileSync(log, `$ lnob ${args.join(" ")}\n${r.stdout ?? ""}${r.stderr ?? ""}`);
    if (r.status !== 0) throw new Error(`lnob ${args.join(" ")} failed (${r.error ?? r.status}); see ${log}`);
  };
  // A second province with one commune, village and household, as the server tests have.
  copyFileSync(join(f, "units.csv"), join(dir, "units.csv"));
  appendFileSync(
    join(dir, "units.csv"),
    "unit,10,Lào Cai,province,,10,1991-10-01,,,,\n" +
      "unit,10001,Bản Xèo,commune,10,10,2025-07-01,,,,\n" +
      "unit,1000101,Thôn Một,village,10001,10,2025-07-01,,,,\n",
  );
  copyFileSync(join(f, "2025/households.csv"), join(dir, "h2025.csv"));
  copyFileSync(join(f, "2025/members.csv"), join(dir, "m2025.csv"));
  appendFileSync(
    join(dir, "h2025.csv"),
    "H13,10,10001,1000101,rural,2025-10-15,1000000,60,1,1,1,unprotected_spring,simple_pit,0,1,1\n",
  );
  appendFileSync(
    join(dir, "m2025.csv"),
    "H13,1,Sùng A Páo,010013001234,1979-05-05,male,head,hmong,1,0,0,primary,self_employed,0,0\n",
  );
  run(["units", "import", "--db", db, join(dir, "units.csv")]);
  for (const y of [2022, 2023, 2024, 2025]) {
    const h = y === 2025 ? join(dir, "h2025.csv") : join(f, String(y), "households.csv");
    const m = y === 2025 ? join(dir, "m2025.csv") : join(f, String(y), "members.csv");
    run(["import", "--db", db, "--round", String(y), "--households", h, "--members", m]);
    run(["classify", "--db", db, "--round", String(y)]);
  }
  run(["targets", "import", "--db", db, join(f, "targets.toml")]);
  for (const [user, [role, unit]] of Object.entries(USERS)) {
    run(["users", "add", "--db", db, "--username", user, "--role", role, "--unit", unit, "--password-stdin"], PASSWORD + "\n");
  }
  return db;
}

// Starts `lnob serve` (with `extraArgs`) on a free port of 127.0.0.1; resolves to { proc, port }
// once it listens.
export function startServer(db, logPath, extraArgs = []) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(lnobBin(), ["serve", "--db", db, "--listen", "127.0.0.1:0", ...extraArgs], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let done = false;
    proc.stderr.on("data", (d) => appendFileSync(logPath, d));
    proc.stdout.on("data", (d) => {
      out += d;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m && !done) {
        done = true;
        resolvePromise({ proc, port: Number(m[1]) });
      }
    });
    proc.on("exit", (code) => {
      if (!done) {
        done = true;
        reject(new Error(`lnob serve exited with ${code} before listening; see ${logPath}`));
      }
    });
  });
}

function stopServer(proc) {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10000);
    proc.once("exit", () => {
      clearTimeout(timer);
      res();
    });
    proc.kill("SIGTERM");
  });
}

// Runs one end-to-end test named `name` (its screenshots are <artifacts>/<name>-<step>.png).
// The body gets: page (a Playwright page at 1366x768), url(path), shot(step), signIn(user[, password]),
// newPage(options) for another viewport, and the registry's db URL. Console errors of the page
// (a CSP violation, an uncaught exception) fail the test, except those matching a regular
// expression given to allowErrors(re) (a denial the test provokes on purpose). options.serveArgs:
// more arguments for `lnob serve`.
export function e2e(name, body, options = {}) {
  const artifacts = process.env.LNOB_E2E_ARTIFACTS || join(SOURCE_DIR, "build/e2e-artifacts");
  mkdirSync(artifacts, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `lnob-e2e-${name}-`));
  let server = null;
  let browser = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await browser?.close().catch(() => {});
    await stopServer(server?.proc);
    if (process.exitCode && process.env.LNOB_E2E_KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(sig, () => cleanup().finally(() => process.exit(130)));
  }

  const main = async () => {
    const started = Date.now();
    const db = buildRegistry(dir);
    server = await startServer(db, join(dir, "serve.log"), options.serveArgs ?? []);
    browser = await chromium.launch({
      executablePath: process.env.LNOB_CHROMIUM || "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const problems = [];
    const allowed = []; // console errors a test expects (allowErrors), e.g. a 403 it provokes
    const pages = [];
    const newPage = async (options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN", ...options });
      context.setDefaultTimeout(30000);
      const p = await context.newPage();
      p.on("console", (m) => {
        if (m.type() === "error" && !/status of 401/.test(m.text()) && !allowed.some((re) => re.test(m.text()))) {
          problems.push(`console: ${m.text()}`);
        }
      });
      p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      pages.push(p);
      return p;
    };
    const page = await newPage();
    const url = (path) => `http://127.0.0.1:${server.port}${path}`;
    let lastPage = page;
    const shot = async (step, p = page) => {
      lastPage = p;
      const file = join(artifacts, `${name}-${step}.png`);
      await p.screenshot({ path: file, fullPage: true });
      console.log(`  screenshot ${file}`);
    };
    const signIn = async (user, password = PASSWORD, p = page) => {
      await p.getByLabel(/Tên đăng nhập|Username/).fill(user);
      await p.getByLabel(/Mật khẩu|Password/).fill(password);
      await p.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
    };
    try {
      const allowErrors = (re) => allowed.push(re);
      await body({ page, url, shot, signIn, newPage, db, port: server.port, allowErrors });
      expect(problems.length === 0, "the page logged errors:\n  " + problems.join("\n  "));
    } catch (e) {
      await lastPage.screenshot({ path: join(artifacts, `${name}-failure.png`), fullPage: true }).catch(() => {});
      throw e;
    }
    console.log(`e2e.${name}: passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };

  main()
    .catch((e) => {
      process.exitCode = 1;
      console.error(`e2e.${name}: FAILED: ${e.stack || e}`);
      try {
        console.error("--- lnob serve log (tail) ---\n" + readFileSync(join(dir, "serve.log"), "utf8").split("\n").slice(-20).join("\n"));
      } catch {
        // no log yet
      }
    })
    .finally(cleanup);
}
