// Writing a file so that readers see the old content or the whole new content, never a part.
//
//   RETURN_IF_ERROR(WriteFileAtomically("out.csv", [&](FILE* f) { return WriteRows(f); }));
//
// The content goes to "<path>.tmp-<pid>" in the same directory, is flushed and fsync'ed, then
// renamed over `path`. On any error the temporary file is removed and `path` is untouched.
// Thread-safety: safe for distinct paths.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "common/result.hpp"

namespace lnob {

// Returns OK when the whole content was written and renamed into place; the writer's error, or
// DataLoss / PermissionDenied naming the path, otherwise.
Status WriteFileAtomically(const std::string& path, const std::function<Status(std::FILE*)>& write);

}  // namespace lnob
