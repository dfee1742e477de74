#include "core/rules/compiler.hpp"

#include "common/date.hpp"
#include "core/rules/nodes.hpp"

namespace lnob::core::rules {
namespace {

struct Typed {
  NodePtr node;
  const FieldDef* enum_field = nullptr;  // for kEnum values
  const Expr* literal = nullptr;         // a string literal awaiting its enumeration or date
};

const char* TypeName(Type t) {
  switch (t) {
    case Type::kBool: return "a yes/no value";
    case Type::kInt: return "a whole number";
    case Type::kReal: return "a number";
    case Type::kEnum: return "a value from a list";
    case Type::kDate: return "a date";
  }
  return "a value";
}

bool IsNumeric(Type t) { return t == Type::kBool || t == Type::kInt || t == Type::kReal; }

class Compiler {
 public:
  Compiler(RuleScope scope, const std::vector<Parameter>& params) : scope_(scope), params_(params) {}

  Result<NodePtr> Run(const Expr& e) {
    auto t = Visit(e, Level::kHousehold);
    if (!t.ok()) return t.status();
    if (t->literal || t->node->type() != Type::kBool) {
      return Error(e, "the rule must be a yes/no test (a comparison, 'in', any(...), ...), not " +
                          std::string(t->literal ? "a text value" : TypeName(t->node->type())));
    }
    return std::move(t->node);
  }

  TextPos error_pos() const { return error_pos_; }

 private:
  Status Error(const Expr& e, const std::string& message) {
    error_pos_ = e.pos;
    return InvalidArgument("line " + std::to_string(e.pos.line) + ", column " +
                           std::to_string(e.pos.column) + ": " + message);
  }

  Result<Typed> Visit(const Expr& e, Level level) {
    switch (e.kind) {
      case Expr::Kind::kInt: return Typed{MakeConstInt(Type::kInt, level, e.int_value)};
      case Expr::Kind::kBool: return Typed{MakeConstInt(Type::kBool, level, e.int_value)};
      case Expr::Kind::kReal: return Typed{MakeConstReal(level, e.real_value)};
      case Expr::Kind::kString: return Typed{nullptr, nullptr, &e};
      case Expr::Kind::kName: return Name(e, level);
      case Expr::Kind::kUnary: return Unary(e, level);
      case Expr::Kind::kBinary: return Binary(e, level);
      case Expr::Kind::kIn: return In(e, level);
      case Expr::Kind::kCall: return Call(e, level);
    }
    return Error(e, "unsupported expression");
  }

  static Type TypeOf(FieldType ft) {
    switch (ft) {
      case FieldType::kMoney: return Type::kInt;
      case FieldType::kDecimal: return Type::kReal;
      case FieldType::kBool: return Type::kBool;
      case FieldType::kEnum: return Type::kEnum;
      default: return Type::kDate;
    }
  }

  Result<Typed> FieldRef(const Expr& e, Level field_level, int index, Level level) {
    const FieldDef& f = Fields(field_level)[index];
    if (f.type == FieldType::kId || f.type == FieldType::kString ||
        f.type == FieldType::kCitizenId) {
      return Error(e, "'" + e.text + "' is text and cannot be used in a rule");
    }
    Typed t{MakeField(TypeOf(f.type), field_level, index, std::string(f.name)),
            f.type == FieldType::kEnum ? &f : nullptr};
    if (field_level == Level::kHousehold && level == Level::kMember) {
      t.node = MakeBroadcast(std::move(t.node));
    }
    return t;
  }

  Result<Typed> Name(const Expr& e, Level level) {
    const std::string& n = e.text;
    if (scope_ == RuleScope::kCategory && n == "count") return Typed{MakeDeprivationCount()};
    if (scope_ == RuleScope::kCategory && n == "income") {
      return FieldRef(e, Level::kHousehold, hh::kIncome, level);
    }
    if (n == "members") {
      return Error(e, "'members' is only used inside any(members, ...), all(...), count(...) or "
                      "sum(...); count(members) is the number of members");
    }
    if (level == Level::kMember) {
      if (n == "age") return Typed{MakeAge()};
      int mi = FieldIndex(Level::kMember, n);
      if (mi >= 0) return FieldRef(e, Level::kMember, mi, level);
    }
    int hi = FieldIndex(Level::kHousehold, n);
    if (hi >= 0) return FieldRef(e, Level::kHousehold, hi, level);
    for (const Parameter& p : params_) {
      if (p.name == n) return Param(e, p, level);
    }
    if (level == Level::kHousehold && (n == "age" || FieldIndex(Level::kMember, n) >= 0)) {
      return Error(e, "'" + n + "' is a member's value: use it inside any(members, ...), "
                      "all(members, ...), count(members, ...) or sum(members, ...)");
    }
    return Error(e, "unknown name '" + n + "': not a field of the data dictionary, nor a "
                    "parameter of this standard");
  }

