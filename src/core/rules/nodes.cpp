// The leaf and data-moving node kinds (constants, fields, ages, counts, parameters, broadcast,
// conversion); the operators are in operators.cpp.
#include "core/rules/nodes.hpp"

#include <algorithm>
#include <cstring>

#include "core/rules/node_kit.hpp"

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

using kit::Eval;
using kit::Room;

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

}  // namespace lnob::core::rules
