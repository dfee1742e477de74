// The people of the demo province: ethnic groups and their mix by district, household sizes,
// families (who lives with whom, born when) and Vietnamese names of each group's style.
//
//   std::vector<Person> family;
//   MakeFamily(rng, /*size=*/5, kHmong, &family);   // head first; ages as of 30 September 2025
//   std::string name = FullName(family[0]);          // "Giàng Seo Páo"
//
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/rng.hpp"

namespace lnob::demo {

enum Ethnic : uint8_t {
  kKinh,
  kTay,
  kHmong,
  kDao,
  kNung,
  kSanChay,
  kGiay,
  kLoLo,
  kPaThen,
  kCoLao,
  kPuPeo,
  kBoY,
  kSanDiu,
  kHoa,
  kLaChi,
  kEthnicCount
};

// The value written in members.csv ("hmong", "san_chay", ...).
std::string_view EthnicId(int ethnic);
// Weights of each ethnic group in district `mix` (geography.cpp: one mix per district).
const double* EthnicMix(int mix);
inline constexpr int kMixCount = 18;
// How much more likely a household of this group is poor, other things equal (0 for Kinh).
double EthnicPovertyEffect(int ethnic);
// Mean household size of the group in the region.
double MeanHouseholdSize(int ethnic);

// Relations, as members.csv spells them (index = code here, not the dictionary's).
inline constexpr std::string_view kRelations[] = {"head",       "spouse",  "child", "parent",
                                                  "grandchild", "sibling", "other"};
enum Relation : uint8_t { kHead, kSpouse, kChild, kParent, kGrandchild, kSibling, kOther };

// One person, fixed over the rounds (what changes with age is derived each round).
struct Person {
  int32_t birth = 0;  // yyyymmdd, never after 2025-09-30
  uint8_t male = 0, relation = 0, ethnic = 0, disability = 0;
  uint8_t family = 0, middle = 0, given = 0;  // indices into the name lists of the group's style
  uint8_t schooling = 0;                      // 0..3: how far an adult went at school
  uint64_t national_id = 0;                   // 12 digits; 0: none recorded
};

inline constexpr int32_t kAgesAsOf = 20250930;

// The household's people, head first: head, spouse, parents, children, grandchildren, the odd
// sibling; ages as of kAgesAsOf, so that babies born after an earlier round are not in it.
void MakeFamily(Rng& r, int size, int ethnic, std::vector<Person>* out);

// Family name, middle name and given name in the style of the person's group.
std::string FullName(const Person& p);

// Completed years on `on` (both yyyymmdd).
inline int AgeOn(int32_t birth, int32_t on) {
  int years = on / 10000 - birth / 10000;
  return on % 10000 < birth % 10000 ? years - 1 : years;
}

}  // namespace lnob::demo
