#include "core/rules/nodes.hpp"

#include <algorithm>
#include <cstring>

namespace lnob::core::rules {

void* Scratch::Take(size_t n) {
  if (top_ == pool_.size()) pool_.emplace_back();
  auto& buf = pool_[top_++];
  if (buf.size() < n) buf.resize(std::max(n, buf.size() * 2));
  return buf.data();
}

void Node::EvalInt(const EvalContext&, const Batch&, int64_t*, Scratch&) const {}
void Node::EvalReal(const EvalContext&, const Batch&, double*, Scratch&) const {}

void Node::CollectUses(std::vector<FieldUse>* uses) const {
  std::vector<const Node*> kids;
  Children(&kids);
  for (const Node* k : kids) k->CollectUses(uses);
}

namespace {

void AddUse(std::vector<FieldUse>* uses, FieldUse u) {
  for (const auto& e : *uses) {
    if (e.level == u.level && e.name == u.name) return;
  }
  uses->push_back(std::move(u));
}

uint32_t First(const Batch& b, Level level) {
  return level == Level::kHousehold ? b.hb : b.mb;
}

// Calls f(p) with p pointing at row `first` of the integer vector that `c` uses (int8_t, int32_t
// or int64_t; see core::FieldColumn).
template <typename F>
void WithInts(const FieldColumn& c, uint32_t first, F&& f) {
  if (!c.i8.empty()) {
    f(c.i8.data() + first);
  } else if (!c.i32.empty()) {
    f(c.i32.data() + first);
  } else {
    f(c.i64.data() + first);
  }
}

class ConstInt final : public Node {
 public:
  ConstInt(Type t, Level l, int64_t v) : Node(t, l), v_(v) {}
  void EvalInt(const EvalContext&, const Batch& b, int64_t* out, Scratch&) const override {
    std::fill_n(out, b.size(level()), v_);
  }

 private:
  int64_t v_;
};

class ConstReal final : public Node {
 public:
  ConstReal(Level l, double v) : Node(Type::kReal, l), v_(v) {}
  void EvalReal(const EvalContext&, const Batch& b, double* out, Scratch&) const override {
    std::fill_n(out, b.size(level()), v_);
  }

 private:
  double v_;
};

class Field final : public Node {
 public:
  Field(Type t, Level l, int field, std::string name)
      : Node(t, l), field_(field), name_(std::move(name)) {}
  const FieldColumn& Col(const EvalContext& c) const {
    const Table& t = level() == Level::kHousehold ? c.survey->households : c.survey->members;
    return t.columns[field_];
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch&) const override {
    const uint32_t n = b.size(level());
    WithInts(Col(c), First(b, level()), [&](const auto* v) {
      for (uint32_t i = 0; i < n; ++i) out[i] = v[i];  // widened to int64
    });
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch&) const override {
    std::memcpy(out, Col(c).reals.data() + First(b, level()), b.size(level()) * sizeof(double));
  }
  void CollectUses(std::vector<FieldUse>* uses) const override {
    AddUse(uses, {level(), field_, name_});
  }

 private:
  int field_;
  std::string name_;
};

class Age final : public Node {
 public:
  Age() : Node(Type::kInt, Level::kMember) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch&) const override {
    const int32_t* a = c.age + b.mb;
    for (uint32_t i = 0, n = b.me - b.mb; i < n; ++i) out[i] = a[i];
  }
  void CollectUses(std::vector<FieldUse>* uses) const override {
    AddUse(uses, {Level::kMember, -1, "age"});
  }
};

class DeprivationCount final : public Node {
 public:
  DeprivationCount() : Node(Type::kInt, Level::kHousehold) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch&) const override {
    const int32_t* d = c.deprivation_count + (b.hb - c.count_base);
    for (uint32_t i = 0, n = b.he - b.hb; i < n; ++i) out[i] = d[i];
  }
  void CollectUses(std::vector<FieldUse>* uses) const override {
    AddUse(uses, {Level::kHousehold, -1, "count"});
  }
};

class MemberCount final : public Node {
 public:
  MemberCount() : Node(Type::kInt, Level::kHousehold) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch&) const override {
    const uint32_t* mb = c.survey->member_begin.data();
    for (uint32_t h = b.hb; h < b.he; ++h) out[h - b.hb] = mb[h + 1] - mb[h];
  }
  void CollectUses(std::vector<FieldUse>* uses) const override {
    AddUse(uses, {Level::kHousehold, -1, "members"});
  }
};

