// The units of the demo province as they really changed: former Ha Giang (02) and former Tuyen
// Quang (08) with their districts, communes, wards and townships (real codes and names,
// unit_tables.cpp) and invented villages; Meo Vac commune formed on 16 June 2025 from Meo Vac
// township and the communes Ta Lung, Giang Chu Phin and Pa Vi; the merger on 1 July 2025 into the
// new Tuyen Quang (08): 124 units, 117 communes and 7 wards, districts abolished.
//
//   Geography g = BuildGeography(seed);
//   std::string csv = UnitsCsv(g);        // docs/units.md format, for ingest::ParseUnitsCsv
//
// Which old units form which new unit is derived (each new unit keeps the code of one of them;
// the others go to the new unit of their district with the nearest code), except Meo Vac, which
// follows the resolution. Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace lnob::demo {

inline constexpr int kPartTuyenQuang = 0;  // former Tuyen Quang (08)
inline constexpr int kPartHaGiang = 1;     // former Ha Giang (02)
inline constexpr Date kUnitsStart{20200101};
inline constexpr Date kMeoVacFormed{20250616};
inline constexpr Date kMerger{20250701};

struct District {
  std::string province, code, name;
  bool city = false;
  double remoteness = 0;  // 0 (provincial town) .. 1 (Dong Van plateau)
  int mix = 0;            // index of its ethnic mix (people.hpp)
};

struct Village {
  std::string code, name;
  uint32_t old_unit = 0;
  bool residential_group = false;  // tổ dân phố (wards, townships) rather than thôn/bản
};

struct OldUnit {
  std::string code, name;
  char kind = 'X';  // P ward, T township, X commune
  uint32_t district = 0;
  int part = 0;
  uint32_t new_unit = 0;
  double remoteness = 0;
  double weight = 1;  // share of its province's households (relative)
  uint32_t first_village = 0, village_count = 0;
  bool urban() const { return kind != 'X'; }
  Date last_day() const;  // 2025-06-15 for the four units of Meo Vac, else 2025-06-30
};

struct NewUnit {
  std::string code, name;
  char kind = 'X';  // P ward, X commune
  std::vector<uint32_t> old_units;
  bool urban() const { return kind == 'P'; }
};

struct Geography {
  std::vector<District> districts;
  std::vector<OldUnit> old_units;
  std::vector<NewUnit> new_units;
  std::vector<Village> villages;
  uint32_t meo_vac = 0;  // index in new_units
  std::vector<uint32_t>
      meo_vac_old;  // indices in old_units (township, Pa Vi, Giang Chu Phin, Ta Lung)
};

// The whole geography; village names depend on `seed`, everything else is fixed.
Geography BuildGeography(uint64_t seed);

// Every unit version and lineage event, as a units CSV (docs/units.md).
std::string UnitsCsv(const Geography& g);

}  // namespace lnob::demo
