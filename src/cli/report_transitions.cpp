// lnob report transitions --db URL --from YEAR --to YEAR [--level ...] [--households]
#include <map>
#include <memory>

#include "analytics/grouping.hpp"
#include "analytics/transitions.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "report/transitions_report.hpp"

namespace lnob::cli {
namespace {

struct TransitionsArgs {
  ReportArgs common;
  int from = 0, to = 0;
  std::string level = "commune";
  bool households = false;
};

int RunTransitions(const TransitionsArgs& a) {
  Lang lang = ParseLang(a.common.lang);
  auto format = ParseFormat(a.common.format);
  if (!format.ok()) return Fail(format.status());
  analytics::UnitLevel level;
  if (!analytics::ParseUnitLevel(a.level, &level)) {
    return Fail(InvalidArgument("--level '" + a.level + "': use province, commune or village"));
  }
  auto analysis = OpenAnalysis(a.common.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto rounds = analysis->store->ListRounds();
  if (!rounds.ok()) return Fail(rounds.status());

  // Every classified round of the kind up to `to`; units of each household from the latest round
  // it appears in (up to `to`), stated under the units of `to`'s reference date.
  std::vector<analytics::RoundCategories> results;
  std::map<std::string, std::pair<std::string, std::string>> unit_of;
  Date units_on;
  for (const auto& r : *rounds) {
    if (r.kind == a.common.kind && r.year == a.to) units_on = r.reference_date;
  }
  for (const auto& r : *rounds) {
    if (r.kind != a.common.kind || r.year > a.to) continue;
    auto cats = analysis->store->RoundCategories(r);
    if (!cats.ok()) {
      if (cats.status().code() == ErrorCode::kNotFound && r.year != a.from && r.year != a.to) {
        continue;  // an unclassified earlier round: no results to follow
      }
      return Fail(cats.status());
    }
    analytics::RoundCategories rc;
    rc.year = r.year;
    std::map<std::tuple<std::string, std::string, std::string>, std::string> placed;
    for (const auto& h : *cats) {
      rc.households.emplace_back(h.household_id, h.category);
      auto key = std::make_tuple(h.province_code, h.commune_code, h.village_code);
      auto it = placed.find(key);
      if (it == placed.end()) {
        it = placed
                 .emplace(key, analytics::PlaceHousehold(analysis->units, h.province_code,
                                                         h.commune_code, h.village_code, units_on,
                                                         level))
                 .first;
      }
      unit_of[h.household_id] = {it->second, analysis->units.NameOn(it->second, units_on)};
    }
    results.push_back(std::move(rc));
  }
  auto t = analytics::ComputeTransitions(
      results, a.from, a.to, [&](const std::string& id) -> std::pair<std::string, std::string> {
        auto it = unit_of.find(id);
        return it == unit_of.end() ? std::pair<std::string, std::string>() : it->second;
      });
  if (!t.ok()) return Fail(t.status());
  report::Table flows = report::TransitionsTable(*t, true, lang);
  report::Table machine = a.households ? report::HouseholdTransitionsTable(*t)
                                       : report::TransitionsTable(*t, false, lang);
  std::vector<report::Table> tables = {flows, report::TransitionMatrixTable(*t, lang),
                                       report::ExitsTable(*t, lang)};
  if (a.households) tables.push_back(machine);
  Status st = WriteReport(tables, machine, *format, a.common.out, lang);
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddTransitionsReport(CLI::App* report, int* exit_code) {
  auto a = std::make_shared<TransitionsArgs>();
  CLI::App* cmd = report->add_subcommand(
      "transitions", "Who stayed poor, escaped, became poor or fell back, and how exits last");
  AddReportOptions(cmd, &a->common, false);
  cmd->add_option("--from", a->from, "the earlier round's year")->required();
  cmd->add_option("--to", a->to, "the later round's year")->required();
  cmd->add_option("--level", a->level, "province, commune (default) or village");
  cmd->add_flag("--households", a->households,
                "list every household's movement (csv and json give this list)");
  cmd->callback([a, exit_code] { *exit_code = RunTransitions(*a); });
}

}  // namespace lnob::cli
