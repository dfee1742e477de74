// The frame of every signed-in page: a header with the unit and round pickers, the language switch
// and the user; the navigation (built from routes.ts, filtered by role); the page in <main>.
import type { ComponentChildren } from "preact";
import { useApp } from "../context";
import { hasKey } from "../i18n";
import { Link, useLocation } from "../router";
import { routes } from "../routes";
import { LanguageSwitch } from "./LanguageSwitch";

function Pickers() {
  const { t, rounds, round, setRound, unit, setUnit, pickable, lang } = useApp();
  const classified = rounds.filter((r) => r.classified);
  return (
    <div class="pickers">
      <label>
        <span>{t("header.unit")}</span>
        <select
          value={unit?.code ?? ""}
          onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}
          disabled={pickable.length < 2}
          data-testid="unit-picker"
        >
          {pickable.map((u, i) => (
            <option key={u.code} value={u.code}>
              {i > 0 ? "\u2003" : ""}
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("header.round")}</span>
        <select
          value={round ? `${round.year}:${round.kind}` : ""}
          onChange={(e) => setRound(Number((e.target as HTMLSelectElement).value.split(":")[0]))}
          disabled={classified.length < 2}
          data-testid="round-picker"
        >
          {classified.map((r) => (
            <option key={`${r.year}:${r.kind}`} value={`${r.year}:${r.kind}`}>
              {r.year}
              {r.kind === "regular" ? (lang === "vi" ? " (thường xuyên)" : " (regular)") : ""}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Nav() {
  const { t, me } = useApp();
  const loc = useLocation();
  const items = routes.filter((r) => r.nav && (!r.roles || (me && r.roles.includes(me.role))));
  return (
    <nav class="nav" aria-label={t("header.menu")}>
      <ul>
        {items.map((r) => {
          const active = r.path === "/" ? loc.path === "/" : loc.path.startsWith(r.path);
          return (
            <li key={r.path}>
              <Link href={r.path} aria-current={active ? "page" : undefined}>
                {t(r.title)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Shell({ children }: { children: ComponentChildren }) {
  const { t, me, signOut } = useApp();
  const roleKey = me ? "role." + me.role : "";
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("app.skip")}
      </a>
      <header class="header">
        <Link href="/" class="brand" aria-label={t("app.name") + " – " + t("app.tagline")}>
          <span class="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span class="brand-name">lnob</span>
        </Link>
        <Pickers />
        <div class="header-end">
          <LanguageSwitch />
          {me && (
            <span class="user" title={t("header.signedInAs", { user: me.username, role: hasKey(roleKey) ? t(roleKey) : me.role })}>
              <span class="user-name">{me.username}</span>
              <span class="user-role">{hasKey(roleKey) ? t(roleKey) : me.role}</span>
            </span>
          )}
          <button type="button" class="button button-quiet" onClick={() => void signOut()}>
            {t("header.signOut")}
          </button>
        </div>
      </header>
      <Nav />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
