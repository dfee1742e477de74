// The typed client of the lnob HTTP API. Paths, parameters, bodies and answers are typed from
// api/openapi.yaml (types generated at build time into "lnob-api-schema"), so a page that calls a
// route the document does not have, or reads a field it does not describe, fails the build.
//
//   const rates = await api.get("/api/rates", { query: { round: 2025, level: "commune" } });
//   rates.rows[0].poor_rate;                                   // number, typed
//   await api.post("/api/rounds/{year}/classify", { path: { year: 2025 }, query: { kind: "periodic" } });
//   const blob = await api.blob("/api/exports/rates.csv", { query: { round: 2025 } });
//
// Every request sends the session cookie (same origin) and the chosen language (Accept-Language);
// POST and DELETE also send the CSRF token of the session (X-CSRF-Token). A 401 on any call but
// sign-in runs the handler set with onUnauthenticated (the app shows the sign-in page). Errors are
// thrown as ApiError with the server's code and message (already in the user's language).
import type { paths } from "lnob-api-schema";

type Method = "get" | "post" | "delete";
type Defined<T> = Exclude<T, undefined>;
export type PathsWith<M extends Method> = {
  [P in keyof paths]: Defined<paths[P][M]> extends never ? never : P;
}[keyof paths];
type Op<P extends keyof paths, M extends Method> = Defined<paths[P][M]>;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Defined<Q> : never;
type PathOf<O> = O extends { parameters: { path: infer X } } ? Defined<X> : never;
type BodyOf<O> = O extends { requestBody?: { content: { "application/json": infer B } } }
  ? B
  : never;
type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : never;
type OkOf<O> = O extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : unknown
  : never;

export type Options<O> = ([PathOf<O>] extends [never] ? { path?: undefined } : { path: PathOf<O> }) & {
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  signal?: AbortSignal;
};
export type Answer<P extends keyof paths, M extends Method> = OkOf<Op<P, M>>;

// An error answer of the API, or a network failure (status 0, code "network").
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

let csrfToken = "";
let language = "vi";
let unauthenticated: () => void = () => {};

// Set by the app after sign-in or GET /api/session; cleared at sign-out.
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setApiLanguage(lang: string): void {
  language = lang;
}
export function onUnauthenticated(handler: () => void): void {
  unauthenticated = handler;
}

// "/api/units/{code}" + {code: "00787"} -> "/api/units/00787?on=..."
export function buildUrl(path: string, params?: object, query?: object): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = (params as Record<string, unknown> | undefined)?.[name];
    if (v === undefined || v === null) throw new Error(`path parameter ${name} missing for ${path}`);
    return encodeURIComponent(String(v));
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") q.append(k, String(v));
  }
  const s = q.toString();
  if (s) url += "?" + s;
  return url;
}

async function send(method: string, path: string, o: Options<unknown> | undefined): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language };
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let body: string | undefined;
  if (o?.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(o.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, o?.path, o?.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: o?.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "network", (e as Error).message);
  }
  if (res.ok) return res;
  let payload: { code?: string; message?: string } | undefined;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  const isSignIn = method === "POST" && path === "/api/session";
  if (res.status === 401 && !isSignIn) unauthenticated();
  throw new ApiError(res.status, payload?.code ?? "http_" + res.status, payload?.message ?? res.statusText, payload);
}

async function json<T>(method: string, path: string, o: Options<unknown> | undefined): Promise<T> {
  const res = await send(method, path, o);
  return (await res.json()) as T;
}

export const api = {
  get<P extends PathsWith<"get">>(path: P, o?: Options<Op<P, "get">>): Promise<Answer<P, "get">> {
    return json("GET", path, o as Options<unknown>);
  },
  post<P extends PathsWith<"post">>(path: P, o?: Options<Op<P, "post">>): Promise<Answer<P, "post">> {
    return json("POST", path, o as Options<unknown>);
  },
  delete<P extends PathsWith<"delete">>(path: P, o?: Options<Op<P, "delete">>): Promise<Answer<P, "delete">> {
    return json("DELETE", path, o as Options<unknown>);
  },
  // A non-JSON answer (CSV, XLSX, Markdown) as a Blob.
  async blob<P extends PathsWith<"get">>(path: P, o?: Options<Op<P, "get">>): Promise<Blob> {
    return (await send("GET", path, o as Options<unknown>)).blob();
  },
};
