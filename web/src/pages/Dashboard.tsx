// The dashboard of the unit chosen in the header (the province by default): poverty and near-poverty
// rates of the units below it as sorted bars and a tile map, the trend since 2021 under today's
// boundaries, its targets and how far each is, the units furthest behind, and the main
// deprivations of its poor households. Calls: /api/rates (one per round for the trend, one for the
// units below, one for the round before), /api/targets, and /api/units for a unit below the home one;
// while they are pending, /api/health says how many of the trend's rounds the server has in memory
// (after a start it loads them, 13-15 s each on a province).
import { useMemo } from "preact/hooks";
import { api } from "../api/client";
import type { RatesRow, Round, TargetRow, UnitDetail } from "../api/types";
import { COLORS } from "../charts/colors";
import { EChart } from "../charts/EChart";
import { Card } from "../components/Card";
import { ErrorBox, Loading, RoundsLoading } from "../components/Status";
import { TileMap } from "../components/TileMap";
import { childLevel, levelOf, todayIso, useApp, type LevelId } from "../context";
import { limiter, useData } from "../data";
import { formatDate, formatInt, formatPercent, formatPoints } from "../format";
import { hasKey, type Lang, type Translate } from "../i18n";
import { Link, navigate } from "../router";
import type { PageProps } from "../routes";

const TREND_FROM = 2021;

interface DashboardData {
  below: RatesRow[]; // the units right below, with figures
  previous: Map<string, RatesRow>; // the same units in the round before, by code
  previousYear: number | null;
  trend: { year: number; row: RatesRow | undefined }[]; // the unit itself, per round
  targets: TargetRow[];
}

// The rounds of the trend: the classified rounds of the chosen round's kind since TREND_FROM, up to
// the chosen one, oldest first (each is a round the server must hold in memory).
function trendRounds(round: Round, rounds: Round[]): Round[] {
  return rounds
    .filter((r) => r.classified && r.kind === round.kind && r.year >= TREND_FROM && r.year <= round.year)
    .sort((a, b) => a.year - b.year);
}

async function load(unit: UnitDetail, home: UnitDetail, round: Round, rounds: Round[], signal: AbortSignal): Promise<DashboardData> {
  const level = levelOf(unit.kind);
  const below = childLevel(level);
  const on = todayIso(); // every figure under today's boundaries, so that years compare
  const kind = round.kind;
  const series = trendRounds(round, rounds);
  const prev = series.filter((r) => r.year < round.year).pop() ?? null;
  // After a start, each rates request may wait for its round to be loaded: at most 4 at once, so
  // that the loading message's /api/health gets through.
  const slot = limiter(4);
  const rates = (year: number, lvl: LevelId) =>
    slot(() => api.get("/api/rates", { query: { round: year, kind, level: lvl, units_on: on }, signal }));
  const [now, before, targets, children, ...trend] = await Promise.all([
    below ? rates(round.year, below) : null,
    below && prev ? rates(prev.year, below) : null,
    slot(() => api.get("/api/targets", { query: { round: round.year, kind }, signal })),
    below && unit.code !== home.code ? slot(() => api.get("/api/units", { query: { parent: unit.code, on }, signal })) : null,
    ...series.map((r) => rates(r.year, level)),
  ]);
  // Rows of the home unit's scope are all below it; below another unit, keep its children only.
  const keep = children ? new Set(children.items.map((u) => u.code)) : null;
  const rows = (now?.rows ?? []).filter((r) => !keep || keep.has(r.unit_code));
  return {
    below: rows,
    previous: new Map((before?.rows ?? []).map((r) => [r.unit_code, r])),
    previousYear: prev?.year ?? null,
    trend: series.map((r, i) => ({ year: r.year, row: trend[i].rows.find((x) => x.unit_code === unit.code) })),
    targets: targets.rows.filter((r) => unit.code === home.code || r.unit_code === unit.code),
  };
}

function indicatorName(id: string, t: Translate): string {
  const key = "ind." + id;
  return hasKey(key) ? t(key) : id;
}

function byRateDesc(a: RatesRow, b: RatesRow): number {
  return b.poor_rate - a.poor_rate || b.near_poor_rate - a.near_poor_rate || a.unit_name.localeCompare(b.unit_name, "vi");
}

function Kpi(props: { label: string; value: string; detail: string; change?: string; testId: string }) {
  return (
    <div class="kpi" data-testid={props.testId}>
      <span class="kpi-label">{props.label}</span>
      <span class="kpi-value">{props.value}</span>
      <span class="kpi-detail">{props.detail}</span>
      {props.change && <span class="kpi-change">{props.change}</span>}
    </div>
  );
}

// A round axis end for percentages: the next multiple of 10 above the largest value, at most 100.
function percentMax(values: number[]): number {
  return Math.min(100, Math.max(10, Math.ceil((Math.max(0, ...values) + 0.01) / 10) * 10));
}

