// gen_survey: a synthetic survey of the northern mountains (Tuyen Quang / Ha Giang) for benchmarks.
//
//   gen_survey --households 1000000 --seed 42 --out bench/data/1m --year-mix
//
// Writes DIR/households.csv and DIR/members.csv per standards.md's data dictionary (all columns and
// an unknown `interviewer_note`), determined by (N, seed, --year-mix) alone: own xoshiro256**,
// reals rounded before writing. ~4.6 members a household, young rural population, ethnic mix by
// commune, names with diacritics, log-normal incomes poorest in mountain communes, correlated
// deprivations, and edge cases: ages exactly at 3/6/15/16/18/30/56/60/61 or a day short, year-only
// birth dates, 29 February (and reviews on 28/2, 29/2, 1/3), incomes and areas at a threshold.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace {

using SV = std::string_view;

// xoshiro256** seeded through splitmix64: identical streams on every compiler and library.
struct Rng {
  uint64_t s[4];
  explicit Rng(uint64_t seed) {
    for (auto& x : s) {
      uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      x = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    uint64_t r = std::rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0], s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t, s[3] = std::rotl(s[3], 45);
    return r;
  }
  int Below(int n) { return static_cast<int>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  double Normal() {  // Irwin-Hall(12): plain arithmetic, so no libm differences can creep in
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += Unit();
    return sum - 6.0;
  }
  // Index drawn with the given (unnormalised, non-negative) weights.
  int Pick(std::initializer_list<double> w) {
    double u = Unit() * std::accumulate(w.begin(), w.end(), 0.0), acc = 0;
    int i = 0;
    for (auto it = w.begin(); it != w.end(); ++it, ++i)
      if (u < (acc += *it)) return i;
    return i - 1;
  }
};

std::vector<SV> Split(SV s) {  // "a|b|c" -> {"a", "b", "c"}
  std::vector<SV> out;
  for (auto part : std::views::split(s, '|')) out.emplace_back(part.begin(), part.end());
  return out;
}

// Buffered writer: formats into a large buffer, one fwrite per few MB.
// clang-format off
struct Pad { uint64_t v; int width; };  // an integer written zero-padded to `width` digits
// clang-format on
class Out {
 public:
  explicit Out(const std::string& path) : f_(std::fopen(path.c_str(), "wb")), buf_(1 << 22) {
    if (!f_) std::perror(path.c_str()), std::exit(1);
  }
  ~Out() { Flush(), std::fclose(f_); }
  void Flush() {
    if (n_ && std::fwrite(buf_.data(), 1, n_, f_) != n_) std::perror("write"), std::exit(1);
    n_ = 0;
  }
  Out& operator<<(SV s) {
    return std::memcpy(&buf_[n_], s.data(), s.size()), n_ += s.size(), *this;
  }
  Out& operator<<(char c) {  // rows are < 4 KB: room for the next one is made at each line end
    buf_[n_++] = c;
    if (c == '\n' && n_ + 4096 > buf_.size()) Flush();
    return *this;
  }
  Out& operator<<(Pad p) {
    char tmp[24];
    int k = 0;
    do tmp[k++] = static_cast<char>('0' + p.v % 10), p.v /= 10;
    while (p.v || k < p.width);
    while (k) buf_[n_++] = tmp[--k];
    return *this;
  }
  Out& operator<<(int64_t v) { return *this << Pad{static_cast<uint64_t>(v), 1}; }
  Out& operator<<(int v) { return *this << Pad{static_cast<uint64_t>(v), 1}; }
  Out& operator<<(bool b) { return *this << (b ? '1' : '0'); }
  Out& operator<<(const char* s) { return *this << SV(s); }  // not the bool overload
  Out& Quoted(SV s) {  // RFC 4180: quote only when needed, double inner quotes
    if (s.find_first_of(",\"\n") == SV::npos) return *this << s;
    *this << '"';
    for (char c : s) c == '"' ? *this << SV("\"\"") : *this << c;
    return *this << '"';
  }