template <typename T>
class ParamBy final : public Node {
 public:
  ParamBy(Type t, Level l, int key, std::vector<T> values)
      : Node(t, l), key_(key), values_(std::move(values)) {}
  void Fill(const EvalContext& c, const Batch& b, T* out) const {
    const Table& t = level() == Level::kHousehold ? c.survey->households : c.survey->members;
    const uint32_t n = b.size(level());
    WithInts(t.columns[key_], First(b, level()), [&](const auto* k) {
      for (uint32_t i = 0; i < n; ++i) out[i] = values_[k[i]];
    });
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch&) const override {
    if constexpr (std::is_same_v<T, int64_t>) Fill(c, b, out);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch&) const override {
    if constexpr (std::is_same_v<T, double>) Fill(c, b, out);
  }

 private:
  int key_;
  std::vector<T> values_;
};

class Broadcast final : public Node {
 public:
  explicit Broadcast(NodePtr h) : Node(h->type(), Level::kMember), h_(std::move(h)) {}
  template <typename T>
  void Spread(const EvalContext& c, const Batch& b, const T* hv, T* out) const {
    const uint32_t* owner = c.survey->member_household.data();
    for (uint32_t m = b.mb; m < b.me; ++m) out[m - b.mb] = hv[owner[m] - b.hb];
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    size_t mark = s.Mark();
    int64_t* hv = s.Ints(b.he - b.hb);
    h_->EvalInt(c, b, hv, s);
    Spread(c, b, hv, out);
    s.Release(mark);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    size_t mark = s.Mark();
    double* hv = s.Reals(b.he - b.hb);
    h_->EvalReal(c, b, hv, s);
    Spread(c, b, hv, out);
    s.Release(mark);
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(h_.get()); }

 private:
  NodePtr h_;
};

class ToReal final : public Node {
 public:
  explicit ToReal(NodePtr a) : Node(Type::kReal, a->level()), a_(std::move(a)) {}
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    size_t mark = s.Mark();
    uint32_t n = b.size(level());
    int64_t* v = s.Ints(n);
    a_->EvalInt(c, b, v, s);
    for (uint32_t i = 0; i < n; ++i) out[i] = static_cast<double>(v[i]);
    s.Release(mark);
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(a_.get()); }

 private:
  NodePtr a_;
};

class Not final : public Node {
 public:
  explicit Not(NodePtr a) : Node(Type::kBool, a->level()), a_(std::move(a)) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    a_->EvalInt(c, b, out, s);
    for (uint32_t i = 0, n = b.size(level()); i < n; ++i) out[i] = out[i] == 0;
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(a_.get()); }

 private:
  NodePtr a_;
};

class Neg final : public Node {
 public:
  explicit Neg(NodePtr a)
      : Node(a->is_real() ? Type::kReal : Type::kInt, a->level()), a_(std::move(a)) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    a_->EvalInt(c, b, out, s);
    for (uint32_t i = 0, n = b.size(level()); i < n; ++i) out[i] = -out[i];
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    a_->EvalReal(c, b, out, s);
    for (uint32_t i = 0, n = b.size(level()); i < n; ++i) out[i] = -out[i];
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(a_.get()); }

 private:
  NodePtr a_;
};

// Two operands evaluated into `out` and a scratch column, then combined in place.
class BinaryNode : public Node {
 public:
  BinaryNode(Type t, NodePtr a, NodePtr b)
      : Node(t, a->level()), a_(std::move(a)), b_(std::move(b)) {}
  void Children(std::vector<const Node*>* out) const override {
    out->push_back(a_.get());
    out->push_back(b_.get());
  }

 protected:
  template <typename T, typename F>
  void Combine(const EvalContext& c, const Batch& bt, T* lhs, Scratch& s, F f) const {
    size_t mark = s.Mark();
    uint32_t n = bt.size(level());
    T* rhs;
    if constexpr (std::is_same_v<T, double>) {
      rhs = s.Reals(n);
      a_->EvalReal(c, bt, lhs, s);
      b_->EvalReal(c, bt, rhs, s);
    } else {
      rhs = s.Ints(n);
      a_->EvalInt(c, bt, lhs, s);
      b_->EvalInt(c, bt, rhs, s);
    }
    for (uint32_t i = 0; i < n; ++i) lhs[i] = f(lhs[i], rhs[i]);
    s.Release(mark);
  }
  NodePtr a_, b_;
};

