// lnob units import --db URL FILE.csv | units show --db URL CODE [--on YYYY-MM-DD]
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "common/date.hpp"
#include "common/lang.hpp"
#include "ingest/units_csv.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct UnitsArgs {
  std::string db, file, code, on, lang = "vi";
};

std::string KindName(const std::string& kind, Lang lang) {
  static const char* const kNames[][3] = {{"province", "tỉnh", "province"},
                                          {"district", "huyện", "district"},
                                          {"commune", "xã", "commune"},
                                          {"ward", "phường", "ward"},
                                          {"township", "thị trấn", "township"},
                                          {"village", "thôn", "village"},
                                          {"residential_group", "tổ dân phố", "residential group"}};
  for (const auto& k : kNames) {
    if (kind == k[0]) return k[lang == Lang::kVi ? 1 : 2];
  }
  return kind;
}

// "xã Mèo Vạc (00787)" / "Mèo Vạc commune (00787)".
std::string Label(const store::UnitRecord& u, Lang lang) {
  return lang == Lang::kVi ? KindName(u.kind, lang) + " " + u.name + " (" + u.code + ")"
                           : u.name + " " + KindName(u.kind, lang) + " (" + u.code + ")";
}

std::string Day(Date d, Lang lang) {
  return lang == Lang::kVi ? FormatVietnameseDate(d) : FormatIsoDate(d);
}

Date PreviousDay(Date d) {
  if (d.day() > 1) return Date{d.value - 1};
  int y = d.year(), m = d.month() - 1;
  if (m == 0) m = 12, --y;
  return Date{y * 10000 + m * 100 + DaysInMonth(y, m)};
}

Date Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday};
}

int RunImport(const UnitsArgs& a) {
  const Lang lang = ParseLang(a.lang);
  const bool vi = lang == Lang::kVi;
  std::vector<ingest::InputError> errors;
  auto file = ingest::LoadUnitsCsv(a.file, &errors);
  if (!file.ok()) {
    for (const auto& e : errors) {
      std::fprintf(stderr, "%s\n", ingest::FormatInputError(e, lang).c_str());
    }
    std::fprintf(stderr, "lnob: %s\n", file.status().message().c_str());
    std::fprintf(stderr, vi ? "Không có gì được nhập. Sửa các lỗi trên rồi nhập lại.\n"
                            : "Nothing was imported. Correct the errors above and import again.\n");
    return kExitInputError;
  }
  auto store = store::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  auto init = (*store)->Init();  // a new database is created ready to use
  if (!init.ok()) return Fail(init.status());
  Status s = (*store)->ImportUnits(file->units, file->events);
  if (!s.ok()) {
    std::fprintf(stderr, "lnob: %s\n", s.message().c_str());
    std::fprintf(stderr, vi ? "Không có gì được nhập.\n" : "Nothing was imported.\n");
    return kExitInputError;
  }
  std::printf(vi ? "Đã nhập %zu phiên bản đơn vị và %zu sự kiện từ %s.\n"
                 : "Imported %zu unit versions and %zu events from %s.\n",
              file->units.size(), file->events.size(), a.file.c_str());
  return kExitOk;
}

// "sáp nhập 16/06/2025: thị trấn Mèo Vạc (00760), ... → xã Mèo Vạc (00787). Note"
void PrintEvent(store::Store& db, const store::UnitEvent& e, Lang lang) {
  static const char* const kKinds[][2] = {
      {"merge", "sáp nhập"},   {"split", "chia tách"},
      {"rename", "đổi tên"},   {"reparent", "đổi đơn vị cấp trên"},
      {"create", "thành lập"}, {"dissolve", "giải thể"}};
  std::string kind = e.kind;
  for (const auto& k : kKinds) {
    if (lang == Lang::kVi && e.kind == k[0]) kind = k[1];
  }
  auto names = [&](const std::vector<std::string>& codes, Date on) {
    std::string out;
    for (const std::string& code : codes) {
      auto view = db.ShowUnit(code, on);
      out += (out.empty() ? "" : ", ") + (view.ok() ? Label(view->unit, lang) : code);
    }
    return out.empty() ? std::string("-") : out;
  };
  std::printf("  %s %s: %s -> %s%s\n", Day(e.date, lang).c_str(), kind.c_str(),
              names(e.from, PreviousDay(e.date)).c_str(), names(e.to, e.date).c_str(),
              e.note.empty() ? "" : (". " + e.note).c_str());
}

