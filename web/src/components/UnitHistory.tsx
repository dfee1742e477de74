// The history of a unit through mergers, splits, renames and moves: what it came from and what it
// became, with the date and note of each event, every unit named and linked to its own page.
// Event codes are named by GET /api/units/{code} on the day each was in force (the day before the
// event for what it came from, the event's day for what it became).
import { api } from "../api/client";
import type { UnitDetail } from "../api/types";
import { useApp } from "../context";
import { useData } from "../data";
import { formatDate } from "../format";
import { hasKey } from "../i18n";
import { Link } from "../router";
import { ErrorBox, Loading } from "./Status";

type UnitEvent = UnitDetail["came_from"][number];

function dayBefore(iso: string): string {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

interface Named {
  name: string;
  kind: string; // "" when unknown
}

// Names of the codes of every event: "code@date" -> name and kind (the code itself when unknown).
async function nameCodes(unit: UnitDetail, signal: AbortSignal): Promise<Map<string, Named>> {
  const want = new Map<string, { code: string; on: string }>();
  const add = (code: string, on: string) => code !== unit.code && want.set(code + "@" + on, { code, on });
  for (const e of [...unit.came_from, ...unit.became]) {
    e.from.forEach((c) => add(c, dayBefore(e.date)));
    e.to.forEach((c) => add(c, e.date));
  }
  const names = new Map<string, Named>();
  await Promise.all(
    [...want].map(async ([key, { code, on }]) => {
      try {
        const u = await api.get("/api/units/{code}", { path: { code }, query: { on }, signal });
        names.set(key, { name: u.name, kind: u.kind });
      } catch (e) {
        if ((e as Error).name === "AbortError") throw e;
        names.set(key, { name: code, kind: "" }); // not in the registry on that day: show the code
      }
    }),
  );
  return names;
}

function UnitList({ codes, on, self, names }: { codes: string[]; on: string; self: UnitDetail; names: Map<string, Named> }) {
  const { t } = useApp();
  const kindOf = (kind: string) => (hasKey("unit.kind." + kind) ? t(("unit.kind." + kind) as "unit.kind.commune") + " · " : "");
  return (
    <ul class="unit-history-units">
      {codes.map((c) => (
        <li key={c}>
          {c === self.code ? (
            <strong>{self.name}</strong>
          ) : (
            <Link href={"/units/" + encodeURIComponent(c) + "?on=" + on}>{names.get(c + "@" + on)?.name ?? c}</Link>
          )}{" "}
          <span class="sub-inline">
            ({kindOf(c === self.code ? self.kind : names.get(c + "@" + on)?.kind ?? "")}
            {c})
          </span>
        </li>
      ))}
    </ul>
  );
}

function EventRow({ e, unit, names }: { e: UnitEvent; unit: UnitDetail; names: Map<string, Named> }) {
  const { t, lang } = useApp();
  const kindKey = "unit.event." + e.kind;
  const before = dayBefore(e.date);
  const selfFrom = e.from.includes(unit.code);
  const selfTo = e.to.includes(unit.code);
  const othersFrom = e.from.filter((c) => c !== unit.code);
  return (
    <li class="unit-history-event" data-kind={e.kind}>
      <span class="unit-history-date">{formatDate(e.date, lang)}</span>
      <span class="badge">{hasKey(kindKey) ? t(kindKey) : e.kind}</span>
      <div class="unit-history-body">
        {!selfFrom && (
          <>
            <span>{t("unit.cameFrom")}</span>
            <UnitList codes={e.from} on={before} self={unit} names={names} />
          </>
        )}
        {selfFrom && !selfTo && (
          <>
            <span>{e.to.length ? t("unit.became") : t("unit.endedNoSuccessor")}</span>
            {e.to.length > 0 && <UnitList codes={e.to} on={e.date} self={unit} names={names} />}
          </>
        )}
        {selfFrom && selfTo && e.kind === "merge" && othersFrom.length > 0 && (
          <>
            <span>{t("unit.tookIn")}</span>
            <UnitList codes={othersFrom} on={before} self={unit} names={names} />
          </>
        )}
        {e.note && <p class="hint">{e.note}</p>}
      </div>
    </li>
  );
}

// The events of a unit once each (a rename or a move is in both came_from and became), by date.
function events(unit: UnitDetail): UnitEvent[] {
  const seen = new Set<string>();
  return [...unit.came_from, ...unit.became]
    .filter((e) => {
      const k = [e.kind, e.date, e.from.join(";"), e.to.join(";")].join("|");
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

export function UnitHistory({ unit }: { unit: UnitDetail }) {
  const { t, lang } = useApp();
  const names = useData((signal) => nameCodes(unit, signal), [unit.code, unit.valid_from]);
  if (names.error) return <ErrorBox error={names.error} onRetry={names.reload} />;
  if (!names.data) return <Loading />;
  const n = names.data;
  return (
    <div data-testid="unit-history">
      <p>
        {t("unit.inForce", { from: formatDate(unit.valid_from, lang) })}
        {unit.valid_to ? " " + t("unit.until", { to: formatDate(unit.valid_to, lang) }) : ""}
      </p>
      {unit.came_from.length === 0 && unit.became.length === 0 ? (
        <p class="empty">{t("unit.noHistory")}</p>
      ) : (
        <ol class="unit-history">
          {events(unit).map((e, i) => (
            <EventRow key={i} e={e} unit={unit} names={n} />
          ))}
        </ol>
      )}
    </div>
  );
}