  Result<Typed> Param(const Expr& e, const Parameter& p, Level level) {
    if (!p.keyed()) {
      if (p.is_real) return Typed{MakeConstReal(level, p.real_value)};
      return Typed{MakeConstInt(Type::kInt, level, p.int_value)};
    }
    if (p.by_level == Level::kMember && level == Level::kHousehold) {
      return Error(e, "parameter '" + p.name + "' depends on each member's " + p.by +
                      ": use it inside any(members, ...) or another member aggregate");
    }
    NodePtr node = p.is_real ? MakeParamByReal(p.by_level, p.by_field, p.real_values)
                             : MakeParamByInt(p.by_level, p.by_field, p.int_values);
    if (p.by_level == Level::kHousehold && level == Level::kMember) {
      node = MakeBroadcast(std::move(node));
    }
    return Typed{std::move(node)};
  }

  Result<Typed> Unary(const Expr& e, Level level) {
    auto a = Visit(*e.args[0], level);
    if (!a.ok()) return a;
    if (a->literal) return Error(e, "'" + e.text + "' cannot apply to a text value");
    Type t = a->node->type();
    if (e.text == "not") {
      if (t != Type::kBool) {
        return Error(e, std::string("'not' needs a yes/no value, found ") + TypeName(t));
      }
      return Typed{MakeNot(std::move(a->node))};
    }
    if (!IsNumeric(t)) return Error(e, std::string("'-' needs a number, found ") + TypeName(t));
    return Typed{MakeNeg(std::move(a->node))};
  }

  // Brings two numeric operands to one kind: both real, or both integer.
  static void Promote(Typed& a, Typed& b) {
    bool real = a.node->is_real() || b.node->is_real();
    if (real && !a.node->is_real()) a.node = MakeToReal(std::move(a.node));
    if (real && !b.node->is_real()) b.node = MakeToReal(std::move(b.node));
  }

  Result<int64_t> LiteralCode(const Expr& lit, const FieldDef* f) {
    int code = f->EnumCode(lit.text);
    if (code < 0) {
      return Error(lit, "\"" + lit.text + "\" is not a value of " + std::string(f->name) +
                            "; the values are: " + f->ValuesText());
    }
    return code;
  }

  // Turns a string literal into a constant of the other operand's type (enumeration or date).
  Status ResolveLiteral(Typed& lit, const Typed& other, Level level) {
    const Expr& s = *lit.literal;
    if (other.literal) return Error(s, "two text values cannot be compared with each other");
    Type t = other.node->type();
    if (t == Type::kEnum) {
      auto code = LiteralCode(s, other.enum_field);
      if (!code.ok()) return code.status();
      lit = Typed{MakeConstInt(Type::kEnum, level, *code), other.enum_field};
      return OkStatus();
    }
    if (t == Type::kDate) {
      auto d = ParseIsoDate(s.text);
      if (!d.ok()) return Error(s, "\"" + s.text + "\": " + d.status().message());
      lit = Typed{MakeConstInt(Type::kDate, level, d->value)};
      return OkStatus();
    }
    return Error(s, std::string("a text value cannot be compared with ") + TypeName(t));
  }