function ratesBarOption(rows: RatesRow[], t: Translate, lang: Lang) {
  const sorted = [...rows].sort(byRateDesc).reverse(); // the highest at the top
  const top = percentMax(sorted.map((r) => r.poor_near_poor_rate));
  const step = top <= 30 ? 5 : top <= 60 ? 10 : 20; // 5 or 6 round ticks
  const max = Math.min(100, Math.ceil(top / step) * step);
  return {
    grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [t("dash.poorRate"), t("dash.nearPoorRate")] },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: number) => formatPercent(v, lang),
    },
    xAxis: { type: "value", max, interval: step, axisLabel: { hideOverlap: true, formatter: (v: number) => formatPercent(v, lang, 0) } },
    yAxis: { type: "category", data: sorted.map((r) => r.unit_name), axisTick: { show: false } },
    series: [
      {
        name: t("dash.poorRate"),
        type: "bar",
        stack: "rate",
        color: COLORS.poor,
        data: sorted.map((r) => r.poor_rate),
        label: { show: true, position: "insideRight", color: "#fff", formatter: (p: { value: number }) => (p.value >= 8 ? formatPercent(p.value, lang, 1) : "") },
      },
      {
        name: t("dash.nearPoorRate"),
        type: "bar",
        stack: "rate",
        color: COLORS.nearPoor,
        data: sorted.map((r) => r.near_poor_rate),
        label: { show: true, position: "right", color: "#333", formatter: (p: { dataIndex: number }) => formatPercent(sorted[p.dataIndex].poor_near_poor_rate, lang, 1) },
      },
    ],
  };
}

function trendOption(trend: DashboardData["trend"], t: Translate, lang: Lang) {
  const pts = trend.filter((p) => p.row);
  const line = (name: string, color: string, pick: (r: RatesRow) => number) => ({
    name,
    type: "line",
    color,
    symbolSize: 8,
    data: pts.map((p) => pick(p.row!)),
    label: { show: true, position: "top", formatter: (x: { value: number }) => formatPercent(x.value, lang, 1) },
  });
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => formatPercent(v, lang) },
    xAxis: { type: "category", data: pts.map((p) => String(p.year)), boundaryGap: true },
    yAxis: {
      type: "value",
      min: 0,
      max: percentMax(pts.flatMap((p) => [p.row!.poor_rate, p.row!.near_poor_rate]).map((v) => v + 5)),
      axisLabel: { formatter: (v: number) => formatPercent(v, lang, 0) },
    },
    series: [line(t("dash.poorRate"), COLORS.poor, (r) => r.poor_rate), line(t("dash.nearPoorRate"), COLORS.nearPoor, (r) => r.near_poor_rate)],
  };
}

function deprivations(row: RatesRow | undefined): { id: string; share: number; count: number }[] {
  if (!row || row.poor === 0) return [];
  const out = [];
  for (const [k, v] of Object.entries(row)) {
    if (!k.startsWith("deprived_poor_") || typeof v !== "number") continue;
    out.push({ id: k.slice("deprived_poor_".length), count: v, share: (100 * v) / row.poor });
  }
  return out.filter((d) => d.count > 0).sort((a, b) => b.share - a.share);
}

function deprivationOption(items: ReturnType<typeof deprivations>, t: Translate, lang: Lang) {
  const rev = [...items].reverse();
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => formatPercent(v, lang, 1) },
    xAxis: { type: "value", max: 100, interval: 25, axisLabel: { hideOverlap: true, formatter: (v: number) => formatPercent(v, lang, 0) } },
    yAxis: { type: "category", data: rev.map((d) => indicatorName(d.id, t)), axisTick: { show: false } },
    series: [
      {
        name: t("dash.share"),
        type: "bar",
        color: COLORS.neutral,
        data: rev.map((d) => d.share),
        label: { show: true, position: "right", formatter: (p: { value: number }) => formatPercent(p.value, lang, 0) },
      },
    ],
  };
}

// A target's figure: rates in percent, counts as integers.
function targetValue(v: number | null, indicator: string, lang: Lang): string {
  if (v === null) return "–";
  return indicator.endsWith("_rate") ? formatPercent(v, lang) : formatInt(v, lang);
}