int RunShow(const UnitsArgs& a) {
  const Lang lang = ParseLang(a.lang);
  const bool vi = lang == Lang::kVi;
  Date on = Today();
  if (!a.on.empty()) {
    auto d = ParseIsoDate(a.on);
    if (!d.ok()) return Fail(InvalidArgument("--on \"" + a.on + "\": " + d.status().message()));
    on = *d;
  }
  std::string path = a.db.rfind("sqlite:", 0) == 0 ? a.db.substr(7) : a.db;
  if (a.db.rfind("postgres", 0) != 0 && !std::filesystem::exists(path)) {
    return Fail(
        NotFound(vi ? "không có cơ sở dữ liệu " + path + "; nhập đơn vị trước (lnob units import)"
                    : "there is no database " + path + "; import units first (lnob units import)"));
  }
  auto store = store::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  auto view = (*store)->ShowUnit(a.code, on);
  if (!view.ok()) {
    auto now = (*store)->CodesOnDate(a.code, on);  // NotFound: no such code at all
    if (view.status().code() != ErrorCode::kNotFound || !now.ok()) {
      if (vi && !now.ok())
        std::fprintf(stderr, "lnob: không có đơn vị nào mã %s\n", a.code.c_str());
      return Fail(view.status());
    }
    std::string codes;
    for (const auto& c : *now) codes += (codes.empty() ? "" : ", ") + c;
    if (vi) {
      std::fprintf(stderr,
                   "lnob: đơn vị %s không có hiệu lực vào ngày %s; chọn ngày đơn vị còn hiệu lực "
                   "bằng --on YYYY-MM-DD.\n  (%s)\n",
                   a.code.c_str(), Day(on, lang).c_str(), view.status().message().c_str());
    } else {
      std::fprintf(stderr, "lnob: %s; choose a day it was in force with --on YYYY-MM-DD\n",
                   view.status().message().c_str());
    }
    if (!codes.empty()) {
      std::fprintf(
          stderr,
          vi ? "  Ngày %s, địa bàn của đơn vị thuộc: %s\n" : "  On %s its territory is in: %s\n",
          Day(on, lang).c_str(), codes.c_str());
    }
    return kExitInputError;
  }
  const store::UnitRecord& u = view->unit;
  std::printf("%s\n", Label(u, lang).c_str());
  std::printf(vi ? "  Hiệu lực: từ %s%s\n" : "  In force: from %s%s\n",
              Day(u.valid_from, lang).c_str(),
              u.valid_to ? ((vi ? " đến " : " to ") + Day(*u.valid_to, lang)).c_str()
                         : (vi ? " (đang có hiệu lực)" : " (still in force)"));
  std::string chain;
  for (const auto& p : view->ancestors) chain += (chain.empty() ? "" : ", ") + Label(p, lang);
  std::printf(vi ? "  Thuộc (ngày %s): %s\n" : "  Belongs to (on %s): %s\n", Day(on, lang).c_str(),
              chain.empty() ? "-" : chain.c_str());
  std::printf(vi ? "Hình thành từ:\n" : "Came from:\n");
  if (view->came_from.empty()) std::printf(vi ? "  (không có)\n" : "  (nothing recorded)\n");
  for (const auto& e : view->came_from) PrintEvent(**store, e, lang);
  std::printf(vi ? "Trở thành:\n" : "Became:\n");
  if (view->became.empty()) std::printf(vi ? "  (không có)\n" : "  (nothing recorded)\n");
  for (const auto& e : view->became) PrintEvent(**store, e, lang);
  return kExitOk;
}

}  // namespace

void AddUnitsCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<UnitsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "units", "Administrative units and their history / Đơn vị hành chính và lịch sử");
  cmd->require_subcommand(1);
  CLI::App* import =
      cmd->add_subcommand("import", "Add unit versions and events from a CSV file (docs/units.md)");
  import->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  import->add_option("file", a->file, "units CSV file")->required()->check(CLI::ExistingFile);
  import->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  import->callback([a, exit_code] { *exit_code = RunImport(*a);
});
CLI::App* show = cmd->add_subcommand(
    "show", "A unit on a date: validity, parents, what it came from and became");
show->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
show->add_option("code", a->code, "unit code")->required();
show->add_option("--on", a->on, "date YYYY-MM-DD (default: today)");
show->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
show->callback([a, exit_code] { *exit_code = RunShow(*a); });
}  // namespace lnob::cli

}  // namespace lnob::cli
