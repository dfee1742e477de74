// What-if: re-classify the chosen round in memory under another standard or with changed income
// lines (POST /api/whatif, province_admin and province_officer), and see who would change category:
// totals before and after, the moves in and out of poverty and near-poverty, and the change by unit
// (sorted table and bars). Nothing is stored. The time shown is measured here, request to answer.
import { useMemo, useState } from "preact/hooks";
import { api } from "../api/client";
import type { WhatIfRow } from "../api/types";
import { COLORS } from "../charts/colors";
import { EChart } from "../charts/EChart";
import { Card } from "../components/Card";
import "../components/ReportForm.css";
import { ErrorBox } from "../components/Status";
import { useApp } from "../context";
import { formatInt, formatMoney, formatNumber, formatPoints } from "../format";
import type { Lang, Translate } from "../i18n";
import type { PageProps } from "../routes";

// The income lines of the standards shipped in data/standards/*.toml (VND per person per month),
// shown as the current value of a line. The API names a round's standard but does not list
// standards or their parameters; a standard not listed here shows no current value.
const SHIPPED_LINES: Record<string, { rural: number; urban: number }> = {
  "vn-2022-2025": { rural: 1_500_000, urban: 2_000_000 },
  "vn-2027-2030": { rural: 2_200_000, urban: 2_800_000 },
  "bn-2025": { rural: 1_750_000, urban: 2_250_000 },
};

interface Outcome {
  standard: string;
  level: string;
  rows: WhatIfRow[];
  ms: number;
}

function totals(rows: WhatIfRow[]) {
  const sum = (k: keyof WhatIfRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const households = sum("households");
  const poorB = sum("poor_before");
  const poorA = sum("poor_after");
  const nearB = sum("near_poor_before");
  const nearA = sum("near_poor_after");
  return {
    households,
    poor: [poorB, poorA],
    near: [nearB, nearA],
    other: [households - poorB - nearB, households - poorA - nearA],
    into_poor: sum("into_poor"),
    out_of_poor: sum("out_of_poor"),
    into_near_poor: sum("into_near_poor"),
    out_of_near_poor: sum("out_of_near_poor"),
    changed: sum("changed"),
  };
}

function changeOption(rows: WhatIfRow[], t: Translate, lang: Lang) {
  const rev = [...rows].reverse(); // the largest change at the top
  return {
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => formatInt(v, lang) },
    xAxis: { type: "value", minInterval: 1, axisLabel: { hideOverlap: true, formatter: (v: number) => formatInt(v, lang) } },
    yAxis: { type: "category", data: rev.map((r) => r.unit_name), axisTick: { show: false } },
    series: [
      { name: t("whatif.poorChange"), type: "bar", color: COLORS.poor, data: rev.map((r) => r.poor_change), label: { show: true, position: "right", formatter: (p: { value: number }) => (p.value ? formatInt(p.value, lang) : "") } },
      { name: t("whatif.nearChange"), type: "bar", color: COLORS.nearPoor, data: rev.map((r) => r.near_poor_change), label: { show: true, position: "right", formatter: (p: { value: number }) => (p.value ? formatInt(p.value, lang) : "") } },
    ],
  };
}

function signed(n: number, lang: Lang): string {
  return (n > 0 ? "+" : n < 0 ? "−" : "±") + formatInt(Math.abs(n), lang);
}

