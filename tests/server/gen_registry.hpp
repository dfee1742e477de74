// A generated registry for the search and export tests: one province (08) of 8 communes and 24
// villages with an uneven number of households (one commune holds about 40% of them, so that
// searches take both the "gather the place's households" and the "walk the round" paths), members
// with Vietnamese names (diacritics) and unique 12-digit citizen IDs, rows written out of id order;
// imported and classified with the real `lnob`, with one user per role.
//
//   GenRegistry g = GenRegistry::Build("search", 1500);
//   ServerProcess server(g.reg.db_url);
//   for (const GenHousehold& h : g.households) ...   // what was imported, in id order
//
// Users (password kPassword): g.admin (province_admin, 08), g.officer (province_officer, 08),
// g.big_commune_officer (commune_officer of the big commune), g.commune_officer (of a small one),
// g.village_head (a village of the small commune), g.front (front_supervisor, small commune),
// g.auditor (auditor, 08).
#pragma once

#include <string>
#include <vector>

#include "tests/server/harness.hpp"

namespace lnob::testing {

struct GenMember {
  std::string name, citizen_id;
};

struct GenHousehold {
  std::string id, commune, village;
  std::vector<GenMember> members;  // the head first
};

struct GenRegistry {
  Registry reg;
  std::vector<GenHousehold> households;  // sorted by id
  std::string big_commune, small_commune, small_village;
  std::vector<std::string> communes;
  static GenRegistry Build(const std::string& name, int households);
};

inline constexpr const char* kGenAdmin = "g.admin";
inline constexpr const char* kGenOfficer = "g.officer";
inline constexpr const char* kGenBigCommune = "g.big_commune_officer";
inline constexpr const char* kGenCommune = "g.commune_officer";
inline constexpr const char* kGenVillage = "g.village_head";
inline constexpr const char* kGenFront = "g.front";
inline constexpr const char* kGenAuditor = "g.auditor";

}  // namespace lnob::testing
