#include "core/rules/nodes.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

namespace lnob::core::rules {

void* Scratch::Take(size_t n) {
  if (top_ == pool_.size()) pool_.emplace_back();
  auto& buf = pool_[top_++];
  if (buf.size() < n) buf.resize(std::max(n, buf.size() * 2));
  return buf.data();
}

void Node::EvalInt(const EvalContext&, const Batch&, int64_t*, Scratch&) const {}
void Node::EvalReal(const EvalContext&, const Batch&, double*, Scratch&) const {}

void Node::EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const {
  const size_t mark = s.Mark();
  const uint32_t n = b.size(level());
  int64_t* v = s.Ints(n);
  EvalInt(c, b, v, s);
  for (uint32_t i = 0; i < n; ++i) out[i] = v[i] != 0;
  s.Release(mark);
}

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

// Calls f(p) with p pointing at the first value of `src` as int8_t, int32_t or int64_t.
template <typename F>
void WithSource(const IntSource& src, F&& f) {
  switch (src.bits) {
    case 8: f(static_cast<const int8_t*>(src.values)); break;
    case 32: f(static_cast<const int32_t*>(src.values)); break;
    default: f(static_cast<const int64_t*>(src.values)); break;
  }
}

// Room for n values of T (int64_t, uint8_t or double) in s, until the matching Release.
template <typename T>
T* Room(Scratch& s, size_t n) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return s.Ints(n);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    return s.Flags(n);
  } else {
    return s.Reals(n);
  }
}

// node's values of T (int64_t: EvalInt, uint8_t: EvalBool, double: EvalReal) for the batch.
template <typename T>
void Eval(const Node& node, const EvalContext& c, const Batch& b, T* out, Scratch& s) {
  if constexpr (std::is_same_v<T, int64_t>) {
    node.EvalInt(c, b, out, s);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    node.EvalBool(c, b, out, s);
  } else {
    node.EvalReal(c, b, out, s);
  }
}

// A yes/no node: computes 0/1 bytes (EvalBool); EvalInt widens them.
class BoolNode : public Node {
 public:
  BoolNode(Type t, Level l) : Node(t, l) {}
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const final {
    const size_t mark = s.Mark();
    const uint32_t n = b.size(level());
    uint8_t* f = s.Flags(n);
    EvalBool(c, b, f, s);
    for (uint32_t i = 0; i < n; ++i) out[i] = f[i];
    s.Release(mark);
  }
};

class ConstInt final : public Node {
 public:
  ConstInt(Type t, Level l, int64_t v) : Node(t, l), v_(v) {}
  void EvalInt(const EvalContext&, const Batch& b, int64_t* out, Scratch&) const override {
    std::fill_n(out, b.size(level()), v_);
  }
  void EvalBool(const EvalContext&, const Batch& b, uint8_t* out, Scratch&) const override {
    std::fill_n(out, b.size(level()), uint8_t{v_ != 0});
  }
  bool Constant(int64_t* value) const override {
    *value = v_;
    return true;
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
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch&) const override {
    const uint32_t n = b.size(level());
    WithInts(Col(c), First(b, level()), [&](const auto* v) {
      for (uint32_t i = 0; i < n; ++i) out[i] = v[i] != 0;  // a NULL (-1) counts as yes
    });
  }
  bool Source(const EvalContext& c, const Batch& b, IntSource* out) const override {
    if (is_real()) return false;
    WithInts(Col(c), First(b, level()), [&](const auto* v) {
      *out = {v, static_cast<int>(sizeof(*v) * 8)};
    });
    return true;
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
    const int32_t* a = c.age + (b.mb - c.age_base);
    for (uint32_t i = 0, n = b.me - b.mb; i < n; ++i) out[i] = a[i];
  }
  bool Source(const EvalContext& c, const Batch& b, IntSource* out) const override {
    *out = {c.age + (b.mb - c.age_base), 32};
    return true;
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
  template <typename T>
  void Run(const EvalContext& c, const Batch& b, T* out, Scratch& s) const {
    const size_t mark = s.Mark();
    T* hv = Room<T>(s, b.he - b.hb);
    Eval(*h_, c, b, hv, s);
    Spread(c, b, hv, out);
    s.Release(mark);
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    Run(c, b, out, s);
  }
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    Run(c, b, out, s);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    Run(c, b, out, s);
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

class Not final : public BoolNode {
 public:
  explicit Not(NodePtr a) : BoolNode(Type::kBool, a->level()), a_(std::move(a)) {}
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    a_->EvalBool(c, b, out, s);
    for (uint32_t i = 0, n = b.size(level()); i < n; ++i) out[i] ^= 1;
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

// Two operands. Base is Node or BoolNode.
template <typename Base>
class Binary : public Base {
 public:
  Binary(Type t, NodePtr a, NodePtr b) : Base(t, a->level()), a_(std::move(a)), b_(std::move(b)) {}
  void Children(std::vector<const Node*>* out) const override {
    out->push_back(a_.get());
    out->push_back(b_.get());
  }

 protected:
  NodePtr a_, b_;
};

class Arith final : public Binary<Node> {
 public:
  Arith(char op, Type t, NodePtr a, NodePtr b) : Binary(t, std::move(a), std::move(b)), op_(op) {}
  // Evaluates both operands into `lhs` and a scratch column, then combines them in place.
  template <typename T, typename F>
  void Combine(const EvalContext& c, const Batch& bt, T* lhs, Scratch& s, F f) const {
    const size_t mark = s.Mark();
    const uint32_t n = bt.size(level());
    T* rhs = Room<T>(s, n);
    Eval(*a_, c, bt, lhs, s);
    Eval(*b_, c, bt, rhs, s);
    for (uint32_t i = 0; i < n; ++i) lhs[i] = f(lhs[i], rhs[i]);
    s.Release(mark);
  }
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

// out[i] = x(i) op y(i), for i < n.
template <typename X, typename Y>
void CompareAll(Cmp op, uint32_t n, uint8_t* out, X x, Y y) {
  switch (op) {
    case Cmp::kLt:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) < y(i);
      break;
    case Cmp::kLe:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) <= y(i);
      break;
    case Cmp::kGt:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) > y(i);
      break;
    case Cmp::kGe:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) >= y(i);
      break;
    case Cmp::kEq:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) == y(i);
      break;
    case Cmp::kNe:
      for (uint32_t i = 0; i < n; ++i) out[i] = x(i) != y(i);
      break;
  }
}

