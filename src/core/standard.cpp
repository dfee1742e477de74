#include "core/standard.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <set>

#include "core/rules/nodes.hpp"

namespace lnob::core {
namespace {

using rules::Parameter;

// Where a value sits in the file, for messages.
struct Where {
  const std::string* path;
  std::string_view text;

  std::string At(const toml::source_region& r) const {
    return *path + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
  }
  Status Error(const toml::node& n, const std::string& message) const {
    return InvalidArgument(At(n.source()) + ": " + message);
  }
  Status Error(const toml::source_region& r, const std::string& message) const {
    return InvalidArgument(At(r) + ": " + message);
  }
  // The file position of a position inside a string value's text.
  std::string InString(const toml::node& n, rules::TextPos p) const {
    int line = static_cast<int>(n.source().begin.line);
    int col = static_cast<int>(n.source().begin.column);
    std::string_view raw = Line(line).substr(col > 0 ? col - 1 : 0);
    bool multi = raw.starts_with("'''") || raw.starts_with("\"\"\"");
    int delim = multi ? 3 : 1;
    bool trimmed = multi && raw.size() == 3;  // a newline right after ''' is not part of the value
    if (p.line == 1 && !trimmed) {
      col += delim + p.column - 1;
    } else {
      line += p.line - 1 + (trimmed ? 1 : 0);
      col = p.column;
    }
    return *path + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
  std::string_view Line(int n) const {
    size_t start = 0;
    for (int i = 1; i < n && start != std::string_view::npos; ++i) {
      start = text.find('\n', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return {};
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }
};

Status CheckKeys(const Where& w, const toml::table& t,
                 std::initializer_list<std::string_view> known, const std::string& what) {
  for (const auto& [k, v] : t) {
    bool ok = false;
    for (auto name : known) ok |= k.str() == name;
    if (!ok) {
      std::string list;
      for (auto name : known) list += (list.empty() ? "" : ", ") + std::string(name);
      return w.Error(
          v, "unknown key '" + std::string(k.str()) + "' in " + what + "; the keys are: " + list);
    }
  }
  return OkStatus();
}

Result<std::string> RequireString(const Where& w, const toml::table& t, std::string_view key,
                                  const toml::node& owner, bool required = true) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (!required) return std::string();
    return w.Error(owner, "missing '" + std::string(key) + "' (text)");
  }
  if (!n->is_string()) return w.Error(*n, "'" + std::string(key) + "' must be text in quotes");
  return std::string(n->as_string()->get());
}

Result<Date> RequireDate(const Where& w, const toml::table& t, std::string_view key,
                         const toml::node& owner) {
  const toml::node* n = t.get(key);
  if (!n) return w.Error(owner, "missing '" + std::string(key) + "' (a date, e.g. 2022-01-01)");
  if (!n->is_date()) return w.Error(*n, "'" + std::string(key) + "' must be a date: 2022-01-01");
  auto d = n->as_date()->get();
  return Date{d.year * 10000 + d.month * 100 + d.day};
}

// Parses a number for parameter `p` from an override's text.
Status SetFromText(Parameter& p, size_t slot, const std::string& text, bool keyed) {
  const char* b = text.data();
  const char* e = b + text.size();
  if (p.is_real) {
    double v = 0;
    auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e) {
      return InvalidArgument("'" + text + "' is not a number for parameter " + p.name);
    }
    (keyed ? p.real_values[slot] : p.real_value) = v;
  } else {
    std::string digits;
    for (char c : text) {
      if (c != '_') digits += c;
    }
    int64_t v = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) {
      return InvalidArgument("'" + text + "' is not a whole number for parameter " + p.name);
    }
    (keyed ? p.int_values[slot] : p.int_value) = v;
  }
  return OkStatus();
}

Result<Parameter> ParseParameter(const Where& w, std::string_view name, const toml::node& n) {
  Parameter p;
  p.name = std::string(name);
  if (n.is_integer()) {
    p.int_value = n.as_integer()->get();
    return p;
  }
  if (n.is_floating_point()) {
    p.is_real = true;
    p.real_value = n.as_floating_point()->get();
    return p;
  }
  const toml::table* t = n.as_table();
  if (!t)
    return w.Error(n, "parameter '" + p.name + "' must be a number or { by = \"field\", ... }");
  const toml::node* by = t->get("by");
  if (!by || !by->is_string()) {
    return w.Error(n, "parameter '" + p.name +
                          "' needs by = \"area\" (or another list field) "
                          "and one number per value");
  }
  p.by = std::string(by->as_string()->get());
  const FieldDef* f = nullptr;
  for (Level l : {Level::kHousehold, Level::kMember}) {
    const FieldDef* cand = FindField(l, p.by);
    if (cand && cand->type == FieldType::kEnum) {
      f = cand;
      p.by_level = l;
      p.by_field = FieldIndex(l, p.by);
      break;
    }
  }
  if (!f) return w.Error(*by, "'" + p.by + "' is not a list field (such as area or sex)");
  size_t nvalues = f->values.size();
  p.int_values.assign(nvalues, 0);
  p.real_values.assign(nvalues, 0);
  std::vector<bool> seen(nvalues, false);
  for (const auto& [k, v] : *t) {
    if (k.str() == "by") continue;
    int code = f->EnumCode(k.str());
    if (code < 0) {
      return w.Error(v, "'" + std::string(k.str()) + "' is not a value of " + p.by +
                            "; the values are: " + f->ValuesText());
    }
    if (v.is_floating_point()) p.is_real = true;
    if (!v.is_integer() && !v.is_floating_point()) {
      return w.Error(v, "the value for " + std::string(k.str()) + " must be a number");
    }
    seen[code] = true;
  }
  for (size_t i = 0; i < nvalues; ++i) {
    if (!seen[i]) {
      return w.Error(n, "parameter '" + p.name + "' has no value for " + p.by + " = " +
                            std::string(f->values[i]));
    }
  }
  for (const auto& [k, v] : *t) {
    if (k.str() == "by") continue;
    int code = f->EnumCode(k.str());
    if (p.is_real) {
      p.real_values[code] = v.is_integer() ? static_cast<double>(v.as_integer()->get())
                                           : v.as_floating_point()->get();
    } else {
      p.int_values[code] = v.as_integer()->get();
    }
  }
  return p;
}

Status ApplyOverride(std::vector<Parameter>& params, const ParameterOverride& o) {
  for (Parameter& p : params) {
    if (p.name != o.name) continue;
    if (!p.keyed()) {
      if (!o.key.empty()) {
        return InvalidArgument("parameter " + p.name + " is a single number: write " + p.name +
                               "=VALUE");
      }
      return SetFromText(p, 0, o.value, false);
    }
    const FieldDef& f = Fields(p.by_level)[p.by_field];
    int code = f.EnumCode(o.key);
    if (code < 0) {
      return InvalidArgument("parameter " + p.name + " has one value per " + p.by + " (" +
                             f.ValuesText() + "): write " + p.name + "." +
                             std::string(f.values[0]) + "=VALUE");
    }
    return SetFromText(p, code, o.value, true);
  }
  std::string names;
  for (const Parameter& p : params) names += (names.empty() ? "" : ", ") + p.name;
  return InvalidArgument("this standard has no parameter '" + o.name + "'; it has: " + names);
}

}  // namespace

