// Reports to download: the provincial summary (Markdown, XLSX), rates (CSV, XLSX; round, level,
// units-on date, split), transitions between two rounds (CSV, built here from GET
// /api/transitions: the API has no transitions export), and the household list (CSV, XLSX). Every
// download is a fetch with the session (api.blob) saved as a file; parameters are rounds, levels,
// dates and categories, never personal data. The server audits each export.
import { useState } from "preact/hooks";
import { api } from "../api/client";
import type { Role, TransitionRow } from "../api/types";
import { Card } from "../components/Card";
import { csvBlob, saveBlob } from "../components/ReportDownload";
import "../components/ReportForm.css";
import { ErrorBox } from "../components/Status";
import { levelOf, useApp, type LevelId } from "../context";
import type { MessageKey } from "../i18n";
import type { PageProps } from "../routes";

const SUMMARY_ROLES: Role[] = ["province_admin", "province_officer", "front_supervisor", "auditor"];
const LEVELS: LevelId[] = ["province", "commune", "village"];
const TRANSITION_KEYS: (keyof TransitionRow)[] = [
  "unit_code", "unit_name", "households_from", "households_to", "poor_from", "poor_to", "stayed_poor",
  "escaped", "escaped_to_near_poor", "newly_poor", "fell_back", "stayed_near_poor", "became_near_poor",
  "entered", "left",
];

// One download button: runs `fetch`, saves the file, says what was saved or shows the error.
function Download({ label, file, fetch, testId }: { label: string; file: string; fetch: () => Promise<Blob>; testId: string }) {
  const { t } = useApp();
  const [state, setState] = useState<{ busy?: boolean; done?: string; error?: Error }>({});
  const go = async () => {
    setState({ busy: true });
    try {
      const blob = await fetch();
      saveBlob(blob, file);
      setState({ done: t("reports.saved", { file, kb: Math.max(1, Math.round(blob.size / 1024)) }) });
    } catch (e) {
      setState({ error: e as Error });
    }
  };
  return (
    <div>
      <button type="button" class="button" onClick={go} disabled={state.busy} data-testid={testId}>
        {state.busy ? t("reports.preparing") : label}
      </button>
      {state.done && (
        <p class="report-done" role="status">
          {state.done}
        </p>
      )}
      {state.error && <ErrorBox error={state.error} />}
    </div>
  );
}

