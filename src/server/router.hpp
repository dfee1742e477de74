// The router: (method, path pattern) -> permission and handler. Patterns are literal segments and
// `{name}` parameters matching one whole segment: "/api/households/{household_id}".
//
//   Router r;
//   r.Add("GET", "/api/households/{household_id}", Permission::kRead, &GetHousehold);
//   Router::Match m = r.Find("GET", "/api/households/H1");   // m.route, m.params["household_id"]
//
// Every route names its permission here, so that the access check lives in one place (App::Handle)
// and the authorization matrix test can enumerate the routes. A path with an empty, "." or ".."
// segment never matches (no traversal).
// Thread-safety: build once, then read from any thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "server/access.hpp"
#include "server/http.hpp"

namespace lnob::server {

struct Call;  // app.hpp
using RouteHandler = std::function<Result<HttpResponse>(Call&)>;

struct Route {
  std::string method;
  std::string pattern;
  Permission permission;
  RouteHandler handler;
  std::vector<std::string> segments;  // split pattern
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Permission permission, RouteHandler handler);

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path with another method
    std::string allowed;      // those methods, "GET, POST"
  };
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace lnob::server
