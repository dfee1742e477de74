// Languages of the app: Vietnamese (default) and English. The choice is kept in localStorage
// ("lnob.lang") and applied to <html lang>, to the API (Accept-Language: the server's messages
// come back in the same language) and to number and date formats (format.ts).
//
//   const t = translator("en");
//   t("dash.title", { unit: "Tuyên Quang" });   // "Tuyên Quang at a glance"
import { en } from "./en";
import { vi, type MessageKey } from "./vi";

export type { MessageKey };
export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];
const STORAGE_KEY = "lnob.lang";
const DICTS: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = DICTS[lang];
  return (key, vars) => {
    const text = dict[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

// The language chosen before (localStorage), else Vietnamese.
export function savedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === "vi" || v === "en") return v;
  } catch {
    // storage disabled: the default
  }
  return "vi";
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}

// True when the dictionary has `key` (for ids coming from data, e.g. indicators "ind.<id>").
export function hasKey(key: string): key is MessageKey {
  return key in vi;
}
