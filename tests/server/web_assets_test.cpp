// The embedded web app, against the real `lnob serve` (docs/web.md): / answers the app's
// index.html with a strict Content-Security-Policy and no-cache; a hashed asset comes gzipped when
// the client accepts gzip (the same bytes as the plain one once inflated), with its content type,
// Cache-Control immutable and Vary; an ETag gives 304; the app's own routes get index.html; a
// missing file is 404; /api paths stay JSON, 404 included.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "server/routes_web.hpp"
#include "tests/server/harness.hpp"

namespace lnob::testing {
namespace {

namespace fs = std::filesystem;

// Inflates a gzip body with the gzip tool (no zlib in the test binary).
std::string Gunzip(const std::string& gz) {
  const std::string base =
      (fs::path(::testing::TempDir()) / ("lnob_web_" + std::to_string(::getpid()))).string();
  std::ofstream(base + ".gz", std::ios::binary) << gz;
  std::string cmd = "gzip -dc '" + base + ".gz' >'" + base + ".raw'";
  if (std::system(cmd.c_str()) != 0) return "<not gzip>";
  std::ifstream in(base + ".raw", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove(base + ".gz");
  fs::remove(base + ".raw");
  return ss.str();
}

class WebAssetsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(
        (fs::path(::testing::TempDir()) / ("lnob_web_assets_" + std::to_string(::getpid())))
            .string());
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    server_ = new ServerProcess("sqlite:" + *dir_ + "/lnob.db");  // an empty registry is enough
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  HttpResult Get(const std::string& target,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpClient(server_->port()).Send("GET", target, "", headers);
  }
  // The path of the app's entry script, from index.html.
  std::string EntryScript() {
    std::smatch m;
    std::string html = Get("/").body;
    if (!std::regex_search(html, m, std::regex(R"re(src="(/assets/index-[^"]+\.js)")re")))
      return "";
    return m[1];
  }

  static std::string* dir_;
  static ServerProcess* server_;
};
std::string* WebAssetsTest::dir_ = nullptr;
ServerProcess* WebAssetsTest::server_ = nullptr;

TEST_F(WebAssetsTest, RootAnswersTheAppWithAStrictPolicy) {
  HttpResult r = Get("/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<div id=\"app\">"), std::string::npos) << r.body;
  EXPECT_EQ(r.headers["cache-control"], "no-cache");
  const std::string csp = r.headers["content-security-policy"];
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r.headers["referrer-policy"], "no-referrer");
  // No inline script or style that the policy would block.
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_EQ(r.body.find("<style"), std::string::npos);
  EXPECT_EQ(r.body.find("style=\""), std::string::npos);
}

TEST_F(WebAssetsTest, HashedAssetComesGzippedAndImmutable) {
  const std::string js = EntryScript();
  ASSERT_FALSE(js.empty()) << "no /assets/index-*.js in index.html";

  HttpResult gz = Get(js, {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(gz.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(gz.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(gz.headers["content-length"], std::to_string(gz.body.size()));
  ASSERT_GE(gz.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[1]), 0x8b);

  HttpResult plain = Get(js);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_LT(gz.body.size(), plain.body.size());
  EXPECT_EQ(Gunzip(gz.body), plain.body);
  EXPECT_NE(gz.headers["etag"], plain.headers["etag"]) << "each encoding has its own ETag";

  HttpResult refused = Get(js, {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.headers.count("content-encoding"), 0u);
  EXPECT_EQ(refused.body, plain.body);
}

TEST_F(WebAssetsTest, EtagRevalidatesIndex) {
  HttpResult first = Get("/", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  HttpResult again = Get("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  HttpResult changed = Get("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"other\""}});
  EXPECT_EQ(changed.status, 200);
}

TEST_F(WebAssetsTest, AppRoutesGetIndexAndMissingFilesAre404) {
  const std::string index = Get("/").body;
  HttpResult route = Get("/households/H01");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index);
  HttpResult icon = Get("/favicon.svg");
  EXPECT_EQ(icon.status, 200);
  EXPECT_EQ(icon.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(icon.headers["cache-control"], "no-cache");
  EXPECT_EQ(Get("/assets/missing-abc123.js").status, 404);
  EXPECT_EQ(Get("/robots.txt").status, 404);
  HttpResult post = HttpClient(server_->port()).Send("POST", "/", "", {});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["allow"], "GET, HEAD");
  HttpResult head = HttpClient(server_->port()).Send("HEAD", "/", "", {});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.headers["content-length"], std::to_string(index.size()));
}

TEST_F(WebAssetsTest, UnknownApiPathsAreStillJson404) {
  for (const char* path : {"/api/nope", "/api", "/api/households/H01/nope"}) {
    HttpResult r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8") << path;
    EXPECT_NE(r.body.find("\"code\":\"not_found\""), std::string::npos) << path << ": " << r.body;
  }
  HttpResult health = Get("/api/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.headers["content-type"], "application/json; charset=utf-8");
}

TEST(WebAssets, AcceptEncodingAndPaths) {
  using server::AcceptsGzip;
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, *;q=0.1"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000, br"));
  EXPECT_FALSE(AcceptsGzip("x-gzip2"));
  EXPECT_TRUE(server::IsApiPath("/api"));
  EXPECT_TRUE(server::IsApiPath("/api/health"));
  EXPECT_FALSE(server::IsApiPath("/apis"));
  EXPECT_FALSE(server::IsApiPath("/"));
  ASSERT_NE(server::FindWebAsset("/index.html"), nullptr);
  for (const auto& a : server::WebAssets()) {
    EXPECT_EQ(a.immutable, a.path.rfind("/assets/", 0) == 0) << a.path;
    EXPECT_FALSE(a.raw.empty()) << a.path;
  }
}

}  // namespace
}  // namespace lnob::testing
