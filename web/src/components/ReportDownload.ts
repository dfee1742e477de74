// Saving a download made with the session (api.blob or a Blob built here) as a file: an object URL
// clicked through a temporary <a download>, then revoked. Nothing of the request goes in the
// address bar or history; the cookie authenticates the fetch.
//
//   saveBlob(await api.blob("/api/exports/rates.csv", { query: { round: 2025 } }), "lnob-rates-2025.csv");
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

// RFC 4180 CSV with a byte-order mark (as the server's exports, so Excel reads UTF-8), and a leading
// apostrophe on text cells that a spreadsheet would run as a formula (= + - @ tab CR), as the
// server does (docs/api.md, Exports).
export function csvBlob(header: string[], rows: (string | number)[][]): Blob {
  const cell = (v: string | number) => {
    if (typeof v === "number") return String(v);
    let s = /^[=+\-@\t\r]/.test(v) ? "'" + v : v;
    if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  };
  const lines = [header, ...rows].map((r) => r.map(cell).join(","));
  return new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
}
