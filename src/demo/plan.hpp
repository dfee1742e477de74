// The plan of the demo province: how many households each former province has in each round and
// how many of them are poor, near-poor and middle-income (the source account's figures), and for
// every household where it lives, who it is and its category in each round.
//
//   Figures f = DemoFigures(1.0);                 // the account's figures, scaled
//   Plan plan = MakePlan(geography, f, seed);      // exact counts per former province and year
//
// Categories come from a ranking: each household has a lasting propensity to be poor (remote
// commune, ethnic group, size) plus a shock each year and a pull towards last year's category; in
// each former province and round the highest-ranked are poor, then near-poor, then middle, so the
// counts are exact while households escape, become poor, and fall back year by year. The answers
// (answers.hpp) are then made to produce each planned category under the standard, and the real
// classifier decides. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "demo/geography.hpp"

namespace lnob::demo {

inline constexpr int kFirstYear = 2021;
inline constexpr int kYears = 5;  // rounds 2021 .. 2025

enum PlannedCategory : int8_t { kAbsent = -1, kPoor = 0, kNearPoor = 1, kMiddle = 2, kNotPoor = 3 };

struct YearFigures {
  int64_t households = 0, poor = 0, near_poor = 0, middle = 0;
};

struct Figures {
  YearFigures part[2][kYears];  // [kPartTuyenQuang | kPartHaGiang][year - kFirstYear]
  int64_t persons_2025 = 0;     // the merged province, end of 2025
  int64_t meo_vac_persons_2025 = 0;
};

// The account's figures at `scale` (1.0: about 408,400 households in 2025): counts are scaled and
// rounded so that each rate stays what the account says.
Figures DemoFigures(double scale);

struct PlannedHousehold {
  uint32_t old_unit = 0, village = 0;  // indices in Geography
  uint32_t seq = 0;                    // number within its old unit (its id: "<code>-<seq>")
  uint8_t part = 0, ethnic = 0, size = 0;
  float propensity = 0;
  int8_t category[kYears];  // PlannedCategory per round; kAbsent before it formed or after it left
};

struct Plan {
  std::vector<PlannedHousehold> households;
};

// Households of both former provinces, their presence and categories. Deterministic for `seed`.
Plan MakePlan(const Geography& g, const Figures& f, uint64_t seed);

}  // namespace lnob::demo
