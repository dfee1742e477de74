// Import a round: households.csv and members.csv sent to POST /api/imports (JSON body with the two
// files' text, as the API defines), with upload progress (XMLHttpRequest), then either the
// server's validation errors by file, line, column, value and message (nothing stored), or the
// counts stored and, for province users, a button to classify the round
// (POST /api/rounds/{year}/classify).
import { useState } from "preact/hooks";
import { ApiError, api } from "../api/client";
import type { components } from "lnob-api-schema";
import { ImportErrors } from "../components/ImportErrors";
import { ErrorBox } from "../components/Status";
import { levelOf, useApp } from "../context";
import { formatInt, formatPercent } from "../format";
import type { PageProps } from "../routes";
import "../components/Household.css";

type ImportRequest = components["schemas"]["ImportRequest"];
type ImportResult = components["schemas"]["ImportResult"];
type InvalidInput = components["schemas"]["InvalidInputError"];

const IMPORT_ROLES = ["province_admin", "province_officer", "commune_officer"];

// POST /api/imports with upload progress. Resolves to the stored counts; throws ApiError (with the
// 422 body's errors and duplicates in `body`).
function upload(body: ImportRequest, csrf: string, lang: string, onProgress: (f: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports");
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", lang);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(new ApiError(0, "network", "network error"));
    xhr.onload = () => {
      let payload: { code?: string; message?: string } | undefined;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as ImportResult);
      else reject(new ApiError(xhr.status, payload?.code ?? "http_" + xhr.status, payload?.message ?? xhr.statusText, payload));
    };
    xhr.send(JSON.stringify(body));
  });
}

export default function Import(_: PageProps) {
  const { t, lang, me, home, round } = useApp();
  const [year, setYear] = useState(String(round?.year ?? new Date().getFullYear()));
  const [kind, setKind] = useState<"periodic" | "regular">("periodic");
  const [files, setFiles] = useState<{ households?: File; members?: File }>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [invalid, setInvalid] = useState<InvalidInput | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [formError, setFormError] = useState("");
  const [classify, setClassify] = useState<{ busy: boolean; done?: { run_id: number; households: number }; error?: Error }>({ busy: false });

  if (!me || !IMPORT_ROLES.includes(me.role)) {
    return (
      <div class="page narrow">
        <h1>{t("import.title")}</h1>
        <p class="form-error" role="alert">{t("import.notAllowed")}</p>
      </div>
    );
  }
  const canClassify = (me.role === "province_admin" || me.role === "province_officer") && home && levelOf(home.kind) === "province";
  const busy = progress !== null;

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError("");
    if (!files.households || !files.members) return setFormError(t("import.missing"));
    const y = Number(year);
    if (!Number.isInteger(y) || y < 1900 || y > 2200) return setFormError(t("import.year") + ": 1900–2200");
    setResult(null);
    setInvalid(null);
    setError(null);
    setClassify({ busy: false });
    setProgress(0);
    try {
      const [households, members] = await Promise.all([files.households.text(), files.members.text()]);
      setResult(await upload({ round: y, kind, households, members }, me.csrf_token, lang, setProgress));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setInvalid(err.body as InvalidInput);
      else setError(err as Error);
    } finally {
      setProgress(null);
    }
  };

  const runClassify = async () => {
    if (!result) return;
    setClassify({ busy: true });
    try {
      const r = await api.post("/api/rounds/{year}/classify", { path: { year: String(result.round) }, query: { kind } });
      setClassify({ busy: false, done: r });
    } catch (err) {
      setClassify({ busy: false, error: err as Error });
    }
  };

  const fileInput = (which: "households" | "members") => (
    <label class="field">
      <span>{t(`import.${which}`)}</span>
      <input
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        data-testid={`file-${which}`}
        onChange={(e) => setFiles((f) => ({ ...f, [which]: (e.target as HTMLInputElement).files?.[0] }))}
      />
    </label>
  );

  return (
    <div class="page">
      <div class="page-head">
        <div>
          <h1>{t("import.title")}</h1>
          <p class="subtitle">{t("import.intro")}</p>
        </div>
      </div>
      <section class="card">
        <form class="hh-form" onSubmit={submit} noValidate>
          <label class="field">
            <span>{t("import.year")}</span>
            <input type="number" min={1900} max={2200} value={year} disabled={busy} onInput={(e) => setYear((e.target as HTMLInputElement).value)} />
          </label>
          <label class="field">
            <span>{t("import.kind")}</span>
            <select value={kind} disabled={busy} onChange={(e) => setKind((e.target as HTMLSelectElement).value as typeof kind)}>
              <option value="periodic">{t("import.kind.periodic")}</option>
              <option value="regular">{t("import.kind.regular")}</option>
            </select>
          </label>
          {fileInput("households")}
          {fileInput("members")}
          <div>
            <button type="submit" class="button button-primary" disabled={busy}>{t("import.submit")}</button>
          </div>
        </form>
        {formError && <p class="form-error" role="alert">{formError}</p>}
        {busy && (
          <div class="hh-progress" role="status">
            <progress max={1} value={progress} aria-label={t("import.submit")} />
            <span>{progress < 1 ? t("import.uploading", { pct: formatPercent(progress * 100, lang, 0) }) : t("import.checking")}</span>
          </div>
        )}
        {error && <ErrorBox error={error} />}
        {result && (
          <div class="hh-ok" role="status" data-testid="import-done">
            <p>
              {t("import.done", {
                year: result.round,
                households: formatInt(result.households, lang),
                members: formatInt(result.members, lang),
                added: formatInt(result.added, lang),
                changed: formatInt(result.changed, lang),
                unchanged: formatInt(result.unchanged, lang),
                removed: formatInt(result.removed, lang),
              })}
            </p>
            {canClassify ? (
              <button type="button" class="button button-primary" disabled={classify.busy || !!classify.done} onClick={() => void runClassify()}>
                {classify.busy && <span class="spinner" aria-hidden="true" />}
                {classify.busy ? t("import.classifying") : t("import.classify", { year: result.round })}
              </button>
            ) : (
              <p>{t("import.classifyProvince")}</p>
            )}
            {classify.done && (
              <p data-testid="classified">
                {t("import.classified", { n: formatInt(classify.done.households, lang), year: result.round, run: classify.done.run_id })}
              </p>
            )}
            {classify.error && <ErrorBox error={classify.error} />}
          </div>
        )}
      </section>
      {invalid && <ImportErrors invalid={invalid} />}
    </div>
  );
}
