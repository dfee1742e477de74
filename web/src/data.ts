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
