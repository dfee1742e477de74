// Loading a round's current answers back into a columnar Survey.
#include <deque>
#include <unordered_map>

#include "store/row_codec.hpp"
#include "store/store.hpp"

namespace lnob::store {
namespace {

using core::Level;

// Owns the text of a loaded survey; string_views point into it.
struct Arena {
  std::deque<std::string> texts;
  std::string_view Keep(std::string_view s) {
    if (s.empty()) return {};
    texts.emplace_back(s);
    return texts.back();
  }
};

// Reads column `col` of the current row into field `field` of table `t`.
void ReadField(Statement& st, int col, core::Table& t, Level level, int field, Arena& arena) {
  const core::FieldDef& f = core::Fields(level)[field];
  core::FieldColumn& c = t.columns[field];
  switch (f.type) {
    case core::FieldType::kDecimal: c.reals.push_back(st.ColumnReal(col)); break;
    case core::FieldType::kId:
    case core::FieldType::kString:
    case core::FieldType::kCitizenId: c.strings.push_back(arena.Keep(st.ColumnText(col))); break;
    default: {
      const int64_t v = st.ColumnIsNull(col) ? -1 : st.ColumnInt(col);
      switch (core::IntBits(f.type)) {
        case 8: c.i8.push_back(static_cast<int8_t>(v)); break;
        case 32: c.i32.push_back(static_cast<int32_t>(v)); break;
        default: c.i64.push_back(v); break;
      }
      break;
    }
  }
}

std::string SelectList(const std::vector<int>& fields, Level level, const char* alias) {
  std::string out;
  for (int f : fields)
    out += std::string(", ") + alias + "." + std::string(core::Fields(level)[f].name);
  return out;
}

}  // namespace

Result<core::Survey> Store::LoadSurvey(const RoundInfo& round, const std::string& commune) {
  core::Survey s;
  s.households = core::MakeTable(Level::kHousehold);
  s.members = core::MakeTable(Level::kMember);
  auto arena = std::make_shared<Arena>();
  s.households_source = "round " + std::to_string(round.year);
  s.members_source = s.households_source;

  const std::vector<int> hfields = internal::StoredFields(Level::kHousehold);
  const std::vector<int> mfields = internal::StoredFields(Level::kMember);
  const int province_field = core::FieldIndex(Level::kHousehold, "province_code");
  std::string filter = commune.empty() ? "" : " AND a.commune_code = ?";
  ASSIGN_OR_RETURN(auto hq, db_->Prepare("SELECT a.id, a.household_id, a.province_code, "
                                         "a.source_line" +
                                         SelectList(hfields, Level::kHousehold, "a") +
                                         " FROM household_answers a WHERE a.round_id = ? AND "
                                         "a.superseded_by IS NULL" +
                                         filter + " ORDER BY a.id"));
  hq->BindInt(1, round.id);
  if (!commune.empty()) hq->BindText(2, commune);
  std::unordered_map<int64_t, uint32_t> index;
  bool waste_null = false;
  const int waste = core::FieldIndex(Level::kHousehold, "waste_treated");
  while (true) {
    ASSIGN_OR_RETURN(bool row, hq->Next());
    if (!row) break;
    uint32_t h = s.households.rows++;
    int64_t id = hq->ColumnInt(0);
    s.record_ids.push_back(id);
    index.emplace(id, h);
    s.households.columns[core::hh::kHouseholdId].strings.push_back(arena->Keep(hq->ColumnText(1)));
    s.households.columns[province_field].strings.push_back(arena->Keep(hq->ColumnText(2)));
    s.households.source_line.push_back(static_cast<uint32_t>(hq->ColumnInt(3)));
    for (size_t i = 0; i < hfields.size(); ++i) {
      if (hfields[i] == waste && hq->ColumnIsNull(static_cast<int>(i) + 4)) waste_null = true;
      ReadField(*hq, static_cast<int>(i) + 4, s.households, Level::kHousehold, hfields[i], *arena);
    }
  }
  hq.reset();
  for (size_t f = 0; f < s.households.columns.size(); ++f) s.households.columns[f].present = true;
  if (waste_null) {
    // Households imported without the column: the standards that need it will say so.
    s.households.columns[waste].present = false;
    s.households.columns[waste].i8.clear();
  }

  ASSIGN_OR_RETURN(auto mq, db_->Prepare("SELECT m.answer_id, m.source_line" +
                                         SelectList(mfields, Level::kMember, "m") +
                                         " FROM member_answers m JOIN household_answers a ON a.id "
                                         "= m.answer_id WHERE a.round_id = ? "
                                         "AND a.superseded_by IS NULL" +
                                         filter + " ORDER BY m.answer_id, m.position"));
  mq->BindInt(1, round.id);
  if (!commune.empty()) mq->BindText(2, commune);
  s.member_begin.assign(s.households.rows + 1, 0);
  uint32_t current = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, mq->Next());
    if (!row) break;
    auto it = index.find(mq->ColumnInt(0));
    if (it == index.end()) return DataLoss("a member row points at a missing household");
    uint32_t h = it->second;
    while (current < h) s.member_begin[++current] = s.members.rows;
    uint32_t m = s.members.rows++;
    s.member_household.push_back(h);
    s.members.columns[core::mem::kHouseholdId].strings.push_back(
        s.households.columns[core::hh::kHouseholdId].strings[h]);
    s.members.source_line.push_back(static_cast<uint32_t>(mq->ColumnInt(1)));
    for (size_t i = 0; i < mfields.size(); ++i) {
      ReadField(*mq, static_cast<int>(i) + 2, s.members, Level::kMember, mfields[i], *arena);
    }
    (void)m;
  }
  while (current < s.households.rows) s.member_begin[++current] = s.members.rows;
  for (auto& c : s.members.columns) c.present = true;
  s.storage.push_back(arena);
  return s;
}

}  // namespace lnob::store
