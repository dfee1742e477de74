// The survey's fields and answers in plain words (the data dictionary of src/core/schema.cpp,
// labels vi/en), and the sentence that says why a household is deprived in an indicator, built
// from the causes the API returns (GET /api/households/{id}: result.indicators[].causes).
//
//   fieldLabel("water_source", "vi");                     // "Nguồn nước sinh hoạt"
//   valueText("water_source", "unprotected_spring", "en"); // "unprotected spring"
//   causeSentence({ water_source: "unprotected_spring" }, "vi");
//     // "Nguồn nước sinh hoạt: giếng/mạch lộ thiên không được bảo vệ" (one clause per field)
import { formatDate, formatMoney } from "../format";
import type { Lang } from "../i18n";

type Pair = [vi: string, en: string];

const FIELDS: Record<string, Pair> = {
  household_id: ["Mã hộ", "Household ID"],
  province_code: ["Mã tỉnh", "Province code"],
  commune_code: ["Mã xã", "Commune code"],
  village_code: ["Mã thôn", "Village code"],
  area: ["Khu vực", "Area"],
  survey_date: ["Ngày rà soát", "Survey date"],
  income_pc_month: ["Thu nhập bình quân/người/tháng", "Income per person per month"],
  house_area_m2: ["Diện tích nhà ở (m²)", "House area (m²)"],
  wall_durable: ["Tường bền chắc", "Durable walls"],
  frame_durable: ["Khung bền chắc", "Durable frame"],
  roof_durable: ["Mái bền chắc", "Durable roof"],
  water_source: ["Nguồn nước sinh hoạt", "Drinking-water source"],
  toilet_type: ["Loại nhà tiêu", "Toilet type"],
  uses_telecom: ["Sử dụng dịch vụ viễn thông", "Uses telecom services"],
  has_info_device: ["Có phương tiện tiếp cận thông tin", "Has a means of information"],
  waste_treated: ["Rác thải được thu gom, xử lý", "Waste collected or treated"],
  member_id: ["Mã thành viên", "Member ID"],
  full_name: ["Họ và tên", "Full name"],
  national_id: ["Số định danh cá nhân", "Citizen ID"],
  birth_date: ["Ngày sinh", "Birth date"],
  sex: ["Giới tính", "Sex"],
  relation: ["Quan hệ với chủ hộ", "Relation to head"],
  ethnicity: ["Dân tộc", "Ethnicity"],
  health_insurance: ["Có thẻ BHYT", "Health insurance"],
  malnourished: ["Suy dinh dưỡng", "Malnourished"],
  school_attending: ["Đang đi học", "Attending school"],
  education: ["Trình độ giáo dục cao nhất", "Highest education"],
  employment: ["Việc làm", "Employment"],
  disability: ["Khuyết tật", "Disability"],
  monthly_allowance: ["Hưởng trợ cấp hằng tháng", "Monthly allowance"],
  age: ["Tuổi", "Age"],
  members: ["Số thành viên", "Members"],
  member: ["Thành viên", "Member"],
};

const VALUES: Record<string, Pair> = {
  rural: ["nông thôn", "rural"],
  urban: ["thành thị", "urban"],
  piped: ["nước máy", "piped water"],
  drilled_well: ["giếng khoan", "drilled well"],
  protected_dug_well: ["giếng đào được bảo vệ", "protected dug well"],
  protected_spring: ["nguồn lộ thiên được bảo vệ", "protected spring"],
  rainwater: ["nước mưa", "rainwater"],
  bottled: ["nước đóng chai", "bottled water"],
  unprotected_well: ["giếng không được bảo vệ", "unprotected well"],
  unprotected_spring: ["nguồn lộ thiên không được bảo vệ", "unprotected spring"],
  surface_water: ["nước mặt (sông, suối, ao)", "surface water (river, stream, pond)"],
  septic: ["tự hoại", "septic tank"],
  semi_septic: ["bán tự hoại", "semi-septic"],
  pour_flush: ["dội nước", "pour-flush"],
  ventilated_pit: ["hố xí cải tiến có ống thông hơi", "ventilated improved pit"],
  double_vault: ["hai ngăn", "double vault"],
  simple_pit: ["hố xí đơn giản", "simple pit latrine"],
  none: ["không có", "none"],
  other: ["khác", "other"],
  male: ["nam", "male"],
  female: ["nữ", "female"],
  head: ["chủ hộ", "head"],
  spouse: ["vợ/chồng", "spouse"],
  child: ["con", "child"],
  parent: ["bố/mẹ", "parent"],
  grandchild: ["cháu", "grandchild"],
  sibling: ["anh/chị/em", "sibling"],
  primary: ["tiểu học", "primary"],
  lower_secondary: ["trung học cơ sở", "lower secondary"],
  upper_secondary: ["trung học phổ thông", "upper secondary"],
  vocational_elementary: ["sơ cấp nghề", "elementary vocational"],
  vocational_intermediate: ["trung cấp nghề", "intermediate vocational"],
  college: ["cao đẳng", "college"],
  university: ["đại học", "university"],
  wage_contract: ["làm công có hợp đồng", "wage work with a contract"],
  wage_no_contract: ["làm công không hợp đồng", "wage work without a contract"],
  self_employed: ["tự làm", "self-employed"],
  unemployed: ["thất nghiệp", "unemployed"],
  student: ["đi học", "student"],
  retired: ["nghỉ hưu", "retired"],
  homemaker: ["nội trợ", "homemaker"],
  unable_to_work: ["không có khả năng lao động", "unable to work"],
};

const BOOLS = new Set([
  "wall_durable", "frame_durable", "roof_durable", "uses_telecom", "has_info_device", "waste_treated",
  "health_insurance", "malnourished", "school_attending", "disability", "monthly_allowance",
]);

export function fieldLabel(field: string, lang: Lang): string {
  const p = FIELDS[field];
  return p ? p[lang === "vi" ? 0 : 1] : field.replace(/_/g, " ");
}

// An answer as people say it: yes/no, a labelled choice, money and dates in the language.
export function valueText(field: string, value: string | number | undefined | null, lang: Lang): string {
  if (value === undefined || value === null || value === "") return "–";
  const s = String(value);
  if (BOOLS.has(field) && (s === "0" || s === "1")) {
    return s === "1" ? (lang === "vi" ? "có" : "yes") : lang === "vi" ? "không" : "no";
  }
  if (field === "income_pc_month" && /^-?\d+$/.test(s)) return formatMoney(Number(s), lang);
  if ((field === "survey_date" || field === "birth_date") && /^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s, lang);
  const v = VALUES[s];
  return v ? v[lang === "vi" ? 0 : 1] : s;
}

// Why one cause made the indicator deprived, in words: "Thành viên 2, 43 tuổi: có thẻ BHYT: không".
export function causeSentence(cause: Record<string, string | undefined>, lang: Lang): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(cause)) {
    if (field === "member_id" || value === undefined) continue;
    if (field === "age") parts.push(lang === "vi" ? `${value} tuổi` : `aged ${value}`);
    else if (field === "members") parts.push((lang === "vi" ? "hộ có " : "household of ") + value + (lang === "vi" ? " người" : " people"));
    else parts.push(`${fieldLabel(field, lang)}: ${valueText(field, value, lang)}`);
  }
  const who = cause.member_id ? (lang === "vi" ? "Thành viên " : "Member ") + cause.member_id : "";
  const text = parts.join("; ");
  return who ? (text ? `${who} (${text})` : who) : text;
}
