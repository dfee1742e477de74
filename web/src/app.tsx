// The application: session, language, shared choices (context.ts), and the page of the current
// path (routes.ts), inside the shell for signed-in pages.
import type { ComponentType } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, api, onUnauthenticated, setApiLanguage, setCsrfToken } from "./api/client";
import type { Me, Round, Unit, UnitDetail } from "./api/types";
import { Shell } from "./components/Shell";
import { Loading, ErrorBox } from "./components/Status";
import { AppContext, type AppState } from "./context";
import { saveLang, savedLang, translator, type Lang } from "./i18n";
import NotFound from "./pages/NotFound";
import { matchPath, navigate, useLocation } from "./router";
import { routes, type PageProps, type PageRoute } from "./routes";

const ROUND_KEY = "lnob.round";
const loaded = new Map<PageRoute, ComponentType<PageProps>>();

function pickRound(rounds: Round[]): Round | null {
  const classified = rounds.filter((r) => r.classified);
  const saved = Number(localStorage.getItem(ROUND_KEY));
  return (
    classified.find((r) => r.year === saved && r.kind === "periodic") ??
    classified.find((r) => r.kind === "periodic") ??
    classified[0] ??
    null
  );
}

function signInPath(): string {
  const here = window.location.pathname + window.location.search;
  return here === "/" || here.startsWith("/signin") ? "/signin" : "/signin?next=" + encodeURIComponent(here);
}

export function App() {
  const [lang, setLangState] = useState<Lang>(savedLang);
  // undefined: not known yet; null: signed out.
  const [me, setMeState] = useState<Me | null | undefined>(undefined);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [round, setRoundState] = useState<Round | null>(null);
  const [home, setHome] = useState<UnitDetail | null>(null);
  const [unit, setUnitState] = useState<UnitDetail | null>(null);
  const [pickable, setPickable] = useState<Unit[]>([]);
  const [bootError, setBootError] = useState<Error | null>(null);
  const loc = useLocation();
  const t = useMemo(() => translator(lang), [lang]);

  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrf_token ?? "");
    setMeState(m);
  }, []);

  // Who is signed in (a reload keeps the session cookie and gets the CSRF token back).
  useEffect(() => {
    onUnauthenticated(() => {
      setMe(null);
      navigate(signInPath(), { replace: true });
    });
    api.get("/api/session").then(setMe, (e: Error) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setBootError(e);
    });
  }, []);

  // What the header offers, once signed in.
  useEffect(() => {
    if (!me) return;
    const ctl = new AbortController();
    Promise.all([
      api.get("/api/rounds", { signal: ctl.signal }),
      api.get("/api/units/{code}", { path: { code: me.unit_code }, signal: ctl.signal }),
      api.get("/api/units", { query: { parent: me.unit_code }, signal: ctl.signal }),
    ]).then(
      ([r, h, children]) => {
        const sorted = [...r.items].sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
        setRounds(sorted);
        setRoundState(pickRound(sorted));
        setHome(h);
        setUnitState(h);
        const below = [...children.items].sort((a, b) => a.name.localeCompare(b.name, "vi"));
        setPickable([h, ...below]);
      },
      (e: Error) => !ctl.signal.aborted && setBootError(e),
    );
    return () => ctl.abort();
  }, [me?.username, me?.unit_code]);

  const state: AppState = {
    lang,
    setLang: (l) => {
      saveLang(l);
      setLangState(l);
    },
    t,
    me: me ?? null,
    signIn: async (username, password) => {
      setMe(await api.post("/api/session", { body: { username, password } }));
    },
    signOut: async () => {
      try {
        await api.delete("/api/session");
      } finally {
        setMe(null);
        setHome(null);
        setUnitState(null);
        navigate("/signin", { replace: true });
      }
    },
    rounds,
    round,
    setRound: (year) => {
      const r = rounds.find((x) => x.year === year && x.classified) ?? null;
      if (r) localStorage.setItem(ROUND_KEY, String(year));
      setRoundState(r);
    },
    home,
    unit,
    setUnit: (code) => {
      if (!home || code === home.code) return setUnitState(home);
      api.get("/api/units/{code}", { path: { code } }).then(setUnitState, setBootError);
    },
    pickable,
  };

  // The page for the path.
  let route: PageRoute | undefined;
  let params: Record<string, string> = {};
  for (const r of routes) {
    const m = matchPath(r.path, loc.path);
    if (m) {
      route = r;
      params = m;
      break;
    }
  }
  const [Page, setPage] = useState<{ c: ComponentType<PageProps> } | null>(null);
  useEffect(() => {
    if (!route) return setPage(null);
    const cached = loaded.get(route);
    if (cached) return setPage({ c: cached });
    setPage(null);
    let live = true;
    route.load().then(
      (m) => {
        loaded.set(route!, m.default);
        if (live) setPage({ c: m.default });
      },
      (e: Error) => live && setBootError(e),
    );
    return () => {
      live = false;
    };
  }, [route]);

  useEffect(() => {
    document.title = (route ? t(route.title) : t("app.notFound")) + " · lnob";
  }, [route, t]);

  // Signed out on a private page: to sign-in. Signed in on sign-in: where the user was going.
  useEffect(() => {
    if (me === null && route && !route.public) navigate(signInPath(), { replace: true });
    if (me && route?.path === "/signin") {
      const next = loc.query.get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    }
  }, [me, route, loc.query]);

  // Focus the page after navigating, for keyboard and screen-reader users.
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [loc.path]);

  let body;
  if (bootError) body = <ErrorBox error={bootError} onRetry={() => window.location.reload()} />;
  else if (me === undefined) body = <Loading />;
  else if (!route) body = <NotFound params={{}} />;
  else if (!Page || (me === null && !route.public)) body = <Loading />;
  else body = <Page.c params={params} />;

  const publicPage = route?.public || me === null;
  return (
    <AppContext.Provider value={state}>
      {publicPage ? (
        <main id="main" class="public" tabIndex={-1}>
          {body}
        </main>
      ) : (
        <Shell>{me && !home && !bootError ? <Loading /> : body}</Shell>
      )}
    </AppContext.Provider>
  );
}