std::string_view CategoryId(Category c) {
  switch (c) {
    case Category::kPoor: return "poor";
    case Category::kNearPoor: return "near_poor";
    case Category::kMiddle: return "middle";
    case Category::kNotPoor: return "not_poor";
  }
  return "not_poor";
}

bool ParseCategory(std::string_view id, Category* out) {
  for (Category c : {Category::kPoor, Category::kNearPoor, Category::kMiddle, Category::kNotPoor}) {
    if (CategoryId(c) == id) {
      *out = c;
      return true;
    }
  }
  return false;
}

std::string_view CategoryName(Category c, Lang lang) {
  bool vi = lang == Lang::kVi;
  switch (c) {
    case Category::kPoor: return vi ? "Hộ nghèo" : "Poor";
    case Category::kNearPoor: return vi ? "Hộ cận nghèo" : "Near-poor";
    case Category::kMiddle: return vi ? "Hộ có mức sống trung bình" : "Middle income";
    case Category::kNotPoor: return vi ? "Hộ không nghèo" : "Not poor";
  }
  return "";
}

Result<ParameterOverride> ParseOverride(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return InvalidArgument("'" + std::string(text) +
                           "': write NAME=VALUE or NAME.KEY=VALUE, e.g. line.rural=2200000");
  }
  ParameterOverride o;
  std::string_view lhs = text.substr(0, eq);
  size_t dot = lhs.find('.');
  o.name = std::string(lhs.substr(0, dot));
  if (dot != std::string_view::npos) o.key = std::string(lhs.substr(dot + 1));
  o.value = std::string(text.substr(eq + 1));
  return o;
}

