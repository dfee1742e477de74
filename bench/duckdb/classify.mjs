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
import {
  HOUSEHOLD_TYPES, MEMBER_TYPES, classificationCtes, header, readCsv, sqlString,
} from './classify_sql.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--print-sql');
const printSql = process.argv.includes('--print-sql');
if (args.length !== 3) {
  console.error('usage: node classify.mjs HOUSEHOLDS.csv MEMBERS.csv OUT.csv [--print-sql]');
  process.exit(2);
}
const [householdsPath, membersPath, outPath] = args;

const present = new Set(header(householdsPath));
const waste = present.has('waste_treated') ? 'waste_treated' : 'NULL::UTINYINT';

// Standards as data (standards.md): windows, lines, ceilings (classify_sql.mjs); indicators in the
// standard's order.
const sql = `
COPY (
${classificationCtes({
  households: readCsv(householdsPath, HOUSEHOLD_TYPES),
  members: readCsv(membersPath, MEMBER_TYPES),
  waste,
})}
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
