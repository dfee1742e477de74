// Likely duplicate persons in a round: the same citizen ID, or the same name and birth date in one
// commune (names compared without case, spacing or diacritics).
#include <map>
#include <tuple>

#include "common/name_key.hpp"
#include "store/store.hpp"

namespace lnob::store {

Result<std::vector<DuplicateCandidate>> Store::FindDuplicates(const RoundInfo& round) {
  struct Person {
    std::string household, member, national_id, commune;
  };
  ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare(
          "SELECT a.household_id, m.member_id, m.national_id, a.commune_code, m.full_name, "
          "m.birth_date FROM member_answers m JOIN household_answers a ON a.id = m.answer_id "
          "WHERE a.round_id = ? AND a.superseded_by IS NULL ORDER BY a.id, m.position"));
  st->BindInt(1, round.id);
  std::map<std::string, std::vector<Person>> by_id;
  std::map<std::tuple<std::string, std::string, int64_t>, std::vector<Person>> by_name;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Next());
    if (!row) break;
    Person p{std::string(st->ColumnText(0)), std::string(st->ColumnText(1)),
             std::string(st->ColumnText(2)), std::string(st->ColumnText(3))};
    std::string name(st->ColumnText(4));
    int64_t birth = st->ColumnInt(5);
    if (!p.national_id.empty()) by_id[p.national_id].push_back(p);
    if (!name.empty()) by_name[{p.commune, NameKey(name), birth}].push_back(p);
  }
  std::vector<DuplicateCandidate> out;
  auto pairs = [&](const std::vector<Person>& group, const std::string& reason) {
    for (size_t i = 1; i < group.size(); ++i) {
      out.push_back(
          {reason, group[0].household, group[0].member, group[i].household, group[i].member});
    }
  };
  for (const auto& [id, group] : by_id) {
    if (group.size() > 1) pairs(group, "same citizen ID");
  }
  for (const auto& [key, group] : by_name) {
    if (group.size() > 1) {
      pairs(group, "same name and birth date in commune " + std::get<0>(key));
    }
  }
  return out;
}

}  // namespace lnob::store
