// Black-box harness for the server: a registry built with the real `lnob` command from the
// analytics fixture (four rounds across the 2025 mergers) plus one household in another province,
// one user per role, the real `lnob serve` on 127.0.0.1 (any free port), and a small HTTP client.
//
//   Registry reg = Registry::Build("access");            // once per suite
//   ServerProcess server(reg.db_url);                    // lnob serve ...; stopped by the
//   destructor HttpClient c(server.port()); Session s = c.SignIn("xa.meovac");                   //
//   cookie + CSRF token HttpResult r = c.Get("/api/households/H01?round=2025", &s);
//
// Users (password kPassword): tinh.admin (province_admin, 08), tinh.canbo (province_officer, 08),
// xa.meovac (commune_officer, 00787), thon.pavi (village_head, 0076301), mttq.meovac
// (front_supervisor, 00787), kiemtoan (auditor, 08).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lnob::testing {

inline constexpr const char* kPassword = "Mật-khẩu-đủ-dài-2025";

// The path of the lnob binary (LNOB_BIN, set by CTest).
std::string LnobBin();
// Runs `lnob ARGS` (arguments shell-quoted by the caller), returns the exit code; output to `log`.
int RunLnob(const std::string& args, const std::string& log = "/dev/null");

struct Registry {
  std::string dir;     // temporary directory holding the database
  std::string db_url;  // sqlite:<dir>/lnob.db
  static Registry Build(const std::string& name);
};

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db_url, const std::vector<std::string>& extra = {});
  ~ServerProcess();
  int port() const { return port_; }
  int pid() const { return pid_; }
  // SIGTERM and wait; returns the exit status.
  int Stop();
  std::string log_path;

 private:
  int pid_ = -1;
  int port_ = 0;
};

struct HttpResult {
  int status = 0;                              // 0: no answer (connection failed or closed)
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined by '\n'
  std::string body;
};

struct Session {
  std::string cookie;  // "lnob_session=..."
  std::string csrf;
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  // Sends one request on a new connection (Connection: close) and reads the whole answer.
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers) const;
  // The same with a session's cookie and (for state changes) its CSRF header.
  HttpResult Call(const std::string& method, const std::string& target, const Session* s,
                  const std::string& body = "") const;
  HttpResult Get(const std::string& target, const Session* s) const {
    return Call("GET", target, s);
  }
  // Signs in; the session is empty when it fails.
  Session SignIn(const std::string& username, const std::string& password = kPassword) const;
  // Raw bytes out, raw answer in (malformed requests).
  std::string Raw(const std::string& bytes) const;

 private:
  int port_;
};

}  // namespace lnob::testing