function Select<T extends string>(props: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void; testId?: string }) {
  return (
    <label class="field">
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as T)} data-testid={props.testId}>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function Reports(_: PageProps) {
  const { t, me, round, rounds, home } = useApp();
  const classified = rounds.filter((r) => r.classified && r.kind === (round?.kind ?? "periodic"));
  const years = classified.map((r) => [String(r.year), String(r.year)] as [string, string]);
  const homeLevel = home ? levelOf(home.kind) : "province";
  const levels = LEVELS.slice(LEVELS.indexOf(homeLevel)).map((l) => [l, t(("lvl." + l) as MessageKey)] as [LevelId, string]);
  const [year, setYear] = useState(String(round?.year ?? ""));
  const [level, setLevel] = useState<LevelId>(homeLevel === "province" ? "commune" : homeLevel);
  const [unitsOn, setUnitsOn] = useState("");
  const [by, setBy] = useState<"" | "area" | "ethnicity" | "sex">("");
  const [from, setFrom] = useState(String(classified[1]?.year ?? classified[0]?.year ?? ""));
  const [to, setTo] = useState(String(classified[0]?.year ?? ""));
  const [tLevel, setTLevel] = useState<LevelId>(homeLevel === "province" ? "commune" : homeLevel);
  const [category, setCategory] = useState<"" | "poor" | "near_poor" | "middle" | "not_poor">("");
  if (!round || !me) return <p class="empty">{t("app.noRounds")}</p>;
  const kind = round.kind;
  const canExport = me.role !== "village_head";
  const canSummary = SUMMARY_ROLES.includes(me.role) && homeLevel === "province";

  const ratesQuery = { round: Number(year), kind, level, units_on: unitsOn || undefined, by: by || undefined };
  const householdsQuery = { round: Number(year), kind, category: category || undefined };
  const transitionsCsv = async () => {
    const res = await api.get("/api/transitions", { query: { from: Number(from), to: Number(to), kind, level: tLevel } });
    return csvBlob(
      TRANSITION_KEYS as string[],
      res.rows.map((r) => TRANSITION_KEYS.map((k) => r[k])),
    );
  };

  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>{t("reports.title")}</h1>
          <p class="subtitle">{t("reports.subtitle")}</p>
        </div>
      </header>
      {!canExport && (
        <p class="report-note" role="note">
          {t("reports.noExport")}
        </p>
      )}
      <div class="grid">
        {canSummary && (
          <Card id="report-summary" title={t("reports.summary")} hint={t("reports.summaryHint", { year: round.year })}>
            <div class="report-actions">
              <Download label={t("reports.markdown")} file={`lnob-summary-${round.year}.md`} testId="summary-md" fetch={() => api.blob("/api/exports/summary.md", { query: { round: round.year, kind } })} />
              <Download label="XLSX" file={`lnob-summary-${round.year}.xlsx`} testId="summary-xlsx" fetch={() => api.blob("/api/exports/summary.xlsx", { query: { round: round.year, kind } })} />
            </div>
          </Card>
        )}
        {canExport && (
          <Card id="report-rates" title={t("reports.rates")} hint={t("reports.ratesHint")}>
            <div class="report-form">
              <Select label={t("reports.round")} value={year} options={years} onChange={setYear} testId="rates-round" />
              <Select label={t("reports.level")} value={level} options={levels} onChange={setLevel} testId="rates-level" />
              <label class="field">
                {t("reports.unitsOn")}
                <input type="date" value={unitsOn} onInput={(e) => setUnitsOn((e.target as HTMLInputElement).value)} data-testid="rates-units-on" />
                <span class="field-hint">{t("reports.unitsOnHint")}</span>
              </label>
              <Select
                label={t("reports.by")}
                value={by}
                options={[["", t("reports.byNone")], ["area", t("reports.byArea")], ["ethnicity", t("reports.byEthnicity")], ["sex", t("reports.bySex")]]}
                onChange={setBy}
              />
            </div>
            <div class="report-actions">
              <Download label="CSV" file={`lnob-rates-${year}.csv`} testId="rates-csv" fetch={() => api.blob("/api/exports/rates.csv", { query: ratesQuery })} />
              <Download label="XLSX" file={`lnob-rates-${year}.xlsx`} testId="rates-xlsx" fetch={() => api.blob("/api/exports/rates.xlsx", { query: ratesQuery })} />
            </div>
          </Card>
        )}
        <Card id="report-transitions" title={t("reports.transitions")} hint={t("reports.transitionsHint")}>
          <div class="report-form">
            <Select label={t("reports.from")} value={from} options={years} onChange={setFrom} testId="transitions-from" />
            <Select label={t("reports.to")} value={to} options={years} onChange={setTo} testId="transitions-to" />
            <Select label={t("reports.level")} value={tLevel} options={levels} onChange={setTLevel} />
          </div>
          <div class="report-actions">
            <Download label="CSV" file={`lnob-transitions-${from}-${to}.csv`} testId="transitions-csv" fetch={transitionsCsv} />
          </div>
        </Card>
        {canExport && (
          <Card id="report-households" title={t("reports.households")} hint={t("reports.householdsHint")}>
            <div class="report-form">
              <Select label={t("reports.round")} value={year} options={years} onChange={setYear} />
              <Select
                label={t("reports.category")}
                value={category}
                options={[["", t("reports.allCategories")], ["poor", t("whatif.poor")], ["near_poor", t("whatif.near")], ["middle", t("reports.middle")], ["not_poor", t("reports.notPoor")]]}
                onChange={setCategory}
              />
            </div>
            <div class="report-actions">
              <Download label="CSV" file={`lnob-households-${year}.csv`} testId="households-csv" fetch={() => api.blob("/api/exports/households.csv", { query: householdsQuery })} />
              <Download label="XLSX" file={`lnob-households-${year}.xlsx`} testId="households-xlsx" fetch={() => api.blob("/api/exports/households.xlsx", { query: householdsQuery })} />
            </div>
          </Card>
        )}
      </div>
    </div>
  );
}
