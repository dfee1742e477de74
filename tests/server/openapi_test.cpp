// api/openapi.yaml against the router: the document lists exactly the routes `lnob serve` serves,
// declares every path parameter of each operation and names each route's permission.
//
// No YAML library is available, so the document is read line by line, relying on its layout:
// paths are the keys indented 2 spaces under `paths:` that start with '/', operations the keys
// indented 4 spaces under a path (get, post, put, patch, delete), path parameters the items of a
// `parameters:` list (of an operation or of its path) with `in: path`, and the permission the
// `x-lnob-permission:` key of an operation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "server/app.hpp"

namespace lnob::server {
namespace {

namespace fs = std::filesystem;

using OpKey = std::pair<std::string, std::string>;  // (METHOD, pattern)

struct DocOperation {
  std::set<std::string> path_params;  // declared with `in: path`
  std::string permission;             // x-lnob-permission
  int line = 0;                       // where the operation starts (1-based)
};

struct OpenApiDoc {
  std::map<OpKey, DocOperation> operations;
  std::vector<std::string> problems;  // duplicate operations, unreadable lines
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string Unquote(std::string s) {
  s = Trim(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// "key: value" -> (key, value); false when the line is not a mapping entry.
bool SplitKey(const std::string& trimmed, std::string* key, std::string* value) {
  size_t colon = std::string::npos;
  if (!trimmed.empty() && (trimmed[0] == '\'' || trimmed[0] == '"')) {
    size_t close = trimmed.find(trimmed[0], 1);
    if (close == std::string::npos || close + 1 >= trimmed.size() || trimmed[close + 1] != ':') {
      return false;
    }
    colon = close + 1;
  } else {
    colon = trimmed.find(':');
    while (colon != std::string::npos && colon + 1 < trimmed.size() && trimmed[colon + 1] != ' ') {
      colon = trimmed.find(':', colon + 1);
    }
  }
  if (colon == std::string::npos) return false;
  *key = Unquote(trimmed.substr(0, colon));
  *value = Unquote(trimmed.substr(colon + 1));
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

OpenApiDoc ParseOpenApi(const std::string& text) {
  static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  OpenApiDoc doc;
  bool in_paths = false;
  std::string path;
  std::map<std::string, std::set<std::string>> path_level_params;  // path -> names
  std::vector<OpKey> ops_of_path;
  OpKey op;                     // the operation being read; empty method when none
  int params_indent = -1;       // indent of the `parameters:` key being read; -1 when none
  int item_indent = -1;         // indent of its "- " items
  bool params_of_path = false;  // the list belongs to the path, not an operation
  std::string item_name, item_in;

  auto end_item = [&] {
    if (item_in == "path" && !item_name.empty()) {
      if (params_of_path) {
        path_level_params[path].insert(item_name);
      } else if (!op.first.empty()) {
        doc.operations[op].path_params.insert(item_name);
      }
    }
    item_name.clear();
    item_in.clear();
  };
  auto end_params = [&] {
    if (params_indent >= 0) end_item();
    params_indent = -1;
    item_indent = -1;
  };

  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const int indent = static_cast<int>(line.find_first_not_of(' '));
    const bool dash = trimmed.rfind("- ", 0) == 0 || trimmed == "-";

    if (indent == 0) {
      end_params();
      std::string key, value;
      in_paths = SplitKey(trimmed, &key, &value) && key == "paths";
      path.clear();
      op = {};
      continue;
    }
    if (!in_paths) continue;

    // The end of a parameters list: a line not deeper than its key (other than its items).
    if (params_indent >= 0 && (indent < params_indent || (indent == params_indent && !dash))) {
      end_params();
    }

    std::string key, value;
    if (indent == 2) {
      if (!SplitKey(trimmed, &key, &value) || key.empty() || key[0] != '/') {
        doc.problems.push_back("line " + std::to_string(line_no) +
                               ": expected a path starting with '/' under paths: " + trimmed);
        continue;
      }
      path = key;
      op = {};
      continue;
    }
    if (path.empty()) continue;
    if (indent == 4) {
      op = {};
      if (!SplitKey(trimmed, &key, &value)) continue;
      if (kMethods.count(key)) {
        op = {Upper(key), path};
        if (doc.operations.count(op)) {
          doc.problems.push_back("line " + std::to_string(line_no) + ": " + op.first + " " + path +
                                 " is described twice");
        }
        doc.operations[op].line = line_no;
      } else if (key == "parameters") {
        params_indent = indent;
        params_of_path = true;
      }
      continue;
    }
    if (params_indent >= 0) {
      if (dash && (item_indent < 0 || indent == item_indent)) {
        end_item();
        item_indent = indent;
      }
      const std::string entry = dash ? Trim(trimmed.substr(1)) : trimmed;
      const int key_indent = dash ? indent + 2 : indent;
      if (key_indent == item_indent + 2 && SplitKey(entry, &key, &value)) {
        if (key == "name") item_name = value;
        if (key == "in") item_in = value;
      }
      continue;
    }
    if (op.first.empty() || indent != 6 || !SplitKey(trimmed, &key, &value)) continue;
    if (key == "parameters") {
      params_indent = indent;
      params_of_path = false;
    } else if (key == "x-lnob-permission") {
      doc.operations[op].permission = value;
    }
  }
  end_params();
  for (auto& [key, operation] : doc.operations) {
    for (const std::string& name : path_level_params[key.second]) {
      operation.path_params.insert(name);
    }
  }
  return doc;
}

// The `{name}` parameters of a pattern.
std::set<std::string> PatternParams(const std::string& pattern) {
  std::set<std::string> out;
  size_t open = pattern.find('{');
  while (open != std::string::npos) {
    size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    out.insert(pattern.substr(open + 1, close - open - 1));
    open = pattern.find('{', close);
  }
  return out;
}

std::string List(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string ReadDocument() {
  const std::string file = std::string(LNOB_SOURCE_DIR) + "/api/openapi.yaml";
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ =
        (fs::path(::testing::TempDir()) / ("lnob_openapi_" + std::to_string(::getpid()) + ".db"))
            .string();
    RemoveDatabase();
    auto app = App::Create({.db_url = "sqlite:" + db_path_});
    ASSERT_TRUE(app.ok()) << app.status().message();
    app_ = std::move(*app);
    text_ = ReadDocument();
    ASSERT_FALSE(text_.empty()) << "cannot read " << LNOB_SOURCE_DIR << "/api/openapi.yaml";
    doc_ = ParseOpenApi(text_);
  }
  void TearDown() override {
    app_.reset();
    RemoveDatabase();
  }
  void RemoveDatabase() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db_path_ + suffix, ec);
  }

  std::string db_path_;
  std::unique_ptr<App> app_;
  std::string text_;
  OpenApiDoc doc_;
};

TEST_F(OpenApiTest, ReaderFindsPathsOperationsAndPathParameters) {
  const OpenApiDoc d = ParseOpenApi(
      "openapi: 3.1.0\n"
      "paths:\n"
      "  /a/{x}:\n"
      "    parameters:\n"
      "      - in: path\n"
      "        name: x\n"
      "        schema:\n"
      "          type: string\n"
      "    get:\n"
      "      x-lnob-permission: read\n"
      "      parameters:\n"
      "        - $ref: '#/components/parameters/Lang'\n"
      "    delete:\n"
      "      summary: 'no: parameters'\n"
      "  '/b/{y}/{z}':\n"
      "    post:\n"
      "      parameters:\n"
      "      - name: 'y'\n"
      "        in: path\n"
      "        schema:\n"
      "          properties:\n"
      "            in:\n"
      "              type: string\n"
      "      - name: z\n"
      "        in: query\n"
      "      requestBody:\n"
      "        content: {}\n"
      "components:\n"
      "  schemas: {}\n");
  EXPECT_TRUE(d.problems.empty()) << d.problems.front();
  ASSERT_EQ(d.operations.size(), 3u);
  EXPECT_EQ(d.operations.at({"GET", "/a/{x}"}).path_params, std::set<std::string>{"x"});
  EXPECT_EQ(d.operations.at({"GET", "/a/{x}"}).permission, "read");
  EXPECT_EQ(d.operations.at({"DELETE", "/a/{x}"}).path_params, std::set<std::string>{"x"});
  EXPECT_EQ(d.operations.at({"POST", "/b/{y}/{z}"}).path_params, std::set<std::string>{"y"});
}

TEST_F(OpenApiTest, DocumentListsExactlyTheRoutesOfTheRouter) {
  for (const std::string& p : doc_.problems) ADD_FAILURE() << "api/openapi.yaml " << p;
  std::set<OpKey> served, described;
  for (const Route& r : app_->router().routes()) served.insert({r.method, r.pattern});
  for (const auto& [key, _] : doc_.operations) described.insert(key);
  ASSERT_FALSE(served.empty());

  std::string undocumented, unserved;
  for (const OpKey& k : served) {
    if (!described.count(k)) undocumented += "\n  " + k.first + " " + k.second;
  }
  for (const OpKey& k : described) {
    if (!served.count(k)) unserved += "\n  " + k.first + " " + k.second;
  }
  EXPECT_TRUE(undocumented.empty())
      << "routes the router serves that api/openapi.yaml does not describe:" << undocumented;
  EXPECT_TRUE(unserved.empty()) << "operations of api/openapi.yaml that the router does not serve:"
                                << unserved;
  EXPECT_EQ(served.size(), app_->router().routes().size()) << "a route is registered twice";
}

TEST_F(OpenApiTest, EveryPathParameterIsDeclared) {
  for (const auto& [key, operation] : doc_.operations) {
    const std::set<std::string> in_pattern = PatternParams(key.second);
    std::set<std::string> missing, extra;
    for (const std::string& n : in_pattern) {
      if (!operation.path_params.count(n)) missing.insert(n);
    }
    for (const std::string& n : operation.path_params) {
      if (!in_pattern.count(n)) extra.insert(n);
    }
    EXPECT_TRUE(missing.empty()) << key.first << " " << key.second << " (api/openapi.yaml line "
                                 << operation.line << ") does not declare path parameter(s) "
                                 << List(missing) << " (in: path)";
    EXPECT_TRUE(extra.empty()) << key.first << " " << key.second << " (api/openapi.yaml line "
                               << operation.line << ") declares path parameter(s) " << List(extra)
                               << " that its pattern does not have";
  }
}

TEST_F(OpenApiTest, EachOperationNamesTheRoutesPermission) {
  for (const Route& r : app_->router().routes()) {
    auto it = doc_.operations.find({r.method, r.pattern});
    if (it == doc_.operations.end()) continue;  // reported by DocumentListsExactlyTheRoutes...
    EXPECT_EQ(it->second.permission, PermissionId(r.permission))
        << r.method << " " << r.pattern << " (api/openapi.yaml line " << it->second.line
        << "): x-lnob-permission must name the permission the router checks";
  }
}

}  // namespace
}  // namespace lnob::server
