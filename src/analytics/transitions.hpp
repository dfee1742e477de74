// Transitions between review rounds, per household and aggregated: who stayed poor, escaped, became
// poor for the first time, or fell back into poverty after escaping, and how long exits last.
//
//   std::vector<RoundCategories> rounds = ...;   // every periodic round up to `to`, oldest first
//   ASSIGN_OR_RETURN(Transitions t, ComputeTransitions(rounds, 2023, 2024, unit_of));
//   t.total.escaped;                               // poor in 2023, not poor in 2024
//
// Definitions (docs/analytics.md), for households present in `to` unless said otherwise:
//   stayed_poor    poor in `from` and in `to`
//   escaped        poor in `from`, near-poor, middle or not poor in `to` (escaped_to_near_poor:
//                  near-poor in `to`)
//   fell_back      poor in `to`, not poor or absent in `from`, and out of poverty before: poor in
//                  some round, then present and not poor in a later round, both before `to`
//   newly_poor     poor in `to`, not poor or absent in `from`, and not fallen back
//   stayed_near_poor, became_near_poor (near-poor in `to`, not near-poor in `from`)
//   entered / left present in `to` only / in `from` only
// An exit is a household poor in one round and present and not poor in the next; it lasts while
// the household is present and not poor in the rounds after it. Rounds are compared in year order;
// a household absent from a round breaks nothing but is not counted as out of poverty in it.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "analytics/unit_catalog.hpp"
#include "core/standard.hpp"
#include "store/store.hpp"

namespace lnob::analytics {

// One round's result per household, sorted by household id.
struct RoundCategories {
  int year = 0;
  std::vector<std::pair<std::string, core::Category>> households;
};

struct TransitionCounts {
  std::string unit_code, unit_name;  // empty for the total
  uint64_t households_from = 0, households_to = 0;
  uint64_t poor_from = 0, poor_to = 0;
  uint64_t stayed_poor = 0, escaped = 0, escaped_to_near_poor = 0;
  uint64_t newly_poor = 0, fell_back = 0;
  uint64_t stayed_near_poor = 0, became_near_poor = 0;
  uint64_t entered = 0, left = 0;
};

// Exits of one round (year): how many there were and how they held up to the last round.
struct ExitCohort {
  int year = 0;  // the round in which the households were first out of poverty
  uint64_t escaped = 0;
  uint64_t fell_back = 0;           // poor again in a later round up to `to`
  uint64_t still_out = 0;           // not poor in `to`
  uint64_t not_seen = 0;            // absent from `to` without having fallen back
  std::vector<uint64_t> out_after;  // [k]: still out (present, not poor) k+1 rounds later
};

struct HouseholdTransition {
  std::string household_id;
  int from = -1, to = -1;  // category codes; -1 absent
  std::string flow;        // "stayed_poor", "escaped", "newly_poor", "fell_back", ... or ""
};

struct Transitions {
  int from_year = 0, to_year = 0;
  // [from][to]: category codes 0..3 (not_poor, middle, near_poor, poor), 4 = absent.
  uint64_t matrix[5][5] = {};
  TransitionCounts total;
  std::vector<TransitionCounts> by_unit;        // sorted by unit code
  std::vector<ExitCohort> exits;                // one per round after the first, up to `to`
  std::vector<HouseholdTransition> households;  // every household of from or to, by id
};

// `unit_of(household_id)` returns the (code, name) of the unit a household is counted in; it may
// be empty to skip the per-unit table. InvalidArgument when `from` or `to` is not among the
// rounds or `from` is not before `to`.
Result<Transitions> ComputeTransitions(
    const std::vector<RoundCategories>& rounds, int from_year, int to_year,
    const std::function<std::pair<std::string, std::string>(const std::string&)>& unit_of);

// ComputeTransitions over the registry: every classified round of `kind` up to `to` (one query
// each, no answers), each household counted in the unit of `level` holding it under the units of
// `to`'s reference date (from the latest round it appears in). NotFound when `from` or `to` has
// no results (saying how to classify); earlier unclassified rounds are skipped.
Result<Transitions> TransitionsFromStore(store::Store& store, const UnitCatalog& catalog,
                                         const std::string& kind, int from_year, int to_year,
                                         UnitLevel level);

}  // namespace lnob::analytics
