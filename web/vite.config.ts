// Vite builds the app into an output directory that CMake embeds in the lnob binary
// (web/scripts/build.sh). Hashed file names under assets/ are served with Cache-Control immutable;
// index.html with no-cache.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    target: "es2020",
    assetsInlineLimit: 0, // no data: URLs: the Content-Security-Policy allows only 'self'
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a running `lnob serve` (LNOB_API, default the default address).
    proxy: { "/api": process.env.LNOB_API ?? "http://127.0.0.1:8080" },
  },
});
