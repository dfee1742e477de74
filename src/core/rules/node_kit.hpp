// What the node kinds of nodes.cpp and operators.cpp share. Internal to core/rules.
#pragma once

#include <cstdint>
#include <type_traits>

#include "core/rules/program.hpp"

namespace lnob::core::rules::kit {

// Calls f(p) with p pointing at the first value of `src` as int8_t, int32_t or int64_t.
template <typename F>
inline void WithSource(const IntSource& src, F&& f) {
  switch (src.bits) {
    case 8: f(static_cast<const int8_t*>(src.values)); break;
    case 32: f(static_cast<const int32_t*>(src.values)); break;
    default: f(static_cast<const int64_t*>(src.values)); break;
  }
}

// Room for n values of T (int64_t, uint8_t or double) in s, until the matching Release.
template <typename T>
inline T* Room(Scratch& s, size_t n) {
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
inline void Eval(const Node& node, const EvalContext& c, const Batch& b, T* out, Scratch& s) {
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

}  // namespace lnob::core::rules::kit