function Result({ out }: { out: Outcome }) {
  const { t, lang } = useApp();
  const sum = totals(out.rows);
  const sorted = useMemo(
    () => [...out.rows].sort((a, b) => b.changed - a.changed || Math.abs(b.poor_change) - Math.abs(a.poor_change) || a.unit_name.localeCompare(b.unit_name, "vi")),
    [out],
  );
  const option = useMemo(() => changeOption(sorted, t, lang), [sorted, t, lang]);
  const cat = (label: string, [b, a]: number[]) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num" data-label={t("whatif.before")}>{formatInt(b, lang)}</td>
      <td class="num" data-label={t("whatif.after")}>
        <strong>{formatInt(a, lang)}</strong>
      </td>
      <td class={"num " + (a > b ? "up" : a < b ? "down" : "")} data-label={t("whatif.change")}>
        {signed(a - b, lang)}
      </td>
    </tr>
  );
  return (
    <div class="report-result" data-testid="whatif-result">
      <p class="report-done" data-testid="whatif-took">
        {t("whatif.took", { standard: out.standard, ms: formatInt(out.ms, lang), units: formatInt(out.rows.length, lang) })}
      </p>
      <div class="grid">
        <Card id="whatif-totals" title={t("whatif.totals")}>
          <ul class="whatif-moves">
            <li data-testid="whatif-changed">
              <span class="value">{formatInt(sum.changed, lang)}</span>
              <span class="label">{t("whatif.changed", { n: formatInt(sum.households, lang) })}</span>
            </li>
            <li>
              <span class="value">{formatInt(sum.into_poor, lang)}</span>
              <span class="label">{t("whatif.intoPoor")}</span>
            </li>
            <li>
              <span class="value">{formatInt(sum.out_of_poor, lang)}</span>
              <span class="label">{t("whatif.outOfPoor")}</span>
            </li>
            <li>
              <span class="value">{formatInt(sum.into_near_poor, lang)}</span>
              <span class="label">{t("whatif.intoNear")}</span>
            </li>
            <li>
              <span class="value">{formatInt(sum.out_of_near_poor, lang)}</span>
              <span class="label">{t("whatif.outOfNear")}</span>
            </li>
          </ul>
          <table class="table table-stack whatif-totals" data-testid="whatif-totals">
            <thead>
              <tr>
                <th scope="col">{t("whatif.category")}</th>
                <th scope="col" class="num">{t("whatif.before")}</th>
                <th scope="col" class="num">{t("whatif.after")}</th>
                <th scope="col" class="num">{t("whatif.change")}</th>
              </tr>
            </thead>
            <tbody>
              {cat(t("whatif.poor"), sum.poor)}
              {cat(t("whatif.near"), sum.near)}
              {cat(t("whatif.other"), sum.other)}
            </tbody>
          </table>
        </Card>
        <Card id="whatif-chart" title={t("whatif.chart")} hint={t("whatif.chartHint")}>
          {sorted.length ? (
            <EChart option={option} label={t("whatif.chart")} height={Math.max(160, sorted.length * 44 + 56)} testId="whatif-bars" />
          ) : (
            <p class="empty">{t("whatif.noRows")}</p>
          )}
        </Card>
        <Card id="whatif-units" title={t("whatif.byUnit")} hint={t("whatif.byUnitHint")} wide>
          <div class="table-scroll">
            <table class="table table-stack" data-testid="whatif-table">
              <thead>
                <tr>
                  <th scope="col">{t("dash.unitCol")}</th>
                  <th scope="col" class="num">{t("dash.households.col")}</th>
                  <th scope="col" class="num">{t("whatif.poorBA")}</th>
                  <th scope="col" class="num">{t("whatif.rateBA")}</th>
                  <th scope="col" class="num">{t("whatif.nearBA")}</th>
                  <th scope="col" class="num">{t("whatif.changedCol")}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.unit_code}>
                    <th scope="row">{r.unit_name}</th>
                    <td class="num" data-label={t("dash.households.col")}>{formatInt(r.households, lang)}</td>
                    <td class="num" data-label={t("whatif.poorBA")}>
                      {formatInt(r.poor_before, lang)} → {formatInt(r.poor_after, lang)}
                    </td>
                    <td class="num" data-label={t("whatif.rateBA")}>
                      {formatNumber(r.poor_rate_before, lang)} → {formatNumber(r.poor_rate_after, lang)}%
                      <span class="sub">{formatPoints(r.poor_rate_change, lang)}</span>
                    </td>
                    <td class="num" data-label={t("whatif.nearBA")}>
                      {formatInt(r.near_poor_before, lang)} → {formatInt(r.near_poor_after, lang)}
                    </td>
                    <td class="num" data-label={t("whatif.changedCol")}>
                      <strong>{formatInt(r.changed, lang)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </div>
  );
}

