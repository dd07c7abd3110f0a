-- 005_report_indexes.sql: one report index on trainee instead of three.
-- The trainee reports now group on the columns of trainee_report_region
-- (region, gender, target group) in its order and add those few groups
-- up per key (src/store_report.c), so the gender- and target-first
-- indexes of 002 are no longer read.  Every index of trainee costs a
-- full scan of the table when an import rebuilds it (about 1 s per
-- 1,000,000 trainees) and space on every write.  Measured on the
-- 1,000,000-trainee demo database, CPU seconds before -> after:
-- gender 0.043 -> 0.061, target-group 0.050 -> 0.075 without filters;
-- with region, year or programme filters equal or faster (e.g.
-- target-group by region 0.087 -> 0.036, gender by programme
-- 0.266 -> 0.215).
DROP INDEX IF EXISTS trainee_report_gender;
DROP INDEX IF EXISTS trainee_report_target;
