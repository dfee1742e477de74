// The node kinds of a compiled rule (see program.hpp). Built only by the compiler.
#pragma once

#include <vector>

#include "core/rules/program.hpp"

namespace lnob::core::rules {

enum class AggKind { kAny, kAll, kCount, kSum };

NodePtr MakeConstInt(Type type, Level level, int64_t value);
NodePtr MakeConstReal(Level level, double value);
// Reads field `field` of `level` (kReal for kDecimal fields).
NodePtr MakeField(Type type, Level level, int field, std::string name);
NodePtr MakeAge();                 // member level
NodePtr MakeDeprivationCount();    // household level, category rules only
NodePtr MakeMemberCount();         // household level: number of members
// A parameter that depends on an enumeration field (line by area, working age by sex):
// value = values[code of field `key_field` at `level`].
NodePtr MakeParamByInt(Level level, int key_field, std::vector<int64_t> values);
NodePtr MakeParamByReal(Level level, int key_field, std::vector<double> values);
NodePtr MakeBroadcast(NodePtr household_node);  // household value seen from each member
NodePtr MakeToReal(NodePtr node);
NodePtr MakeNot(NodePtr node);
NodePtr MakeNeg(NodePtr node);
// op: + - * / (operands of one numeric kind; '/' only on reals).
NodePtr MakeArith(char op, NodePtr a, NodePtr b);
// op: < <= > >= == != ; operands both real or both integer.
NodePtr MakeCompare(std::string_view op, NodePtr a, NodePtr b);
NodePtr MakeLogic(bool is_and, NodePtr a, NodePtr b);
NodePtr MakeInSet(NodePtr value, std::vector<int64_t> set, bool negated);
NodePtr MakeAggregate(AggKind kind, NodePtr member_node);

}  // namespace lnob::core::rules
