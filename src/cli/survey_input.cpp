#include "cli/survey_input.hpp"

#include <cstdio>

#include "common/progress.hpp"
#include "ingest/survey_loader.hpp"

namespace lnob::cli {

std::optional<core::Survey> ReadSurveyFiles(const std::string& households,
                                            const std::string& members, int threads,
                                            size_t max_errors, Lang lang, bool classify_only) {
  ingest::LoadOptions load;
  load.classify_only = classify_only;
  load.max_errors = max_errors;
  load.threads = threads;
  Progress progress(lang == Lang::kVi ? "Đọc dữ liệu " : "Reading     ", Progress::Unit::kBytes);
  load.progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
  std::vector<ingest::InputError> errors;
  auto survey = ingest::LoadSurvey(households, members, load, &errors);
  progress.Finish();
  if (survey.ok()) return std::move(*survey);
  for (const auto& e : errors) {
    std::fprintf(stderr, "%s\n", ingest::FormatInputError(e, lang).c_str());
  }
  std::fprintf(stderr, "lnob: %s\n", survey.status().message().c_str());
  // What did not happen: `classify` writes no result, `import` stores nothing.
  if (classify_only) {
    std::fputs(lang == Lang::kVi
                   ? "Không có kết quả nào được ghi. Sửa các lỗi trên rồi chạy lại.\n"
                   : "No result was written. Correct the errors above and run again.\n",
               stderr);
  } else {
    std::fputs(lang == Lang::kVi
                   ? "Không có gì được lưu. Sửa các lỗi trên rồi nhập lại.\n"
                   : "Nothing was stored. Correct the errors above and import again.\n",
               stderr);
  }
  return std::nullopt;
}

}  // namespace lnob::cli