// out[i] = v[i] op k, compared in T's width when k fits in it (so that narrow columns compare
// many values at a time), else in int64.
template <typename T>
void CompareTo(Cmp op, const T* v, int64_t k, uint32_t n, uint8_t* out) {
  if (k >= std::numeric_limits<T>::min() && k <= std::numeric_limits<T>::max()) {
    const T narrow = static_cast<T>(k);
    CompareAll(
        op, n, out, [v](uint32_t i) { return v[i]; }, [narrow](uint32_t) { return narrow; });
  } else {
    CompareAll(
        op, n, out, [v](uint32_t i) { return int64_t{v[i]}; }, [k](uint32_t) { return k; });
  }
}

class Compare final : public Binary<BoolNode> {
 public:
  Compare(Cmp op, NodePtr a, NodePtr b)
      : Binary(Type::kBool, std::move(a), std::move(b)), op_(op), real_(a_->is_real()) {
    constant_ = !real_ && b_->Constant(&k_);
  }
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    const size_t mark = s.Mark();
    const uint32_t n = b.size(level());
    IntSource src;
    if (constant_ && a_->Source(c, b, &src)) {
      WithSource(src, [&](const auto* v) { CompareTo(op_, v, k_, n, out); });
    } else if (constant_) {
      int64_t* v = s.Ints(n);
      a_->EvalInt(c, b, v, s);
      CompareTo(op_, v, k_, n, out);
    } else if (real_) {
      double* x = s.Reals(n);
      double* y = s.Reals(n);
      a_->EvalReal(c, b, x, s);
      b_->EvalReal(c, b, y, s);
      CompareAll(
          op_, n, out, [x](uint32_t i) { return x[i]; }, [y](uint32_t i) { return y[i]; });
    } else {
      int64_t* x = s.Ints(n);
      int64_t* y = s.Ints(n);
      a_->EvalInt(c, b, x, s);
      b_->EvalInt(c, b, y, s);
      CompareAll(
          op_, n, out, [x](uint32_t i) { return x[i]; }, [y](uint32_t i) { return y[i]; });
    }
    s.Release(mark);
  }

 private:
  Cmp op_;
  bool real_;
  bool constant_ = false;  // b_ is the integer constant k_
  int64_t k_ = 0;
};

class Logic final : public Binary<BoolNode> {
 public:
  Logic(bool is_and, NodePtr a, NodePtr b)
      : Binary(Type::kBool, std::move(a), std::move(b)), and_(is_and) {}
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    const size_t mark = s.Mark();
    const uint32_t n = b.size(level());
    uint8_t* rhs = s.Flags(n);
    a_->EvalBool(c, b, out, s);
    b_->EvalBool(c, b, rhs, s);
    if (and_) {
      for (uint32_t i = 0; i < n; ++i) out[i] &= rhs[i];
    } else {
      for (uint32_t i = 0; i < n; ++i) out[i] |= rhs[i];
    }
    s.Release(mark);
  }

 private:
  bool and_;
};