class Arith final : public BinaryNode {
 public:
  Arith(char op, Type t, NodePtr a, NodePtr b)
      : BinaryNode(t, std::move(a), std::move(b)), op_(op) {}
  template <typename T>
  void Run(const EvalContext& c, const Batch& b, T* out, Scratch& s) const {
    switch (op_) {
      case '+': Combine(c, b, out, s, [](T x, T y) { return x + y; }); break;
      case '-': Combine(c, b, out, s, [](T x, T y) { return x - y; }); break;
      case '*': Combine(c, b, out, s, [](T x, T y) { return x * y; }); break;
      default: Combine(c, b, out, s, [](T x, T y) { return x / y; }); break;
    }
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    Run(c, b, out, s);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    Run(c, b, out, s);
  }

 private:
  char op_;
};

enum class Cmp { kLt, kLe, kGt, kGe, kEq, kNe };

class Compare final : public BinaryNode {
 public:
  Compare(Cmp op, NodePtr a, NodePtr b)
      : BinaryNode(Type::kBool, std::move(a), std::move(b)), op_(op), real_(a_->is_real()) {}
  template <typename T>
  void Run(const EvalContext& c, const Batch& b, T* lhs, Scratch& s) const {
    switch (op_) {
      case Cmp::kLt: Combine(c, b, lhs, s, [](T x, T y) { return T(x < y); }); break;
      case Cmp::kLe: Combine(c, b, lhs, s, [](T x, T y) { return T(x <= y); }); break;
      case Cmp::kGt: Combine(c, b, lhs, s, [](T x, T y) { return T(x > y); }); break;
      case Cmp::kGe: Combine(c, b, lhs, s, [](T x, T y) { return T(x >= y); }); break;
      case Cmp::kEq: Combine(c, b, lhs, s, [](T x, T y) { return T(x == y); }); break;
      case Cmp::kNe: Combine(c, b, lhs, s, [](T x, T y) { return T(x != y); }); break;
    }
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    if (!real_) {
      Run(c, b, out, s);
      return;
    }
    size_t mark = s.Mark();
    uint32_t n = b.size(level());
    double* tmp = s.Reals(n);
    Run(c, b, tmp, s);
    for (uint32_t i = 0; i < n; ++i) out[i] = tmp[i] != 0;
    s.Release(mark);
  }

 private:
  Cmp op_;
  bool real_;
};

class Logic final : public BinaryNode {
 public:
  Logic(bool is_and, NodePtr a, NodePtr b)
      : BinaryNode(Type::kBool, std::move(a), std::move(b)), and_(is_and) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    if (and_) {
      Combine(c, b, out, s, [](int64_t x, int64_t y) { return int64_t((x != 0) & (y != 0)); });
    } else {
      Combine(c, b, out, s, [](int64_t x, int64_t y) { return int64_t((x != 0) | (y != 0)); });
    }
  }

 private:
  bool and_;
};

class InSet final : public Node {
 public:
  InSet(NodePtr a, std::vector<int64_t> set, bool negated)
      : Node(Type::kBool, a->level()), a_(std::move(a)), set_(std::move(set)), negated_(negated) {
    small_ = std::all_of(set_.begin(), set_.end(), [](int64_t v) { return v >= 0 && v < 64; });
    for (int64_t v : set_) {
      if (small_) mask_ |= uint64_t{1} << v;
    }
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    a_->EvalInt(c, b, out, s);
    uint32_t n = b.size(level());
    int64_t flip = negated_ ? 1 : 0;
    if (small_) {
      for (uint32_t i = 0; i < n; ++i) {
        uint64_t v = static_cast<uint64_t>(out[i]);
        out[i] = int64_t(v < 64 && ((mask_ >> v) & 1)) ^ flip;
      }
      return;
    }
    for (uint32_t i = 0; i < n; ++i) {
      out[i] = int64_t(std::find(set_.begin(), set_.end(), out[i]) != set_.end()) ^ flip;
    }
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(a_.get()); }

 private:
  NodePtr a_;
  std::vector<int64_t> set_;
  bool negated_;
  bool small_ = false;
  uint64_t mask_ = 0;
};

class Aggregate final : public Node {
 public:
  Aggregate(AggKind kind, NodePtr m)
      : Node(kind == AggKind::kAny || kind == AggKind::kAll ? Type::kBool
             : kind == AggKind::kCount                      ? Type::kInt
                                                            : m->type(),
             Level::kHousehold),
        kind_(kind),
        m_(std::move(m)) {}

