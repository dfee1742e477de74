// A household's category as a coloured badge ("Hộ nghèo" / "Poor"), for the register and the
// household page. The styles are in Household.css (loaded with the pages that use it).
import type { Category } from "../api/types";
import { useApp } from "../context";
import "./Household.css";

export const CATEGORIES: Category[] = ["poor", "near_poor", "middle", "not_poor"];

export function HouseholdCategory({ category }: { category: Category }) {
  const { t } = useApp();
  return <span class={`badge hh-cat hh-cat-${category}`}>{t(`households.cat.${category}`)}</span>;
}