const rules::Parameter* Standard::FindParameter(std::string_view name) const {
  for (const auto& p : parameters_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

namespace {

// Appends a canonical text of `e` to *out; a name that is also a parameter carries its values.
void AppendKey(const rules::Expr& e, const std::vector<rules::Parameter>& params,
               std::string* out) {
  using K = rules::Expr::Kind;
  switch (e.kind) {
    case K::kInt:
    case K::kBool: *out += std::to_string(e.int_value); return;
    case K::kReal: *out += fmt::format("{}", e.real_value); return;
    case K::kString: *out += '"' + e.text + '"'; return;
    case K::kName:
      *out += e.text;
      for (const rules::Parameter& p : params) {
        if (p.name != e.text) continue;
        *out +=
            "{" + p.by + ":" + std::to_string(p.int_value) + "," + fmt::format("{}", p.real_value);
        for (int64_t v : p.int_values) *out += "," + std::to_string(v);
        for (double v : p.real_values) *out += "," + fmt::format("{}", v);
        *out += "}";
      }
      return;
    default: break;
  }
  *out += "(" + e.text + (e.negated ? "!" : "");
  for (const auto& a : e.args) {
    *out += ' ';
    AppendKey(*a, params, out);
  }
  *out += ")";
}

// The key of an indicator's rule (see Indicator::key). The rule has been compiled already.
std::string RuleKey(const std::string& rule, const std::vector<rules::Parameter>& params) {
  auto expr = rules::ParseExpression(rule);
  std::string key;
  if (expr.ok()) AppendKey(**expr, params, &key);
  return key;
}

}  // namespace

Result<StandardPtr> ParseStandard(std::string_view text, const std::string& path,
                                  const std::vector<ParameterOverride>& overrides) {
  Where w{&path, text};
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return w.Error(e.source(), std::string(e.description()));
  }
  RETURN_IF_ERROR(CheckKeys(w, root,
                            {"id", "version", "local", "name_vi", "name_en", "legal_basis", "note",
                             "valid_from", "valid_to", "parameters", "indicators", "categories"},
                            "the standard"));
  auto s = std::make_shared<Standard>();
  s->source_path_ = path;
  ASSIGN_OR_RETURN(s->id_, RequireString(w, root, "id", root));
  ASSIGN_OR_RETURN(s->name_vi_, RequireString(w, root, "name_vi", root));
  ASSIGN_OR_RETURN(s->name_en_, RequireString(w, root, "name_en", root));
  ASSIGN_OR_RETURN(s->legal_basis_, RequireString(w, root, "legal_basis", root));
  ASSIGN_OR_RETURN(s->note_, RequireString(w, root, "note", root, false));
  ASSIGN_OR_RETURN(s->valid_from_, RequireDate(w, root, "valid_from", root));
  ASSIGN_OR_RETURN(s->valid_to_, RequireDate(w, root, "valid_to", root));
  if (const toml::node* v = root.get("version")) {
    if (!v->is_integer() || v->as_integer()->get() < 1) {
      return w.Error(*v, "'version' must be a whole number from 1");
    }
    s->version_ = static_cast<int>(v->as_integer()->get());
  }
  if (const toml::node* v = root.get("local")) {
    if (!v->is_boolean()) return w.Error(*v, "'local' must be true or false");
    s->local_ = v->as_boolean()->get();
  }
  if (s->valid_to_ < s->valid_from_) {
    return w.Error(*root.get("valid_to"), "valid_to is before valid_from");
  }

  // Parameters.
  if (const toml::table* params = root["parameters"].as_table()) {
    for (const auto& [k, v] : *params) {
      std::string name(k.str());
      if (FindField(Level::kHousehold, name) || FindField(Level::kMember, name) || name == "age" ||
          name == "count" || name == "income" || name == "members") {
        return w.Error(v, "parameter '" + name + "' has the name of a field; choose another");
      }
      ASSIGN_OR_RETURN(Parameter p, ParseParameter(w, name, v));
      s->parameters_.push_back(std::move(p));
    }
  }
  for (const auto& o : overrides) RETURN_IF_ERROR(ApplyOverride(s->parameters_, o));
  const Parameter* line = s->FindParameter("line");
  if (!line || !line->keyed() || line->by != "area") {
    return w.Error(root,
                   "the standard needs parameter line = { by = \"area\", rural = ..., "
                   "urban = ... }: the income line for each area");
  }
  if (line->is_real) {
    return w.Error(*root["parameters"]["line"].node(),
                   "income lines are whole numbers of dong (no decimals)");
  }

  auto compile = [&](const toml::node& n, rules::RuleScope scope) -> Result<rules::NodePtr> {
    std::string_view src = n.as_string()->get();
    rules::TextPos pos;
    auto expr = rules::ParseExpression(src, &pos);
    if (!expr.ok()) {
      std::string m = expr.status().message();
      return InvalidArgument(w.InString(n, pos) + ": " + m.substr(m.find(": ") + 2));
    }
    auto node = rules::CompileRule(**expr, scope, s->parameters_, &pos);
    if (!node.ok()) {
      std::string m = node.status().message();
      return InvalidArgument(w.InString(n, pos) + ": " + m.substr(m.find(": ") + 2));
    }
    return node;
  };

  // Indicators.
  const toml::array* inds = root["indicators"].as_array();
  if (!inds || inds->empty()) return w.Error(root, "the standard needs [[indicators]]");
  if (inds->size() > 32) return w.Error(*inds, "a standard has at most 32 indicators");
  std::set<std::string> ids;
  for (const toml::node& n : *inds) {
    const toml::table* t = n.as_table();
    if (!t) return w.Error(n, "each indicator is a table: [[indicators]]");
    RETURN_IF_ERROR(
        CheckKeys(w, *t, {"id", "dimension", "name_vi", "name_en", "deprived"}, "an indicator"));
    Indicator ind;
    ASSIGN_OR_RETURN(ind.id, RequireString(w, *t, "id", n));
    ASSIGN_OR_RETURN(ind.dimension, RequireString(w, *t, "dimension", n));
    ASSIGN_OR_RETURN(ind.name_vi, RequireString(w, *t, "name_vi", n));
    ASSIGN_OR_RETURN(ind.name_en, RequireString(w, *t, "name_en", n));
    ASSIGN_OR_RETURN(ind.rule, RequireString(w, *t, "deprived", n));
    if (!ids.insert(ind.id).second) {
      return w.Error(*t->get("id"), "indicator '" + ind.id + "' appears twice");
    }
    ASSIGN_OR_RETURN(ind.program, compile(*t->get("deprived"), rules::RuleScope::kIndicator));
    ind.key = RuleKey(ind.rule, s->parameters_);
    s->indicators_.push_back(std::move(ind));
  }

  // Categories.
  const toml::array* cats = root["categories"].as_array();
  if (!cats || cats->empty()) return w.Error(root, "the standard needs [[categories]]");
  std::set<Category> seen;
  for (const toml::node& n : *cats) {
    const toml::table* t = n.as_table();
    if (!t) return w.Error(n, "each category is a table: [[categories]]");
    RETURN_IF_ERROR(CheckKeys(w, *t, {"id", "when"}, "a category"));
    ASSIGN_OR_RETURN(std::string id, RequireString(w, *t, "id", n));
    CategoryRule c;
    if (!ParseCategory(id, &c.category)) {
      return w.Error(*t->get("id"),
                     "unknown category '" + id + "'; use poor, near_poor, middle or not_poor");
    }
    if (!seen.insert(c.category).second) {
      return w.Error(*t->get("id"), "category '" + id + "' appears twice");
    }
    ASSIGN_OR_RETURN(c.rule, RequireString(w, *t, "when", n));
    ASSIGN_OR_RETURN(c.program, compile(*t->get("when"), rules::RuleScope::kCategory));
    s->categories_.push_back(std::move(c));
  }
  const auto& last = s->categories_.back();
  if (last.rule.find_first_not_of(" \t\r\n") == std::string::npos ||
      last.rule.substr(last.rule.find_first_not_of(" \t\r\n"), 4) != "true" ||
      last.rule.find_first_not_of(" \t\r\n", last.rule.find_first_not_of(" \t\r\n") + 4) !=
          std::string::npos) {
    return w.Error(cats->back(),
                   "the last category must have when = \"true\", so that every "
                   "household gets a category");
  }

  s->income_line_ = rules::MakeParamByInt(line->by_level, line->by_field, line->int_values);
  for (const auto& i : s->indicators_) i.program->CollectUses(&s->fields_used_);
  for (const auto& c : s->categories_) c.program->CollectUses(&s->fields_used_);
  std::erase_if(s->fields_used_, [](const rules::FieldUse& u) { return u.field < 0; });
  return StandardPtr(std::move(s));
}

}  // namespace lnob::core
