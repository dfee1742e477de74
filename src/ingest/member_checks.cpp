#include "ingest/member_checks.hpp"

#include <algorithm>
#include <functional>

#include "core/schema.hpp"
#include "ingest/parallel.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest::internal {
namespace {

template <typename T>
void Gather(std::vector<T>* v, const std::vector<uint32_t>& order) {
  if (v->empty()) return;
  std::vector<T> out;
  ResizeFresh(&out, order.size());
  const T* src = v->data();
  const size_t n = order.size();
  constexpr size_t kAhead = 16;  // members out of order: ask for the rows ahead
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(src + order[i + kAhead]);
    out[i] = src[order[i]];
  }
  v->swap(out);
}

constexpr std::string_view kHead = "head";

}  // namespace

void TopErrors::Add(const PendingError& e) {
  ++count_;
  if (heap_.size() < limit_) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), FileOrder);
  } else if (!heap_.empty() && FileOrder(e, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), FileOrder);
    heap_.back() = e;
    std::push_heap(heap_.begin(), heap_.end(), FileOrder);
  }
}

void TopErrors::Merge(const TopErrors& other) {
  for (const PendingError& e : other.heap_) Add(e);
  count_ += other.count_ - other.heap_.size();
}

std::vector<PendingError> TopErrors::Sorted() const {
  std::vector<PendingError> out = heap_;
  std::sort_heap(out.begin(), out.end(), FileOrder);
  return out;
}

void GroupMembers(const ParsedFile& households, ParsedFile* members, int threads,
                  std::vector<uint32_t>* member_begin) {
  const uint32_t n_households = households.table.rows;
  const std::vector<uint32_t>& of = members->member_household;
  std::vector<uint32_t>& begin = *member_begin;
  begin.assign(n_households + 1, 0);
  bool grouped = true;
  uint32_t prev = 0;
  for (uint32_t h : of) {
    if (h == kNoHousehold) {
      grouped = false;
      continue;
    }
    ++begin[h + 1];
    grouped &= h >= prev;
    prev = h;
  }
  for (uint32_t h = 0; h < n_households; ++h) begin[h + 1] += begin[h];
  if (grouped) return;  // already in household order: nothing to move

  std::vector<uint32_t> order(begin[n_households]);
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t m = 0; m < of.size(); ++m) {
    if (of[m] != kNoHousehold) order[next[of[m]]++] = m;
  }
  core::Table& t = members->table;
  std::vector<std::function<void()>> jobs;
  for (auto& col : t.columns) {
    if (!col.i64.empty()) jobs.emplace_back([&col, &order] { Gather(&col.i64, order); });
    if (!col.i32.empty()) jobs.emplace_back([&col, &order] { Gather(&col.i32, order); });
    if (!col.i8.empty()) jobs.emplace_back([&col, &order] { Gather(&col.i8, order); });
    if (!col.reals.empty()) jobs.emplace_back([&col, &order] { Gather(&col.reals, order); });
    if (!col.strings.empty()) jobs.emplace_back([&col, &order] { Gather(&col.strings, order); });
  }
  for (auto& extra : t.extras)
    jobs.emplace_back([&extra, &order] { Gather(&extra.values, order); });
  jobs.emplace_back([&t, &order] { Gather(&t.source_line, order); });
  jobs.emplace_back([members, &order] { Gather(&members->row_flags, order); });
  jobs.emplace_back([members, &order] { Gather(&members->member_household, order); });
  jobs.emplace_back([members, &order] { Gather(&members->member_id_hash, order); });
  if (threads < 1 || order.size() < (1u << 16)) threads = 1;
  RunParallel(
      threads,
      [&](int i) {
        for (size_t j = static_cast<size_t>(i); j < jobs.size(); j += threads) jobs[j]();
      },
      nullptr);
  t.rows = static_cast<uint32_t>(order.size());
}

