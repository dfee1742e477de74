// The validation errors of a refused import (422 invalid_input): every bad cell by file, line,
// column, value and message, shown 100 at a time (a file can have thousands), filterable by file;
// and the citizen IDs found twice (masked by the server).
import { useState } from "preact/hooks";
import type { components } from "lnob-api-schema";
import { useApp } from "../context";
import { formatInt } from "../format";
import { Card } from "./Card";
import "./Household.css";

type InvalidInput = components["schemas"]["InvalidInputError"];
const PAGE = 100;

export function ImportErrors({ invalid }: { invalid: InvalidInput }) {
  const { t, lang } = useApp();
  const errors = invalid.errors ?? [];
  const duplicates = invalid.duplicates ?? [];
  const files = [...new Set(errors.map((e) => e.file))];
  const [file, setFile] = useState<string>("");
  const [page, setPage] = useState(0);
  const shown = file ? errors.filter((e) => e.file === file) : errors;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const slice = shown.slice(page * PAGE, page * PAGE + PAGE);
  const total = errors.length + duplicates.length;

  return (
    <Card id="import-errors" title={t("import.errorsTitle")} wide>
      <p class="form-error" role="alert" data-testid="import-failed">
        {t("import.errors", { n: formatInt(total, lang) })}
      </p>
      {errors.length > 0 && (
        <>
          {files.length > 1 && (
            <div class="hh-errors-head" role="group" aria-label={t("import.col.file")}>
              {["", ...files].map((f) => (
                <button
                  type="button"
                  key={f}
                  class="button"
                  aria-pressed={file === f}
                  onClick={() => {
                    setFile(f);
                    setPage(0);
                  }}
                >
                  {f ? `${f} (${formatInt(errors.filter((e) => e.file === f).length, lang)})` : t("import.allFiles", { n: formatInt(errors.length, lang) })}
                </button>
              ))}
            </div>
          )}
          <div class="table-scroll">
            <table class="table table-stack" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t("import.col.file")}</th>
                  <th scope="col" class="num">{t("import.col.line")}</th>
                  <th scope="col">{t("import.col.column")}</th>
                  <th scope="col">{t("import.col.value")}</th>
                  <th scope="col">{t("import.col.message")}</th>
                </tr>
              </thead>
              <tbody>
                {slice.map((e, i) => (
                  <tr key={page * PAGE + i}>
                    <td data-label={t("import.col.file")}>{e.file}</td>
                    <td class="num" data-label={t("import.col.line")}>{formatInt(e.line, lang)}</td>
                    <td data-label={t("import.col.column")}>
                      {e.column_name}
                      <span class="sub">#{e.column}</span>
                    </td>
                    <td data-label={t("import.col.value")} class="hh-value">{e.value === "" ? "–" : e.value}</td>
                    <td data-label={t("import.col.message")}>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav class="hh-pager" aria-label={t("households.paging")}>
              <span role="status">
                {t("import.errPage", {
                  from: formatInt(page * PAGE + 1, lang),
                  to: formatInt(Math.min((page + 1) * PAGE, shown.length), lang),
                  total: formatInt(shown.length, lang),
                })}
              </span>
              <button type="button" class="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                ← {t("households.prev")}
              </button>
              <button type="button" class="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                {t("households.next")} →
              </button>
            </nav>
          )}
        </>
      )}
      {duplicates.length > 0 && (
        <>
          <h3>{t("import.duplicates")}</h3>
          <table class="table table-stack" data-testid="import-duplicates">
            <thead>
              <tr>
                <th scope="col">{t("import.col.value")}</th>
                <th scope="col">{t("import.col.first")}</th>
                <th scope="col">{t("import.col.second")}</th>
              </tr>
            </thead>
            <tbody>
              {duplicates.map((d, i) => (
                <tr key={i}>
                  <td data-label={t("import.col.value")} class="hh-value">{d.citizen_id}</td>
                  <td data-label={t("import.col.first")}>{d.first}</td>
                  <td data-label={t("import.col.second")}>{d.second}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