  template <typename T>
  void Reduce(const EvalContext& c, const Batch& b, const T* mv, T* out) const {
    const uint32_t* mb = c.survey->member_begin.data();
    for (uint32_t h = b.hb; h < b.he; ++h) {
      const T* v = mv + (mb[h] - b.mb);
      uint32_t n = mb[h + 1] - mb[h];
      T acc = 0;
      switch (kind_) {
        case AggKind::kAny:
          for (uint32_t i = 0; i < n; ++i) acc |= T(v[i] != 0);
          break;
        case AggKind::kAll:
          acc = 1;
          for (uint32_t i = 0; i < n; ++i) acc &= T(v[i] != 0);
          break;
        case AggKind::kCount:
          for (uint32_t i = 0; i < n; ++i) acc += T(v[i] != 0);
          break;
        case AggKind::kSum:
          for (uint32_t i = 0; i < n; ++i) acc += v[i];
          break;
      }
      out[h - b.hb] = acc;
    }
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    size_t mark = s.Mark();
    int64_t* mv = s.Ints(b.me - b.mb);
    m_->EvalInt(c, b, mv, s);
    Reduce(c, b, mv, out);
    s.Release(mark);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    size_t mark = s.Mark();
    double* mv = s.Reals(b.me - b.mb);
    m_->EvalReal(c, b, mv, s);
    const uint32_t* mb = c.survey->member_begin.data();
    for (uint32_t h = b.hb; h < b.he; ++h) {
      double acc = 0;
      for (uint32_t m = mb[h]; m < mb[h + 1]; ++m) acc += mv[m - b.mb];
      out[h - b.hb] = acc;
    }
    s.Release(mark);
  }
  const Node* AggregateChild() const override { return m_.get(); }
  std::string_view AggregateKind() const override {
    switch (kind_) {
      case AggKind::kAny: return "any";
      case AggKind::kAll: return "all";
      case AggKind::kCount: return "count";
      case AggKind::kSum: return "sum";
    }
    return {};
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(m_.get()); }

 private:
  AggKind kind_;
  NodePtr m_;
};

}  // namespace

NodePtr MakeConstInt(Type t, Level l, int64_t v) {
  return std::make_unique<ConstInt>(t, l, v);
}
NodePtr MakeConstReal(Level l, double v) {
  return std::make_unique<ConstReal>(l, v);
}
NodePtr MakeField(Type t, Level l, int field, std::string name) {
  return std::make_unique<Field>(t, l, field, std::move(name));
}
NodePtr MakeAge() {
  return std::make_unique<Age>();
}
NodePtr MakeDeprivationCount() {
  return std::make_unique<DeprivationCount>();
}
NodePtr MakeMemberCount() {
  return std::make_unique<MemberCount>();
}
NodePtr MakeParamByInt(Level l, int key, std::vector<int64_t> values) {
  return std::make_unique<ParamBy<int64_t>>(Type::kInt, l, key, std::move(values));
}
NodePtr MakeParamByReal(Level l, int key, std::vector<double> values) {
  return std::make_unique<ParamBy<double>>(Type::kReal, l, key, std::move(values));
}
NodePtr MakeBroadcast(NodePtr h) {
  return std::make_unique<Broadcast>(std::move(h));
}
NodePtr MakeToReal(NodePtr a) {
  return std::make_unique<ToReal>(std::move(a));
}
NodePtr MakeNot(NodePtr a) {
  return std::make_unique<Not>(std::move(a));
}
NodePtr MakeNeg(NodePtr a) {
  return std::make_unique<Neg>(std::move(a));
}
NodePtr MakeArith(char op, NodePtr a, NodePtr b) {
  Type t = a->is_real() ? Type::kReal : Type::kInt;  // yes/no values add up as numbers
  return std::make_unique<Arith>(op, t, std::move(a), std::move(b));
}
NodePtr MakeCompare(std::string_view op, NodePtr a, NodePtr b) {
  Cmp c = op == "<"    ? Cmp::kLt
          : op == "<=" ? Cmp::kLe
          : op == ">"  ? Cmp::kGt
          : op == ">=" ? Cmp::kGe
          : op == "==" ? Cmp::kEq
                       : Cmp::kNe;
  return std::make_unique<Compare>(c, std::move(a), std::move(b));
}
NodePtr MakeLogic(bool is_and, NodePtr a, NodePtr b) {
  return std::make_unique<Logic>(is_and, std::move(a), std::move(b));
}
NodePtr MakeInSet(NodePtr a, std::vector<int64_t> set, bool negated) {
  return std::make_unique<InSet>(std::move(a), std::move(set), negated);
}
NodePtr MakeAggregate(AggKind kind, NodePtr m) {
  return std::make_unique<Aggregate>(kind, std::move(m));
}

}  // namespace lnob::core::rules