  Result<Typed> Binary(const Expr& e, Level level) {
    auto a = Visit(*e.args[0], level);
    if (!a.ok()) return a;
    auto b = Visit(*e.args[1], level);
    if (!b.ok()) return b;
    const std::string& op = e.text;
    if (op == "and" || op == "or") {
      for (Typed* t : {&*a, &*b}) {
        if (t->literal || t->node->type() != Type::kBool) {
          return Error(e, "'" + op + "' joins yes/no tests");
        }
      }
      return Typed{MakeLogic(op == "and", std::move(a->node), std::move(b->node))};
    }
    bool compare = op != "+" && op != "-" && op != "*" && op != "/";
    if (compare) {
      if (a->literal) RETURN_IF_ERROR(ResolveLiteral(*a, *b, level));
      if (b->literal) RETURN_IF_ERROR(ResolveLiteral(*b, *a, level));
    } else if (a->literal || b->literal) {
      return Error(e, "'" + op + "' needs numbers, not text");
    }
    Type ta = a->node->type(), tb = b->node->type();
    if (ta == Type::kEnum || tb == Type::kEnum) {
      if (ta != tb || a->enum_field != b->enum_field || (op != "==" && op != "!=")) {
        return Error(e, "a value from a list can only be compared with == or != to a value of "
                        "the same list, or tested with 'in [...]'");
      }
      return Typed{MakeCompare(op, std::move(a->node), std::move(b->node))};
    }
    if (ta == Type::kDate || tb == Type::kDate) {
      if (ta != tb || !compare) return Error(e, "a date can only be compared with a date");
      return Typed{MakeCompare(op, std::move(a->node), std::move(b->node))};
    }
    if (!IsNumeric(ta) || !IsNumeric(tb)) return Error(e, "'" + op + "' needs numbers");
    if (op == "/") {
      if (!a->node->is_real()) a->node = MakeToReal(std::move(a->node));
      if (!b->node->is_real()) b->node = MakeToReal(std::move(b->node));
    }
    Promote(*a, *b);
    if (compare) return Typed{MakeCompare(op, std::move(a->node), std::move(b->node))};
    return Typed{MakeArith(op[0], std::move(a->node), std::move(b->node))};
  }

  Result<Typed> In(const Expr& e, Level level) {
    auto a = Visit(*e.args[0], level);
    if (!a.ok()) return a;
    if (a->literal) return Error(e, "'in' tests a field, not a text value");
    Type t = a->node->type();
    std::vector<int64_t> set;
    for (size_t i = 1; i < e.args.size(); ++i) {
      const Expr& v = *e.args[i];
      if (t == Type::kEnum) {
        if (v.kind != Expr::Kind::kString) {
          return Error(v, "the list must hold values of " + std::string(a->enum_field->name) +
                              " in quotes");
        }
        auto code = LiteralCode(v, a->enum_field);
        if (!code.ok()) return code.status();
        set.push_back(*code);
      } else if (t == Type::kInt || t == Type::kBool) {
        if (v.kind != Expr::Kind::kInt) return Error(v, "the list must hold whole numbers");
        set.push_back(v.int_value);
      } else {
        return Error(e, std::string("'in' cannot test ") + TypeName(t));
      }
    }
    return Typed{MakeInSet(std::move(a->node), std::move(set), e.negated)};
  }

  Result<Typed> Call(const Expr& e, Level level) {
    const std::string& fn = e.text;
    AggKind kind;
    if (fn == "any") {
      kind = AggKind::kAny;
    } else if (fn == "all") {
      kind = AggKind::kAll;
    } else if (fn == "count") {
      kind = AggKind::kCount;
    } else if (fn == "sum") {
      kind = AggKind::kSum;
    } else {
      return Error(e, "unknown function '" + fn + "'; the functions are any, all, count, sum");
    }
    if (level == Level::kMember) {
      return Error(e, "'" + fn + "' cannot be used inside another member aggregate");
    }
    if (e.args.empty() || e.args[0]->kind != Expr::Kind::kName || e.args[0]->text != "members") {
      return Error(e, "'" + fn + "' takes 'members' first: " + fn + "(members, test)");
    }
    if (e.args.size() == 1 && kind == AggKind::kCount) {
      return Typed{MakeMemberCount()};
    }
    if (e.args.size() != 2) {
      return Error(e, "'" + fn + "' takes two arguments: " + fn + "(members, test)");
    }
    auto inner = Visit(*e.args[1], Level::kMember);
    if (!inner.ok()) return inner;
    if (inner->literal) return Error(*e.args[1], "expected a test or a number, found text");
    Type t = inner->node->type();
    if (kind == AggKind::kSum) {
      if (!IsNumeric(t)) return Error(*e.args[1], "sum(...) adds numbers");
    } else if (t != Type::kBool) {
      return Error(*e.args[1], "'" + fn + "' needs a yes/no test for each member");
    }
    NodePtr node = std::move(inner->node);
    if (kind == AggKind::kSum && t == Type::kBool) {
      // sum of yes/no values: count them
      kind = AggKind::kCount;
    }
    return Typed{MakeAggregate(kind, std::move(node))};
  }

  RuleScope scope_;
  const std::vector<Parameter>& params_;
  TextPos error_pos_;
};

}  // namespace

Result<NodePtr> CompileRule(const Expr& expr, RuleScope scope, const std::vector<Parameter>& params,
                            TextPos* error_pos) {
  Compiler c(scope, params);
  auto r = c.Run(expr);
  if (!r.ok() && error_pos) *error_pos = c.error_pos();
  return r;
}

}  // namespace lnob::core::rules
