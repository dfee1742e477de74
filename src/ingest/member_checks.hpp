// Internal to ingest: members joined to their households (JoinMembers), grouped by household (a
// counting sort, skipped when the file is already in household order), and the rules that span
// rows: every household has members, exactly one head, and distinct member ids.
//
//   ErrorSink unknown(max_errors);
//   JoinMembers(index, &members, /*report_unknown=*/true, threads, &unknown);
//   std::vector<uint32_t> member_begin;
//   GroupMembers(households, &members, threads, &member_begin);
//   TopErrors cross(max_errors);
//   CheckMembers(households, members, member_begin, threads, &cross);
//
// Thread-safety: functions of their arguments; GroupMembers uses `threads` threads internally.
#pragma once

#include <cstdint>
#include <vector>

#include "ingest/pending_error.hpp"
#include "ingest/table_parser.hpp"

namespace lnob::ingest::internal {

// Keeps the `limit` first errors in file order among all those added (in any order), and counts
// them all.
class TopErrors {
 public:
  explicit TopErrors(size_t limit) : limit_(limit) {}
  void Add(const PendingError& e);
  // Adds every error `other` counted (keeping the first in file order, as Add does).
  void Merge(const TopErrors& other);
  size_t limit() const { return limit_; }
  uint64_t count() const { return count_; }
  // Returns the kept errors in file order.
  std::vector<PendingError> Sorted() const;

 private:
  size_t limit_;
  uint64_t count_ = 0;
  std::vector<PendingError> heap_;  // max-heap by file order
};

// Finds the household of every member the parser left as kHouseholdToFind (members out of
// household order), in batches that overlap their memory accesses: kNoHousehold and kRowBadKey
// when its household_id is not in the households file. When report_unknown, adds to `out` one
// error per such member whose row was read whole, in file order.
void JoinMembers(const HouseholdIndex& index, ParsedFile* members, bool report_unknown, int threads,
                 ErrorSink* out);

// Fills member_begin (households.table.rows + 1 entries) and reorders every column of `members`
// so that household h's members are rows [member_begin[h], member_begin[h+1]), in file order.
// Members without a known household (kNoHousehold; already reported) are dropped.
void GroupMembers(const ParsedFile& households, ParsedFile* members, int threads,
                  std::vector<uint32_t>* member_begin);

// Adds to `out` every household without members (when both files were read completely), every
// household without a head or with a second head, and every member id used twice in a household.
// Households with a member whose row or relation is unreadable are not checked for heads. Ranges of
// households are checked on `threads` threads; the errors are the same on any number.
void CheckMembers(const ParsedFile& households, const ParsedFile& members,
                  const std::vector<uint32_t>& member_begin, int threads, TopErrors* out);

}  // namespace lnob::ingest::internal
