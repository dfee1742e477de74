#include "cli/analysis_input.hpp"

#include <cstdio>
#include <filesystem>

#include "common/atomic_file.hpp"
#include "ingest/standard_files.hpp"

namespace lnob::cli {

Result<Analysis> OpenAnalysis(const std::string& db) {
  Analysis a;
  if (db.rfind("postgres", 0) != 0) {  // a SQLite file: never create one to report on
    std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
    if (!std::filesystem::exists(path)) {
      return NotFound("there is no lnob registry at " + path +
                      "; create one with lnob db init and import a round");
    }
  }
  ASSIGN_OR_RETURN(a.store, store::Store::Open(db));
  auto rounds = a.store->ListRounds();
  if (!rounds.ok()) {
    return FailedPrecondition("there is no lnob registry at " + db +
                              "; create one with lnob db init and import a round (" +
                              rounds.status().message() + ")");
  }
  ASSIGN_OR_RETURN(a.standards, ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory()));
  ASSIGN_OR_RETURN(a.units, analytics::UnitCatalog::Load(*a.store));
  return a;
}

Result<analytics::Snapshot> LoadRound(Analysis& a, int year, const std::string& kind, Lang lang) {
  ASSIGN_OR_RETURN(store::RoundInfo round, a.store->FindRound(year, kind));
  if (isatty(fileno(stderr))) {
    std::fprintf(stderr,
                 lang == Lang::kVi ? "Đang đọc kỳ rà soát %d...\r" : "Reading round %d...\r", year);
  }
  auto snap = analytics::LoadSnapshot(*a.store, round, a.standards);
  if (isatty(fileno(stderr))) std::fprintf(stderr, "\33[2K");
  return snap;
}

Result<analytics::GroupingOptions> GroupingFromOptions(const std::string& level,
                                                       const std::string& units_on,
                                                       const std::string& by) {
  analytics::GroupingOptions g;
  if (!analytics::ParseUnitLevel(level, &g.level)) {
    return InvalidArgument("--level '" + level + "': use province, commune or village");
  }
  if (!analytics::ParseSplitBy(by, &g.by)) {
    return InvalidArgument("--by '" + by + "': use area, ethnicity or sex");
  }
  ASSIGN_OR_RETURN(g.units_on, OptionalDate(units_on, "--units-on"));
  return g;
}

Result<std::optional<Date>> OptionalDate(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<Date>();
  auto d = ParseIsoDate(text);
  if (!d.ok()) {
    return InvalidArgument(std::string(option) + " '" + text +
                           "' is not a date; write it as YYYY-MM-DD, e.g. 2025-07-01");
  }
  return std::optional<Date>(*d);
}

Result<Format> ParseFormat(const std::string& text) {
  if (text == "table") return Format::kTable;
  if (text == "csv") return Format::kCsv;
  if (text == "json") return Format::kJson;
  if (text == "markdown" || text == "md") return Format::kMarkdown;
  if (text == "xlsx") return Format::kXlsx;
  return InvalidArgument("unknown format '" + text + "'; use table, csv, json, markdown or xlsx");
}

Status WriteText(const std::string& text, const std::string& out) {
  if (out.empty() || out == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout)) {
      return DataLoss("could not write the report to standard output");
    }
    return OkStatus();
  }
  return WriteFileAtomically(out, [&](std::FILE* f) -> Status {
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
      return DataLoss("could not write " + out);
    }
    return OkStatus();
  });
}

Status WriteReport(const std::vector<report::Table>& tables, const report::Table& machine,
                   Format format, const std::string& out, Lang lang) {
  const bool to_stdout = out.empty() || out == "-";
  if (format == Format::kXlsx) {
    if (to_stdout) return InvalidArgument("--format xlsx needs a file: add --out FILE.xlsx");
    return report::WriteXlsx(tables, out, lang);
  }
  std::string text;
  switch (format) {
    case Format::kCsv: text = report::RenderCsv(machine); break;
    case Format::kJson: text = report::RenderJson(machine) + "\n"; break;
    case Format::kTable:
    case Format::kMarkdown:
      for (size_t i = 0; i < tables.size(); ++i) {
        if (i > 0) text += "\n";
        text += format == Format::kTable ? report::RenderText(tables[i], lang)
                                         : report::RenderMarkdown(tables[i], lang);
      }
      break;
    case Format::kXlsx: break;
  }
  return WriteText(text, out);
}

}  // namespace lnob::cli
