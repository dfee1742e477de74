// The household register: one page of the households the user may see (GET /api/households, or
// POST /api/households/search when searching by name or citizen ID: the terms go in the request
// body, never in a URL), filtered by commune, village, category and round, paged by the server.
// A household ID is looked up directly (GET /api/households/{id}). Rows link to
// /households/<id>?round=<year>: the app's URL holds the household ID and the round only.
//
// The choices live in memory (kept while the app is open, so "back" from a household returns to
// the same page of results), never in the URL or in storage.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, api } from "../api/client";
import type { Category, HouseholdPage, HouseholdSummary, Unit } from "../api/types";
import { CATEGORIES, HouseholdCategory } from "../components/HouseholdCategory";
import { ErrorBox, Loading } from "../components/Status";
import { levelOf, useApp } from "../context";
import { formatInt } from "../format";
import type { MessageKey } from "../i18n";
import { Link } from "../router";
import type { PageProps } from "../routes";

const PAGE_SIZE = 25;
type SearchBy = "name" | "citizen" | "id";
type SortKey = "household_id" | "head_name" | "place" | "category" | "deprivation_count" | "persons";

interface Query {
  year: number;
  commune: string;
  village: string;
  category: "" | Category;
  by: SearchBy;
  term: string; // applied search term (memory only)
  page: number;
}

// The last query and whose it was, for "back" (memory only; another user starts afresh).
let remembered: { user: string; q: Query } | null = null;

const CATEGORY_ORDER: Record<Category, number> = { poor: 0, near_poor: 1, middle: 2, not_poor: 3 };

function load(q: Query, signal: AbortSignal): Promise<HouseholdPage> {
  const filters = {
    round: q.year,
    commune: q.commune || undefined,
    village: q.village || undefined,
    category: q.category || undefined,
    page: q.page,
    page_size: PAGE_SIZE,
  };
  const term = q.term.trim();
  if (term && q.by === "id") {
    // Household IDs are not personal data; the API has no ID search, so the one household is read.
    return api.get("/api/households/{household_id}", { path: { household_id: term }, query: { round: q.year }, signal }).then(
      (h) => {
        // The detail has no head_name: the head's name from the members, when the role sees names.
        const head = h.members.find((m) => m.relation === "head")?.full_name;
        const item: HouseholdSummary = { ...h, head_name: typeof head === "string" ? head : undefined };
        return { round: q.year, total: 1, page: 1, page_size: PAGE_SIZE, items: [item] };
      },
      (e) => {
        if (e instanceof ApiError && e.status === 404) return { round: q.year, total: 0, page: 1, page_size: PAGE_SIZE, items: [] };
        throw e;
      },
    );
  }
  if (term) {
    const body = { ...filters, kind: "periodic" as const, ...(q.by === "name" ? { name: term } : { citizen_id: term.replace(/\s/g, "") }) };
    return api.post("/api/households/search", { body, signal });
  }
  return api.get("/api/households", { query: filters, signal });
}

function useChildren(parent: string | null): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    setUnits([]);
    if (!parent) return;
    const ctl = new AbortController();
    api.get("/api/units", { query: { parent }, signal: ctl.signal }).then(
      (r) => setUnits([...r.items].sort((a, b) => a.name.localeCompare(b.name, "vi"))),
      () => {},
    );
    return () => ctl.abort();
  }, [parent]);
  return units;
}

