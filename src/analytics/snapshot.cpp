#include "analytics/snapshot.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "ingest/standard_files.hpp"

namespace lnob::analytics {
namespace {

// The standard a run used, with the run's parameter overrides ("line.rural=2200000 ...").
Result<core::StandardPtr> RunStandard(const std::vector<core::StandardPtr>& standards,
                                      const std::string& id, const std::string& parameters) {
  std::vector<core::ParameterOverride> overrides;
  std::istringstream in(parameters);
  for (std::string text; in >> text;) {
    ASSIGN_OR_RETURN(core::ParameterOverride o, core::ParseOverride(text));
    overrides.push_back(std::move(o));
  }
  auto s = ingest::FindStandard(standards, id, overrides);
  if (!s.ok()) {
    return FailedPrecondition("the round's results were computed under standard " + id +
                              ", which is not available: " + s.status().message());
  }
  return s;
}

// Bits of the ';'-separated indicator ids under `s`; false when one is unknown.
bool DeprivedBits(const core::Standard& s, std::string_view ids, uint32_t* bits) {
  *bits = 0;
  while (!ids.empty()) {
    size_t cut = ids.find(';');
    std::string_view id = ids.substr(0, cut);
    ids = cut == std::string_view::npos ? std::string_view() : ids.substr(cut + 1);
    bool found = false;
    for (size_t i = 0; i < s.indicators().size(); ++i) {
      if (s.indicators()[i].id == id) {
        *bits |= uint32_t{1} << i;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

void DeriveHouseholdValues(Snapshot* snap) {
  const core::Survey& s = snap->survey;
  const uint32_t n = s.household_count();
  snap->ages = core::ComputeAges(s);
  snap->head_sex.assign(n, kUnknownCode);
  snap->head_ethnicity.assign(n, kNoIndex);
  snap->ethnicities.clear();
  const auto& relation = s.members.Column(core::mem::kRelation).i8;
  const auto& sex = s.members.Column(core::mem::kSex).i8;
  const auto& eth = s.members.Column(core::FieldIndex(core::Level::kMember, "ethnicity"));
  std::map<std::string_view, uint32_t> index;
  for (uint32_t h = 0; h < n; ++h) {
    for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
      if (relation.empty() || relation[m] != core::kRelationHead) continue;
      if (!sex.empty()) snap->head_sex[h] = static_cast<uint8_t>(sex[m]);
      if (eth.present && !eth.strings[m].empty()) {
        auto [it, added] =
            index.emplace(eth.strings[m], static_cast<uint32_t>(snap->ethnicities.size()));
        if (added) snap->ethnicities.emplace_back(eth.strings[m]);
        snap->head_ethnicity[h] = it->second;
      }
      break;
    }
  }
}

Snapshot SnapshotOf(RoundRef round, core::Survey survey, core::Classification result) {
  Snapshot snap;
  snap.round = std::move(round);
  snap.survey = std::move(survey);
  snap.result = std::move(result);
  snap.reusable = true;
  snap.result_source = "computed";
  DeriveHouseholdValues(&snap);
  return snap;
}

Result<Snapshot> LoadSnapshot(store::Store& store, const store::RoundInfo& round,
                              const std::vector<core::StandardPtr>& standards) {
  ASSIGN_OR_RETURN(store::StoredRun run, store.LatestRun(round));
  Snapshot snap;
  snap.round = {round.year, round.kind, round.reference_date, round.standard_id};
  ASSIGN_OR_RETURN(snap.survey, store.LoadSurvey(round));
  const uint32_t n = snap.survey.household_count();
  snap.result_source =
      "classification run " + std::to_string(run.run_id) + " (" + run.classified_at + ")";

  // Household index of each answer id: both sides sorted, then merged.
  std::vector<std::pair<int64_t, uint32_t>> by_answer(n);
  for (uint32_t h = 0; h < n; ++h) by_answer[h] = {snap.survey.record_ids[h], h};
  std::sort(by_answer.begin(), by_answer.end());

  core::Classification& c = snap.result;
  c.category.assign(n, core::Category::kNotPoor);
  c.deprivation_count.assign(n, 0);
  c.deprived.assign(n, 0);
  c.income_line.assign(n, 0);
  c.choice.of_household.assign(n, 0);
  std::vector<uint8_t> seen(n, 0);
  std::map<std::string, uint8_t> slot;
  snap.reusable = true;
  size_t a = 0;
  for (const store::StoredResult& r : run.results) {
    while (a < by_answer.size() && by_answer[a].first < r.answer_id) ++a;
    if (a == by_answer.size() || by_answer[a].first != r.answer_id) continue;  // superseded
    uint32_t h = by_answer[a].second;
    auto [it, added] = slot.emplace(r.standard_id, static_cast<uint8_t>(c.choice.standards.size()));
    if (added) {
      ASSIGN_OR_RETURN(core::StandardPtr s, RunStandard(standards, r.standard_id, run.parameters));
      if (s->version() != run.standard_version) snap.reusable = false;
      c.choice.standards.push_back(std::move(s));
    }
    const core::Standard& s = *c.choice.standards[it->second];
    uint32_t bits = 0;
    if (!DeprivedBits(s, r.deprived, &bits)) {
      return FailedPrecondition("classification run " + std::to_string(run.run_id) + " of round " +
                                std::to_string(round.year) + " names indicators (" + r.deprived +
                                ") that standard " + s.id() +
                                " no longer has; classify the round again: lnob classify --db "
                                "URL --round " +
                                std::to_string(round.year));
    }
    c.choice.of_household[h] = it->second;
    c.category[h] = r.category;
    c.deprivation_count[h] = static_cast<uint8_t>(r.deprivation_count);
    c.deprived[h] = bits;
    c.income_line[h] = r.income_line;
    seen[h] = 1;
  }
  size_t missing = static_cast<size_t>(std::count(seen.begin(), seen.end(), 0));
  if (missing > 0) {
    return FailedPrecondition(std::to_string(missing) + " households of round " +
                              std::to_string(round.year) +
                              " were imported or changed after its last classification (run " +
                              std::to_string(run.run_id) +
                              "); classify the round again before reporting on it: lnob classify "
                              "--db URL --round " +
                              std::to_string(round.year));
  }
  if (c.choice.standards.empty()) {
    ASSIGN_OR_RETURN(core::StandardPtr s, RunStandard(standards, run.standard_id, run.parameters));
    c.choice.standards.push_back(std::move(s));
  }
  DeriveHouseholdValues(&snap);
  return snap;
}

}  // namespace lnob::analytics