 private:
  FILE* f_;
  std::vector<char> buf_;
  size_t n_ = 0;
};

// Ethnic groups of the province (in the order of the weights below): id, family names, name style
// (0 Kinh-like Van/Thi, 1 Hmong-like, 2 Dao-like, 3 Tay-Nung-like).
// clang-format off
struct Ethnic { SV id, families; int style; };
const Ethnic kEthnic[] = {
    {"kinh", "Nguyễn|Trần|Lê|Phạm|Hoàng|Vũ|Đỗ|Bùi|Đặng|Ngô|Đinh|Dương|Phan|Hà", 0},
    {"tay", "Hoàng|Nông|Ma|Lương|Triệu|Hà|Ninh|Quan|Mông|Lộc|Nguyễn|Chu", 3},
    {"hmong", "Giàng|Sùng|Vàng|Thào|Lý|Hầu|Mua|Vừ|Cư|Lầu|Ly|Má", 1},
    {"dao", "Triệu|Bàn|Đặng|Lý|Phùng|Chảo|Tẩn|Lò|Dương", 2},
    {"nung", "Nông|Hoàng|Lương|Vi|Lăng|Mã|Sầm|Chu|Lục", 3},
    {"san_chay", "La|Hoàng|Trần|Lý|Lương|Ninh|Đặng", 3},
    {"giay", "Hoàng|Lù|Giàng|Vương|Lò|Sèn", 3}, {"lo_lo", "Lò|Sình|Vàng|Mã|Lù", 1},
    {"pa_then", "Bàn|Lý|Tẩn|Hoàng", 2}, {"co_lao", "Văn|Sú|Cháng|Vàng", 1},
    {"pu_peo", "Văn|Lừu|Hoàng", 1}, {"bo_y", "Lù|Sần|Vũ", 3}, {"san_diu", "Diệp|Lục|Trương|Lý", 2},
    {"hoa", "Tạ|Lưu|Trương|Lâm", 0},
};
// clang-format on
constexpr int kEthnicCount = sizeof(kEthnic) / sizeof(kEthnic[0]);
// Per style: male middle names, female middle names, male given names, female given names.
const SV kNameParts[4][4] = {
    {"Văn|Đức|Minh|Hữu|Quang|Thành|Xuân", "Thị|Thị|Thị|Ngọc|Thu|Thanh|Hồng",
     "Hùng|Dũng|Tuấn|Minh|Long|Sơn|Hải|Thắng|Cường|Nam|Quân|Trung|Khánh|Phúc|Huy",
     "Lan|Hoa|Mai|Hương|Thảo|Dung|Hằng|Nga|Yến|Trang|Linh|Ngân|Phương|Thủy|Huyền"},
    {"Seo|Mí|A|Chứ|Văn", "Thị|Thị|Mí", "Páo|Chứ|Sính|Dìn|Chẩn|Lử|Súng|Pàng|Nhè|Cở|Tủa|Sì|Vư",
     "Mỷ|Dợ|Chở|Mai|Súa|Pà|Dở|Mỉ|Sùng|Và|Chá|Lan"},
    {"Văn|Tà|Phúc|Tiến|Quẩy", "Thị|Mùi|Kiều", "Phẩu|Chàn|Lở|Quẩy|Sành|Kiềm|Tòn|Vàng|Chiêu|Phin",
     "Mẩy|Nái|Dung|Chài|Xuân|Mùi|Kiều|Mai|Dếnh|Phấy"},
    {"Văn|Đức|Đình|Hữu|Ngọc", "Thị|Thị|Thu|Ngọc",
     "Thuận|Lâm|Tiến|Hoan|Chiến|Kiên|Vượng|Định|Pấu|Sỉnh",
     "Nhung|Thoa|Lụa|Hiền|Thơm|Duyên|Liên|Vân|Tuyết|Slao"},
};
const SV kNotes[] = {"đã xác minh tại nhà", "hộ vắng nhà, hỏi qua hàng xóm",
                     "tái khảo sát",        "thu nhập ước tính, chưa có sổ sách",
                     "chủ hộ đi làm ăn xa", "hộ nói \"không cần hỗ trợ\", đề nghị xem lại"};

// clang-format off
struct Commune { int code; bool urban, mountain; int villages, main_ethnic; double weight; };
constexpr const char* kHouseholdHeader =
    "household_id,province_code,commune_code,village_code,area,survey_date,income_pc_month,"
    "house_area_m2,wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
    "has_info_device,waste_treated,interviewer_note\n";
constexpr const char* kMemberHeader =
    "household_id,member_id,full_name,national_id,birth_date,sex,relation,ethnicity,"
    "health_insurance,malnourished,school_attending,education,employment,disability,"
    "monthly_allowance\n";
struct Person { int age; bool male; SV relation; };
bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
// clang-format on
constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// The household's people: head, spouse, parents, children, grandchildren, the odd sibling.
void Family(Rng& r, int size, bool minority, std::vector<Person>& out) {
  bool male = r.Chance(0.8);
  int head = size == 1 ? 20 + r.Below(40) + r.Below(35) : 20 + r.Below(24) + r.Below(30);
  out.assign(1, {head, male, "head"});
  if (size >= 2 && r.Chance(0.88))
    out.push_back({std::clamp(head + (male ? -r.Below(7) : r.Below(7)), 16, 99), !male, "spouse"});
  int mother = out.size() > 1 ? (male ? out[1].age : head) : head;
  if (out.size() + 2 <= static_cast<size_t>(size) && head < 56 && r.Chance(0.35)) {
    bool first_male = r.Chance(0.35);
    for (int i = 0, k = 1 + r.Chance(0.4); i < k; ++i)
      out.push_back(
          {std::clamp(head + 20 + r.Below(14) - 3 * i, 38, 99), first_male != (i == 1), "parent"});
  }
  bool grand = mother >= 45 && size - static_cast<int>(out.size()) >= 3;
  int span = std::clamp(mother - 18 - (minority ? 0 : 3), 1, grand ? 20 : 28);
  while (static_cast<int>(out.size()) < size) {
    bool m = r.Chance(0.51), other = r.Chance(0.02);
    int age = other                     ? std::clamp(head - 6 + r.Below(12), 10, 90)
              : grand && r.Chance(0.45) ? r.Below(15)
              : grand                   ? 15 + r.Below(span)
                                        : std::max(r.Below(span), r.Below(span));
    SV rel = other ? (m ? "sibling" : "other") : age < 15 && grand ? "grandchild" : "child";
    out.push_back({age, m, rel});
  }
}

const std::vector<SV> kWater = Split(
    "piped|drilled_well|protected_dug_well|protected_spring|rainwater|bottled|unprotected_well|"
    "unprotected_spring|surface_water|other");
const std::vector<SV> kToilet =
    Split("septic|semi_septic|pour_flush|ventilated_pit|double_vault|simple_pit|none|other");
const std::vector<SV> kEducation = Split(
    "none|primary|lower_secondary|upper_secondary|vocational_elementary|vocational_intermediate|"
    "college|university");
const std::vector<SV> kEmployment = Split(
    "wage_contract|wage_no_contract|self_employed|unemployed|student|retired|homemaker|"
    "unable_to_work|none");

// Highest level completed, by age and hardship; older and poorer people studied less.
int Education(Rng& r, int a, double hard, bool minority, bool mountain) {
  if (a < 11) return 0;
  if (a < 15) return r.Pick({1 + 3 * hard, 9});
  if (a < 18) return r.Pick({1 + 2 * hard, 2 + 4 * hard, 8});
  if (a <= 30)  // the young studied longer than their parents
    return r.Pick({0.01 + 0.06 * hard, 0.03 + 0.1 * hard, 0.12 + 0.12 * hard, 0.45 - 0.2 * hard,
                   0.08, 0.06, 0.05 - 0.03 * hard, 0.08 - 0.06 * hard});
  return r.Pick({0.03 + 0.25 * hard + (a > 55 ? 0.25 : 0) + (minority ? 0.1 : 0),
                 0.15 + 0.15 * hard, 0.3, 0.25 - 0.15 * hard, 0.05, 0.05, 0.04 - 0.03 * hard,
                 minority && mountain ? 0.01 : 0.08 - 0.07 * hard});
}

bool Attending(Rng& r, int a, double hard) {  // pre-school, primary, lower/upper secondary, ...
  if (a < 3 || a > 30) return false;
  if (a < 6) return r.Chance(0.96 - 0.15 * hard);
  if (a < 11) return r.Chance(0.995 - 0.05 * hard);
  if (a < 15) return r.Chance(0.985 - 0.1 * hard);
  if (a < 18) return r.Chance(0.85 - 0.4 * hard);
  return r.Chance(a < 23 ? 0.3 - 0.2 * hard : 0.03);
}

// Past working age some still work (informally): the classifier must not count them.
int Employment(Rng& r, int a, bool male, bool attending, bool disabled, bool allowance,
               double hard) {
  if (a < 15) return attending ? 4 : 8;
  if (attending) return 4;
  if (disabled && r.Chance(0.5)) return 7;
  if (a >= (male ? 61 : 56))
    return allowance && r.Chance(0.6) ? 5 : r.Pick({0, 0.1, 0.45, 0, 0, 0, 0, 0.1, 0.35});
  return r.Pick({0.15 - 0.1 * hard, 0.02 + 0.07 * hard, 0.6, 0.005 + 0.02 * hard, 0, 0,
                 male ? 0.01 : 0.08, 0.01, 0.02});
}

}  // namespace

