// lnob demo: the demo province (a synthetic Tuyen Quang, docs/demo.md) in an empty database.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "common/lang.hpp"
#include "common/money.hpp"
#include "common/progress.hpp"
#include "demo/demo.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct DemoArgs {
  std::string db, lang = "vi";
  uint64_t seed = 2025;
  double scale = 1.0;
};

const char* StepLabel(demo::DemoStep s, bool vi) {
  switch (s) {
    case demo::DemoStep::kUnits: return vi ? "Đơn vị hành chính" : "Units            ";
    case demo::DemoStep::kPlan: return vi ? "Hộ và nhân khẩu   " : "Households       ";
    case demo::DemoStep::kGenerate: return vi ? "Tạo phiếu   " : "Answers     ";
    case demo::DemoStep::kRead: return vi ? "Kiểm tra    " : "Checking    ";
    case demo::DemoStep::kStore: return vi ? "Ghi dữ liệu " : "Storing     ";
    case demo::DemoStep::kClassify: return vi ? "Phân loại   " : "Classifying ";
    case demo::DemoStep::kUsers: return vi ? "Người dùng       " : "Users            ";
  }
  return "";
}

// `s` followed by spaces up to `width` characters (code points, not bytes: names have diacritics).
std::string Pad(const std::string& s, size_t width) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return s + std::string(chars < width ? width - chars : 1, ' ');
}

int RunDemoCommand(const DemoArgs& a) {
  const Lang lang = ParseLang(a.lang);
  const bool vi = lang == Lang::kVi;
  auto start = std::chrono::steady_clock::now();
  auto opened = store::Store::Open(a.db);
  if (!opened.ok()) return Fail(opened.status());

  demo::DemoOptions options;
  options.seed = a.seed;
  options.scale = a.scale;
  std::unique_ptr<Progress> bar;
  demo::DemoStep current = demo::DemoStep::kUsers;
  int current_year = -1;
  options.progress = [&](demo::DemoStep step, int year, uint64_t done, uint64_t total) {
    if (!bar || step != current || year != current_year) {
      if (bar) bar->Finish();
      std::string label = StepLabel(step, vi);
      if (year > 0) label += std::to_string(year) + " ";
      bool bytes = step == demo::DemoStep::kRead;
      bar = std::make_unique<Progress>(
          label, bytes ? Progress::Unit::kBytes : Progress::Unit::kHouseholds);
      current = step;
      current_year = year;
    }
    bar->Update(done, total);
  };
  auto summary = demo::RunDemo(**opened, options);
  if (bar) bar->Finish();
  if (!summary.ok()) return Fail(summary.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  auto n = [&](int64_t v) { return GroupThousands(v, lang); };
  std::printf(vi ? "Đã tạo tỉnh mẫu Tuyên Quang trong %s giây: %s phiên bản đơn vị và %s sự kiện "
                   "(sáp nhập 2025); 5 kỳ rà soát đã phân loại theo chuẩn vn-2022-2025.\n"
                 : "Created the demo province of Tuyen Quang in %s s: %s unit versions and %s "
                   "events (the 2025 mergers); 5 review rounds classified under vn-2022-2025.\n",
              FormatDecimal(secs, 0, lang).c_str(), n(static_cast<int64_t>(summary->units)).c_str(),
              n(static_cast<int64_t>(summary->events)).c_str());
  std::printf(vi ? "  kỳ      số hộ   nhân khẩu\n" : "  round   households   persons\n");
  for (int y = 0; y < demo::kYears; ++y) {
    std::printf("  %d %10s %11s\n", demo::kFirstYear + y, n(summary->households[y]).c_str(),
                n(summary->persons[y]).c_str());
  }
  std::printf(
      vi ? "\nNgười dùng (mật khẩu chỉ hiện MỘT LẦN — hãy lưu lại; đặt mật khẩu mới: lnob users "
           "password --db ... --username TÊN):\n"
         : "\nUsers (the passwords are shown ONCE — keep them; to set a new one: lnob users "
           "password --db ... --username NAME):\n");
  std::printf("  %s%s%s%s%s\n", Pad(vi ? "tên đăng nhập" : "username", 15).c_str(),
              Pad(vi ? "vai trò" : "role", 19).c_str(), Pad(vi ? "đơn vị" : "unit", 10).c_str(),
              Pad(vi ? "mật khẩu" : "password", 26).c_str(), vi ? "phạm vi" : "scope");
  for (const demo::DemoAccount& acc : summary->accounts) {
    std::printf("  %s%s%s%s%s\n", Pad(acc.username, 15).c_str(), Pad(acc.role, 19).c_str(),
                Pad(acc.unit_code, 10).c_str(), Pad(acc.password, 26).c_str(),
                acc.unit_name.c_str());
  }
  std::printf(vi ? "\nChạy máy chủ: lnob serve --db %s --listen 127.0.0.1:8080\n"
                   "rồi mở http://127.0.0.1:8080/ và đăng nhập (API: POST /api/session với "
                   "{\"username\": ..., \"password\": ...}; docs/api.md).\n"
                 : "\nStart the server: lnob serve --db %s --listen 127.0.0.1:8080\n"
                   "then open http://127.0.0.1:8080/ and sign in (API: POST /api/session with "
                   "{\"username\": ..., \"password\": ...}; docs/api.md).\n",
              a.db.rfind("postgres", 0) == 0 ? "URL" : a.db.c_str());
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Fill an empty database with the demo province (synthetic Tuyen Quang) / Tạo tỉnh mẫu");
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://... (must be empty)")
      ->required();
  cmd->add_option("--seed", a->seed,
                  "random seed: the same seed gives the same province (default 2025)");
  cmd->add_option("--scale", a->scale,
                  "size: 1.0 (default) about 408,000 households; 0.02 for a quick look")
      ->check(CLI::Range(0.0001, 2.0));
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  cmd->callback([a, exit_code] { *exit_code = RunDemoCommand(*a); });
}

}  // namespace lnob::cli
