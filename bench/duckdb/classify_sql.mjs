// The classification as DuckDB SQL, shared by classify.mjs (bench/run) and analytics.mjs
// (bench/analytics): column types of the data dictionary, read_csv() of a file typed by its header,
// and the chain of CTEs that ends in `counted` (one row per household: its indicator flags,
// deprivation_count, income_line and middle_ceiling) under the standards' numbers.
//
//   import { classificationCtes, readCsv, HOUSEHOLD_TYPES } from './classify_sql.mjs';
//   const sql = `${classificationCtes({ households: readCsv(h, HOUSEHOLD_TYPES), members: ... })}
//   SELECT household_id, ${CATEGORY_CODE} AS category FROM counted`;
//
// With its defaults classificationCtes() gives, byte for byte, the query classify.mjs has always
// run (each household under the standard in force on its survey date, read from the CSV once).
import { openSync, readSync, closeSync } from 'node:fs';

// Types of the dictionary's columns; any other column is kept as text (and ignored).
export const HOUSEHOLD_TYPES = {
  household_id: 'VARCHAR', commune_code: 'VARCHAR', village_code: 'VARCHAR', area: 'VARCHAR',
  survey_date: 'DATE', income_pc_month: 'BIGINT', house_area_m2: 'DOUBLE',
  wall_durable: 'UTINYINT', frame_durable: 'UTINYINT', roof_durable: 'UTINYINT',
  water_source: 'VARCHAR', toilet_type: 'VARCHAR', uses_telecom: 'UTINYINT',
  has_info_device: 'UTINYINT', waste_treated: 'UTINYINT', province_code: 'VARCHAR',
};
export const MEMBER_TYPES = {
  household_id: 'VARCHAR', member_id: 'VARCHAR', full_name: 'VARCHAR', national_id: 'VARCHAR',
  birth_date: 'VARCHAR', sex: 'VARCHAR', relation: 'VARCHAR', ethnicity: 'VARCHAR',
  health_insurance: 'UTINYINT', malnourished: 'UTINYINT', school_attending: 'UTINYINT',
  education: 'VARCHAR', employment: 'VARCHAR', disability: 'UTINYINT', monthly_allowance: 'UTINYINT',
};

