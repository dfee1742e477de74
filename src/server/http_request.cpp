// The plain parts of http.hpp: header, query and cookie lookups, the access log line.
#include <cstdio>

#include "server/http.hpp"

namespace lnob::server {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string HttpRequest::Cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return {};
}

std::string FormatAccessLog(const AccessLogEntry& e) {
  char tail[96];
  std::snprintf(tail, sizeof tail, " %d %lluB %lluus user=", e.status,
                static_cast<unsigned long long>(e.bytes),
                static_cast<unsigned long long>(e.micros));
  return e.time + " " + e.remote + " " + e.method + " " + e.path + tail +
         (e.user.empty() ? "-" : e.user);
}

}  // namespace lnob::server
