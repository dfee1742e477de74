// Reading poverty standards from their files: one file, or every *.toml of a directory.
//
//   ASSIGN_OR_RETURN(auto all, LoadStandardDirectory(DefaultStandardsDirectory()));
//   ASSIGN_OR_RETURN(auto s, FindStandard(all, "vn-2022-2025"));
//
// Thread-safety: functions only; results are immutable.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/standard.hpp"

namespace lnob::ingest {

// $LNOB_STANDARDS when set, else the data/standards directory of the source tree lnob was built
// from.
std::string DefaultStandardsDirectory();

// Returns the parsed standard in `path`, or NotFound (cannot read) / InvalidArgument (with
// file:line:column).
Result<core::StandardPtr> LoadStandardFile(
    const std::string& path, const std::vector<core::ParameterOverride>& overrides = {});

// Returns every standard of `dir` (files ending .toml, sorted by valid_from), or the first error.
// Two files with the same id are an error.
Result<std::vector<core::StandardPtr>> LoadStandardDirectory(const std::string& dir);

// `id_or_path`: the id of a standard in `all`, or the path of a .toml file. Overrides apply either
// way (the standard is parsed again from its file). NotFound lists the known ids.
Result<core::StandardPtr> FindStandard(const std::vector<core::StandardPtr>& all,
                                       const std::string& id_or_path,
                                       const std::vector<core::ParameterOverride>& overrides = {});

}  // namespace lnob::ingest
