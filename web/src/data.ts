// Loading data in a page: the answer, the error and a reload, with the request aborted when the
// component goes away or its inputs change.
//
//   const rates = useData((signal) => api.get("/api/rates", { query: { round }, signal }), [round]);
//   if (rates.error) return <ErrorBox error={rates.error} onRetry={rates.reload} />;
//   if (!rates.data) return <Loading />;
import { useEffect, useState } from "preact/hooks";

export interface Data<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useData<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Data<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !ctl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  return { data: state.error ? undefined : state.data, error: state.error, loading: state.loading, reload: () => setTick((n) => n + 1) };
}

// A limit on concurrent requests: the returned function runs at most `n` of the calls given to it
// at once, the others in turn as those finish. A browser opens at most 6 connections to a server
// (HTTP/1.1); a page whose requests may each wait seconds (for a round the server is loading) keeps
// some free for the rest (GET /api/health for the loading message, the next page).
//
//   const slot = limiter(4);
//   const [a, b] = await Promise.all([slot(() => api.get(...)), slot(() => api.get(...))]);
export function limiter(n: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (active >= n || waiting.length === 0) return;
    active++;
    waiting.shift()!();
  };
  return <T>(run: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() =>
        run()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          }),
      );
      next();
    });
}
