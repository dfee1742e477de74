// HttpServer over real loopback sockets, with a small blocking client.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "server/http.hpp"

namespace lnob::server {
namespace {

using namespace std::chrono_literals;

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return "";
  }
  bool Has(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return true;
    }
    return false;
  }
};

// A blocking HTTP/1.1 client on one connection; reads time out after 5 s.
class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // One response (without a body after HEAD); nullopt when the connection ends or times out.
  std::optional<Response> Read(bool head_request = false) {
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    Response r;
    std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    r.status = std::stoi(status_line.substr(9, 3));
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string line = head.substr(pos, next - pos);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t v = line.find_first_not_of(' ', colon + 1);
      r.headers.emplace_back(name, v == std::string::npos ? "" : line.substr(v));
      pos = next + 2;
    }
    size_t length =
        !head_request && r.Has("content-length") ? std::stoul(r.Header("content-length")) : 0;
    while (buf_.size() < length) {
      if (!Fill()) return std::nullopt;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }

  std::optional<Response> Get(const std::string& target, const std::string& extra = "") {
    if (!Send("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n")) return std::nullopt;
    return Read();
  }

  // True when the server closes the connection (end of stream or reset) within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char c[4096];
      ssize_t n = ::recv(fd_, c, sizeof c, 0);
      if (n <= 0) return true;
    }
  }

 private:
  bool Fill() {
    char chunk[16 * 1024];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

HttpResponse Echo(const HttpRequest& r) {
  if (r.path == "/throw") throw std::runtime_error("boom");
  if (r.path == "/user") {
    return {200, "text/plain", "hi", {{"X-Lnob-User", "alice"}, {"Set-Cookie", "s=1; HttpOnly"}}};
  }
  if (r.path == "/cached") return {200, "text/plain", "c", {{"Cache-Control", "max-age=60"}}};
  std::string out = r.method + "|" + r.path + "|" + r.raw_target + "|" + r.remote + "|";
  for (const auto& [k, v] : r.query) out += k + "=" + v + ";";
  out += "|" + std::string(r.Header("x-test")) + "|" + r.body;
  return {200, "text/plain; charset=utf-8", out, {}};
}

// "2026-11-29T08:00:00.123Z"
bool LooksLikeIsoTime(std::string_view t) {
  std::string_view shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (t.size() != shape.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(t[i])) : t[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options = {}, HttpHandler handler = Echo) {
    options.listen = "127.0.0.1:0";
    options.access_log = [this](const AccessLogEntry& e) {
      std::lock_guard lock(mu_);
      log_.push_back(e);
    };
    auto server = HttpServer::Start(std::move(options), std::move(handler));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_GT(server_->port(), 0);
  }
  std::vector<AccessLogEntry> Log() {
    std::lock_guard lock(mu_);
    return log_;
  }
  // The access log is written after the response; wait for `n` entries.
  std::vector<AccessLogEntry> WaitLog(size_t n) {
    for (int i = 0; i < 200 && Log().size() < n; ++i) std::this_thread::sleep_for(10ms);
    return Log();
  }

  std::mutex mu_;
  std::vector<AccessLogEntry> log_;
  std::unique_ptr<HttpServer> server_;  // last: stopped before the log it writes to goes away
};

TEST_F(HttpServerTest, GetDecodesPathQueryAndHeaders) {
  Start();
  Client c(server_->port());
  ASSERT_TRUE(c.connected());
  auto r = c.Get("/api/households/H%201?round=2024&name=Nguy%E1%BB%85n+V%C4%83n&flag&a%2Bb=1%262",
                 "X-Test: yes\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body,
            "GET|/api/households/H 1|/api/households/H%201?round=2024&name=Nguy%E1%BB%85n+V%C4%83n"
            "&flag&a%2Bb=1%262|127.0.0.1|round=2024;name=Nguyễn Văn;flag=;a+b=1&2;|yes|");
  EXPECT_EQ(r->Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->Header("content-length"), std::to_string(r->body.size()));
  EXPECT_EQ(r->Header("cache-control"), "no-store");
  EXPECT_EQ(r->Header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(r->Has("date"));
  // A '+' in the path stays a '+'; ".." is passed through for the router to refuse.
  r = c.Get("/a+b/../c");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.substr(0, 14), "GET|/a+b/../c|");
}

TEST_F(HttpServerTest, KeepsConnectionsAliveAndHonoursHandlerCacheControl) {
  Start();
  Client c(server_->port());
  auto first = c.Get("/one");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(first->Header("connection"), "close");
  auto second = c.Get("/cached");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "c");
  EXPECT_EQ(second->Header("cache-control"), "max-age=60");
  ASSERT_TRUE(c.Send("HEAD /cached HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("content-length"), "1");
  auto third = c.Get("/three");  // no stray body bytes from the HEAD answer
  ASSERT_TRUE(third);
  EXPECT_EQ(third->body.substr(0, 10), "GET|/three");
  EXPECT_FALSE(c.ClosedWithin(100ms));
}

TEST_F(HttpServerTest, HonoursConnectionCloseAndHttp10) {
  Start();
  {
    Client c(server_->port());
    auto r = c.Get("/bye", "Connection: close\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->Header("connection"), "close");
    EXPECT_TRUE(c.ClosedWithin(2s));
  }
  {
    Client c(server_->port());
    ASSERT_TRUE(c.Send("GET /old HTTP/1.0\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_TRUE(c.ClosedWithin(2s));
  }
}

TEST_F(HttpServerTest, EchoesPostBodyIncludingAfterExpectContinue) {
  Start();
  Client c(server_->port());
  ASSERT_TRUE(c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "POST|/echo|/echo|127.0.0.1|||hello world");

  ASSERT_TRUE(
      c.Send("PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
  auto cont = c.Read();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  ASSERT_TRUE(c.Send("abc"));
  r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "PUT|/e|/e|127.0.0.1|||abc");

  ASSERT_TRUE(
      c.Send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
             "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "POST|/c|/c|127.0.0.1|||abcde");
}

TEST_F(HttpServerTest, RefusesOversizedBodyBeforeReadingIt) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  std::atomic<int> calls{0};
  Start(options, [&](const HttpRequest& r) {
    ++calls;
    return Echo(r);
  });
  {
    Client c(server_->port());
    // Only the header is sent: the answer must come without the 10 GB body.
    ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(r->Header("content-type"), "application/json; charset=utf-8");
    EXPECT_NE(r->body.find("\"code\":\"payload_too_large\""), std::string::npos) << r->body;
    EXPECT_TRUE(c.ClosedWithin(3s));
  }
  {
    Client c(server_->port());  // chunked: refused once the chunks pass the limit
    ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
    ASSERT_TRUE(c.Send("800\r\n" + std::string(2048, 'x') + "\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  EXPECT_EQ(calls.load(), 0);
  auto log = WaitLog(2);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, 413);
  EXPECT_EQ(log[0].method, "POST");
  EXPECT_EQ(log[0].path, "/upload");
}

TEST_F(HttpServerTest, RefusesOversizedHeadersWith431) {
  ServerOptions options;
  options.max_header_bytes = 1024;
  Start(options);
  Client c(server_->port());
  auto r = c.Get("/", "X-Big: " + std::string(4000, 'a') + "\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_NE(r->body.find("\"code\":\"headers_too_large\""), std::string::npos) << r->body;
}

TEST_F(HttpServerTest, AnswersMalformedRequestsWith400) {
  Start();
  {
    Client c(server_->port());
    ASSERT_TRUE(c.Send("HELLO THERE\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(r->body.find("\"code\":\"bad_request\""), std::string::npos) << r->body;
    EXPECT_TRUE(c.ClosedWithin(3s));
  }
  for (const char* target : {"/a%zz", "/a%4", "/a%00b", "/a?x=%G1", "/a?x=%00", "nopath"}) {
    Client c(server_->port());
    auto r = c.Get(target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_NE(r->body.find("\"code\":\"bad_request\""), std::string::npos) << r->body;
  }
}

TEST_F(HttpServerTest, ClosesIdleAndSlowConnections) {
  ServerOptions options;
  options.idle_timeout = 200ms;
  options.read_timeout = 300ms;
  Start(options);
  {
    Client c(server_->port());
    ASSERT_TRUE(c.Get("/"));
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(c.ClosedWithin(3s));
    EXPECT_GE(std::chrono::steady_clock::now() - t0, 150ms);
  }
  {
    Client c(server_->port());  // sends nothing
    EXPECT_TRUE(c.ClosedWithin(3s));
  }
  {
    Client c(server_->port());  // starts a request and stalls
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\n"));
    EXPECT_TRUE(c.ClosedWithin(3s));
  }
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndServingContinues) {
  Start();
  Client c(server_->port());
  auto r = c.Get("/throw?id=123");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, R"({"code":"internal","message":"internal error"})");
  r = c.Get("/after");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(HttpServerTest, AccessLogHasNoQueryAndTakesUserFromHandler) {
  Start();
  Client c(server_->port());
  auto r = c.Get("/api/households/H%201?cccd=001234567890");
  ASSERT_TRUE(r);
  r = c.Get("/user?token=secret");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "hi");
  EXPECT_FALSE(r->Has("x-lnob-user"));
  EXPECT_EQ(r->Header("set-cookie"), "s=1; HttpOnly");
  auto log = WaitLog(2);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].path, "/api/households/H 1");
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].remote, "127.0.0.1");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].user, "");
  EXPECT_TRUE(LooksLikeIsoTime(log[0].time)) << log[0].time;
  EXPECT_EQ(log[1].path, "/user");
  EXPECT_EQ(log[1].user, "alice");
  EXPECT_EQ(log[1].bytes, 2u);
  for (const auto& e : log) {
    std::string line = FormatAccessLog(e);
    EXPECT_EQ(line.find("cccd"), std::string::npos) << line;
    EXPECT_EQ(line.find("secret"), std::string::npos) << line;
    EXPECT_EQ(line.find('?'), std::string::npos) << line;
  }
}

TEST_F(HttpServerTest, StopLetsASlowHandlerFinish) {
  std::atomic<bool> entered{false};
  ServerOptions options;
  options.shutdown_grace = 5s;
  Start(options, [&](const HttpRequest& r) {
    if (r.path == "/slow") {
      entered = true;
      std::this_thread::sleep_for(500ms);
    }
    return Echo(r);
  });
  Client idle(server_->port());
  ASSERT_TRUE(idle.Get("/warm"));
  std::optional<Response> slow;
  std::thread client([&] {
    Client c(server_->port());
    slow = c.Get("/slow");
  });
  while (!entered) std::this_thread::sleep_for(5ms);
  auto t0 = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - t0;
  client.join();
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->status, 200);
  EXPECT_EQ(slow->Header("connection"), "close");
  EXPECT_LT(took, 4s);
  EXPECT_TRUE(idle.ClosedWithin(1s));
  server_->Stop();  // idempotent
  Client late(server_->port());
  EXPECT_FALSE(late.connected() && late.Get("/"));
}

