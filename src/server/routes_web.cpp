#include "server/routes_web.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "server/api.hpp"

namespace lnob::server {
namespace {

// Scripts, styles, images and API calls from this origin only; nothing inline, no frames, no
// plugins, no <base> tricks, forms only to this origin.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The headers every answer of the web app carries.
void AddSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
}

HttpResponse NotFoundPage(const std::string& path) {
  HttpResponse r{
      404, "text/plain; charset=utf-8", "Không có tệp này / no such file: " + path + "\n", {}};
  AddSecurityHeaders(r);
  return r;
}

// True when the If-None-Match header names `etag` (or is "*").
bool Matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view tag = Trim(if_none_match.substr(0, comma));
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag || tag == "*") return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

const WebAsset* FindWebAsset(std::string_view path) {
  auto assets = WebAssets();
  auto it =
      std::find_if(assets.begin(), assets.end(), [&](const WebAsset& a) { return a.path == path; });
  return it == assets.end() ? nullptr : &*it;
}

bool IsApiPath(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/";
}

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    size_t semi = item.find(';');
    const std::string coding = Lower(Trim(item.substr(0, semi)));
    if (coding == "gzip" || coding == "*") {
      bool refused = false;
      if (semi != std::string_view::npos) {
        std::string params = Lower(item.substr(semi + 1));
        params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
        size_t q = params.find("q=");
        if (q != std::string::npos) {
          std::string v = params.substr(q + 2);
          v = v.substr(0, v.find(';'));
          refused = !v.empty() && v.find_first_not_of("0.") == std::string::npos;
        }
      }
      if (!refused) return true;
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return false;
}

HttpResponse ServeWeb(const HttpRequest& req) {
  if (req.method != "GET" && req.method != "HEAD") {
    HttpResponse r = ErrorResponse(405, "method_not_allowed", "only GET and HEAD here");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const WebAsset* asset = FindWebAsset(req.path);
  if (!asset) {
    // The app's own routes have no file extension; a missing file or asset is a real 404.
    const std::string_view last = std::string_view(req.path).substr(req.path.rfind('/') + 1);
    if (req.path.rfind("/assets/", 0) == 0 || last.find('.') != std::string_view::npos) {
      return NotFoundPage(req.path);
    }
    asset = FindWebAsset("/index.html");
    if (!asset) return NotFoundPage(req.path);
  }
  const bool gzip = !asset->gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
  // Each encoding is its own representation, with its own entity tag.
  std::string etag(asset->etag);
  if (gzip) etag.insert(etag.size() - 1, "-gz");
  HttpResponse r;
  r.content_type = std::string(asset->content_type);
  r.headers.emplace_back("Cache-Control",
                         asset->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("ETag", etag);
  if (!asset->gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  AddSecurityHeaders(r);
  if (Matches(req.Header("if-none-match"), etag)) {
    r.status = 304;
    return r;
  }
  if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
  r.body = std::string(gzip ? asset->gzip : asset->raw);
  return r;
}

}  // namespace lnob::server
