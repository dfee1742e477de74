// The units file: administrative units with their dated versions, and the events (merge, split,
// rename, ...) that link old units to new ones. Format: docs/units.md.
//
//   std::vector<InputError> errors;
//   Result<UnitsFile> file = LoadUnitsCsv("units.csv", &errors);
//   if (!file.ok()) {
//     for (const InputError& e : errors) std::cerr << FormatInputError(e, Lang::kVi) << "\n";
//     return file.status();   // "2 errors in units.csv; nothing was imported"
//   }
//   RETURN_IF_ERROR(store->ImportUnits(file->units, file->events));
//
// Every row is checked on its own (required cells, codes, kinds, YYYY-MM-DD dates, valid_to not
// before valid_from, a parent for every unit but a province) and against the other rows of the file
// (a code with two versions from the same day, or versions that overlap). What needs the database
// (a parent or an event's unit imported earlier) is checked by Store::ImportUnits.
// Thread-safety: functions only; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "ingest/survey_loader.hpp"
#include "store/store.hpp"

namespace lnob::ingest {

struct UnitsFile {
  std::vector<store::UnitRecord> units;  // in file order
  std::vector<store::UnitEvent> events;  // in file order
};

// Reads and validates the file at `path` (named by its file name in messages). Returns the units
// and events, or:
//   InvalidArgument("N errors in <name>; nothing was imported") with every error in `errors` (if
//     not null), in file order;
//   NotFound / PermissionDenied / InvalidArgument when the file cannot be opened (then `errors` is
//     left empty).
Result<UnitsFile> LoadUnitsCsv(const std::string& path, std::vector<InputError>* errors);

// As LoadUnitsCsv, on `text` in memory, named `name` in messages.
Result<UnitsFile> ParseUnitsCsv(std::string_view text, const std::string& name,
                                std::vector<InputError>* errors);

}  // namespace lnob::ingest
