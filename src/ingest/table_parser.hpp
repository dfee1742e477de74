// Internal to ingest: one CSV file -> one core::Table of the data dictionary, validated cell by
// cell, parsed in parallel chunks straight into the final columns.
//
//   FileContext ctx{&source, core::Level::kHousehold, /*file=*/0, max_errors, threads, &progress};
//   ParsedFile households = ParseFile(ctx);
//   if (households.error_count == 0) Use(households.table);
//
// How: the header is matched against Fields(level) by name (any order, trimmed; unknown columns
// become ExtraColumns); SplitCsv cuts the body at record boundaries; rows are counted from line
// feeds so every column is allocated once, and each thread reads its chunk a block at a time into
// a buffer of its own and writes the chunk's rows in place. Texts that are kept (ids, names,
// unknown columns) and the values quoted in errors are copied out of the buffer into arenas. Rows
// left unused (quoted line breaks, empty lines at the end) are squeezed out afterwards.
// Thread-safety: ParseFile is safe to call concurrently on different contexts.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/survey.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/household_index.hpp"
#include "ingest/parallel.hpp"
#include "ingest/pending_error.hpp"

namespace lnob::ingest::internal {

// Row flags: why a row cannot take part in checks across rows.
inline constexpr uint8_t kRowBroken = 1;       // the record had the wrong number of fields
inline constexpr uint8_t kRowBadKey = 2;       // household_id missing, invalid or unknown
inline constexpr uint8_t kRowBadRelation = 4;  // relation missing or invalid (members)
inline constexpr uint32_t kNoHousehold = HouseholdIndex::kNotFound;
inline constexpr uint32_t kHouseholdToFind = kNoHousehold - 1;  // for JoinMembers

struct ParsedFile {
  core::Table table;
  std::vector<uint8_t> row_flags;  // kRow* per row
  // Members: the household of each row: found by the parser when the file is in household order,
  // kHouseholdToFind for JoinMembers to look up, kNoHousehold for a missing or invalid id.
  std::vector<uint32_t> member_household;
  std::vector<uint32_t> member_id_hash;  // members: a hash of member_id per row (duplicates)
  // Members, when FileContext::drop_member_keys: the household_id column is not kept, so the rows
  // left as kHouseholdToFind are listed here with their ids, in row order, for JoinMembers.
  std::vector<uint32_t> key_rows;
  std::vector<std::string_view> key_values;
  std::vector<std::shared_ptr<const void>> storage;  // the arenas the texts are in
  std::vector<PendingError> errors;       // the first max_errors of this file, in file order
  uint64_t error_count = 0;               // all of them
  bool complete = false;                  // the header and every record could be read
  std::vector<uint32_t> column_of_field;  // 1-based header position of each field; 0: absent
};

struct FileContext {
  const CsvSource* source = nullptr;
  core::Level level = core::Level::kHousehold;
  uint8_t file = 0;  // 0: households, 1: members (for messages and ordering)
  size_t max_errors = 100;
  int threads = 1;
  size_t block_size = size_t{1} << 20;  // bytes read at a time (LoadOptions::block_size)
  Progress* progress = nullptr;
  // Members: the households' ids and their index, to find a member's household while its row is
  // at hand when the members come in household order (the others are left to JoinMembers).
  std::span<const std::string_view> household_ids;
  std::span<const uint8_t> household_flags;  // kRowBadKey: not to be joined (a duplicate id)
  const HouseholdIndex* households = nullptr;
  // Called once the columns are allocated, before the first row is read (may be empty): the
  // members wait there for the households' index being built meanwhile.
  std::function<void()> before_rows;
  // Text columns other than household_id and member_id (names, citizen IDs, ethnicity, place
  // codes) and unknown columns are validated but not kept: the table's column is left absent and
  // no extra column is made. See LoadOptions::classify_only.
  bool drop_text = false;
  // Members: the household_id column is validated and joined but not kept (member_household holds
  // the join); the rows the parser cannot join go to ParsedFile::key_rows instead.
  bool drop_member_keys = false;
};

// Reads and validates one file. Always returns a ParsedFile; problems are in errors/error_count.
// The views in `table` point into bytes owned by `storage`.
ParsedFile ParseFile(const FileContext& ctx);

}  // namespace lnob::ingest::internal
