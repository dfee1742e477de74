// A compiled rule expression: a tree of typed nodes evaluated a batch of rows at a time.
//
//   EvalContext ctx{&survey, ages.data(), nullptr};
//   Batch b = BatchOf(survey, 0, 1024);         // households [0, 1024) and all their members
//   std::vector<uint8_t> out(b.size(node.level()));
//   Scratch scratch;
//   node.EvalBool(ctx, b, out.data(), scratch);  // one 0/1 per household for a boolean rule
//
// Nodes never re-parse anything and never allocate per row: a whole column segment is computed at
// each node (like a vectorised query engine), so a standard runs over millions of households in a
// fraction of a second. Values are one byte (0/1) for kBool, int64 for kInt/kEnum/kDate and double
// for kReal; a yes/no node also gives int64 (EvalInt), a number node 0/1 (EvalBool: non-zero is 1).
// Comparisons with a constant and 'in' tests read the survey's narrow columns (int8, int32)
// directly.
// Thread-safety: a compiled Node is immutable and may be evaluated by many threads at once, each
// with its own Scratch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/schema.hpp"
#include "core/survey.hpp"

namespace lnob::core::rules {

enum class Type : uint8_t { kBool, kInt, kReal, kEnum, kDate };

// Everything a node reads besides its own constants.
struct EvalContext {
  const Survey* survey = nullptr;
  const int32_t* age = nullptr;                // per member: completed years on the survey date
  const int32_t* deprivation_count = nullptr;  // for category rules: household h's count is
  uint32_t count_base = 0;                     // deprivation_count[h - count_base]
  uint32_t age_base = 0;                       // member m's age is age[m - age_base]
};

// The integer values a node reads straight from memory (a column, the ages) for a batch: bits is
// 8, 32 or 64.
struct IntSource {
  const void* values = nullptr;
  int bits = 0;
};

// Rows of one batch: households [hb, he) and their members [mb, me).
struct Batch {
  uint32_t hb = 0, he = 0, mb = 0, me = 0;
  uint32_t size(Level level) const { return level == Level::kHousehold ? he - hb : me - mb; }
};

// Returns the batch of households [begin, end) with their members.
inline Batch BatchOf(const Survey& s, uint32_t begin, uint32_t end) {
  return {begin, end, s.member_begin[begin], s.member_begin[end]};
}

// Temporary column buffers for one thread. Memory is reused from batch to batch.
class Scratch {
 public:
  // Returns room for n values, valid until the matching Release (stack order). Take(n) gives n
  // 8-byte words.
  int64_t* Ints(size_t n) { return static_cast<int64_t*>(Take(n)); }
  double* Reals(size_t n) { return static_cast<double*>(Take(n)); }
  uint8_t* Flags(size_t n) { return static_cast<uint8_t*>(Take((n + 7) / 8)); }
  uint32_t* Counts(size_t n) { return static_cast<uint32_t*>(Take((n + 1) / 2)); }
  size_t Mark() const { return top_; }
  void Release(size_t mark) { top_ = mark; }

 private:
  void* Take(size_t n);
  std::vector<std::vector<uint64_t>>
      pool_;  // moving a vector keeps its buffer: pointers stay valid
  size_t top_ = 0;
};

// A field or value a node reads, for explanations.
struct FieldUse {
  Level level;
  int field;  // index in Fields(level); -1 for a derived value
  std::string name;
};

class Node {
 public:
  Node(Type type, Level level) : type_(type), level_(level) {}
  virtual ~Node() = default;

  Type type() const { return type_; }
  Level level() const { return level_; }
  bool is_real() const { return type_ == Type::kReal; }

  // Fills out[0 .. batch.size(level())) for an integer-valued node (every type but kReal).
  virtual void EvalInt(const EvalContext&, const Batch&, int64_t* out, Scratch&) const;
  // Fills out[...] with 0 or 1 (1: the value is not 0) for an integer-valued node.
  virtual void EvalBool(const EvalContext&, const Batch&, uint8_t* out, Scratch&) const;
  // Fills out[...] for a kReal node.
  virtual void EvalReal(const EvalContext&, const Batch&, double* out, Scratch&) const;
  // True, with the values, when the node's integer values for the batch are in memory already
  // (a field, the ages); then EvalInt only widens them.
  virtual bool Source(const EvalContext&, const Batch&, IntSource* out) const {
    (void)out;
    return false;
  }
  // True, with the value, for a constant integer node.
  virtual bool Constant(int64_t* value) const {
    (void)value;
    return false;
  }

  // The member aggregate (any/all/count/sum) this node is, or nullptr. Used by explanations.
  virtual const Node* AggregateChild() const { return nullptr; }
  virtual std::string_view AggregateKind() const { return {}; }
  // Appends the fields and derived values this node and its children read, without duplicates.
  virtual void CollectUses(std::vector<FieldUse>* uses) const;
  virtual void Children(std::vector<const Node*>* out) const { (void)out; }

 private:
  Type type_;
  Level level_;
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace lnob::core::rules
