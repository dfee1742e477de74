// The operator node kinds: not, negation, arithmetic, comparisons, and/or, 'in' and the member
// aggregates (see program.hpp).
#include <algorithm>
#include <limits>
#include <type_traits>

#include "core/rules/node_kit.hpp"
#include "core/rules/nodes.hpp"

namespace lnob::core::rules {
namespace {

using kit::BoolNode;
using kit::Eval;
using kit::Room;
using kit::WithSource;

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
