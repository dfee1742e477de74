// Importing a survey into a round: one transaction, history kept.
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/clock.hpp"
#include "store/row_codec.hpp"
#include "store/store.hpp"

namespace lnob::store {
namespace {

using internal::MaskId;

struct Existing {
  int64_t id;
  std::string commune;
  std::string hash;
};

std::string MemberPlace(const core::Survey& s, uint32_t m) {
  uint32_t h = s.member_household[m];
  std::string line =
      s.members.source_line.empty() ? "" : " line " + std::to_string(s.members.source_line[m]);
  return (s.members_source.empty() ? "members.csv" : s.members_source) + line + " (household " +
         std::string(s.household_id(h)) + ", member " +
         std::string(s.members.columns[core::mem::kMemberId].strings[m]) + ")";
}

}  // namespace

Result<ImportSummary> Store::ImportSurvey(const RoundInfo& round, const core::Survey& survey,
                                          const ImportOptions& options,
                                          std::vector<DuplicateId>* duplicates) {
  using core::Level;
  const uint32_t n = survey.household_count();
  const auto& communes = survey.households.columns[core::hh::kCommuneCode].strings;
  const auto& dates = survey.households.columns[core::hh::kSurveyDate].i32;

  // The province of every household: its own column, else its commune's unit, else the option.
  std::vector<std::string> province(n);
  {
    const auto& col =
        survey.households.columns[core::FieldIndex(Level::kHousehold, "province_code")];
    std::unordered_map<std::string, std::string> by_commune;
    for (uint32_t h = 0; h < n; ++h) {
      if (col.present && !col.strings[h].empty()) {
        province[h] = std::string(col.strings[h]);
        continue;
      }
      std::string c(communes[h]);
      auto it = by_commune.find(c);
      if (it == by_commune.end()) {
        auto p = ProvinceOf(c, Date{static_cast<int32_t>(dates[h])});
        std::string value = p.ok() ? *p : options.province_code;
        if (value.empty()) {
          return InvalidArgument(
              "cannot tell the province of commune " + c + " (household " +
              std::string(survey.household_id(h)) +
              "): add a province_code column, import the "
              "administrative units first (lnob units import), or pass --province");
        }
        it = by_commune.emplace(c, value).first;
      }
      province[h] = it->second;
    }
  }

  // The same citizen ID twice in the file.
  std::vector<DuplicateId> dups;
  const auto& ids = survey.members.columns[core::mem::kNationalId];
  std::unordered_map<std::string_view, uint32_t> seen;
  std::unordered_set<std::string> file_households;
  for (uint32_t h = 0; h < n; ++h) file_households.emplace(survey.household_id(h));
  if (ids.present) {
    for (uint32_t m = 0; m < survey.member_count(); ++m) {
      std::string_view id = ids.strings[m];
      if (id.empty()) continue;
      auto [it, fresh] = seen.emplace(id, m);
      if (!fresh)
        dups.push_back({MaskId(id), MemberPlace(survey, it->second), MemberPlace(survey, m)});
    }
  }

  std::set<std::string> covered(communes.begin(), communes.end());
  ImportSummary summary;
  summary.households = n;
  summary.members = survey.member_count();
  Status s = InTransaction(*db_, [&]() -> Status {
    if (db_->dialect() == Dialect::kPostgres) {
      RETURN_IF_ERROR(db_->Exec("LOCK TABLE household_answers IN SHARE ROW EXCLUSIVE MODE"));
    }
    // The round's current answers.
    std::unordered_map<std::string, Existing> existing;
    {
      ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, household_id, commune_code, content_hash "
                                             "FROM household_answers WHERE round_id = ? AND "
                                             "superseded_by IS NULL"));
      st->BindInt(1, round.id);
      while (true) {
        ASSIGN_OR_RETURN(bool row, st->Next());
        if (!row) break;
        existing.emplace(std::string(st->ColumnText(1)),
                         Existing{st->ColumnInt(0), std::string(st->ColumnText(2)),
                                  std::string(st->ColumnText(3))});
      }
    }
    // Citizen IDs already in the round, in households this import neither replaces nor removes.
    if (ids.present && !seen.empty()) {
      ASSIGN_OR_RETURN(
          auto st,
          db_->Prepare("SELECT m.national_id, a.household_id, m.member_id, a.commune_code FROM "
                       "member_answers m "
                       "JOIN household_answers a ON a.id = m.answer_id WHERE a.round_id = ? AND "
                       "a.superseded_by IS NULL AND m.national_id <> ''"));
      st->BindInt(1, round.id);
      while (true) {
        ASSIGN_OR_RETURN(bool row, st->Next());
        if (!row) break;
        std::string hid(st->ColumnText(1));
        if (file_households.count(hid) || covered.count(std::string(st->ColumnText(3)))) continue;
        auto it = seen.find(st->ColumnText(0));
        if (it == seen.end()) continue;
        dups.push_back({MaskId(st->ColumnText(0)), MemberPlace(survey, it->second),
                        "round " + std::to_string(round.year) + ", household " + hid + ", member " +
                            std::string(st->ColumnText(2)) + " (already stored)"});
      }
    }
    if (!dups.empty()) {
      if (duplicates) *duplicates = dups;
      return InvalidArgument(std::to_string(dups.size()) +
                             " citizen ID(s) appear twice in the round; nothing was stored. "
                             "Correct the IDs (or the households) and import again.");
    }

    // The import itself.
    std::string now = NowUtcIso();
    ASSIGN_OR_RETURN(
        auto ins,
        db_->Prepare(
            "INSERT INTO imports (round_id, households_file, members_file, households, members, "
            "added, changed, unchanged, removed, imported_at, author) VALUES "
            "(?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?) RETURNING id"));
    ins->BindInt(1, round.id);
    ins->BindText(2, options.households_file);
    ins->BindText(3, options.members_file);
    ins->BindInt(4, n);
    ins->BindInt(5, survey.member_count());
    ins->BindText(6, now);
    ins->BindText(7, options.author);
    ASSIGN_OR_RETURN(bool got, ins->Next());
    if (!got) return Internal("the import was not recorded");
    summary.import_id = ins->ColumnInt(0);
    ins.reset();

    // Which households are new, changed, unchanged; which of the covered communes are gone.
    std::vector<uint32_t> to_write;
    std::vector<int64_t> to_close;
    std::vector<std::string> hashes(n);
    for (uint32_t h = 0; h < n; ++h) {
      hashes[h] = internal::ContentHash(survey, h);
      auto it = existing.find(std::string(survey.household_id(h)));
      if (it == existing.end()) {
        ++summary.added;
        to_write.push_back(h);
      } else if (it->second.hash != hashes[h]) {
        ++summary.changed;
        to_write.push_back(h);
        to_close.push_back(it->second.id);
      } else {
        ++summary.unchanged;
      }
    }
    for (const auto& [hid, e] : existing) {
      if (covered.count(e.commune) && !file_households.count(hid)) {
        ++summary.removed;
        to_close.push_back(e.id);
      }
    }
    if (!to_close.empty()) {
      RETURN_IF_ERROR(db_->Exec("CREATE TEMP TABLE IF NOT EXISTS lnob_close (id BIGINT)"));
      RETURN_IF_ERROR(db_->Exec("DELETE FROM lnob_close"));
      ASSIGN_OR_RETURN(auto bulk, db_->Bulk("lnob_close", {"id"}));
      for (int64_t id : to_close) {
        bulk->Int(id);
        RETURN_IF_ERROR(bulk->EndRow());
      }
      RETURN_IF_ERROR(bulk->Finish());
      ASSIGN_OR_RETURN(auto up, db_->Prepare("UPDATE household_answers SET superseded_by = ? "
                                             "WHERE id IN (SELECT id FROM lnob_close)"));
      up->BindInt(1, summary.import_id);
      RETURN_IF_ERROR(up->Run());
    }

    // New answer rows: ids assigned here so that members can point at them without round trips.
    ASSIGN_OR_RETURN(auto maxq, db_->Prepare("SELECT COALESCE(MAX(id), 0) FROM household_answers"));
    ASSIGN_OR_RETURN(bool any, maxq->Next());
    int64_t next_id = (any ? maxq->ColumnInt(0) : 0) + 1;
    maxq.reset();

    std::vector<std::string> hcols = {"id", "round_id", "household_id", "province_code",
                                      "import_id"};
    std::vector<int> hfields = internal::StoredFields(Level::kHousehold);
    for (int f : hfields) hcols.emplace_back(core::Fields(Level::kHousehold)[f].name);
    for (const char* c : {"extra", "content_hash", "source_line"}) hcols.emplace_back(c);
    std::vector<std::string> mcols = {"answer_id", "position"};
    std::vector<int> mfields = internal::StoredFields(Level::kMember);
    for (int f : mfields) mcols.emplace_back(core::Fields(Level::kMember)[f].name);
    for (const char* c : {"extra", "source_line"}) mcols.emplace_back(c);

    ASSIGN_OR_RETURN(auto hb, db_->Bulk("household_answers", hcols));
    std::vector<int64_t> answer_id(n, 0);
    uint64_t done = 0;
    for (uint32_t h : to_write) {
      answer_id[h] = next_id++;
      hb->Int(answer_id[h]);
      hb->Int(round.id);
      hb->Text(survey.household_id(h));
      hb->Text(province[h]);
      hb->Int(summary.import_id);
      for (int f : hfields) internal::AppendField(*hb, survey, Level::kHousehold, f, h);
      hb->Text(internal::ExtrasJson(survey.households, h));
      hb->Text(hashes[h]);
      hb->Int(survey.households.source_line.empty() ? 0 : survey.households.source_line[h]);
      RETURN_IF_ERROR(hb->EndRow());
      if (++done % 8192 == 0 && options.progress) options.progress(done, to_write.size() * 2);
    }
    RETURN_IF_ERROR(hb->Finish());
    hb.reset();
    ASSIGN_OR_RETURN(auto mb, db_->Bulk("member_answers", mcols));
    done = 0;
    for (uint32_t h : to_write) {
      int position = 0;
      for (uint32_t m = survey.member_begin[h]; m < survey.member_begin[h + 1]; ++m) {
        mb->Int(answer_id[h]);
        mb->Int(++position);
        for (int f : mfields) internal::AppendField(*mb, survey, Level::kMember, f, m);
        mb->Text(internal::ExtrasJson(survey.members, m));
        mb->Int(survey.members.source_line.empty() ? 0 : survey.members.source_line[m]);
        RETURN_IF_ERROR(mb->EndRow());
      }
      if (++done % 8192 == 0 && options.progress) {
        options.progress(to_write.size() + done, to_write.size() * 2);
      }
    }
    RETURN_IF_ERROR(mb->Finish());
    mb.reset();

    ASSIGN_OR_RETURN(auto up, db_->Prepare("UPDATE imports SET added = ?, changed = ?, "
                                           "unchanged = ?, removed = ? WHERE id = ?"));
    up->BindInt(1, summary.added);
    up->BindInt(2, summary.changed);
    up->BindInt(3, summary.unchanged);
    up->BindInt(4, summary.removed);
    up->BindInt(5, summary.import_id);
    return up->Run();
  });
  if (!s.ok()) return s;
  if (options.progress) options.progress(1, 1);
  return summary;
}

}  // namespace lnob::store
