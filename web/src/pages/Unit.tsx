// The page of one unit (province, commune or village), by code: the dashboard on its scale (rates
// of the units below as sorted bars and tiles, its trend, deprivations of its poor, its targets;
// the Body of pages/Dashboard.tsx) and its history through mergers (components/UnitHistory.tsx).
// `?on=YYYY-MM-DD` shows the unit as it was on a date (a former unit, from a history link).
// Calls: /api/units/{code}, then what the dashboard calls.
import { api } from "../api/client";
import { Card } from "../components/Card";
import { ErrorBox, Loading } from "../components/Status";
import { UnitHistory } from "../components/UnitHistory";
import "../components/ReportForm.css";
import { useApp } from "../context";
import { useData } from "../data";
import { formatDate } from "../format";
import { hasKey } from "../i18n";
import { Link, useLocation } from "../router";
import type { PageProps } from "../routes";
import { Body } from "./Dashboard";

export default function UnitPage({ params }: PageProps) {
  const { t, lang, round, home } = useApp();
  const loc = useLocation();
  const on = loc.query.get("on") ?? undefined;
  const unit = useData((signal) => api.get("/api/units/{code}", { path: { code: params.code }, query: { on }, signal }), [params.code, on]);
  if (unit.error) return <ErrorBox error={unit.error} onRetry={unit.reload} />;
  if (!unit.data || !home) return <Loading />;
  const u = unit.data;
  const kindKey = "unit.kind." + u.kind;
  const ancestors = [...u.ancestors].reverse();
  const former = u.valid_to !== null;
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <nav aria-label={t("unit.ancestors")} class="unit-crumbs">
            {ancestors.map((a) => (
              <span key={a.code}>
                <Link href={"/units/" + encodeURIComponent(a.code) + (former ? "?on=" + u.valid_to : "")}>{a.name}</Link>
                {" › "}
              </span>
            ))}
          </nav>
          <h1>{t("dash.title", { unit: u.name })}</h1>
          <p class="subtitle">
            {(hasKey(kindKey) ? t(kindKey) : u.kind) + " · " + t("unit.code", { code: u.code })}
            {round && !former
              ? " · " + t("dash.subtitle", { year: round.year, standard: round.standard, date: formatDate(round.reference_date, lang) })
              : ""}
          </p>
        </div>
        <Link class="button" href="/">
          {t("dash.backTo", { unit: home.name })}
        </Link>
      </header>
      {former ? (
        <p class="unit-former" role="note">
          {t("unit.former", { date: formatDate(u.valid_to, lang) })}
        </p>
      ) : round ? (
        <Body key={`${u.code}|${round.year}|${round.kind}`} unit={u} home={home} round={round} />
      ) : (
        <p class="empty">{t("app.noRounds")}</p>
      )}
      <div class="grid unit-history-grid">
        <Card id="history" title={t("unit.history")} hint={t("unit.historyHint")} wide>
          <UnitHistory unit={u} />
        </Card>
      </div>
    </div>
  );
}