export default function WhatIf(_: PageProps) {
  const { t, lang, round, rounds, home } = useApp();
  const standards = useMemo(() => {
    const s = new Set(rounds.map((r) => r.standard));
    Object.keys(SHIPPED_LINES).forEach((k) => s.add(k));
    return [...s];
  }, [rounds]);
  const [standard, setStandard] = useState("");
  const [rural, setRural] = useState("");
  const [urban, setUrban] = useState("");
  const [level, setLevel] = useState<"commune" | "village">("commune");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [out, setOut] = useState<Outcome | null>(null);
  if (!round) return <p class="empty">{t("app.noRounds")}</p>;
  const effective = standard || round.standard;
  const current = SHIPPED_LINES[effective];
  const villageOnly = home?.kind !== "province";

  const run = async (e: Event) => {
    e.preventDefault();
    const set: string[] = [];
    if (rural.trim()) set.push("line.rural=" + rural.replace(/\D/g, ""));
    if (urban.trim()) set.push("line.urban=" + urban.replace(/\D/g, ""));
    setBusy(true);
    setError(null);
    const started = performance.now();
    try {
      const res = await api.post("/api/whatif", {
        body: { round: round.year, kind: round.kind, standard: standard || undefined, set: set.length ? set : undefined, level: villageOnly ? "village" : level },
      });
      setOut({ standard: res.standard, level, rows: res.rows, ms: Math.round(performance.now() - started) });
    } catch (err) {
      setError(err as Error); // the server's message, or the network's
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>{t("whatif.title")}</h1>
          <p class="subtitle">{t("whatif.subtitle", { year: round.year, standard: round.standard })}</p>
        </div>
      </header>
      <p class="report-note" role="note">
        {t("whatif.nothingStored")}
      </p>
      <Card id="whatif-form" title={t("whatif.formTitle")} hint={t("whatif.formHint")}>
        <form class="report-form" onSubmit={run}>
          <label class="field field-wide">
            {t("whatif.standard")}
            <select value={standard} onChange={(e) => setStandard((e.target as HTMLSelectElement).value)} data-testid="whatif-standard">
              <option value="">{t("whatif.roundStandard", { standard: round.standard })}</option>
              {standards
                .filter((s) => s !== round.standard)
                .map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
            </select>
          </label>
          <label class="field">
            {t("whatif.rural")}
            <input
              inputMode="numeric"
              value={rural}
              placeholder={current ? String(current.rural) : ""}
              onInput={(e) => setRural((e.target as HTMLInputElement).value)}
              aria-describedby="whatif-rural-now"
              data-testid="whatif-rural"
            />
            <span class="field-hint" id="whatif-rural-now">
              {current ? t("whatif.now", { value: formatMoney(current.rural, lang) }) : t("whatif.nowUnknown")}
            </span>
          </label>
          <label class="field">
            {t("whatif.urban")}
            <input
              inputMode="numeric"
              value={urban}
              placeholder={current ? String(current.urban) : ""}
              onInput={(e) => setUrban((e.target as HTMLInputElement).value)}
              aria-describedby="whatif-urban-now"
            />
            <span class="field-hint" id="whatif-urban-now">
              {current ? t("whatif.now", { value: formatMoney(current.urban, lang) }) : t("whatif.nowUnknown")}
            </span>
          </label>
          {!villageOnly && (
            <label class="field">
              {t("whatif.level")}
              <select value={level} onChange={(e) => setLevel((e.target as HTMLSelectElement).value as "commune" | "village")}>
                <option value="commune">{t("lvls.commune")}</option>
                <option value="village">{t("lvls.village")}</option>
              </select>
            </label>
          )}
          <div class="report-actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? t("whatif.running") : t("whatif.run")}
            </button>
          </div>
        </form>
        {error && <ErrorBox error={error} />}
      </Card>
      {out && <Result out={out} />}
    </div>
  );
}
