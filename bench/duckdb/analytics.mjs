// The DuckDB peer of bench/analytics_bench.cpp (issue 4): the same steps, timed one by one in one
// process, on one in-memory DuckDB database.
//
//   node bench/duckdb/analytics.mjs households.csv members.csv OUTDIR [--print-sql]
//
// 1. load: both CSVs into tables (typed by the dictionary as classify.mjs types them; the members'
//    names and citizen IDs and the unknown interviewer_note are left out, as lnob's snapshot leaves
//    out personal text), then the classification under vn-2022-2025 of every household, by the
//    SQL of classify.mjs (classify_sql.mjs), into a table `base` (flags, count, category code);
// 2. rates: one GROUP BY commune_code over `base`;
// 3. what-ifs, each joined to `base` and counted by (commune, before, after):
//    vn-2027-2030 (the classification SQL again, under its numbers and indicators), and
//    vn-2022-2025 with line.rural = 2,200,000; then both again computed from `base`'s stored flags
//    (only the new indicator, waste, read from the answers), as an expert user would.
// Prints "step NAME SECONDS HWM_KB RSS_KB CPU_SECONDS" per step (wall time by performance.now();
// the node process's maxRSS and RSS right after; CPU seconds of all its threads), and writes
// OUTDIR/duckdb_rates.csv, duckdb_whatif_2027.csv, duckdb_whatif_line.csv (and *_flags.csv for the
// stored-flags variants) in the format of analytics_bench. DuckDB runs with its defaults
// (threads = cores) except preserve_insertion_order = false.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  CATEGORY_CODE, HOUSEHOLD_TYPES, INDICATORS, MEMBER_TYPES, STANDARDS, classificationCtes, header,
  readCsv,
} from './classify_sql.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--print-sql');
const printSql = process.argv.includes('--print-sql');
if (args.length !== 3) {
  console.error('usage: node analytics.mjs HOUSEHOLDS.csv MEMBERS.csv OUTDIR [--print-sql]');
  process.exit(2);
}
const [householdsPath, membersPath, outDir] = args;

const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' });
const db = await instance.connect();

async function step(name, sqls, read = false) {
  const list = Array.isArray(sqls) ? sqls : [sqls];
  if (printSql) console.error(`-- ${name}\n${list.join(';\n')};\n`);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let rows = null;
  for (const sql of list) {
    if (read) rows = (await db.runAndReadAll(sql)).getRows();
    else await db.run(sql);
  }
  const secs = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);  // microseconds, all threads
  const hwm = process.resourceUsage().maxRSS;  // KB
  const rss = Math.round(process.memoryUsage().rss / 1024);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(`step ${name} ${secs.toFixed(6)} ${hwm} ${rss} ${cpuSecs.toFixed(6)}`);
  return rows;
}

// 1. Load and classify.
const KEEP_HH = Object.keys(HOUSEHOLD_TYPES);
const KEEP_MEM = Object.keys(MEMBER_TYPES).filter((c) => !['full_name', 'national_id'].includes(c));
const cols = (path, keep) => header(path).filter((c) => keep.includes(c)).join(', ');
await step('load.read', [
  `CREATE TABLE households AS SELECT ${cols(householdsPath, KEEP_HH)}
   FROM ${readCsv(householdsPath, HOUSEHOLD_TYPES)}`,
  `CREATE TABLE members AS SELECT ${cols(membersPath, KEEP_MEM)}
   FROM ${readCsv(membersPath, MEMBER_TYPES)}`,
]);
const flagCols = [...new Set([...INDICATORS[2022], ...INDICATORS[2027]])];
const ctes = (std, standards = STANDARDS) => classificationCtes({
  households: 'households', members: 'members', std, materialized: false,
  carry: ['commune_code', 'area'], members_count: true, standards,
});
await step('load.classify', `CREATE TABLE base AS
${ctes(2022)}
SELECT household_id, commune_code, area, members, income_pc_month, ${flagCols.join(', ')},
       deprivation_count, ${CATEGORY_CODE} AS category
FROM counted`);

