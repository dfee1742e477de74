// JoinMembers (member_checks.hpp): the members the parser could not join as it read them.
#include <algorithm>

#include "core/schema.hpp"
#include "ingest/member_checks.hpp"
#include "ingest/parallel.hpp"

namespace lnob::ingest::internal {
namespace {

// Joins the members that the parser left to find among candidates [begin, end): rows, or entries
// of key_rows when the household_id column is not kept (`listed`); see JoinMembers.
void JoinRange(const HouseholdIndex& index, ParsedFile* members, bool report_unknown, bool listed,
               size_t begin, size_t end, ErrorSink* out) {
  const auto& keys = members->table.columns[core::mem::kHouseholdId].strings;
  const uint32_t key_col = members->column_of_field[core::mem::kHouseholdId];
  std::vector<uint32_t>& of = members->member_household;
  std::vector<uint8_t>& flags = members->row_flags;
  constexpr size_t kBatch = HouseholdIndex::kBatch;
  size_t rows[kBatch];
  std::string_view wanted[kBatch];
  uint32_t found[kBatch];
  size_t pending = 0;
  auto flush = [&] {
    index.FindMany(wanted, pending, found);
    for (size_t i = 0; i < pending; ++i) {
      const size_t m = rows[i];
      of[m] = found[i];
      if (found[i] != kNoHousehold) continue;
      flags[m] |= kRowBadKey;
      if (!report_unknown || (flags[m] & kRowBroken) != 0) continue;
      PendingError e;
      e.file = 1;
      e.kind = ErrorKind::kUnknownHousehold;
      e.line = members->table.source_line[m];
      e.column = key_col;
      e.field = core::mem::kHouseholdId;
      e.column_name = "household_id";
      e.value = e.key = wanted[i];
      out->Add(e);
    }
    pending = 0;
  };
  for (size_t k = begin; k < end; ++k) {
    const size_t m = listed ? members->key_rows[k] : k;
    if (of[m] != kHouseholdToFind) continue;
    rows[pending] = m;
    wanted[pending] = listed ? members->key_values[k] : keys[m];
    if (++pending == kBatch) flush();
  }
  flush();
}

}  // namespace

void JoinMembers(const HouseholdIndex& index, ParsedFile* members, bool report_unknown, int threads,
                 ErrorSink* out) {
  const size_t rows = members->table.rows;
  if (members->member_household.size() != rows) return;  // no household_id column
  // Without the household_id column (drop_member_keys) only the listed rows are candidates.
  const bool listed = members->table.columns[core::mem::kHouseholdId].strings.size() != rows;
  const size_t n = listed ? members->key_rows.size() : rows;
  const int parts = n < (1u << 16) || threads < 1 ? 1 : threads;
  std::vector<ErrorSink> sinks(parts, ErrorSink(out->limit));
  RunParallel(
      parts,
      [&](int t) {
        JoinRange(index, members, report_unknown, listed, n * t / parts, n * (t + 1) / parts,
                  &sinks[t]);
      },
      nullptr);
  for (const ErrorSink& sink : sinks) {  // in file order: the ranges follow each other
    for (const PendingError& e : sink.list) {
      if (out->list.size() < out->limit) out->list.push_back(e);
    }
    out->count += sink.count;
  }
}

}  // namespace lnob::ingest::internal
