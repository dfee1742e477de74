// Loading and error states shared by every page.
import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../api/client";
import { useApp } from "../context";

export function Loading() {
  const { t } = useApp();
  return (
    <p class="status" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

// While a page waits for rounds the server may still be loading into memory (it loads every round
// when it starts, 13-15 s each for a province): "Loading the survey rounds… (2/5)" from
// GET /api/health, asked again every second until they are all in memory; the plain message
// before the first answer, once every round is in memory, or when the server does not answer.
//
//   if (!d.data) return <RoundsLoading rounds={[{ year: 2025, kind: "periodic" }]} />;
export function RoundsLoading({ rounds }: { rounds: { year: number; kind: string }[] }) {
  const { t } = useApp();
  const [done, setDone] = useState<number | null>(null);
  const key = rounds.map((r) => r.kind + r.year).join(",");
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      api.get("/api/health", { signal: ctl.signal }).then(
        (h) => {
          const loaded = rounds.filter((r) =>
            h.round_states.some((s) => s.year === r.year && s.kind === r.kind && s.state === "loaded"),
          ).length;
          setDone(loaded);
          if (loaded < rounds.length) timer = setTimeout(poll, 1000);
        },
        () => !ctl.signal.aborted && setDone(null), // no answer: the plain message
      );
    setDone(null);
    poll();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [key]);
  if (done === null || done >= rounds.length) return <Loading />;
  return (
    <div class="status" role="status" aria-live="polite" data-testid="rounds-loading">
      <span class="spinner" aria-hidden="true" />
      <span class="status-text">
        <span>{t("app.loadingRounds", { done, total: rounds.length })}</span>
        <span class="status-hint">{t("app.loadingRoundsHint")}</span>
      </span>
    </div>
  );
}

// The server's message (in the user's language) when there is one, else a general one.
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useApp();
  const message =
    error instanceof ApiError ? (error.status === 0 ? t("app.network") : error.message) : error.message;
  return (
    <div class="error-box" role="alert">
      <strong>{t("app.error")}</strong>
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
