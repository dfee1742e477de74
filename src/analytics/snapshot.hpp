// A round held in memory for analysis: its answers, its results, and what every report groups by.
//
//   ASSIGN_OR_RETURN(auto all, ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory()));
//   ASSIGN_OR_RETURN(store::RoundInfo round, store.FindRound(2024));
//   ASSIGN_OR_RETURN(Snapshot snap, LoadSnapshot(store, round, all));
//   snap.result.category[h];                  // the round's stored result for household h
//   snap.head_sex[h];                         // 0 male, 1 female, kUnknownCode without a head
//
// The results are those of the round's latest classification run, as stored (the official
// figures); a round whose answers changed after that run is refused until it is classified again,
// so that figures never mix two states. Everything derived per household (ages, the head's sex and
// ethnicity) is computed once here, so that rates, what-ifs and decompositions are single passes.
// Thread-safety: immutable after loading; concurrent reads are safe. Move it; do not copy it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/result.hpp"
#include "core/classifier.hpp"
#include "core/survey.hpp"
#include "store/store.hpp"

namespace lnob::analytics {

inline constexpr uint8_t kUnknownCode = 255;
inline constexpr uint32_t kNoIndex = 0xffffffffu;

struct RoundRef {
  int year = 0;
  std::string kind = "periodic";
  Date reference_date;
  std::string standard_id;
};

struct Snapshot {
  RoundRef round;
  core::Survey survey;
  std::vector<int32_t> ages;    // per member: completed years on the household's survey date
  core::Classification result;  // per household
  bool reusable = false;        // result's indicator bits may seed a what-if (same standard file)
  std::string result_source;    // "classification run 7 (2024-12-02T08:00:00Z)" or "computed"

  std::vector<uint8_t> head_sex;         // sex code of the head (relation == head)
  std::vector<uint32_t> head_ethnicity;  // index into `ethnicities`, kNoIndex when not recorded
  std::vector<std::string> ethnicities;  // distinct values, in order of first appearance

  uint32_t household_count() const { return survey.household_count(); }
  uint32_t persons(uint32_t h) const { return survey.member_begin[h + 1] - survey.member_begin[h]; }
};

// The round's current answers and its latest stored results. NotFound when the round has never
// been classified; FailedPrecondition when answers changed after the last run, or when the run
// names a standard or indicator that `standards` no longer has (both say what to run).
Result<Snapshot> LoadSnapshot(store::Store& store, const store::RoundInfo& round,
                              const std::vector<core::StandardPtr>& standards);

// A snapshot of a survey and its classification computed in memory (CSV input, benchmarks).
Snapshot SnapshotOf(RoundRef round, core::Survey survey, core::Classification result);

// Fills ages, head_sex, head_ethnicity and ethnicities from the survey.
void DeriveHouseholdValues(Snapshot* snap);

}  // namespace lnob::analytics
