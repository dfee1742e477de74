// The web app (web/), built by Vite during the CMake build and embedded in the binary, served at
// every path outside /api/ (docs/web.md).
//
//   if (!IsApiPath(req.path)) return ServeWeb(req);   // App::Handle, before the API router
//
// ServeWeb answers GET and HEAD (405 otherwise): an embedded file by its path, gzipped when the
// client accepts gzip; any other path without a file extension gets index.html, so that the app's
// own routes (/households/H01) survive a reload; a missing file (/assets/x.js, /x.png) is 404.
// Files under /assets/ have content-hashed names and are cached for a year (immutable); the rest
// (index.html) must be revalidated (no-cache, ETag, 304). Every answer carries a strict
// Content-Security-Policy (only this origin's scripts, styles, images and API; no inline code).
// Thread-safety: pure functions over constant data.
#pragma once

#include <span>
#include <string_view>

#include "server/http.hpp"

namespace lnob::server {

// One file of the Vite build. Both byte views point into the binary's read-only data.
struct WebAsset {
  std::string_view path;          // URL path: "/index.html", "/assets/index-B2x9.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  bool immutable = false;         // content-hashed name: Cache-Control immutable
  std::string_view etag;          // "\"<20 hex of sha256>\""
  std::string_view raw;
  std::string_view gzip;  // empty when gzip would not be smaller
};

// Every embedded file (defined in the generated web_assets.cpp of the build directory).
std::span<const WebAsset> WebAssets();
// The file at `path`, or null.
const WebAsset* FindWebAsset(std::string_view path);

// True for "/api" and every path under "/api/": the API router answers those (JSON, even 404).
bool IsApiPath(std::string_view path);
// True when an Accept-Encoding header value accepts gzip ("gzip", "*", not with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// The answer for a path outside /api (see above).
HttpResponse ServeWeb(const HttpRequest& req);

}  // namespace lnob::server
