// The HTTP layer of `lnob serve`: requests in, responses out, on Boost.Beast (confined to
// http_server.cpp, the only file that includes Beast). Everything above it (router, auth, handlers)
// sees only these plain structs.
//
//   ServerOptions options;
//   options.listen = "127.0.0.1:0";                       // port 0: any free port
//   ASSIGN_OR_RETURN(auto server, HttpServer::Start(options, [](const HttpRequest& r) {
//     return HttpResponse{200, "text/plain; charset=utf-8", "hello " + r.path};
//   }));
//   server->port();                                       // the port bound
//   server->RunUntilSignal();                             // SIGTERM/SIGINT: graceful shutdown
//
// The server keeps connections alive (HTTP/1.1), refuses requests whose headers exceed
// max_header_bytes (431) or whose body exceeds max_body_bytes (413) before reading them, closes a
// connection that sends nothing for idle_timeout or takes longer than read_timeout to send a
// request (header and body: raise it for large uploads over slow links) or to accept a piece of
// the response, and answers malformed requests with 400. On shutdown it stops accepting, lets
// requests in flight finish (up to shutdown_grace), then closes every connection. The access log
// gets one entry per response, without the query string and without bodies (no personal data in
// logs). Thread-safety: the handler and access_log are called from `threads` threads at once; they
// must be thread-safe. Stop() may be called from any thread, including a handler.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace lnob::server {

struct HttpRequest {
  std::string method;      // "GET", "POST", ... as sent
  std::string path;        // percent-decoded path without the query, e.g. "/api/households/H 1"
  std::string raw_target;  // the target as sent, e.g. "/api/households/H%201?round=2024"
  std::vector<std::pair<std::string, std::string>> query;    // decoded name=value pairs, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, in order
  std::string body;
  std::string remote;  // peer address, e.g. "127.0.0.1"
  bool tls = false;

  // The first header named `name` (lower-case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, if present.
  std::optional<std::string> Query(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s), or empty.
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Set-Cookie
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// One line of the access log: no query string, no body, no cookie.
struct AccessLogEntry {
  std::string time;  // UTC, ISO 8601 with milliseconds
  std::string remote;
  std::string method;
  std::string path;  // as routed (decoded), without the query
  int status = 0;
  uint64_t bytes = 0;   // response body bytes
  uint64_t micros = 0;  // from the end of reading the request to the response written
  std::string user;     // set by the handler through the X-Lnob-User response header (removed
                        // before sending), empty for anonymous requests
};

// "2026-11-29T08:00:00.123Z 127.0.0.1 GET /api/health 200 15B 120us user=-" (one line, no
// newline).
std::string FormatAccessLog(const AccessLogEntry& e);

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  int threads = 2;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 64 * 1024 * 1024;  // CSV uploads of a commune fit comfortably
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::function<void(const AccessLogEntry&)> access_log;  // may be empty
  // Called once when the shutdown starts, before requests in flight are waited for (e.g. to stop
  // background work they may be waiting on); may be empty. Must not block.
  std::function<void()> on_stop;
};

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // Binds and starts serving on options.threads threads; returns once the socket listens.
  // InvalidArgument naming the address when it is malformed (host must be an IPv4 literal, a
  // bracketed IPv6 literal or localhost) or threads is not 1..256; Unavailable naming the address
  // when it cannot bind (in use, not an address of this machine).
  static Result<std::unique_ptr<HttpServer>> Start(ServerOptions options, HttpHandler handler);

  virtual int port() const = 0;
  // Blocks until SIGTERM or SIGINT (or Stop), then shuts down gracefully. Returns OK.
  virtual Status RunUntilSignal() = 0;
  // Graceful shutdown; returns when every connection is closed and the threads are joined
  // (called from a handler, it starts the shutdown and returns at once). Idempotent.
  virtual void Stop() = 0;
};

}  // namespace lnob::server
