#include "demo/people.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace lnob::demo {
namespace {

using SV = std::string_view;

struct Group {
  SV id;
  int style;  // 0 Kinh, 1 Hmong, 2 Dao, 3 Tay-Nung
  double poverty_effect, mean_size;
  std::array<SV, 12> families;
};

// clang-format off
const Group kGroups[kEthnicCount] = {
    {"kinh", 0, 0.0, 3.6, {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh", "Phan"}},
    {"tay", 3, 0.25, 4.1, {"Hoàng", "Nông", "Ma", "Lương", "Triệu", "Hà", "Ninh", "Quan", "Mông", "Lộc", "Nguyễn", "Chu"}},
    {"hmong", 1, 0.95, 5.9, {"Giàng", "Sùng", "Vàng", "Thào", "Lý", "Hầu", "Mua", "Vừ", "Cư", "Lầu", "Ly", "Má"}},
    {"dao", 2, 0.6, 5.0, {"Triệu", "Bàn", "Đặng", "Lý", "Phùng", "Chảo", "Tẩn", "Lò", "Dương", "Bàn", "Triệu", "Đặng"}},
    {"nung", 3, 0.45, 4.7, {"Nông", "Hoàng", "Lương", "Vi", "Lăng", "Mã", "Sầm", "Chu", "Lục", "Nông", "Hoàng", "Vi"}},
    {"san_chay", 3, 0.3, 4.1, {"La", "Hoàng", "Trần", "Lý", "Lương", "Ninh", "Đặng", "La", "Hoàng", "Trần", "Lý", "Ninh"}},
    {"giay", 3, 0.5, 4.8, {"Hoàng", "Lù", "Giàng", "Vương", "Lò", "Sèn", "Hoàng", "Lù", "Vương", "Lò", "Sèn", "Giàng"}},
    {"lo_lo", 1, 0.8, 5.3, {"Lò", "Sình", "Vàng", "Mã", "Lù", "Lò", "Sình", "Vàng", "Mã", "Lù", "Lò", "Vàng"}},
    {"pa_then", 2, 0.65, 5.2, {"Bàn", "Lý", "Tẩn", "Hoàng", "Bàn", "Lý", "Tẩn", "Hoàng", "Bàn", "Lý", "Tẩn", "Hoàng"}},
    {"co_lao", 1, 0.8, 5.3, {"Văn", "Sú", "Cháng", "Vàng", "Văn", "Sú", "Cháng", "Vàng", "Văn", "Sú", "Cháng", "Vàng"}},
    {"pu_peo", 1, 0.7, 5.3, {"Văn", "Lừu", "Hoàng", "Văn", "Lừu", "Hoàng", "Văn", "Lừu", "Hoàng", "Văn", "Lừu", "Hoàng"}},
    {"bo_y", 3, 0.7, 5.0, {"Lù", "Sần", "Vũ", "Lù", "Sần", "Vũ", "Lù", "Sần", "Vũ", "Lù", "Sần", "Vũ"}},
    {"san_diu", 2, 0.2, 3.9, {"Diệp", "Lục", "Trương", "Lý", "Diệp", "Lục", "Trương", "Lý", "Diệp", "Lục", "Trương", "Lý"}},
    {"hoa", 0, 0.0, 3.7, {"Tạ", "Lưu", "Trương", "Lâm", "Tạ", "Lưu", "Trương", "Lâm", "Tạ", "Lưu", "Trương", "Lâm"}},
    {"la_chi", 3, 0.7, 5.2, {"Vần", "Lìu", "Cù", "Lùng", "Vần", "Lìu", "Cù", "Lùng", "Vần", "Lìu", "Cù", "Lùng"}},
};

// Per style: male middle names, female middle names, male given names, female given names.
const std::array<SV, 8> kNames[4][4] = {
    {{"Văn", "Đức", "Minh", "Hữu", "Quang", "Thành", "Xuân", "Văn"}, {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Thị"},
     {"Hùng", "Dũng", "Tuấn", "Minh", "Long", "Sơn", "Hải", "Thắng"}, {"Lan", "Hoa", "Mai", "Hương", "Thảo", "Dung", "Hằng", "Nga"}},
    {{"Seo", "Mí", "A", "Chứ", "Văn", "Seo", "Mí", "A"}, {"Thị", "Thị", "Mí", "Thị", "Thị", "Mí", "Thị", "Thị"},
     {"Páo", "Chứ", "Sính", "Dìn", "Chẩn", "Lử", "Súng", "Pàng"}, {"Mỷ", "Dợ", "Chở", "Mai", "Súa", "Pà", "Dở", "Mỉ"}},
    {{"Văn", "Tà", "Phúc", "Tiến", "Quẩy", "Văn", "Tà", "Văn"}, {"Thị", "Mùi", "Kiều", "Thị", "Thị", "Thị", "Mùi", "Thị"},
     {"Phẩu", "Chàn", "Lở", "Quẩy", "Sành", "Kiềm", "Tòn", "Vàng"}, {"Mẩy", "Nái", "Dung", "Chài", "Xuân", "Mùi", "Kiều", "Phấy"}},
    {{"Văn", "Đức", "Đình", "Hữu", "Ngọc", "Văn", "Văn", "Đức"}, {"Thị", "Thị", "Thu", "Ngọc", "Thị", "Thị", "Thu", "Thị"},
     {"Thuận", "Lâm", "Tiến", "Hoan", "Chiến", "Kiên", "Vượng", "Định"}, {"Nhung", "Thoa", "Lụa", "Hiền", "Thơm", "Duyên", "Liên", "Vân"}},
};

// Weights over kEthnicCount groups, one row per district in the order of kDistrictTable.
const double kMixes[kMixCount][kEthnicCount] = {
    // kinh tay  hmong dao  nung sanch giay lolo pathen colao pupeo boy sandiu hoa lachi
    {.60, .28, .02, .04, .03, 0, .01, 0, 0, 0, 0, 0, 0, .02, 0},       // TP Hà Giang
    {.04, .03, .86, .02, 0, 0, .02, .01, 0, 0, .01, 0, 0, .01, 0},     // Đồng Văn
    {.05, .03, .82, .02, 0, 0, .03, .04, 0, 0, .01, 0, 0, 0, 0},       // Mèo Vạc
    {.06, .10, .60, .12, .02, 0, .08, 0, 0, 0, .02, 0, 0, 0, 0},       // Yên Minh
    {.08, .14, .50, .16, .04, 0, 0, 0, 0, .02, .03, .03, 0, 0, 0},     // Quản Bạ
    {.20, .35, .10, .24, .04, 0, .03, 0, .02, 0, 0, 0, 0, 0, .02},     // Vị Xuyên
    {.10, .36, .15, .30, .05, 0, .04, 0, 0, 0, 0, 0, 0, 0, 0},         // Bắc Mê
    {.07, .10, .14, .28, .30, 0, 0, 0, 0, .03, .02, 0, 0, 0, .06},     // Hoàng Su Phì
    {.06, .10, .30, .10, .36, 0, 0, 0, 0, .03, 0, 0, 0, 0, .05},       // Xín Mần
    {.36, .40, .03, .14, .05, 0, 0, 0, .02, 0, 0, 0, 0, 0, 0},         // Bắc Quang
    {.20, .40, .02, .26, .06, 0, 0, 0, .03, 0, 0, 0, 0, 0, .03},       // Quang Bình
    {.76, .15, 0, .03, .01, .03, 0, 0, 0, 0, 0, 0, 0, .02, 0},         // TP Tuyên Quang
    {.05, .60, .12, .20, 0, 0, 0, 0, .03, 0, 0, 0, 0, 0, 0},           // Lâm Bình
    {.12, .50, .09, .25, 0, 0, 0, 0, .04, 0, 0, 0, 0, 0, 0},           // Na Hang
    {.20, .60, .02, .14, .02, .02, 0, 0, 0, 0, 0, 0, 0, 0, 0},         // Chiêm Hóa
    {.45, .30, .03, .15, .03, .04, 0, 0, 0, 0, 0, 0, 0, 0, 0},         // Hàm Yên
    {.50, .26, 0, .10, .02, .10, 0, 0, 0, 0, 0, 0, .02, 0, 0},         // Yên Sơn
    {.55, .15, 0, .08, .02, .12, 0, 0, 0, 0, 0, 0, .08, 0, 0},         // Sơn Dương
};
// clang-format on

int32_t BirthFor(Rng& r, int age) {
  // Born between (age + 1) years and age years before kAgesAsOf; day 1-28 (no 29 February).
  int year = kAgesAsOf / 10000 - age;
  int month = r.Between(1, 12), day = r.Between(1, 28);
  int32_t b = year * 10000 + month * 100 + day;
  if (b > kAgesAsOf - age * 10000) b -= 10000;  // after 30 September: born the year before
  return b;
}

}  // namespace

std::string_view EthnicId(int ethnic) {
  return kGroups[ethnic].id;
}
const double* EthnicMix(int mix) {
  return kMixes[mix];
}
double EthnicPovertyEffect(int ethnic) {
  return kGroups[ethnic].poverty_effect;
}
double MeanHouseholdSize(int ethnic) {
  return kGroups[ethnic].mean_size;
}

void MakeFamily(Rng& r, int size, int ethnic, std::vector<Person>* out) {
  out->clear();
  bool minority = ethnic != kKinh && ethnic != kHoa;
  auto add = [&](int age, bool male, uint8_t relation, uint8_t family) {
    Person p;
    p.birth = BirthFor(r, std::clamp(age, 0, 99));
    p.male = male;
    p.relation = relation;
    p.ethnic = static_cast<uint8_t>(ethnic);
    p.family = family;
    p.middle = static_cast<uint8_t>(r.Below(8));
    p.given = static_cast<uint8_t>(r.Below(8));
    p.disability = r.Chance(age >= 60 ? 0.08 : 0.015);
    p.schooling = static_cast<uint8_t>(r.Pick({minority ? 3.0 : 1.0, 3, 3, minority ? 1.0 : 3.0}));
    out->push_back(p);
  };
  bool male = r.Chance(0.82);
  int head = size == 1 ? 22 + r.Below(40) + r.Below(30) : 21 + r.Below(22) + r.Below(28);
  uint8_t family = static_cast<uint8_t>(r.Below(12));
  add(head, male, kHead, family);
  int mother = head;
  if (size >= 2 && r.Chance(0.9)) {
    int spouse = std::clamp(head + (male ? -r.Below(7) : r.Below(7)), 17, 99);
    add(spouse, !male, kSpouse, static_cast<uint8_t>(r.Below(12)));
    if (male) mother = spouse;
  }
  if (static_cast<int>(out->size()) + 2 <= size && head < 50 && r.Chance(0.3)) {
    int parents = 1 + r.Chance(0.45);
    for (int i = 0; i < parents; ++i)
      add(std::clamp(head + 22 + r.Below(12) - 3 * i, 45, 99), i == 1, kParent,
          i == 1 || male ? family : static_cast<uint8_t>(r.Below(12)));
  }
  bool grand = mother >= 44 && size - static_cast<int>(out->size()) >= 3;
  int span = std::clamp(mother - 18 - (minority ? 0 : 3), 1, grand ? 22 : 26);
  uint8_t child_family = male ? family : out->size() > 1 ? (*out)[1].family : family;
  while (static_cast<int>(out->size()) < size) {
    bool m = r.Chance(0.52);
    if (r.Chance(0.02)) {
      add(std::clamp(head - 6 + r.Below(12), 12, 90), m, m ? kSibling : kOther,
          static_cast<uint8_t>(r.Below(12)));
      continue;
    }
    bool grandchild = grand && r.Chance(0.45);
    int age = grandchild ? r.Below(12) : grand ? 16 + r.Below(span) : r.Below(span);
    add(age, m, grandchild ? kGrandchild : kChild, child_family);
  }
}

std::string FullName(const Person& p) {
  const Group& g = kGroups[p.ethnic];
  const auto& n = kNames[g.style];
  std::string s(g.families[p.family % 12]);
  s += ' ';
  s += n[p.male ? 0 : 1][p.middle % 8];
  s += ' ';
  s += n[p.male ? 2 : 3][p.given % 8];
  return s;
}

}  // namespace lnob::demo
