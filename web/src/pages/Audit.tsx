// The audit trail (province_admin and auditor; the server answers 403 to anyone else, and the page
// shows that answer): filter by user, action and dates, newest first, 50 to a page; "verify the
// chain" asks GET /api/audit/verify whether the hash chain holds. GET /api/audit answers at most
// 1000 entries and has no offset, so pages are cut here from the newest 1000 that match; narrowing
// the dates reaches older ones.
import { useMemo, useState } from "preact/hooks";
import { ApiError, api } from "../api/client";
import { Card } from "../components/Card";
import "../components/ReportForm.css";
import { ErrorBox, Loading } from "../components/Status";
import { useApp } from "../context";
import { useData } from "../data";
import { formatDate, formatInt } from "../format";
import type { Lang } from "../i18n";
import type { PageProps } from "../routes";

const PAGE = 50;
const LIMIT = 1000;
// Actions the server records (docs/api.md, Personal data); the field also takes any other.
const ACTIONS = [
  "session.sign_in", "session.sign_in_failed", "session.sign_out", "household.read", "household.search", "import",
  "classify", "export.rates", "export.households", "export.summary", "user.add", "user.disable", "request.denied",
];

interface Filters {
  actor: string;
  action: string;
  since: string;
  until: string;
}

function nextDay(iso: string): string {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// "2025-10-15T08:01:02Z" -> "15/10/2025 08:01:02 UTC" / "15 Oct 2025 08:01:02 UTC" (as recorded).
function formatAt(at: string, lang: Lang): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(at);
  return m ? `${formatDate(m[1], lang)} ${m[2]} UTC` : at;
}

function Verify() {
  const { t, lang } = useApp();
  const [state, setState] = useState<{ busy?: boolean; result?: { intact: boolean; entries?: number; problem?: string }; error?: Error }>({});
  const go = async () => {
    setState({ busy: true });
    try {
      setState({ result: (await api.get("/api/audit/verify")) as { intact: boolean; entries?: number; problem?: string } });
    } catch (e) {
      setState({ error: e as Error });
    }
  };
  return (
    <div class="audit-verify">
      <button type="button" class="button button-primary" onClick={go} disabled={state.busy}>
        {state.busy ? t("audit.verifying") : t("audit.verify")}
      </button>
      <span role="status" data-testid="audit-verify-result">
        {state.result &&
          (state.result.intact ? (
            <span class="audit-ok">✓ {t("audit.intact", { n: formatInt(state.result.entries ?? 0, lang) })}</span>
          ) : (
            <span class="audit-bad">✗ {t("audit.broken", { problem: state.result.problem ?? "" })}</span>
          ))}
      </span>
      {state.error && <ErrorBox error={state.error} />}
    </div>
  );
}

export default function Audit(_: PageProps) {
  const { t, lang } = useApp();
  const [draft, setDraft] = useState<Filters>({ actor: "", action: "", since: "", until: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const list = useData(
    (signal) =>
      api.get("/api/audit", {
        query: {
          actor: filters.actor.trim() || undefined,
          action: filters.action.trim() || undefined,
          since: filters.since || undefined,
          until: filters.until ? nextDay(filters.until) : undefined, // the day chosen is included
          limit: LIMIT,
        },
        signal,
      }),
    [filters],
  );
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const shown = useMemo(() => items.slice((page - 1) * PAGE, page * PAGE), [items, page]);
  const field = (k: keyof Filters) => (e: Event) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value });

  if (list.error) {
    return (
      <div class="page">
        <h1>{t("audit.title")}</h1>
        {list.error instanceof ApiError && list.error.status === 403 && (
          <p class="report-note" role="note">
            {t("audit.denied")}
          </p>
        )}
        <ErrorBox error={list.error} />
      </div>
    );
  }
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p class="subtitle">{t("audit.subtitle")}</p>
        </div>
      </header>
      <Card id="audit-chain" title={t("audit.chain")} hint={t("audit.chainHint")}>
        <Verify />
      </Card>
      <div class="unit-history-grid" />
      <Card id="audit-log" title={t("audit.entries")}>
        <form
          class="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            setPage(1);
            setFilters(draft);
          }}
        >
          <label class="field">
            {t("audit.actor")}
            <input value={draft.actor} onInput={field("actor")} autoComplete="off" data-testid="audit-actor" />
          </label>
          <label class="field">
            {t("audit.action")}
            <input value={draft.action} onInput={field("action")} list="audit-actions" autoComplete="off" data-testid="audit-action" />
            <datalist id="audit-actions">
              {ACTIONS.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <label class="field">
            {t("audit.since")}
            <input type="date" value={draft.since} onInput={field("since")} />
          </label>
          <label class="field">
            {t("audit.until")}
            <input type="date" value={draft.until} onInput={field("until")} />
          </label>
          <div class="report-actions">
            <button type="submit" class="button button-primary">
              {t("audit.filter")}
            </button>
          </div>
        </form>
        {!list.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <p class="empty">{t("audit.none")}</p>
        ) : (
          <>
            <p class="hint" data-testid="audit-count">
              {items.length >= LIMIT ? t("audit.countMax", { n: formatInt(LIMIT, lang) }) : t("audit.count", { n: formatInt(items.length, lang) })}
            </p>
            <div class="table-scroll">
              <table class="table table-stack" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t("audit.at")}</th>
                    <th scope="col">{t("audit.actor")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.target")}</th>
                    <th scope="col">{t("audit.detail")}</th>
                    <th scope="col">{t("audit.remote")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">
                        {formatAt(e.at, lang)}
                        <span class="audit-hash sub" title={e.hash}>
                          #{e.id} · {e.hash.slice(0, 12)}
                        </span>
                      </th>
                      <td data-label={t("audit.actor")}>{e.actor}</td>
                      <td data-label={t("audit.action")}>{e.action}</td>
                      <td class="wrap" data-label={t("audit.target")}>{e.target}</td>
                      <td class="wrap" data-label={t("audit.detail")}>{e.detail}</td>
                      <td data-label={t("audit.remote")}>{e.remote}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav class="pager" aria-label={t("audit.pages")}>
              <button type="button" class="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                ‹ {t("audit.newer")}
              </button>
              <span data-testid="audit-page">{t("audit.page", { page, pages })}</span>
              <button type="button" class="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t("audit.older")} ›
              </button>
            </nav>
          </>
        )}
      </Card>
    </div>
  );
}
