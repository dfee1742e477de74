#include "tests/server/harness.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace lnob::testing {
namespace fs = std::filesystem;

std::string LnobBin() {
  const char* b = std::getenv("LNOB_BIN");
  return b ? b : LNOB_SOURCE_DIR "/build/release/lnob";
}

int RunLnob(const std::string& args, const std::string& log) {
  std::string cmd = "'" + LnobBin() + "' " + args + " >>'" + log + "' 2>&1";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

namespace {

void Append(const fs::path& to, const std::string& text) {
  std::ofstream out(to, std::ios::app);
  out << text;
}

}  // namespace

Registry Registry::Build(const std::string& name) {
  Registry r;
  r.dir =
      (fs::path(::testing::TempDir()) / ("lnob_server_" + name + "_" + std::to_string(::getpid())))
          .string();
  fs::remove_all(r.dir);
  fs::create_directories(r.dir);
  r.db_url = "sqlite:" + r.dir + "/lnob.db";
  const fs::path f = fs::path(LNOB_SOURCE_DIR) / "tests/fixtures/analytics";
  const std::string log = r.dir + "/build.log";
  // A second province with one commune, one village and one household in 2025.
  fs::copy_file(f / "units.csv", fs::path(r.dir) / "units.csv");
  Append(fs::path(r.dir) / "units.csv",
         "unit,10,Lào Cai,province,,10,1991-10-01,,,,\n"
         "unit,10001,Bản Xèo,commune,10,10,2025-07-01,,,,\n"
         "unit,1000101,Thôn Một,village,10001,10,2025-07-01,,,,\n");
  fs::copy_file(f / "2025/households.csv", fs::path(r.dir) / "h2025.csv");
  fs::copy_file(f / "2025/members.csv", fs::path(r.dir) / "m2025.csv");
  Append(fs::path(r.dir) / "h2025.csv",
         "H13,10,10001,1000101,rural,2025-10-15,1000000,60,1,1,1,unprotected_spring,simple_pit,0,"
         "1,1\n");
  Append(fs::path(r.dir) / "m2025.csv",
         "H13,1,Sùng A Páo,010013001234,1979-05-05,male,head,hmong,1,0,0,primary,self_employed,0,"
         "0\n");
  auto run = [&](const std::string& args) {
    if (RunLnob(args, log) != 0) throw std::runtime_error("lnob " + args + " failed; see " + log);
  };
  run("units import --db '" + r.db_url + "' '" + r.dir + "/units.csv'");
  for (int y : {2022, 2023, 2024, 2025}) {
    std::string h =
        y == 2025 ? r.dir + "/h2025.csv" : (f / std::to_string(y) / "households.csv").string();
    std::string m =
        y == 2025 ? r.dir + "/m2025.csv" : (f / std::to_string(y) / "members.csv").string();
    run("import --db '" + r.db_url + "' --round " + std::to_string(y) + " --households '" + h +
        "' --members '" + m + "'");
    run("classify --db '" + r.db_url + "' --round " + std::to_string(y));
  }
  run("targets import --db '" + r.db_url + "' '" + (f / "targets.toml").string() + "'");
  for (auto [user, role, unit] : {std::tuple{"tinh.admin", "province_admin", "08"},
                                  std::tuple{"tinh.canbo", "province_officer", "08"},
                                  std::tuple{"xa.meovac", "commune_officer", "00787"},
                                  std::tuple{"thon.pavi", "village_head", "0076301"},
                                  std::tuple{"mttq.meovac", "front_supervisor", "00787"},
                                  std::tuple{"kiemtoan", "auditor", "08"}}) {
    std::string cmd = "printf '%s\\n' '" + std::string(kPassword) + "' | '" + LnobBin() +
                      "' users add --db '" + r.db_url + "' --username " + user + " --role " + role +
                      " --unit " + unit + " --password-stdin >>'" + log + "' 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("users add failed; see " + log);
  }
  return r;
}

ServerProcess::ServerProcess(const std::string& db_url, const std::vector<std::string>& extra) {
  static int counter = 0;
  const std::string base =
      (fs::path(::testing::TempDir()) /
       ("lnob_serve_" + std::to_string(::getpid()) + "_" + std::to_string(counter++)))
          .string();
  const std::string out_path = base + ".out";
  log_path = base + ".log";
  pid_ = ::fork();
  if (pid_ == 0) {
    std::freopen(out_path.c_str(), "w", stdout);
    std::freopen(log_path.c_str(), "w", stderr);
    std::vector<std::string> args = {LnobBin(), "serve", "--db", db_url, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  // The port from the first line: "lnob: serving http://127.0.0.1:PORT ...".
  for (int i = 0; i < 200 && port_ == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(out_path);
    std::string line;
    if (std::getline(in, line)) {
      size_t p = line.find("127.0.0.1:");
      if (p != std::string::npos) port_ = std::atoi(line.c_str() + p + 10);
    }
  }
  if (port_ == 0) {
    Stop();
    throw std::runtime_error("lnob serve did not start; see " + log_path);
  }
}

ServerProcess::~ServerProcess() {
  Stop();
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

namespace {

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

std::string Exchange(int port, const std::string& bytes) {
  int fd = Connect(port);
  if (fd < 0) return {};
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string in;
  char buf[65536];
  while (true) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return in;
}

}  // namespace

std::string HttpClient::Raw(const std::string& bytes) const {
  return Exchange(port_, bytes);
}

HttpResult HttpClient::Send(const std::string& method, const std::string& target,
                            const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) const {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  std::string in = Exchange(port_, req);
  HttpResult r;
  size_t end = in.find("\r\n\r\n");
  if (end == std::string::npos || in.size() < 12) return r;
  r.status = std::atoi(in.c_str() + 9);
  std::istringstream head(in.substr(0, end));
  std::string line;
  std::getline(head, line);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string k = line.substr(0, colon);
    for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string v = line.substr(colon + 1);
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    std::string& slot = r.headers[k];
    slot = slot.empty() ? v : slot + "\n" + v;
  }
  r.body = in.substr(end + 4);
  return r;
}

HttpResult HttpClient::Call(const std::string& method, const std::string& target, const Session* s,
                            const std::string& body) const {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  if (s && !s->cookie.empty()) {
    headers.emplace_back("Cookie", s->cookie);
    if (method != "GET") headers.emplace_back("X-CSRF-Token", s->csrf);
  }
  return Send(method, target, body, headers);
}

Session HttpClient::SignIn(const std::string& username, const std::string& password) const {
  HttpResult r = Call("POST", "/api/session", nullptr,
                      "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  Session s;
  if (r.status != 200) return s;
  const std::string& cookie = r.headers["set-cookie"];
  s.cookie = cookie.substr(0, cookie.find(';'));
  size_t p = r.body.find("\"csrf_token\":\"");
  if (p != std::string::npos) {
    p += 14;
    s.csrf = r.body.substr(p, r.body.find('"', p) - p);
  }
  return s;
}

}  // namespace lnob::testing