export default function Households(_: PageProps) {
  const { t, lang, me, home, round, rounds, setRound } = useApp();
  const classified = rounds.filter((r) => r.classified && r.kind === "periodic");
  const level = home ? levelOf(home.kind) : "village";
  const [q, setQ] = useState<Query>(() =>
    remembered && remembered.user === me?.username
      ? remembered.q
      : { year: round?.year ?? 0, commune: "", village: "", category: "", by: "name", term: "", page: 1 },
  );
  const [draft, setDraft] = useState({ by: q.by, term: q.term });
  const [data, setData] = useState<HouseholdPage | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: "household_id", asc: true });
  const [tick, setTick] = useState(0);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const communes = useChildren(level === "province" ? home!.code : null);
  const communeCode = level === "commune" ? home!.code : q.commune;
  const villages = useChildren(level !== "village" && communeCode ? communeCode : null);
  const canName = me?.role !== "auditor";
  const canCitizen = me?.role === "commune_officer";
  const byOptions: SearchBy[] = [...(canName ? (["name"] as SearchBy[]) : []), ...(canCitizen ? (["citizen"] as SearchBy[]) : []), "id"];

  useEffect(() => {
    if (!q.year && round) setQ((x) => ({ ...x, year: round.year }));
  }, [round?.year]);

  useEffect(() => {
    remembered = { user: me?.username ?? "", q };
    if (!q.year) return;
    const ctl = new AbortController();
    setBusy(true);
    setError(null);
    load(q, ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setBusy(false);
      },
      (e: Error) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setBusy(false);
      },
    );
    return () => ctl.abort();
  }, [q, tick]);

  const update = (patch: Partial<Query>) => setQ((x) => ({ ...x, page: 1, ...patch }));

  const rows = useMemo(() => {
    const items = [...(data?.items ?? [])];
    const key = (h: HouseholdSummary): string | number => {
      switch (sort.key) {
        case "head_name": return h.head_name ?? "";
        case "place": return h.village_name + " " + h.commune_name;
        case "category": return CATEGORY_ORDER[h.category];
        default: return h[sort.key];
      }
    };
    items.sort((a, b) => {
      const x = key(a), y = key(b);
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "vi", { numeric: true });
      return sort.asc ? c : -c;
    });
    return items;
  }, [data, sort]);

  const showHead = rows.some((h) => h.head_name !== undefined);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  // A sortable column head (a plain function, not a component: its button keeps the focus).
  const th = (k: SortKey, label: MessageKey, num = false) => {
    const active = sort.key === k;
    return (
      <th scope="col" key={k} class={num ? "num" : undefined} aria-sort={active ? (sort.asc ? "ascending" : "descending") : "none"}>
        <button
          type="button"
          class="hh-sort"
          title={t("households.sortBy", { col: t(label) })}
          onClick={() => setSort((s) => ({ key: k, asc: s.key === k ? !s.asc : true }))}
        >
          {t(label)}
          <span class="hh-sort-mark" aria-hidden="true">{active ? (sort.asc ? "▲" : "▼") : ""}</span>
        </button>
      </th>
    );
  };

  const goPage = (page: number) => {
    setQ((x) => ({ ...x, page }));
    resultsRef.current?.focus();
  };

  if (!round && rounds.length === 0) return <Loading />;
  if (!round) return <p class="empty">{t("app.noRounds")}</p>;

  return (
    <div class="page">
      <div class="page-head">
        <div>
          <h1>{t("households.title")}</h1>
          {data && (
            <p class="subtitle">{t("households.subtitle", { total: formatInt(data.total, lang), year: q.year })}</p>
          )}
        </div>
      </div>

      <form
        class="hh-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ by: draft.by, term: draft.term.trim() });
        }}
      >
        <div class="hh-search">
          <label class="field">
            <span>{t("households.searchBy")}</span>
            <select
              value={draft.by}
              onChange={(e) => setDraft({ ...draft, by: (e.target as HTMLSelectElement).value as SearchBy })}
              data-testid="search-by"
            >
              {byOptions.map((b) => (
                <option key={b} value={b}>{t(`households.by.${b}`)}</option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t("households.term")}</span>
            <input
              type="search"
              value={draft.term}
              autoComplete="off"
              inputMode={draft.by === "citizen" ? "numeric" : undefined}
              placeholder={t(`households.term.${draft.by}`)}
              onInput={(e) => setDraft({ ...draft, term: (e.target as HTMLInputElement).value })}
              data-testid="search-term"
            />
          </label>
        </div>
        {level === "province" && (
          <label class="field">
            <span>{t("households.commune")}</span>
            <select value={q.commune} onChange={(e) => update({ commune: (e.target as HTMLSelectElement).value, village: "" })} data-testid="filter-commune">
              <option value="">{t("households.all")}</option>
              {communes.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
            </select>
          </label>
        )}
        {level !== "village" && (
          <label class="field">
            <span>{t("households.village")}</span>
            <select value={q.village} disabled={!communeCode} onChange={(e) => update({ village: (e.target as HTMLSelectElement).value })} data-testid="filter-village">
              <option value="">{t("households.all")}</option>
              {villages.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
            </select>
          </label>
        )}
        <label class="field">
          <span>{t("households.category")}</span>
          <select value={q.category} onChange={(e) => update({ category: (e.target as HTMLSelectElement).value as Query["category"] })} data-testid="filter-category">
            <option value="">{t("households.all")}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`households.cat.${c}`)}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{t("households.round")}</span>
          <select
            value={String(q.year)}
            onChange={(e) => {
              const year = Number((e.target as HTMLSelectElement).value);
              setRound(year);
              update({ year });
            }}
            data-testid="filter-round"
          >
            {classified.map((r) => <option key={r.year} value={String(r.year)}>{r.year}</option>)}
          </select>
        </label>
        <div class="hh-actions">
          <button type="submit" class="button button-primary">{t("households.search")}</button>
          <button
            type="button"
            class="button"
            onClick={() => {
              setDraft({ by: draft.by, term: "" });
              update({ commune: "", village: "", category: "", term: "" });
            }}
          >
            {t("households.clear")}
          </button>
        </div>
      </form>

      <section class="card" aria-labelledby="hh-results" aria-busy={busy}>
        <div class="hh-results-head">
          <h2 id="hh-results" tabIndex={-1} ref={resultsRef}>{t("households.results")}</h2>
          <span class="hint">{t("households.sortHint")}</span>
        </div>
        {error ? (
          <ErrorBox error={error} onRetry={() => setTick((n) => n + 1)} />
        ) : !data ? (
          <Loading />
        ) : rows.length === 0 ? (
          <p class="empty" role="status">{t("households.none")}</p>
        ) : (
          <div class={busy ? "table-scroll hh-loading" : "table-scroll"}>
            <table class="table table-stack" data-testid="households">
              <thead>
                <tr>
                  {th("household_id", "households.col.id")}
                  {showHead && th("head_name", "households.col.head")}
                  {th("place", "households.col.place")}
                  {th("category", "households.col.category")}
                  {th("deprivation_count", "households.col.deprivations", true)}
                  {th("persons", "households.col.persons", true)}
                </tr>
              </thead>
              <tbody>
                {rows.map((h) => (
                  <tr key={h.household_id} class="hh-row">
                    <th scope="row">
                      <Link class="hh-id" href={`/households/${encodeURIComponent(h.household_id)}?round=${q.year}`}>
                        {h.household_id}
                      </Link>
                    </th>
                    {showHead && <td data-label={t("households.col.head")}>{h.head_name ?? "–"}</td>}
                    <td data-label={t("households.col.place")}>
                      {h.village_name}
                      <span class="sub">{h.commune_name}</span>
                    </td>
                    <td data-label={t("households.col.category")}><HouseholdCategory category={h.category} /></td>
                    <td class="num" data-label={t("households.col.deprivations")}>{formatInt(h.deprivation_count, lang)}</td>
                    <td class="num" data-label={t("households.col.persons")}>{formatInt(h.persons, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && data.total > 0 && (
          <nav class="hh-pager" aria-label={t("households.paging")}>
            <span role="status" data-testid="page-status">
              {t("households.page", {
                page: q.page,
                pages,
                from: formatInt((q.page - 1) * PAGE_SIZE + 1, lang),
                to: formatInt(Math.min(q.page * PAGE_SIZE, data.total), lang),
                total: formatInt(data.total, lang),
              })}
            </span>
            <button type="button" class="button" disabled={q.page <= 1 || busy} onClick={() => goPage(q.page - 1)}>
              ← {t("households.prev")}
            </button>
            <button type="button" class="button" disabled={q.page >= pages || busy} onClick={() => goPage(q.page + 1)}>
              {t("households.next")} →
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
