#include "ingest/standard_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lnob::ingest {

std::string DefaultStandardsDirectory() {
  if (const char* env = std::getenv("LNOB_STANDARDS"); env && *env) return env;
  return LNOB_STANDARDS_DIR;
}

Result<core::StandardPtr> LoadStandardFile(const std::string& path,
                                           const std::vector<core::ParameterOverride>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read the standard file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return core::ParseStandard(ss.str(), path, overrides);
}

Result<std::vector<core::StandardPtr>> LoadStandardDirectory(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  if (ec) return NotFound("cannot read the standards directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<core::StandardPtr> all;
  for (const auto& f : files) {
    ASSIGN_OR_RETURN(core::StandardPtr s, LoadStandardFile(f));
    for (const auto& other : all) {
      if (other->id() == s->id()) {
        return InvalidArgument(f + ": standard id '" + s->id() + "' is already used by " +
                               other->source_path());
      }
    }
    all.push_back(std::move(s));
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a->valid_from() < b->valid_from();
  });
  return all;
}

Result<core::StandardPtr> FindStandard(const std::vector<core::StandardPtr>& all,
                                       const std::string& id_or_path,
                                       const std::vector<core::ParameterOverride>& overrides) {
  for (const auto& s : all) {
    if (s->id() == id_or_path) {
      if (overrides.empty()) return s;
      return LoadStandardFile(s->source_path(), overrides);
    }
  }
  if (id_or_path.ends_with(".toml")) return LoadStandardFile(id_or_path, overrides);
  std::string ids;
  for (const auto& s : all) ids += (ids.empty() ? "" : ", ") + s->id();
  return NotFound("no standard '" + id_or_path + "'; the standards are: " + ids +
                  " (or give the path of a .toml file)");
}

}  // namespace lnob::ingest
