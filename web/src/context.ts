// What every page shares: the language, the signed-in user, the review rounds, and the unit and
// round chosen in the header. Pages read it with useApp().
//
//   const { t, lang, me, round, unit, childUnits } = useApp();
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me, Round, Unit, UnitDetail } from "./api/types";
import type { Lang, Translate } from "./i18n";

export interface AppState {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  me: Me | null; // null before sign-in
  signIn: (username: string, password: string) => Promise<void>; // throws ApiError
  signOut: () => Promise<void>;
  rounds: Round[]; // every round, newest first
  round: Round | null; // the chosen classified round; null when none is classified
  setRound: (year: number) => void;
  home: UnitDetail | null; // the user's own unit
  unit: UnitDetail | null; // the unit chosen in the header (the home unit or one below it)
  setUnit: (code: string) => void;
  pickable: Unit[]; // what the unit picker offers: the home unit, then the units right below it
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error("useApp outside <App>");
  return s;
}

// The reporting level of a unit kind: province; commune (commune, ward, township); village.
export type LevelId = "province" | "commune" | "village";
export function levelOf(kind: string): LevelId {
  if (kind === "province") return "province";
  if (kind === "village" || kind === "residential_group") return "village";
  return "commune";
}
export function childLevel(level: LevelId): LevelId | null {
  return level === "province" ? "commune" : level === "commune" ? "village" : null;
}

// Today as an ISO date (units are drawn "as today" for figures that compare years).
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
