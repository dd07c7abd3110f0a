-- 002_reports.sql: indexes for the frequency tables of the reports
-- (src/store_report.c).  Each lets a report read a small covering index
-- in group order instead of the wide rows of a million trainees or
-- enrollments; the figures measured on the 1,000,000-trainee demo
-- database are in the commit that added this file.

-- trainees by region / gender / target group, with or without a region
CREATE INDEX trainee_report_region ON trainee(region_id, gender, target_group);
CREATE INDEX trainee_report_gender ON trainee(gender, region_id);
CREATE INDEX trainee_report_target ON trainee(target_group, region_id);
-- the cohorts of a school year and programme (year and programme filters)
CREATE INDEX cohort_report ON cohort(school_year, programme_id);
-- enrollments of a cohort with status and trainee, without the table
CREATE INDEX enrollment_report ON enrollment(cohort_id, status, trainee_id);
-- enrollments of a trainee with cohort and status (region filter)
CREATE INDEX enrollment_report_trainee ON enrollment(trainee_id, cohort_id, status);