int main(int argc, char** argv) {
  auto arg = [&](SV flag) -> const char* {
    for (int i = 1; i + 1 < argc; ++i)
      if (flag == argv[i]) return argv[i + 1];
    return nullptr;
  };
  const char *n_arg = arg("--households"), *seed_arg = arg("--seed"), *dir_arg = arg("--out");
  bool year_mix = std::find(argv, argv + argc, SV("--year-mix")) != argv + argc;
  if (!n_arg || !dir_arg || std::atoll(n_arg) < 0) {
    std::fputs("usage: gen_survey --households N --seed S --out DIR [--year-mix]\n", stderr);
    return 2;
  }
  long long n = std::atoll(n_arg);
  std::string dir = dir_arg;
  std::filesystem::create_directories(dir);
  Rng r((seed_arg ? std::strtoull(seed_arg, nullptr, 10) : 1) * 0x2545F4914F6CDD1Dull + 7);
  std::vector<SV> fams[kEthnicCount], parts[4][4];  // family names; name parts by style
  for (int e = 0; e < kEthnicCount; ++e) fams[e] = Split(kEthnic[e].families);
  for (int s = 0; s < 16; ++s) parts[s / 4][s % 4] = Split(kNameParts[s / 4][s % 4]);

  // 330 communes (old codes: Ha Giang 00688.., Tuyen Quang 02212..); wards are urban and larger.
  std::vector<Commune> communes;
  double total_weight = 0;
  for (int c = 0; c < 330; ++c) {
    bool ha_giang = c < 193, urban = c % 14 == 3;  // 24 wards and towns
    bool mountain = !urban && r.Chance(ha_giang ? 0.62 : 0.22);
    int eth = urban      ? r.Pick({8, 2})
              : mountain ? r.Pick({3, 15, 45, 22, 4, 2, 3, 3, 1, 1, 0.5, 0.5, 0, 0})
                         : r.Pick({35, 40, 3, 10, 4, 5, 1, 0, 0, 0, 0, 0, 1, 1});
    double w = (urban ? 2.0 : 1.0) * (0.5 + r.Unit());
    communes.push_back({ha_giang ? 688 + 3 * c : 2212 + 3 * (c - 193), urban, mountain,
                        urban ? 5 + r.Below(10) : 6 + r.Below(18), eth, w});
    total_weight += w;
  }
  Out hf(dir + "/households.csv"), mf(dir + "/members.csv");
  hf << kHouseholdHeader;
  mf << kMemberHeader;
  std::vector<Person> people;
  std::vector<uint32_t> id_serial(2 * 4 * 100);  // citizen-ID serials by (province, sex, year)
  long long members = 0, under_line = 0;
  double cum = 0;
  size_t ci = 0;
  char hid[32];
  std::string name;

  for (long long h = 0; h < n; ++h) {
    // Households come commune by commune, as a province's export does.
    while (ci + 1 < communes.size() && (h + 0.5) / n * total_weight > cum + communes[ci].weight)
      cum += communes[ci++].weight;
    const Commune& cm = communes[ci];
    bool urban = r.Chance(cm.urban ? 0.9 : 0.03);
    int eth = r.Chance(0.75)
                  ? cm.main_ethnic
                  : r.Pick({22, 25, 23, 14, 4, 4, 1.5, 0.5, 0.4, 0.3, 0.1, 0.1, 0.5, 0.5});
    bool minority = kEthnic[eth].id != "kinh" && kEthnic[eth].id != "hoa";
    bool y2027 = year_mix && r.Chance(0.1);
    int sy = y2027 ? 2027 : 2024, sm = 10, sd = 1 + r.Below(75);  // 1 Oct .. 14 Dec
    while (sd > kMonthDays[sm - 1]) sd -= kMonthDays[sm++ - 1];
    if (r.Chance(0.01))  // a monthly review next year around 29 February: 28/2, (29/2,) 1/3
      sy += 1, sm = 2 + r.Chance(0.4), sd = sm == 3 ? 1 : 28 + (Leap(sy) && r.Chance(0.5));
    int next_m = sm, next_d = sd + 1;  // the day after the survey, for "birthday tomorrow"
    if (next_d > kMonthDays[sm - 1] + (sm == 2 && Leap(sy))) next_m = sm + 1, next_d = 1;
    // Income: log-normal around a commune-type median; a few exactly at a threshold.
    int64_t line = y2027 ? (urban ? 2800000 : 2200000) : (urban ? 2000000 : 1500000);
    int64_t ceiling = urban ? 3000000 : 2250000, over = y2027 ? line * 2 : ceiling;
    double median = urban ? 5600000.0 : cm.mountain ? 2200000.0 : 3800000.0;
    median *= (eth == 2 ? 0.85 : minority ? 0.95 : 1.15) * (y2027 ? 1.25 : 1.0);
    int64_t income = std::llround(median * std::exp(0.58 * r.Normal()) / 1000.0) * 1000;
    const int64_t edges[] = {line, line, line + 1, line - 1000, over, over + 1, 0};
    if (int e = r.Below(400); e < 7) income = edges[e];
    under_line += income <= line;
    double ratio = static_cast<double>(income) / static_cast<double>(line);  // hardship in [0, 1]:
    double hard = std::min(1.0, std::clamp((2.3 - ratio) / 1.5, 0.0, 1.0) + 0.12 * cm.mountain);

    int size = 1 + r.Pick({6, 11, 16, 21, 18, 12, 7, 4, 2.4, 1.3, 0.7, 0.6});
    if (minority && cm.mountain && size < 11 && r.Chance(0.3)) size += 1 + r.Chance(0.3);
    Family(r, size, minority, people);
    if (people.size() > 1 && r.Chance(0.03)) std::swap(people[0], people[1]);  // head listed 2nd
    std::snprintf(hid, sizeof hid, "%05d-%08lld", cm.code, h + 1);
    // House: temporary houses fail most structures; area per person shrinks with hardship.
    int bad = r.Chance(0.02 + 0.3 * hard) ? 80 : 5;
    bool wall = r.Below(100) >= bad, frame = r.Below(100) >= bad, roof = r.Below(100) >= bad;
    double area = size * (urban ? 22.0 : 19.0) * (1.0 - 0.5 * hard) * std::exp(0.35 * r.Normal());
    int64_t area10 = r.Chance(0.6) ? std::llround(area) * 10 : std::llround(area * 10);  // tenths
    if (int edge = r.Below(100); edge < 2)
      area10 = 80LL * size - edge;  // exactly 8 m2 a head, or 0.1 m2 short
    int water = urban ? r.Pick({85, 5, 3, 1, 1, 4, 0.5, 0, 0.3, 0.2})
                      : r.Pick({35 - 25 * hard, 10, 10, 12, 5, 2, 3 + 8 * hard, 3 + 15 * hard,
                                1 + 8 * hard, 1});
    int toilet =
        r.Pick({35 - 30 * hard + (urban ? 40 : 0), 10, 10, 5, 4, 12 + 30 * hard, 2 + 15 * hard, 2});
    bool telecom = !r.Chance(0.01 + 0.15 * hard), info = !r.Chance(0.005 + 0.1 * hard);
    bool waste = !r.Chance(urban ? 0.05 : 0.25 + 0.45 * hard);

    hf << SV(hid) << ",08," << Pad{uint64_t(cm.code), 5} << ',' << Pad{uint64_t(cm.code), 5} << '-'
       << Pad{uint64_t(1 + r.Below(cm.villages)), 2} << (urban ? ",urban," : ",rural,") << sy << '-'
       << Pad{uint64_t(sm), 2} << '-' << Pad{uint64_t(sd), 2} << ',' << income << ','
       << area10 / 10;
    if (area10 % 10) hf << '.' << area10 % 10;
    hf << ',' << wall << ',' << frame << ',' << roof << ',' << kWater[water] << ','
       << kToilet[toilet] << ',' << telecom << ',' << info << ',' << waste << ',';
    if (r.Chance(0.03)) hf.Quoted(kNotes[r.Below(6)]);
    hf << '\n';
    SV family = fams[eth][r.Below(static_cast<int>(fams[eth].size()))];
    for (size_t k = 0; k < people.size(); ++k) {
      const Person& p = people[k];
      int a = p.age;
      int pe = (p.relation == "spouse" && r.Chance(0.12)) ? r.Pick({22, 25, 23, 14, 4, 4}) : eth;
      const auto& fam = fams[pe];
      const auto& mid = parts[kEthnic[pe].style][p.male ? 0 : 1];
      const auto& giv = parts[kEthnic[pe].style][p.male ? 2 : 3];
      bool own = p.relation == "spouse" || p.relation == "parent";  // own family name
      name = own ? fam[r.Below(static_cast<int>(fam.size()))] : family;
      name.append(" ").append(mid[r.Below(static_cast<int>(mid.size()))]).append(" ");
      name.append(giv[r.Below(static_cast<int>(giv.size()))]);
      int odd = r.Below(20000);  // the rare name that needs quoting
      name += odd == 0 ? " \"Út\"" : odd == 1 ? ", con nuôi" : "";

      // Birth date: a random day, a boundary birthday (today / tomorrow) or 29 February.
      int bm = 1, bd = 1 + r.Below(365);
      while (bd > kMonthDays[bm - 1]) bd -= kMonthDays[bm++ - 1];
      static const int kBoundary[] = {2, 3, 5, 6, 14, 15, 16, 17, 18, 29, 30, 55, 56, 59, 60, 61};
      if (std::count(std::begin(kBoundary), std::end(kBoundary), a) && r.Chance(0.3))
        r.Chance(0.5) ? (bm = sm, bd = sd) : (bm = next_m, bd = next_d);
      int by = (bm * 100 + bd <= sm * 100 + sd) ? sy - a : sy - a - 1;
      if (int y = 229 <= sm * 100 + sd ? sy - a : sy - a - 1; r.Chance(0.01) && Leap(y))
        bm = 2, bd = 29, by = y;
      if (bm == 2 && bd == 29 && !Leap(by)) bd = 28;  // a review-day birthday in a common year
      bool year_only = r.Chance(a >= 50 || (minority && cm.mountain) ? 0.08 : 0.025);
      bool attending = Attending(r, a, hard);
      int edu = Education(r, a, hard, minority, cm.mountain);
      bool disabled = r.Chance(a < 16 ? 0.01 : a < 70 ? 0.03 : 0.12);
      bool allowance = r.Chance(a >= 80 ? 0.9 : a >= 60 ? 0.35 : disabled ? 0.6 : 0.01);
      int emp = Employment(r, a, p.male, attending, disabled, allowance, hard);
      bool insured = !r.Chance(a < 6 ? 0.04 : 0.01 + 0.06 * hard);  // under 6 does not count
      double thin = a < 5 ? 0.03 + 0.12 * hard : a < 16 ? 0.015 + 0.06 * hard : a < 18 ? 0.02 : 0;
      bool malnourished = r.Chance(thin);

      mf << SV(hid) << ',' << Pad{k + 1, 2} << ',';
      mf.Quoted(name) << ',';
      if (a >= 14 && r.Chance(0.96)) {  // citizen ID: birth province, century+sex, year, serial
        int prov = cm.code < 2000 ? 0 : 1, cent = (by >= 2000 ? 2 : 0) + !p.male;
        uint32_t& serial = id_serial[(prov * 4 + cent) * 100 + by % 100];
        mf << (prov ? "008" : "002") << cent << Pad{uint64_t(by % 100), 2}
           << Pad{(serial++ * 7919ull + 104729ull * by) % 1000000, 6};
      }
      mf << ',' << by;
      if (!year_only) mf << '-' << Pad{uint64_t(bm), 2} << '-' << Pad{uint64_t(bd), 2};
      mf << (p.male ? ",male," : ",female,") << p.relation << ',' << kEthnic[pe].id << ','
         << insured << ',' << malnourished << ',' << attending << ',' << kEducation[edu] << ','
         << kEmployment[emp] << ',' << disabled << ',' << allowance << '\n';
    }
    members += static_cast<long long>(people.size());
  }
  std::fprintf(stderr,
               "gen_survey: %lld households, %lld members, %lld under the income line -> %s\n", n,
               members, under_line, dir.c_str());
  return 0;
}
