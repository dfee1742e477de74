#include "server/router.hpp"

namespace lnob::server {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; false for a path that is not absolute or has an empty, "."
// or ".." segment (a trailing slash included).
bool Split(const std::string& path, std::vector<std::string>* out) {
  out->clear();
  if (path.empty() || path[0] != '/') return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    out->push_back(std::move(seg));
    start = end + 1;
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Permission permission,
                 RouteHandler handler) {
  Route r{std::move(method), std::move(pattern), permission, std::move(handler), {}};
  Split(r.pattern, &r.segments);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  std::vector<std::string> segs;
  if (!Split(path, &segs)) return m;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const std::string& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segs[i];
      } else {
        ok = p == segs[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      m.path_known = true;
      m.allowed += (m.allowed.empty() ? "" : ", ") + r.method;
      continue;
    }
    m.route = &r;
    m.params = std::move(params);
    return m;
  }
  return m;
}

}  // namespace lnob::server
