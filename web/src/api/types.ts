// The schemas of api/openapi.yaml, by name, for pages and components.
export type {
  AuditEntry,
  Category,
  HouseholdDetail,
  HouseholdPage,
  HouseholdSummary,
  Level,
  Me,
  RatesRow,
  Role,
  Round,
  TargetRow,
  TransitionRow,
  Unit,
  UnitDetail,
  User,
  WhatIfRow,
} from "lnob-api-schema";
