// The backend-independent parts of the SQL layer: opening by URL, Statement::Run.
#include "store/sql.hpp"

namespace lnob::store {

Result<std::unique_ptr<Database>> Database::Open(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return OpenPostgres(url);
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) {
    return InvalidArgument("no database given: use sqlite:PATH, a file path or postgresql://...");
  }
  if (size_t scheme = path.find("://");
      scheme != std::string::npos && !url.starts_with("sqlite:")) {
    // Never echo the URL: it may carry a password.
    return InvalidArgument("unsupported database URL (" + path.substr(0, scheme) +
                           "://...): lnob works with sqlite:PATH, a file path or postgresql://...");
  }
  return OpenSqlite(path);
}

Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Next());
    if (!row) return OkStatus();
  }
}

}  // namespace lnob::store
