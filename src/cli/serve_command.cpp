// lnob serve --db URL [--listen 127.0.0.1:8080]: the HTTP API (docs/api.md, api/openapi.yaml).
#include <cstdio>
#include <memory>
#include <mutex>

#include "cli/commands.hpp"
#include "server/app.hpp"
#include "server/http.hpp"

namespace lnob::cli {
namespace {

struct ServeArgs {
  std::string db, listen = "127.0.0.1:8080";
  // More threads than cores: a request waits for its audit entry's commit (group commit), and
  // the waiting requests' entries share one commit.
  int threads = 8;
  bool quiet = false;
  bool no_warm = false;
  int warm_pause_ms = 0;  // tests only (hidden): see server::WarmUpOptions
  int session_idle = 30 * 60, session_absolute = 12 * 3600;
};

int RunServe(const ServeArgs& a) {
  server::AppOptions app_options;
  app_options.db_url = a.db;
  app_options.session_idle = std::chrono::seconds(a.session_idle);
  app_options.session_absolute = std::chrono::seconds(a.session_absolute);
  auto app = server::App::Create(std::move(app_options));
  if (!app.ok()) return Fail(app.status());
  server::ServerOptions options;
  options.listen = a.listen;
  options.threads = a.threads;
  // A commune's CSV upload over a slow mountain connection: minutes, not seconds.
  options.read_timeout = std::chrono::minutes(5);
  static std::mutex log_mu;
  if (!a.quiet) {
    options.access_log = [](const server::AccessLogEntry& e) {
      std::string line = server::FormatAccessLog(e) + "\n";
      std::lock_guard<std::mutex> lock(log_mu);
      std::fputs(line.c_str(), stderr);
    };
  }
  server::App* handler_app = app->get();
  // SIGTERM during the warm-up: no new round; a request waiting for one loads it itself.
  options.on_stop = [handler_app] { handler_app->StopWarmUp(); };
  auto http = server::HttpServer::Start(
      options, [handler_app](const server::HttpRequest& r) { return handler_app->Handle(r); });
  if (!http.ok()) return Fail(http.status());
  // Every classified round into memory in the background, newest first, while requests are served.
  if (!a.no_warm) (*app)->StartWarmUp({.pause = std::chrono::milliseconds(a.warm_pause_ms)});
  std::string host = a.listen.substr(0, a.listen.rfind(':'));
  std::printf("lnob: serving http://%s:%d (database %s); stop with Ctrl-C\n", host.c_str(),
              (*http)->port(), a.db.rfind("postgres", 0) == 0 ? "postgresql" : a.db.c_str());
  std::fflush(stdout);
  Status st = (*http)->RunUntilSignal();
  std::fprintf(stderr, "lnob: stopped\n");
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "The HTTP API and web app / Máy chủ");
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_option("--listen", a->listen, "host:port (default 127.0.0.1:8080; port 0: any free)");
  cmd->add_option("--threads", a->threads, "threads serving requests (default 8)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--quiet", a->quiet, "no access log");
  cmd->add_flag("--no-warm", a->no_warm,
                "do not load the rounds into memory at start (each is loaded by the first "
                "request that needs it)");
  cmd->add_option("--warm-pause-ms", a->warm_pause_ms)->group("")->check(CLI::Range(0, 600000));
  cmd->add_option("--session-idle", a->session_idle,
                  "seconds without a request before a session ends (default 1800)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  cmd->add_option("--session-absolute", a->session_absolute,
                  "seconds after sign-in when a session ends in any case (default 43200)")
      ->check(CLI::Range(1, 30 * 24 * 3600));
  cmd->callback([a, exit_code] { *exit_code = RunServe(*a); });
}

}  // namespace lnob::cli
