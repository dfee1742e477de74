// lnob mpi --in FILE.csv --k K [--weights id=w,...] [--weight-column COL] [--group COL] [--json]
// The Alkire-Foster multidimensional poverty measures of a deprivation matrix (docs/mpi.md).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "analytics/alkire_foster.hpp"
#include "analytics/deprivation_matrix_csv.hpp"
#include "analytics/round_matrix.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "common/json_text.hpp"
#include "common/lang.hpp"
#include "common/money.hpp"

namespace lnob::cli {
namespace {

using analytics::AfResult;

struct MpiArgs {
  std::string in, k, weights, weight_column, group, lang = "vi";
  bool json = false;
  // A round of the registry instead of --in.
  std::string db, kind = "periodic", group_by, units_on;
  int round = 0;
};

// The round's households as a deprivation matrix (persons as population weights), grouped by
// --group-by (province, commune, village, area, ethnicity or sex).
Result<analytics::DeprivationMatrix> RoundInput(const MpiArgs& a, Lang lang,
                                                std::vector<std::string>* dimensions) {
  ASSIGN_OR_RETURN(Analysis analysis, OpenAnalysis(a.db));
  ASSIGN_OR_RETURN(analytics::Snapshot snap, LoadRound(analysis, a.round, a.kind, lang));
  *dimensions = analytics::RoundDimensions(snap);
  if (a.group_by.empty()) return analytics::RoundMatrix(snap, nullptr);
  analytics::GroupingOptions g;
  ASSIGN_OR_RETURN(g.units_on, OptionalDate(a.units_on, "--units-on"));
  if (!analytics::ParseUnitLevel(a.group_by, &g.level)) {
    if (!analytics::ParseSplitBy(a.group_by, &g.by) || g.by == analytics::SplitBy::kNone) {
      return InvalidArgument("--group-by '" + a.group_by +
                             "': use province, commune, village, area, ethnicity or sex");
    }
    g.level = analytics::UnitLevel::kProvince;
  }
  analytics::Grouping grouping = analytics::GroupHouseholds(snap, analysis.units, g);
  if (g.by != analytics::SplitBy::kNone) {  // one group per value, whatever the province
    for (auto& grp : grouping.groups) grp.unit_code.clear();
  }
  return analytics::RoundMatrix(snap, &grouping);
}

// Shortest text that reads back as the same double.
std::string Number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "0";
}

std::string Json(const AfResult& r) {
  std::string o = "{\"H\":" + Number(r.H) + ",\"A\":" + Number(r.A) + ",\"M0\":" + Number(r.M0) +
                  ",\"k\":" + Number(r.k) + ",\"indicators\":[";
  for (size_t j = 0; j < r.indicators.size(); ++j) {
    const auto& i = r.indicators[j];
    o += std::string(j ? "," : "") + "{\"id\":" + JsonString(i.id) +
         ",\"weight\":" + Number(i.weight) + ",\"uncensored\":" + Number(i.uncensored) +
         ",\"censored\":" + Number(i.censored) + ",\"contribution\":" + Number(i.contribution) +
         "}";
  }
  o += "],\"groups\":[";
  for (size_t g = 0; g < r.groups.size(); ++g) {
    const auto& x = r.groups[g];
    o += std::string(g ? "," : "") + "{\"group\":" + JsonString(x.group) +
         ",\"population_share\":" + Number(x.population_share) + ",\"H\":" + Number(x.H) +
         ",\"A\":" + Number(x.A) + ",\"M0\":" + Number(x.M0) +
         ",\"contribution\":" + Number(x.contribution) + "}";
  }
  o += "]";
  if (!r.dimensions.empty()) {
    o += ",\"dimensions\":[";
    for (size_t d = 0; d < r.dimensions.size(); ++d) {
      const auto& x = r.dimensions[d];
      o += std::string(d ? "," : "") + "{\"dimension\":" + JsonString(x.dimension) +
           ",\"weight\":" + Number(x.weight) + ",\"contribution\":" + Number(x.contribution) + "}";
    }
    o += "]";
  }
  return o + "}";
}

// `s` padded with spaces to `width` characters (UTF-8 code points), on the left when `right`.
std::string Pad(const std::string& s, size_t width, bool right = false) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  std::string fill(chars < width ? width - chars : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string Percent(double v, Lang lang) {
  return FormatDecimal(100 * v, 2, lang) + "%";
}

// "1.234" (vi) for a whole number of people, else two decimals ("1.234,50" is not grouped).
std::string Population(double v, Lang lang) {
  if (v == std::floor(v) && v < 9e15) return GroupThousands(static_cast<int64_t>(v), lang);
  return FormatDecimal(v, 2, lang);
}

void PrintReport(const AfResult& r, const std::string& file, Lang lang) {
  const bool vi = lang == Lang::kVi;
  auto pct = [&](double v) { return Pad(Percent(v, lang), 10, true); };
  std::printf("%s — %s\n",
              vi ? "Nghèo đa chiều (phương pháp Alkire-Foster)"
                 : "Multidimensional poverty (Alkire-Foster method)",
              file.c_str());
  std::printf(vi ? "%zu đơn vị (dân số %s), %zu đơn vị nghèo; ngưỡng nghèo k = %s\n\n"
                 : "%zu units (population %s), %zu poor; poverty cutoff k = %s\n\n",
              r.units, Population(r.population, lang).c_str(), r.poor_units,
              FormatDecimal(r.k, 4, lang).c_str());
  std::printf("%s%s\n", Pad(vi ? "Tỷ lệ nghèo H" : "Headcount ratio H", 44).c_str(),
              pct(r.H).c_str());
  std::printf("%s%s\n", Pad(vi ? "Cường độ nghèo A" : "Intensity of poverty A", 44).c_str(),
              pct(r.A).c_str());
  std::printf(
      "%s%s\n\n",
      Pad(vi ? "Chỉ số nghèo đa chiều M0 = H × A" : "Adjusted headcount ratio M0 = H × A", 44)
          .c_str(),
      Pad(FormatDecimal(r.M0, 4, lang), 10, true).c_str());

  std::printf("%s%s%s%s%s\n", Pad(vi ? "Chỉ số" : "Indicator", 24).c_str(),
              Pad(vi ? "Trọng số" : "Weight", 10, true).c_str(),
              Pad(vi ? "Thiếu hụt" : "Deprived", 12, true).c_str(),
              Pad(vi ? "Nghèo và TH" : "Poor+depr.", 12, true).c_str(),
              Pad(vi ? "Đóng góp" : "Contrib.", 10, true).c_str());
  for (const auto& i : r.indicators) {
    std::printf("%s%s  %s  %s%s\n", Pad(i.id, 24).c_str(), pct(i.weight).c_str(),
                pct(i.uncensored).c_str(), pct(i.censored).c_str(), pct(i.contribution).c_str());
  }
  std::printf(vi ? "(Thiếu hụt: tỷ lệ dân số thiếu hụt chỉ số; Nghèo và TH: tỷ lệ dân số vừa "
                   "nghèo vừa thiếu hụt; Đóng góp: phần của M0)\n"
                 : "(Deprived: uncensored headcount ratio; Poor+depr.: censored headcount ratio; "
                   "Contrib.: share of M0)\n");
  if (!r.dimensions.empty()) {
    std::printf("\n%s%s%s\n", Pad(vi ? "Chiều" : "Dimension", 24).c_str(),
                Pad(vi ? "Trọng số" : "Weight", 10, true).c_str(),
                Pad(vi ? "Đóng góp" : "Contrib.", 10, true).c_str());
    for (const auto& d : r.dimensions) {
      std::printf("%s%s%s\n", Pad(d.dimension, 24).c_str(), pct(d.weight).c_str(),
                  pct(d.contribution).c_str());
    }
  }
  if (r.groups.empty()) return;
  std::printf("\n%s%s%s%s%s%s\n", Pad(vi ? "Nhóm" : "Group", 24).c_str(),
              Pad(vi ? "Dân số" : "Pop. share", 10, true).c_str(), Pad("H", 10, true).c_str(),
              Pad("A", 10, true).c_str(), Pad("M0", 10, true).c_str(),
              Pad(vi ? "Đóng góp" : "Contrib.", 10, true).c_str());
  for (const auto& g : r.groups) {
    std::printf("%s%s%s%s%s%s\n", Pad(g.group, 24).c_str(), pct(g.population_share).c_str(),
                pct(g.H).c_str(), pct(g.A).c_str(),
                Pad(FormatDecimal(g.M0, 4, lang), 10, true).c_str(), pct(g.contribution).c_str());
  }
}

int RunMpi(const MpiArgs& a) {
  const Lang lang = ParseLang(a.lang);
  auto k = analytics::ParseCutoff(a.k, lang);
  if (!k.ok()) return Fail(k.status());
  if (a.in.empty() == a.db.empty()) {
    return Fail(InvalidArgument("give either --in FILE.csv or --db URL --round YEAR"));
  }
  std::vector<std::string> dimensions;
  Result<analytics::DeprivationMatrix> matrix =
      a.in.empty() ? RoundInput(a, lang, &dimensions)
                   : analytics::LoadDeprivationCsv(a.in, {a.weight_column, a.group}, lang);
  if (!matrix.ok()) return Fail(matrix.status());
  analytics::AfOptions options;
  options.k = *k;
  options.dimensions = dimensions;
  if (!a.weights.empty()) {
    auto w = analytics::ParseWeightList(a.weights, matrix->indicator_ids, lang);
    if (!w.ok()) return Fail(w.status());
    options.weights = std::move(w).value();
  }
  auto r = analytics::ComputeAlkireFoster(*matrix, options);
  if (!r.ok()) return Fail(r.status());
  if (a.json) {
    std::printf("%s\n", Json(*r).c_str());
  } else {
    PrintReport(*r, a.in.empty() ? "round " + std::to_string(a.round) : a.in, lang);
  }
  return kExitOk;
}

}  // namespace

void AddMpiCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<MpiArgs>();
  CLI::App* cmd = app.add_subcommand(
      "mpi", "Multidimensional poverty (Alkire-Foster) of a deprivation matrix / Nghèo đa chiều");
  cmd->add_option("--in", a->in, "CSV: id, indicators of 0/1 (docs/mpi.md)");
  cmd->add_option("--db", a->db, "or a round of the registry: sqlite:PATH or postgresql://...");
  cmd->add_option("--round", a->round, "the round's year (with --db)");
  cmd->add_option("--kind", a->kind, "periodic (default) or regular (with --db)")
      ->check(CLI::IsMember({"periodic", "regular"}));
  cmd->add_option("--group-by", a->group_by,
                  "decompose a round by province, commune, village, area, ethnicity or sex");
  cmd->add_option("--units-on", a->units_on, "units in force on this date (with --group-by)");
  cmd->add_option("--k", a->k, "poverty cutoff in (0,1]: 0.3333 or 1/3")->required();
  cmd->add_option("--weights", a->weights, "id=w,... for every indicator (normalised to sum 1)");
  cmd->add_option("--weight-column", a->weight_column, "column of population weights");
  cmd->add_option("--group", a->group, "column of groups, for the decomposition");
  cmd->add_flag("--json", a->json, "print one JSON object");
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  cmd->callback([a, exit_code] { *exit_code = RunMpi(*a); });
}

}  // namespace lnob::cli