function Targets({ rows }: { rows: TargetRow[] }) {
  const { t, lang } = useApp();
  if (!rows.length) return <p class="empty">{t("dash.targetsNone")}</p>;
  return (
    <div class="table-scroll">
      <table class="table table-stack" data-testid="targets">
        <thead>
          <tr>
            <th scope="col">{t("dash.target")}</th>
            <th scope="col" class="num">{t("dash.baseline")}</th>
            <th scope="col" class="num">{t("dash.actual")}</th>
            <th scope="col" class="num">{t("dash.goal")}</th>
            <th scope="col" class="num">{t("dash.deadline")}</th>
            <th scope="col">{t("dash.verdict")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const vkey = "dash.verdict." + r.verdict;
            const goal =
              r.goal_kind === "change_per_year" && r.goal !== null
                ? formatPoints(r.goal, lang) + (lang === "vi" ? " điểm/năm" : " pts/yr")
                : targetValue(r.goal, r.indicator, lang);
            return (
              <tr key={r.target_id}>
                <th scope="row">
                  <span class="target-name">{r.target}</span>
                  <span class="target-sentence">{r.sentence}</span>
                </th>
                <td class="num" data-label={t("dash.baseline")}>
                  {targetValue(r.baseline, r.indicator, lang)}
                  <span class="sub">{r.baseline_year}</span>
                </td>
                <td class="num" data-label={t("dash.actual")}>
                  {targetValue(r.actual, r.indicator, lang)}
                  <span class="sub">{r.year}</span>
                </td>
                <td class="num" data-label={t("dash.goal")}>
                  {goal}
                </td>
                <td class="num" data-label={t("dash.deadline")}>
                  {r.deadline}
                </td>
                <td data-label={t("dash.verdict")}>
                  <span class={"badge badge-" + r.verdict}>{hasKey(vkey) ? t(vkey) : r.verdict}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RatesTable({ rows }: { rows: RatesRow[] }) {
  const { t, lang } = useApp();
  return (
    <details class="as-table">
      <summary>{t("dash.showTable")}</summary>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("dash.unitCol")}</th>
              <th scope="col" class="num">{t("dash.households.col")}</th>
              <th scope="col" class="num">{t("dash.poor.col")}</th>
              <th scope="col" class="num">{t("dash.poorRate")}</th>
              <th scope="col" class="num">{t("dash.near.col")}</th>
              <th scope="col" class="num">{t("dash.nearPoorRate")}</th>
            </tr>
          </thead>
          <tbody>
            {[...rows].sort(byRateDesc).map((r) => (
              <tr key={r.unit_code}>
                <th scope="row">
                  <Link href={"/units/" + encodeURIComponent(r.unit_code)}>{r.unit_name}</Link>
                </th>
                <td class="num">{formatInt(r.households, lang)}</td>
                <td class="num">{formatInt(r.poor, lang)}</td>
                <td class="num">{formatPercent(r.poor_rate, lang)}</td>
                <td class="num">{formatInt(r.near_poor, lang)}</td>
                <td class="num">{formatPercent(r.near_poor_rate, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

// Also the body of the unit page (pages/Unit.tsx): the same figures on any unit's scale.
export function Body({ unit, home, round }: { unit: UnitDetail; home: UnitDetail; round: Round }) {
  const { t, lang, rounds } = useApp();
  const d = useData((signal) => load(unit, home, round, rounds, signal), [unit.code, round.year, round.kind]);
  const level = levelOf(unit.kind);
  const below = childLevel(level);
  const options = useMemo(() => {
    if (!d.data) return null;
    const self = d.data.trend.find((p) => p.year === round.year)?.row;
    const deps = deprivations(self);
    return {
      self,
      deps,
      bars: ratesBarOption(d.data.below, t, lang),
      trend: trendOption(d.data.trend, t, lang),
      depBars: deprivationOption(deps, t, lang),
    };
  }, [d.data, t, lang]);

  if (d.error) return <ErrorBox error={d.error} onRetry={d.reload} />;
  // After a start the server may still be loading these rounds: say so, with how many are ready.
  if (!d.data || !options) return <RoundsLoading rounds={trendRounds(round, rounds)} />;
  const data = d.data;
  const self = options.self;
  const prevSelf = data.trend.filter((p) => p.year < round.year && p.row).pop();
  const change = (pick: (r: RatesRow) => number) =>
    self && prevSelf ? t("dash.change", { sign: "", pp: formatPoints(pick(self) - pick(prevSelf.row!), lang), year: prevSelf.year }) : t("dash.noChange");
  const levelsName = below ? t(("lvls." + below) as "lvls.commune") : "";
  const levelName = below ? t(("lvl." + below) as "lvl.commune") : "";
  const maxRate = Math.max(10, Math.ceil(Math.max(0, ...data.below.map((r) => r.poor_rate)) / 10) * 10);
  const behind = [...data.below].sort(byRateDesc).slice(0, 5);
  const trendFrom = data.trend.find((p) => p.row)?.year ?? TREND_FROM;

  return (
    <>
      <section class="kpis" aria-label={t("dash.poorRate")}>
        <Kpi
          testId="kpi-poor"
          label={t("dash.poorRate")}
          value={formatPercent(self?.poor_rate, lang)}
          detail={self ? t("dash.households", { n: formatInt(self.poor, lang), total: formatInt(self.households, lang) }) : ""}
          change={change((r) => r.poor_rate)}
        />
        <Kpi
          testId="kpi-near"
          label={t("dash.nearPoorRate")}
          value={formatPercent(self?.near_poor_rate, lang)}
          detail={self ? t("dash.nearHouseholds", { n: formatInt(self.near_poor, lang) }) : ""}
          change={change((r) => r.near_poor_rate)}
        />
        <Kpi
          testId="kpi-both"
          label={t("dash.bothRate")}
          value={formatPercent(self?.poor_near_poor_rate, lang)}
          detail={self ? t("dash.bothHouseholds", { n: formatInt(self.poor + self.near_poor, lang) }) : ""}
          change={change((r) => r.poor_near_poor_rate)}
        />
      </section>
      <div class="grid">
        {below && (
          <Card id="by-unit" title={t("dash.byUnit", { level: levelName })} hint={t("dash.byUnitHint")} wide>
            {data.below.length ? (
              <>
                <div class="chart-scroll">
                  <EChart option={options.bars} label={t("dash.byUnit", { level: levelName })} height={Math.max(140, data.below.length * 34 + 56)} testId="rates-bars" />
                </div>
                <RatesTable rows={data.below} />
              </>
            ) : (
              <p class="empty">{t("dash.noChildren")}</p>
            )}
          </Card>
        )}
        {below && data.below.length > 0 && (
          <Card id="tiles" title={t("dash.tiles", { levels: levelsName })} hint={t("dash.tilesHint", { level: levelName })}>
            <TileMap
              label={t("dash.tiles", { levels: levelsName })}
              max={maxRate}
              tiles={[...data.below]
                .sort((a, b) => a.unit_name.localeCompare(b.unit_name, "vi"))
                .map((r) => ({ code: r.unit_code, name: r.unit_name, value: r.poor_rate, secondary: r.near_poor_rate }))}
              onSelect={(code) => navigate("/units/" + encodeURIComponent(code))}
            />
          </Card>
        )}
        <Card id="trend" title={t("dash.trend", { year: trendFrom })} hint={t("dash.trendHint")}>
          <EChart option={options.trend} label={t("dash.trend", { year: trendFrom })} height={260} testId="trend" />
        </Card>
        {below && (
          <Card id="behind" title={t("dash.behind", { levels: levelsName })}>
            {behind.length ? (
              <ol class="behind" data-testid="behind">
                {behind.map((r) => {
                  const p = data.previous.get(r.unit_code);
                  return (
                    <li key={r.unit_code}>
                      <Link class="behind-name" href={"/units/" + encodeURIComponent(r.unit_code)}>
                        {r.unit_name}
                      </Link>
                      <span class="behind-rate">{formatPercent(r.poor_rate, lang)}</span>
                      <span class="behind-detail">
                        {t("dash.households", { n: formatInt(r.poor, lang), total: formatInt(r.households, lang) })}
                        {p && data.previousYear
                          ? " · " + t("dash.change", { sign: "", pp: formatPoints(r.poor_rate - p.poor_rate, lang), year: data.previousYear })
                          : ""}
                      </span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p class="empty">{t("dash.behindNone")}</p>
            )}
          </Card>
        )}
        <Card id="deprivations" title={t("dash.deprivations")} hint={t("dash.deprivationsHint")}>
          {options.deps.length ? (
            <EChart option={options.depBars} label={t("dash.deprivations")} height={Math.max(140, options.deps.length * 30 + 30)} testId="deprivations" />
          ) : (
            <p class="empty">{t("dash.deprivationsNone")}</p>
          )}
        </Card>
        <Card id="targets" title={t("dash.targets")} wide>
          <Targets rows={data.targets} />
        </Card>
      </div>
    </>
  );
}

export default function Dashboard(_: PageProps) {
  const { t, lang, round, unit, home, setUnit } = useApp();
  if (!unit || !home) return <Loading />;
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>{t("dash.title", { unit: unit.name })}</h1>
          {round && (
            <p class="subtitle">
              {t("dash.subtitle", { year: round.year, standard: round.standard, date: formatDate(round.reference_date, lang) })}
            </p>
          )}
        </div>
        {unit.code !== home.code && (
          <button type="button" class="button" onClick={() => setUnit(home.code)}>
            {t("dash.backTo", { unit: home.name })}
          </button>
        )}
      </header>
      {round ? (
        // A new unit or round is a new body: never the old figures under the new title.
        <Body key={`${unit.code}|${round.year}|${round.kind}`} unit={unit} home={home} round={round} />
      ) : (
        <p class="empty">{t("app.noRounds")}</p>
      )}
    </div>
  );
}