// 2. Rates by commune.
const rates = await step('rates.compute', `
SELECT commune_code, count(*) AS households, sum(members)::BIGINT AS persons,
       count_if(category = 3) AS poor, count_if(category = 2) AS near_poor,
       count_if(category = 1) AS middle, count_if(category = 0) AS not_poor,
       ${INDICATORS[2022].map((i) => `count_if(${i}) AS ${i}`).join(', ')}
FROM base GROUP BY commune_code ORDER BY commune_code`, true);

// 3. What-ifs: (commune, before, after, households) rows.
const moves = (after) => `
SELECT b.commune_code, b.category AS before, a.category AS after, count(*) AS n
FROM base b JOIN (${after}) a ON a.household_id = b.household_id
GROUP BY ALL`;
const reclassified = (std, standards) => `
SELECT household_id, ${CATEGORY_CODE} AS category FROM (
${ctes(std, standards)}
SELECT * FROM counted)`;
const lineStandards = {
  ...STANDARDS, 2022: { ...STANDARDS[2022], line: { ...STANDARDS[2022].line, rural: 2200000 } },
};
const w27 = await step('whatif.2027', moves(reclassified(2027)), true);
const wline = await step('whatif.line', moves(reclassified(2022, lineStandards)), true);

// The same from base's stored flags: vn-2027-2030 drops info_access and adds waste (read from
// the answers); the changed line needs only the category.
const s27 = STANDARDS[2027], l22 = lineStandards[2022];
const byArea = (prefix, v) =>
  `(CASE WHEN ${prefix}area = 'urban' THEN ${v.urban} ELSE ${v.rural} END)`;
const w27f = await step('whatif.2027.flags', `
SELECT b.commune_code, b.category AS before,
       CASE WHEN b.income_pc_month > ${byArea('b.', s27.line)} THEN 0
            WHEN b.deprivation_count - b.info_access::INT + (h.waste_treated = 0)::INT >= 3 THEN 3
            ELSE 2 END AS after,
       count(*) AS n
FROM base b JOIN households h ON h.household_id = b.household_id
GROUP BY ALL`, true);
const wlinef = await step('whatif.line.flags', `
SELECT commune_code, category AS before,
       CASE WHEN income_pc_month <= ${byArea('', l22.line)}
            THEN (CASE WHEN deprivation_count >= 3 THEN 3 ELSE 2 END)
            WHEN income_pc_month <= ${byArea('', l22.ceiling)}
            THEN 1 ELSE 0 END AS after,
       count(*) AS n
FROM base GROUP BY ALL`, true);

// Outside the timings: the files analytics_bench writes, in its format.
const CATS = ['not_poor', 'middle', 'near_poor', 'poor'];
const ratesHeader = ['commune_code', 'households', 'persons', 'poor', 'near_poor', 'middle',
  'not_poor', ...INDICATORS[2022]];
writeFileSync(`${outDir}/duckdb_rates.csv`,
  [ratesHeader.join(','), ...rates.map((r) => r.map(String).join(','))].join('\n') + '\n');
function writeMoves(rows, path) {
  const by = new Map();
  for (const [commune, before, after, n] of rows) {
    if (!by.has(commune)) by.set(commune, new Array(16).fill(0n));
    by.get(commune)[Number(before) * 4 + Number(after)] += BigInt(n);
  }
  const lines = [['commune_code', 'households', ...CATS.map((c) => `before_${c}`),
    ...CATS.map((c) => `after_${c}`), ...CATS.flatMap((b) => CATS.map((a) => `${b}_to_${a}`))]
    .join(',')];
  for (const commune of [...by.keys()].sort()) {
    const m = by.get(commune);
    const sum = (f) => [0, 1, 2, 3].map((i) => [0, 1, 2, 3].reduce((s, j) => s + f(i, j), 0n));
    const before = sum((i, j) => m[i * 4 + j]), after = sum((j, i) => m[i * 4 + j]);
    const total = before.reduce((s, v) => s + v, 0n);
    lines.push([commune, total, ...before, ...after, ...m].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}
writeMoves(w27, `${outDir}/duckdb_whatif_2027.csv`);
writeMoves(wline, `${outDir}/duckdb_whatif_line.csv`);
writeMoves(w27f, `${outDir}/duckdb_whatif_2027_flags.csv`);
writeMoves(wlinef, `${outDir}/duckdb_whatif_line_flags.csv`);
db.closeSync?.();