// Column order is free in the dictionary: read the header line and type each column by name.
export function header(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const line = buf.toString('utf8', 0, n).split('\n')[0].replace(/\r$/, '').replace(/^\uFEFF/, '');
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
export const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
export function readCsv(path, types) {
  const cols = header(path).map((c) => `${sqlString(c)}: '${types[c] ?? 'VARCHAR'}'`);
  return `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',',
    quote = '"', escape = '"', columns = {${cols.join(', ')}})`;
}

// The standards' numbers (standards.md), keyed by the value of the `std` column. A what-if on a
// parameter passes a copy with one number changed.
export const STANDARDS = {
  2022: { line: { rural: 1500000, urban: 2000000 }, ceiling: { rural: 2250000, urban: 3000000 } },
  2027: { line: { rural: 2200000, urban: 2800000 } },  // no middle category
};
// Indicator ids in each standard's order; every flag column of `counted`.
export const INDICATORS = {
  2022: ['employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education',
    'child_school', 'housing_quality', 'housing_area', 'water', 'toilet', 'telecom', 'info_access'],
  2027: ['employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education',
    'child_school', 'housing_quality', 'housing_area', 'water', 'toilet', 'telecom', 'waste'],
};
// The category of a row of `counted` as lnob's code: 0 not_poor, 1 middle, 2 near_poor, 3 poor.
export const CATEGORY_CODE = `CASE WHEN income_pc_month <= income_line AND deprivation_count >= 3 THEN 3
       WHEN income_pc_month <= income_line THEN 2
       WHEN income_pc_month <= middle_ceiling THEN 1
       ELSE 0 END`;

// The WITH clause: hh, mem, aged, per_household, flags, counted.
//   households, members: what hh and mem read FROM (a read_csv(...) or a table name);
//   waste: the waste_treated expression ('NULL::UTINYINT' when the file has no such column);
//   std: the std of every household (2022 or 2027), or null for the standard in force on its
//        survey date (an error for a date outside every window);
//   materialized: MATERIALIZE hh (a CSV is then read once);
//   carry: more household columns, kept in hh and in flags/counted (e.g. ['commune_code']);
//   members_count: keep each household's member count as `members` in flags/counted;
//   standards: the numbers (STANDARDS by default).
export function classificationCtes({
  households, members, waste = 'waste_treated', std = null, materialized = true, carry = [],
  members_count = false, standards = STANDARDS,
}) {
  const s22 = standards[2022], s27 = standards[2027];
  const stdExpr = std === null
    ? `CASE WHEN survey_date BETWEEN DATE '2021-09-01' AND DATE '2026-12-31' THEN 2022
              WHEN survey_date BETWEEN DATE '2027-01-01' AND DATE '2030-12-31' THEN 2027 END`
    : String(Number(std));
  const selected = ['household_id', 'area', 'survey_date', 'income_pc_month', 'house_area_m2',
    'wall_durable', 'frame_durable', 'roof_durable', 'water_source', 'toilet_type', 'uses_telecom',
    'has_info_device', 'waste_treated', 'std'];
  const hhCarry = carry.filter((c) => !selected.includes(c)).map((c) => `,\n         ${c}`).join('');
  const flagsCarry = [...carry.map((c) => `h.${c}`), ...(members_count ? ['p.members'] : [])]
    .map((c) => ` ${c},`).join('');
  return `WITH
hh AS ${materialized ? 'MATERIALIZED (  -- read once, used twice' : '('}
  SELECT household_id, area, survey_date, income_pc_month, house_area_m2, wall_durable,
         frame_durable, roof_durable, water_source, toilet_type, uses_telecom, has_info_device,
         ${waste} AS waste_treated,
         ${stdExpr} AS std${hhCarry}
  FROM ${households}
),
mem AS (
  SELECT household_id, birth_date, sex, health_insurance, malnourished, school_attending,
         education, employment, disability, monthly_allowance
  FROM ${members}
),
-- Age in completed years on the survey date; a year-only birth date gives survey year - birth year.
-- (month, day) compared as month*100+day: a 29 February birthday is reached on 1 March in common years.
aged AS (
  SELECT m.*, h.std,
         CASE WHEN length(m.birth_date) = 4
              THEN year(h.survey_date) - CAST(m.birth_date AS INTEGER)
              ELSE year(h.survey_date) - CAST(substr(m.birth_date, 1, 4) AS INTEGER)
                   - CASE WHEN month(h.survey_date) * 100 + day(h.survey_date)
                               < CAST(substr(m.birth_date, 6, 2) AS INTEGER) * 100
                                 + CAST(substr(m.birth_date, 9, 2) AS INTEGER)
                          THEN 1 ELSE 0 END
         END AS age
  FROM mem m JOIN hh h ON m.household_id = h.household_id
),
per_household AS (
  SELECT household_id,
    count(*) AS members,
    bool_or(age >= 15 AND age < CASE WHEN sex = 'male' THEN 61 ELSE 56 END
            AND employment IN ('unemployed', 'wage_no_contract')) AS employment,
    count_if(age < 16 OR (monthly_allowance = 1 AND (age >= 60 OR disability = 1))) AS dependants,
    bool_or(age < 16 AND malnourished = 1) AS nutrition,
    bool_or(age >= 6 AND health_insurance = 0) AS health_insurance,
    bool_or(age BETWEEN 16 AND 30 AND school_attending = 0 AND (
              (age <= 17 AND education IN ('none', 'primary'))
              OR (age >= 18 AND education IN ('none', 'primary', 'lower_secondary')))) AS adult_education,
    bool_or(age >= 3 AND age < 16 AND school_attending = 0) AS child_school
  FROM aged
  GROUP BY household_id
),
flags AS (
  SELECT h.household_id, h.std, h.income_pc_month,${flagsCarry}
    CASE WHEN h.std = 2022 THEN (CASE WHEN h.area = 'urban' THEN ${s22.line.urban} ELSE ${s22.line.rural} END)
         ELSE (CASE WHEN h.area = 'urban' THEN ${s27.line.urban} ELSE ${s27.line.rural} END) END AS income_line,
    CASE WHEN h.std = 2022 THEN (CASE WHEN h.area = 'urban' THEN ${s22.ceiling.urban} ELSE ${s22.ceiling.rural} END) END
      AS middle_ceiling,
    p.employment,
    p.dependants * 2 > p.members AS dependants,
    p.nutrition,
    p.health_insurance,
    p.adult_education,
    p.child_school,
    (h.wall_durable = 0)::INT + (h.frame_durable = 0)::INT + (h.roof_durable = 0)::INT >= 2
      AS housing_quality,
    h.house_area_m2 < 8 * p.members AS housing_area,
    h.water_source NOT IN ('piped', 'drilled_well', 'protected_dug_well', 'protected_spring',
                           'rainwater', 'bottled') AS water,
    h.toilet_type NOT IN ('septic', 'semi_septic', 'pour_flush', 'ventilated_pit',
                          'double_vault') AS toilet,
    h.uses_telecom = 0 AS telecom,
    h.std = 2022 AND h.has_info_device = 0 AS info_access,
    h.std = 2027 AND h.waste_treated = 0 AS waste
  FROM hh h JOIN per_household p ON h.household_id = p.household_id
),
counted AS (
  SELECT *,
    employment::INT + dependants::INT + nutrition::INT + health_insurance::INT
    + adult_education::INT + child_school::INT + housing_quality::INT + housing_area::INT
    + water::INT + toilet::INT + telecom::INT + info_access::INT + waste::INT AS deprivation_count
  FROM flags
)`;
}
