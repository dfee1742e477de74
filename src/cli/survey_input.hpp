// Reading households.csv + members.csv for a command, with a progress bar and the errors printed
// in the user's language. Shared by `classify` and `import`.
#pragma once

#include <optional>
#include <string>

#include "common/lang.hpp"
#include "core/survey.hpp"

namespace lnob::cli {

// Returns the survey, or prints every input error and what was not done, and returns nullopt.
// `classify_only` (lnob classify): see ingest::LoadOptions::classify_only (no personal text, less
// memory), and on error "no result was written"; otherwise (lnob import) "nothing was stored".
std::optional<core::Survey> ReadSurveyFiles(const std::string& households,
                                            const std::string& members, int threads,
                                            size_t max_errors, Lang lang,
                                            bool classify_only = false);

}  // namespace lnob::cli
