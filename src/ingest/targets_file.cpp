#include "ingest/targets_file.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace lnob::ingest {
namespace {

struct Where {
  const std::string& path;
  Status Error(const toml::node& n, const std::string& message) const {
    const auto& b = n.source().begin;
    return InvalidArgument(path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) +
                           ": " + message);
  }
};

Status CheckKeys(const Where& w, const toml::table& t, std::set<std::string> allowed,
                 const std::string& what) {
  for (const auto& [k, v] : t) {
    if (!allowed.count(std::string(k.str()))) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return w.Error(v, "unknown key '" + std::string(k.str()) + "' in " + what + "; use " + list);
    }
  }
  return OkStatus();
}

Result<double> Number(const Where& w, const toml::node& n, const std::string& what) {
  if (auto i = n.value<int64_t>(); i && n.is_integer()) return static_cast<double>(*i);
  if (auto d = n.value<double>(); d && n.is_floating_point()) return *d;
  return w.Error(n, what + " must be a number");
}

Result<int> Year(const Where& w, const toml::node& n, const std::string& what) {
  auto y = n.value<int64_t>();
  if (!n.is_integer() || !y || *y < 1900 || *y > 2200) {
    return w.Error(n, what + " must be a year such as 2025");
  }
  return static_cast<int>(*y);
}

Result<std::string> Text(const Where& w, const toml::table& t, const char* key,
                         const toml::node& where, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (!required) return std::string();
    return w.Error(where, std::string("the target needs ") + key);
  }
  if (!n->is_string()) return w.Error(*n, std::string(key) + " must be text in quotes");
  return std::string(n->as_string()->get());
}

Result<core::Target> ParseTarget(const Where& w, const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return w.Error(node, "each target is a table: [[targets]]");
  RETURN_IF_ERROR(CheckKeys(
      w, *t,
      {"id", "name_vi", "name_en", "indicator", "unit", "units_on", "baseline", "goal", "deadline"},
      "a target"));
  core::Target g;
  ASSIGN_OR_RETURN(g.id, Text(w, *t, "id", node, true));
  ASSIGN_OR_RETURN(g.name_vi, Text(w, *t, "name_vi", node, true));
  ASSIGN_OR_RETURN(g.name_en, Text(w, *t, "name_en", node, true));
  ASSIGN_OR_RETURN(std::string ind, Text(w, *t, "indicator", node, true));
  if (!core::ParseTargetIndicator(ind, &g.indicator)) {
    return w.Error(*t->get("indicator"),
                   "unknown indicator '" + ind +
                       "'; use poverty_rate, near_poverty_rate, poor_near_poor_rate, "
                       "poor_households or near_poor_households");
  }
  ASSIGN_OR_RETURN(g.unit_code, Text(w, *t, "unit", node, true));
  if (const toml::node* on = t->get("units_on")) {
    auto d = on->value<toml::date>();
    if (!d) return w.Error(*on, "units_on must be a date such as 2024-12-31 (no quotes)");
    g.units_on = Date{d->year * 10000 + d->month * 100 + d->day};
  }
  const toml::node* base = t->get("baseline");
  if (!base || !base->is_table()) {
    return w.Error(base ? *base : node,
                   "the target needs baseline = { year = 2021 } or { year = 2021, value = 23.45 }");
  }
  const toml::table& bt = *base->as_table();
  RETURN_IF_ERROR(CheckKeys(w, bt, {"year", "value"}, "baseline"));
  if (!bt.get("year")) return w.Error(*base, "baseline needs a year");
  ASSIGN_OR_RETURN(g.baseline_year, Year(w, *bt.get("year"), "baseline.year"));
  if (const toml::node* v = bt.get("value")) {
    ASSIGN_OR_RETURN(double value, Number(w, *v, "baseline.value"));
    g.baseline_value = value;
  }
  const toml::node* goal = t->get("goal");
  if (!goal || !goal->is_table() || goal->as_table()->size() != 1) {
    return w.Error(goal ? *goal : node,
                   "the target needs goal = { value = 10.0 } (a level to reach by the deadline) "
                   "or goal = { change_per_year = -3.0 }");
  }
  const toml::table& gt = *goal->as_table();
  RETURN_IF_ERROR(CheckKeys(w, gt, {"value", "change_per_year"}, "goal"));
  if (const toml::node* v = gt.get("value")) {
    g.goal = core::GoalKind::kLevel;
    ASSIGN_OR_RETURN(g.goal_value, Number(w, *v, "goal.value"));
  } else {
    g.goal = core::GoalKind::kChangePerYear;
    ASSIGN_OR_RETURN(g.goal_value, Number(w, *gt.get("change_per_year"), "goal.change_per_year"));
  }
  if (!t->get("deadline")) return w.Error(node, "the target needs deadline = YEAR");
  ASSIGN_OR_RETURN(g.deadline_year, Year(w, *t->get("deadline"), "deadline"));
  if (g.deadline_year <= g.baseline_year) {
    return w.Error(*t->get("deadline"), "the deadline must come after the baseline year");
  }
  return g;
}

}  // namespace

Result<std::vector<core::Target>> ParseTargets(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return InvalidArgument(path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) +
                           ": " + std::string(e.description()));
  }
  Where w{path};
  RETURN_IF_ERROR(CheckKeys(w, root, {"targets"}, "the file"));
  const toml::array* list = root["targets"].as_array();
  if (!list || list->empty()) {
    return InvalidArgument(path + ": the file lists no [[targets]]");
  }
  std::vector<core::Target> out;
  std::set<std::string> ids;
  for (const toml::node& n : *list) {
    ASSIGN_OR_RETURN(core::Target t, ParseTarget(w, n));
    if (!ids.insert(t.id).second) {
      return w.Error(n, "target id '" + t.id + "' appears twice");
    }
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<core::Target>> LoadTargetsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseTargets(buf.str(), path);
}

}  // namespace lnob::ingest
