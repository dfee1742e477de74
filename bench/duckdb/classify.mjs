// The DuckDB peer of `lnob classify`: the same classification, as ONE SQL query.
//
//   node bench/duckdb/classify.mjs households.csv members.csv out.csv
//
// Reads the two CSV files of the data dictionary (../../../shared/domain/standards.md) with explicit
// column types, computes every member's age on the household's survey date, the 12 indicators of the
// standard in force on that date (vn-2022-2025 or vn-2027-2030), the category, and writes
//   household_id,standard,category,deprivation_count,deprived,income_line
// exactly as `lnob classify` does (deprived: indicator ids in the standard's order, ';'-joined, empty
// when none). DuckDB runs with its defaults (threads = cores, memory limit 80% of RAM) except
// preserve_insertion_order = false, as DuckDB advises for large exports: the tool a user would
// otherwise pick, given its best shot. --print-sql prints the query.
import { DuckDBInstance } from '@duckdb/node-api';
import { openSync, readSync, closeSync } from 'node:fs';

const args = process.argv.slice(2).filter((a) => a !== '--print-sql');
const printSql = process.argv.includes('--print-sql');
if (args.length !== 3) {
  console.error('usage: node classify.mjs HOUSEHOLDS.csv MEMBERS.csv OUT.csv [--print-sql]');
  process.exit(2);
}
const [householdsPath, membersPath, outPath] = args;

// Types of the dictionary's columns; any other column is kept as text (and ignored).
const HOUSEHOLD_TYPES = {
  household_id: 'VARCHAR', commune_code: 'VARCHAR', village_code: 'VARCHAR', area: 'VARCHAR',
  survey_date: 'DATE', income_pc_month: 'BIGINT', house_area_m2: 'DOUBLE',
  wall_durable: 'UTINYINT', frame_durable: 'UTINYINT', roof_durable: 'UTINYINT',
  water_source: 'VARCHAR', toilet_type: 'VARCHAR', uses_telecom: 'UTINYINT',
  has_info_device: 'UTINYINT', waste_treated: 'UTINYINT', province_code: 'VARCHAR',
};
const MEMBER_TYPES = {
  household_id: 'VARCHAR', member_id: 'VARCHAR', full_name: 'VARCHAR', national_id: 'VARCHAR',
  birth_date: 'VARCHAR', sex: 'VARCHAR', relation: 'VARCHAR', ethnicity: 'VARCHAR',
  health_insurance: 'UTINYINT', malnourished: 'UTINYINT', school_attending: 'UTINYINT',
  education: 'VARCHAR', employment: 'VARCHAR', disability: 'UTINYINT', monthly_allowance: 'UTINYINT',
};

// Column order is free in the dictionary: read the header line and type each column by name.
function header(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const line = buf.toString('utf8', 0, n).split('\n')[0].replace(/\r$/, '').replace(/^\uFEFF/, '');
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
function readCsv(path, types) {
  const cols = header(path).map((c) => `${sqlString(c)}: '${types[c] ?? 'VARCHAR'}'`);
  return `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',',
    quote = '"', escape = '"', columns = {${cols.join(', ')}})`;
}
const present = new Set(header(householdsPath));
const waste = present.has('waste_treated') ? 'waste_treated' : 'NULL::UTINYINT';

// Standards as data (standards.md): windows, lines, ceilings; indicators in the standard's order.
const sql = `
COPY (
WITH
hh AS MATERIALIZED (  -- read once, used twice
  SELECT household_id, area, survey_date, income_pc_month, house_area_m2, wall_durable,
         frame_durable, roof_durable, water_source, toilet_type, uses_telecom, has_info_device,
         ${waste} AS waste_treated,
         CASE WHEN survey_date BETWEEN DATE '2021-09-01' AND DATE '2026-12-31' THEN 2022
              WHEN survey_date BETWEEN DATE '2027-01-01' AND DATE '2030-12-31' THEN 2027 END AS std
  FROM ${readCsv(householdsPath, HOUSEHOLD_TYPES)}
),
mem AS (
  SELECT household_id, birth_date, sex, health_insurance, malnourished, school_attending,
         education, employment, disability, monthly_allowance
  FROM ${readCsv(membersPath, MEMBER_TYPES)}
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
  SELECT h.household_id, h.std, h.income_pc_month,
    CASE WHEN h.std = 2022 THEN (CASE WHEN h.area = 'urban' THEN 2000000 ELSE 1500000 END)
         ELSE (CASE WHEN h.area = 'urban' THEN 2800000 ELSE 2200000 END) END AS income_line,
    CASE WHEN h.std = 2022 THEN (CASE WHEN h.area = 'urban' THEN 3000000 ELSE 2250000 END) END
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
)
SELECT household_id,
  CASE std WHEN 2022 THEN 'vn-2022-2025' WHEN 2027 THEN 'vn-2027-2030'
    ELSE error('household ' || household_id || ': survey_date outside every standard') END
    AS standard,
  CASE WHEN income_pc_month <= income_line AND deprivation_count >= 3 THEN 'poor'
       WHEN income_pc_month <= income_line THEN 'near_poor'
       WHEN income_pc_month <= middle_ceiling THEN 'middle'
       ELSE 'not_poor' END AS category,
  deprivation_count,
  NULLIF(concat_ws(';',
    CASE WHEN employment THEN 'employment' END,
    CASE WHEN dependants THEN 'dependants' END,
    CASE WHEN nutrition THEN 'nutrition' END,
    CASE WHEN health_insurance THEN 'health_insurance' END,
    CASE WHEN adult_education THEN 'adult_education' END,
    CASE WHEN child_school THEN 'child_school' END,
    CASE WHEN housing_quality THEN 'housing_quality' END,
    CASE WHEN housing_area THEN 'housing_area' END,
    CASE WHEN water THEN 'water' END,
    CASE WHEN toilet THEN 'toilet' END,
    CASE WHEN telecom THEN 'telecom' END,
    CASE WHEN info_access THEN 'info_access' END,
    CASE WHEN waste THEN 'waste' END), '') AS deprived,
  income_line
FROM counted
) TO ${sqlString(outPath)} (HEADER, DELIMITER ',')`;

if (printSql) console.log(sql);
// Output order is free (results are compared as sets): let DuckDB write rows as they come.
const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' });
const connection = await instance.connect();
await connection.run(sql);
connection.closeSync?.();
