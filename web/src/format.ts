// Numbers, money, percentages and dates in the user's language: Vietnamese 1.500.000 đ, 15,33%,
// 15/10/2025; English 1,500,000 VND, 15.33%, 15 Oct 2025. Money is integer VND (as in the API).
import type { Lang } from "./i18n";

const LOCALE: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = lang + digits;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    cache.set(key, f);
  }
  return f;
}

export function formatInt(n: number, lang: Lang): string {
  return numberFormat(lang, 0).format(n);
}

export function formatNumber(n: number, lang: Lang, digits = 2): string {
  return numberFormat(lang, digits).format(n);
}

// 15.333 -> "15,33%" / "15.33%"; null -> "–".
export function formatPercent(p: number | null | undefined, lang: Lang, digits = 2): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  return numberFormat(lang, digits).format(p) + "%";
}

// Percentage points with a sign: "+1,50" / "−2.00" (for changes).
export function formatPoints(pp: number, lang: Lang, digits = 2): string {
  const s = numberFormat(lang, digits).format(Math.abs(pp));
  return (pp > 0 ? "+" : pp < 0 ? "−" : "±") + s;
}

// 1500000 -> "1.500.000 đ" / "1,500,000 VND".
export function formatMoney(vnd: number, lang: Lang): string {
  const s = numberFormat(lang, 0).format(vnd);
  return lang === "vi" ? s + " đ" : s + " VND";
}

// "2025-10-15" -> "15/10/2025" / "15 Oct 2025". The API's dates are ISO calendar dates (no zone).
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (lang === "vi") return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(LOCALE.en, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(d);
}
