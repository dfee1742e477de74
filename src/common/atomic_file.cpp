#include "common/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lnob {

Status WriteFileAtomically(const std::string& path,
                           const std::function<Status(std::FILE*)>& write) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    int err = errno;
    std::string m = "cannot create " + path + ": " + std::strerror(err);
    return err == EACCES ? PermissionDenied(m) : DataLoss(m);
  }
  Status s = write(f);
  if (s.ok() && (std::fflush(f) != 0 || ::fsync(fileno(f)) != 0)) {
    s = DataLoss("cannot write " + path + ": " + std::strerror(errno));
  }
  if (std::fclose(f) != 0 && s.ok()) {
    s = DataLoss("cannot write " + path + ": " + std::strerror(errno));
  }
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    s = DataLoss("cannot replace " + path + ": " + std::strerror(errno));
  }
  if (!s.ok()) std::remove(tmp.c_str());
  return s;
}

}  // namespace lnob