class InSet final : public BoolNode {
 public:
  InSet(NodePtr a, std::vector<int64_t> set, bool negated)
      : BoolNode(Type::kBool, a->level()),
        a_(std::move(a)),
        set_(std::move(set)),
        negated_(negated) {
    for (int v = -128; v < 128; ++v) {
      bool in = std::find(set_.begin(), set_.end(), v) != set_.end();
      byte_[static_cast<uint8_t>(v)] = static_cast<uint8_t>(in != negated_);
    }
  }
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    const uint32_t n = b.size(level());
    IntSource src;
    if (a_->Source(c, b, &src) && src.bits == 8) {  // an enumeration's codes: a table lookup
      const auto* v = static_cast<const int8_t*>(src.values);
      for (uint32_t i = 0; i < n; ++i) out[i] = byte_[static_cast<uint8_t>(v[i])];
      return;
    }
    const size_t mark = s.Mark();
    int64_t* v = s.Ints(n);
    a_->EvalInt(c, b, v, s);
    const uint8_t flip = negated_ ? 1 : 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (v[i] >= -128 && v[i] < 128) {
        out[i] = byte_[static_cast<uint8_t>(v[i])];
      } else {
        out[i] =
            static_cast<uint8_t>(std::find(set_.begin(), set_.end(), v[i]) != set_.end()) ^ flip;
      }
    }
    s.Release(mark);
  }
  void Children(std::vector<const Node*>* out) const override { out->push_back(a_.get()); }

 private:
  NodePtr a_;
  std::vector<int64_t> set_;
  bool negated_;
  uint8_t byte_[256];  // for a value v in [-128, 128): the result, at (uint8_t)v
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

  // For any/all/count: f(h, n, k) for each household h of the batch (0-based in the batch) with
  // its n members, k of whom pass the member test.
  template <typename F>
  void CountPassing(const EvalContext& c, const Batch& b, Scratch& s, F f) const {
    const size_t mark = s.Mark();
    const uint32_t members = b.me - b.mb;
    uint8_t* mv = s.Flags(members);
    m_->EvalBool(c, b, mv, s);
    // passed[i]: members among the batch's first i that pass (one pass, no branch per household).
    uint32_t* passed = s.Counts(members + 1);
    uint32_t acc = 0;
    passed[0] = 0;
    for (uint32_t i = 0; i < members; ++i) passed[i + 1] = acc += mv[i];
    const uint32_t* mb = c.survey->member_begin.data();
    for (uint32_t h = b.hb; h < b.he; ++h) {
      f(h - b.hb, mb[h + 1] - mb[h], passed[mb[h + 1] - b.mb] - passed[mb[h] - b.mb]);
    }
    s.Release(mark);
  }
  void EvalBool(const EvalContext& c, const Batch& b, uint8_t* out, Scratch& s) const override {
    if (kind_ == AggKind::kAny) {
      CountPassing(c, b, s, [out](uint32_t h, uint32_t, uint32_t k) { out[h] = k != 0; });
    } else if (kind_ == AggKind::kAll) {
      CountPassing(c, b, s, [out](uint32_t h, uint32_t n, uint32_t k) { out[h] = k == n; });
    } else {
      Node::EvalBool(c, b, out, s);
    }
  }
  void EvalInt(const EvalContext& c, const Batch& b, int64_t* out, Scratch& s) const override {
    switch (kind_) {
      case AggKind::kAny:
        CountPassing(c, b, s, [out](uint32_t h, uint32_t, uint32_t k) { out[h] = k != 0; });
        return;
      case AggKind::kAll:
        CountPassing(c, b, s, [out](uint32_t h, uint32_t n, uint32_t k) { out[h] = k == n; });
        return;
      case AggKind::kCount:
        CountPassing(c, b, s, [out](uint32_t h, uint32_t, uint32_t k) { out[h] = k; });
        return;
      case AggKind::kSum: break;
    }
    Sum(c, b, s, out);
  }
  void EvalReal(const EvalContext& c, const Batch& b, double* out, Scratch& s) const override {
    Sum(c, b, s, out);
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
  // out[h] = the sum of the member values of household h.
  template <typename T>
  void Sum(const EvalContext& c, const Batch& b, Scratch& s, T* out) const {
    const size_t mark = s.Mark();
    T* mv = Room<T>(s, b.me - b.mb);
    Eval(*m_, c, b, mv, s);
    const uint32_t* mb = c.survey->member_begin.data();
    for (uint32_t h = b.hb; h < b.he; ++h) {
      T acc = 0;
      for (uint32_t m = mb[h]; m < mb[h + 1]; ++m) acc += mv[m - b.mb];
      out[h - b.hb] = acc;
    }
    s.Release(mark);
  }

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
  int64_t k;
  if (a->Constant(&k) && !b->Constant(&k)) {  // 2 < x is x > 2: the constant goes right
    std::swap(a, b);
    c = c == Cmp::kLt   ? Cmp::kGt
        : c == Cmp::kLe ? Cmp::kGe
        : c == Cmp::kGt ? Cmp::kLt
        : c == Cmp::kGe ? Cmp::kLe
                        : c;
  }
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