// A handler waiting for background work that on_stop ends (as requests wait for the rounds'
// warm-up): the shutdown ends it first instead of sitting out shutdown_grace.
TEST_F(HttpServerTest, OnStopRunsOnceBeforeTheRequestsInFlightAreWaitedFor) {
  std::mutex mu;
  std::condition_variable cv;
  bool released = false;
  std::atomic<int> calls{0};
  std::atomic<bool> entered{false};
  ServerOptions options;
  options.shutdown_grace = 60s;
  options.on_stop = [&] {
    ++calls;
    {
      std::lock_guard lock(mu);
      released = true;
    }
    cv.notify_all();
  };
  Start(options, [&](const HttpRequest& r) {
    if (r.path == "/wait") {
      entered = true;
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return released; });
    }
    return Echo(r);
  });
  std::optional<Response> waited;
  std::thread client([&] {
    Client c(server_->port());
    waited = c.Get("/wait");
  });
  while (!entered) std::this_thread::sleep_for(5ms);
  auto t0 = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - t0;
  client.join();
  ASSERT_TRUE(waited);
  EXPECT_EQ(waited->status, 200);
  EXPECT_LT(took, 30s) << "the shutdown waited for the grace period";
  server_->Stop();  // idempotent: on_stop ran once
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(HttpServerTest, RunUntilSignalReturnsOnStopAndOnSigterm) {
  Start();
  Status status = Internal("not returned");
  std::thread runner([&] { status = server_->RunUntilSignal(); });
  std::this_thread::sleep_for(50ms);
  server_->Stop();
  runner.join();
  EXPECT_TRUE(status.ok()) << status.ToString();

  Start();
  struct sigaction before {};
  ::sigaction(SIGTERM, nullptr, &before);
  status = Internal("not returned");
  runner = std::thread([&] { status = server_->RunUntilSignal(); });
  bool installed = false;
  for (int i = 0; i < 500 && !installed; ++i) {  // wait for the server's SIGTERM handler
    struct sigaction now {};
    ::sigaction(SIGTERM, nullptr, &now);
    installed = now.sa_handler != before.sa_handler;
    if (!installed) std::this_thread::sleep_for(5ms);
  }
  if (!installed) {
    server_->Stop();
    runner.join();
    FAIL() << "RunUntilSignal installed no SIGTERM handler";
  }
  ::kill(::getpid(), SIGTERM);
  runner.join();
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST_F(HttpServerTest, ReportsAddressesItCannotUse) {
  Start();
  ServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(server_->port());
  auto second = HttpServer::Start(options, Echo);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(second.status().message().find(options.listen), std::string::npos)
      << second.status().message();

  for (const char* bad : {"nonsense", "1.2.3.4.5:80", "::1:80", "127.0.0.1:70000", ":80"}) {
    options.listen = bad;
    auto r = HttpServer::Start(options, Echo);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
  options.listen = "localhost:0";
  auto local = HttpServer::Start(options, Echo);
  EXPECT_TRUE(local.ok()) << local.status().ToString();
}

TEST_F(HttpServerTest, ServesManyConcurrentConnections) {
  std::atomic<int> handled{0};
  Start({}, [&](const HttpRequest& r) {
    ++handled;
    return Echo(r);
  });
  constexpr int kThreads = 50, kRequests = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      std::unique_ptr<Client> c;
      for (int i = 0; i < kRequests; ++i) {
        // Odd threads keep one connection; even threads open one per request.
        if (!c || t % 2 == 0) c = std::make_unique<Client>(server_->port());
        std::string path = "/n/" + std::to_string(t) + "/" + std::to_string(i);
        auto r = c->Get(path);
        if (r && r->status == 200 && r->body.substr(0, 4 + path.size()) == "GET|" + path) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kThreads * kRequests);
  EXPECT_EQ(handled.load(), kThreads * kRequests);
}

}  // namespace
}  // namespace lnob::server
