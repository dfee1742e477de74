// One household (GET /api/households/{id}?round=): its category, why it is deprived in each
// indicator in plain words (from the causes the API returns), the result of every round as a
// timeline, its members (personal fields exactly as the server returns them for the user's role:
// left out or masked) and its survey answers. A household the user may not see is a 404 from the
// server and the app's "not found" here, with nothing of the household shown.
import { ApiError, api } from "../api/client";
import type { Category } from "../api/types";
import { Card } from "../components/Card";
import { HouseholdCategory } from "../components/HouseholdCategory";
import { causeSentence, fieldLabel, valueText } from "../components/HouseholdFields";
import { ErrorBox, Loading } from "../components/Status";
import { useApp } from "../context";
import { useData } from "../data";
import { formatInt, formatMoney } from "../format";
import type { Lang } from "../i18n";
import { Link, useLocation } from "../router";
import type { PageProps } from "../routes";
import NotFound from "./NotFound";

const MEMBER_ORDER = [
  "member_id", "full_name", "national_id", "birth_date", "age", "sex", "relation", "ethnicity", "education",
  "employment", "school_attending", "health_insurance", "malnourished", "disability", "monthly_allowance",
];
const HIDDEN_ANSWERS = new Set(["household_id", "commune_code", "village_code", "province_code"]);

function indicatorName(id: string, names: Map<string, { name_vi: string; name_en: string }>, lang: Lang): string {
  const n = names.get(id);
  return n ? (lang === "vi" ? n.name_vi : n.name_en) : id;
}

export default function Household({ params }: PageProps) {
  const { t, lang } = useApp();
  const loc = useLocation();
  const yearParam = Number(loc.query.get("round"));
  const year = Number.isInteger(yearParam) && yearParam >= 1900 && yearParam <= 2200 ? yearParam : undefined;
  const hh = useData(
    (signal) => api.get("/api/households/{household_id}", { path: { household_id: params.id }, query: { round: year }, signal }),
    [params.id, year], // not the language: the answer holds both, and every read is audited
  );

  if (hh.error instanceof ApiError && hh.error.status === 404) return <NotFound params={{}} />;
  if (hh.error) return <ErrorBox error={hh.error} onRetry={hh.reload} />;
  if (!hh.data) return <Loading />;
  const d = hh.data;
  const names = new Map(d.result.indicators.map((i) => [i.id, i]));
  const deprived = d.result.indicators.filter((i) => i.deprived);
  const notDeprived = d.result.indicators.filter((i) => !i.deprived);

  const memberKeys = new Set<string>();
  for (const m of d.members) for (const k of Object.keys(m)) memberKeys.add(k);
  const columns = [
    ...MEMBER_ORDER.filter((k) => memberKeys.has(k)),
    ...[...memberKeys].filter((k) => !MEMBER_ORDER.includes(k) && k !== "household_id"),
  ];
  const income = d.answers.income_pc_month;

  return (
    <div class="page hh-page" data-testid="household">
      <p>
        <Link href="/households">← {t("household.back")}</Link>
      </p>
      <div class="page-head">
        <div>
          <h1>{t("household.title", { id: d.household_id })}</h1>
          <p class="subtitle">
            {t("household.subtitle", { village: d.village_name, commune: d.commune_name, year: d.round, standard: d.result.standard })}
          </p>
          <div class="hh-facts">
            <HouseholdCategory category={d.result.category} />
            <span>{t("household.deprivations", { n: formatInt(d.result.deprivation_count, lang) })}</span>
            <span>{t("household.persons", { n: formatInt(d.persons, lang) })}</span>
            {d.head_name && <span>{t("households.col.head")}: {d.head_name}</span>}
          </div>
        </div>
      </div>

      <Card id="why" title={t("household.why")} hint={t("household.whyHint")}>
        {deprived.length === 0 ? (
          <p class="empty">{t("household.whyNone")}</p>
        ) : (
          <ul class="hh-why" data-testid="deprivations">
            {deprived.map((i) => (
              <li key={i.id} data-indicator={i.id}>
                <span class="hh-why-name">{lang === "vi" ? i.name_vi : i.name_en}</span>
                {i.causes.map((c, n) => (
                  <span class="hh-why-reason" key={n}>
                    {causeSentence(c as Record<string, string | undefined>, lang)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
        {notDeprived.length > 0 && (
          <p class="hint">
            {t("household.notDeprived", { list: notDeprived.map((i) => (lang === "vi" ? i.name_vi : i.name_en)).join(", ") })}
          </p>
        )}
        {typeof income === "number" && typeof d.result.income_line === "number" && (
          <p class="hint">
            {t("household.incomeLine", { income: formatMoney(income, lang), line: formatMoney(d.result.income_line, lang) })}
          </p>
        )}
      </Card>

      <Card id="history" title={t("household.history")} hint={t("household.historyHint")}>
        <ol class="hh-timeline" data-testid="history">
          {d.history.map((r) => {
            const ids = r.deprived ? r.deprived.split(";").filter(Boolean) : [];
            const body = (
              <>
                <span class="hh-round-year">{r.year}</span>
                <HouseholdCategory category={r.category as Category} />
                <span>{t("household.deprivations", { n: formatInt(r.deprivation_count, lang) })}</span>
                <span class="hh-round-ind">
                  {ids.length ? ids.map((id) => indicatorName(id, names, lang)).join(", ") : t("household.none")}
                </span>
              </>
            );
            return (
              <li key={`${r.year}:${r.kind}`}>
                {r.year === d.round ? (
                  <div class="hh-round-now" aria-current="true">{body}</div>
                ) : (
                  <Link href={`/households/${encodeURIComponent(d.household_id)}?round=${r.year}`}>{body}</Link>
                )}
              </li>
            );
          })}
        </ol>
      </Card>

      <Card id="members" title={t("household.members")} hint={t("household.membersHint")}>
        <div class="table-scroll">
          <table class="table table-stack" data-testid="members">
            <thead>
              <tr>
                {columns.map((k) => (
                  <th scope="col" key={k} class={k === "age" ? "num" : undefined}>{fieldLabel(k, lang)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.members.map((m, i) => (
                <tr key={i}>
                  {columns.map((k) => (
                    <td key={k} data-label={fieldLabel(k, lang)} data-field={k} class={k === "age" ? "num" : undefined}>
                      {k in m ? valueText(k, m[k] as string | number, lang) : t("household.hidden")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card id="answers" title={t("household.answers")}>
        <dl class="hh-answers">
          {Object.entries(d.answers)
            .filter(([k]) => !HIDDEN_ANSWERS.has(k))
            .map(([k, v]) => (
              <div key={k}>
                <dt>{fieldLabel(k, lang)}</dt>
                <dd>{valueText(k, v, lang)}</dd>
              </div>
            ))}
        </dl>
      </Card>
    </div>
  );
}
