#include "ingest/survey_loader.hpp"

#include <algorithm>
#include <thread>

#include "ingest/csv_reader.hpp"
#include "ingest/household_index.hpp"
#include "ingest/member_checks.hpp"
#include "ingest/parallel.hpp"
#include "ingest/pending_error.hpp"
#include "ingest/table_parser.hpp"

namespace lnob::ingest {
namespace {

using internal::ErrorKind;
using internal::PendingError;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Result<core::Survey> Load(const CsvSource& hh_src, const CsvSource& mem_src,
                          const LoadOptions& options, std::vector<InputError>* errors) {
  const int threads = std::clamp(options.threads, 1, 64);
  internal::Progress progress(hh_src.size + mem_src.size, options.progress);

  internal::FileContext hctx;
  hctx.source = &hh_src;
  hctx.level = core::Level::kHousehold;
  hctx.file = 0;
  hctx.max_errors = options.max_errors;
  hctx.threads = threads;
  hctx.block_size = std::max<size_t>(options.block_size, 1);
  hctx.progress = &progress;
  hctx.drop_text = options.classify_only;
  internal::ParsedFile hh = internal::ParseFile(hctx);

  // Household ids: unique, and the index members are joined with.
  const bool hh_keyed = hh.column_of_field[core::hh::kHouseholdId] != 0;
  const auto& ids = hh.table.columns[core::hh::kHouseholdId].strings;
  internal::HouseholdIndex index;
  internal::ErrorSink duplicates(options.max_errors);
  // The index is built on a thread of its own while the members file is split and its columns
  // allocated (which need no index); its rows wait for it (FileContext::before_rows).
  std::thread indexing;
  if (hh_keyed) {
    indexing = std::thread([&] {
      index.Build(ids, [&](uint32_t dup, uint32_t first) {
        PendingError e;
        e.file = 0;
        e.kind = ErrorKind::kDuplicateHousehold;
        e.line = hh.table.source_line[dup];
        e.column = hh.column_of_field[core::hh::kHouseholdId];
        e.column_name = "household_id";
        e.value = e.key = ids[dup];
        e.a = hh.table.source_line[first];
        duplicates.Add(e);
        hh.row_flags[dup] |= internal::kRowBadKey;  // not joined: no "has no members" for it
      });
    });
  }
  auto index_built = [&] {
    if (indexing.joinable()) indexing.join();
  };

  internal::FileContext mctx = hctx;
  mctx.source = &mem_src;
  mctx.level = core::Level::kMember;
  mctx.file = 1;
  mctx.drop_member_keys = options.classify_only;
  if (hh_keyed) {
    mctx.household_ids = ids;
    mctx.household_flags = hh.row_flags;
    mctx.households = &index;
  }
  mctx.before_rows = index_built;
  internal::ParsedFile mem = internal::ParseFile(mctx);
  index_built();  // when the members' header stopped it before its rows

  // Members -> households: joined, grouped, and checked across rows.
  std::vector<uint32_t> member_begin;
  internal::ErrorSink unknown(options.max_errors);
  internal::TopErrors cross(options.max_errors);
  if (hh_keyed && mem.column_of_field[core::mem::kHouseholdId] != 0) {
    internal::JoinMembers(index, &mem, /*report_unknown=*/hh.complete, threads, &unknown);
    internal::GroupMembers(hh, &mem, threads, &member_begin);
    internal::CheckMembers(hh, mem, member_begin, threads, &cross);
  }

  const uint64_t count =
      hh.error_count + duplicates.count + mem.error_count + unknown.count + cross.count();
  if (count > 0) {
    std::vector<PendingError> all = std::move(hh.errors);
    all.insert(all.end(), duplicates.list.begin(), duplicates.list.end());
    all.insert(all.end(), mem.errors.begin(), mem.errors.end());
    all.insert(all.end(), unknown.list.begin(), unknown.list.end());
    std::vector<PendingError> rest = cross.Sorted();
    all.insert(all.end(), rest.begin(), rest.end());
    std::stable_sort(all.begin(), all.end(), internal::FileOrder);
    if (all.size() > options.max_errors) all.resize(options.max_errors);
    if (errors != nullptr) {
      const std::string names[2] = {hh_src.name, mem_src.name};
      errors->reserve(all.size());
      for (const PendingError& e : all) errors->push_back(internal::Describe(e, names));
    }
    progress.Finish();
    return InvalidArgument(std::to_string(count) + (count == 1 ? " error" : " errors") +
                           " in the input; the files were not loaded");
  }

  core::Survey survey;
  survey.households = std::move(hh.table);
  survey.members = std::move(mem.table);
  survey.member_begin = std::move(member_begin);
  survey.member_household = std::move(mem.member_household);
  survey.storage = std::move(hh.storage);
  survey.storage.insert(survey.storage.end(), mem.storage.begin(), mem.storage.end());
  survey.households_source = hh_src.name;
  survey.members_source = mem_src.name;
  progress.Finish();
  return survey;
}

}  // namespace

Result<core::Survey> LoadSurvey(const std::string& households_path, const std::string& members_path,
                                const LoadOptions& options, std::vector<InputError>* errors) {
  if (errors != nullptr) errors->clear();
  ASSIGN_OR_RETURN(CsvSource hh, OpenCsvFile(households_path, BaseName(households_path)));
  ASSIGN_OR_RETURN(CsvSource mem, OpenCsvFile(members_path, BaseName(members_path)));
  return Load(hh, mem, options, errors);
}

Result<core::Survey> LoadSurveyFromText(std::string households_csv, std::string members_csv,
                                        const LoadOptions& options,
                                        std::vector<InputError>* errors) {
  if (errors != nullptr) errors->clear();
  CsvSource hh = CsvFromString(std::move(households_csv), "households.csv");
  CsvSource mem = CsvFromString(std::move(members_csv), "members.csv");
  return Load(hh, mem, options, errors);
}

}  // namespace lnob::ingest