namespace {

// CheckMembers over households [hb, he).
void CheckRange(const ParsedFile& households, const ParsedFile& members,
                const std::vector<uint32_t>& member_begin, uint32_t hb, uint32_t he,
                TopErrors* out) {
  namespace hh = core::hh;
  namespace mem = core::mem;
  const auto& ids = households.table.columns[hh::kHouseholdId].strings;
  const auto& lines = members.table.source_line;
  const auto& flags = members.row_flags;
  const uint32_t hh_key_col = households.column_of_field[hh::kHouseholdId];
  const uint32_t key_col = members.column_of_field[mem::kHouseholdId];
  const uint32_t relation_col = members.column_of_field[mem::kRelation];
  const uint32_t member_col = members.column_of_field[mem::kMemberId];
  const auto& relation = members.table.columns[mem::kRelation].i8;
  const auto& member_ids = members.table.columns[mem::kMemberId].strings;
  const auto& member_hash = members.member_id_hash;
  const bool check_empty = households.complete;
  std::vector<uint32_t> sorted;

  auto error = [&](uint8_t file, ErrorKind kind, uint32_t line, uint32_t column,
                   std::string_view column_name, std::string_view value, uint32_t h) {
    PendingError e;
    e.file = file;
    e.kind = kind;
    e.line = line;
    e.column = column;
    e.column_name = column_name;
    e.value = value;
    e.key = ids[h];
    return e;
  };

  for (uint32_t h = hb; h < he; ++h) {
    const uint32_t b = member_begin[h], e = member_begin[h + 1];
    if (b == e) {
      if (check_empty && (households.row_flags[h] & (kRowBroken | kRowBadKey)) == 0) {
        out->Add(error(0, ErrorKind::kNoMembers, households.table.source_line[h], hh_key_col,
                       "household_id", ids[h], h));
      }
      continue;
    }
    if (relation_col != 0) {
      bool readable = true;
      for (uint32_t m = b; m < e; ++m) readable &= (flags[m] & (kRowBroken | kRowBadRelation)) == 0;
      uint32_t first_head = UINT32_MAX;
      for (uint32_t m = b; readable && m < e; ++m) {
        if (relation[m] != core::kRelationHead) continue;
        if (first_head == UINT32_MAX) {
          first_head = m;
          continue;
        }
        PendingError x =
            error(1, ErrorKind::kSecondHead, lines[m], relation_col, "relation", kHead, h);
        x.a = lines[first_head];
        out->Add(x);
      }
      if (readable && first_head == UINT32_MAX) {
        PendingError x = error(1, ErrorKind::kNoHead, lines[b], key_col, "household_id", ids[h], h);
        x.a = lines[b];
        x.b = e - b;
        out->Add(x);
      }
    }
    if (member_col != 0 && e - b > 1) {
      sorted.clear();
      for (uint32_t m = b; m < e; ++m) {
        if (!member_ids[m].empty() && (flags[m] & kRowBroken) == 0) sorted.push_back(m);
      }
      auto duplicate = [&](uint32_t m, uint32_t first) {
        PendingError x = error(1, ErrorKind::kDuplicateMember, lines[m], member_col, "member_id",
                               member_ids[m], h);
        x.a = lines[first];
        out->Add(x);
      };
      if (sorted.size() <= 16) {  // the usual household: compare pairs
        for (size_t j = 1; j < sorted.size(); ++j) {
          for (size_t i = 0; i < j; ++i) {
            if (member_hash[sorted[i]] == member_hash[sorted[j]] &&
                EqualBytes(member_ids[sorted[i]], member_ids[sorted[j]])) {
              duplicate(sorted[j], sorted[i]);
              break;
            }
          }
        }
        continue;
      }
      std::stable_sort(sorted.begin(), sorted.end(),
                       [&](uint32_t x, uint32_t y) { return member_ids[x] < member_ids[y]; });
      for (size_t i = 1, run = 0; i < sorted.size(); ++i) {
        if (member_ids[sorted[i]] != member_ids[sorted[run]]) {
          run = i;
          continue;
        }
        duplicate(sorted[i], sorted[run]);  // stable: sorted[run] is the first in the file
      }
    }
  }
}

}  // namespace

void CheckMembers(const ParsedFile& households, const ParsedFile& members,
                  const std::vector<uint32_t>& member_begin, int threads, TopErrors* out) {
  if (!members.complete) return;  // a household's members may be in the part not read
  const uint32_t n = households.table.rows;
  if (threads < 2 || n < (1u << 16)) {
    CheckRange(households, members, member_begin, 0, n, out);
    return;
  }
  std::vector<TopErrors> found(static_cast<size_t>(threads), TopErrors(out->limit()));
  RunParallel(
      threads,
      [&](int i) {
        const uint64_t hb = uint64_t{n} * static_cast<uint64_t>(i) / static_cast<uint64_t>(threads);
        const uint64_t he =
            uint64_t{n} * static_cast<uint64_t>(i + 1) / static_cast<uint64_t>(threads);
        CheckRange(households, members, member_begin, static_cast<uint32_t>(hb),
                   static_cast<uint32_t>(he), &found[static_cast<size_t>(i)]);
      },
      nullptr);
  for (const TopErrors& f : found) out->Merge(f);
}

}  // namespace lnob::ingest::internal
