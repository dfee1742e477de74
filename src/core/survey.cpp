#include "core/survey.hpp"

namespace lnob::core {

Table MakeTable(Level level) {
  Table t;
  t.columns.resize(Fields(level).size());
  return t;
}

}  // namespace lnob::core
