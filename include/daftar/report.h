/* report.h - frequency tables for the Reports screen and `daftar report`:
 * trainees by region, institution, specialty, gender, status and target
 * group; agreements by kind, status and year; filtered by school year,
 * region and programme.  Every figure is computed in SQL by the store
 * (src/store_report.c, GROUP BY with bound parameters); the callers only
 * lay the rows out.
 */
#ifndef DAFTAR_REPORT_H
#define DAFTAR_REPORT_H

#include "daftar/io.h"
#include "daftar/store.h"

/* The filters a report can take (bit mask). */
enum report_filter {
	RF_YEAR = 1,            /* school year of the cohort / agreement */
	RF_REGION = 2,          /* the trainee's / agreement's region */
	RF_PROGRAMME = 4        /* programme of the cohort / agreement */
};

/* What a report is, as the command line and the screen see it.  The
 * strings are untranslated: pass them through _() when showing them. */
struct report_info {
	const char *name;       /* command-line name, e.g. "gender" */
	const char *title;      /* e.g. "Trainees by gender" */
	const char *dim;        /* header of the label column, e.g. "Gender" */
	const char *unit;       /* header of the count column, e.g. "Trainees" */
	unsigned filters;       /* RF_* bits that apply */
};

/* The reports, in menu order: i from 0; NULL past the end. */
const struct report_info *report_get(int i);
/* The report named name, or NULL. */
const struct report_info *report_find(const char *name);

/* Filter values; an empty year and 0 ids mean "all". */
struct report_filters {
	char year[10];          /* school year "2024/2025", or "" */
	long long region;       /* region id, or 0 */
	long long programme;    /* programme id, or 0 */
};

/* One line of a frequency table. */
typedef struct report_row {
	char *label;            /* group label (a name, a choice label in the
	                         * UI language, "(not set)"); NOT sanitised */
	long long count;        /* how many */
} report_row;

/* A computed table. */
typedef struct report_result {
	report_row *rows;       /* in the report's order */
	int n;                  /* how many rows */
	long long total;        /* sum of the counts */
	long long max;          /* largest count (the bars' scale) */
} report_result;

/* Compute report r under filters f (filters r does not take are
 * ignored).  Returns ST_OK with *out filled (free with
 * report_result_free), or an error in e. */
int store_report(store *s, const struct report_info *r,
    const struct report_filters *f, report_result *out, dferr *e);
void report_result_free(report_result *res);
/* SQLite's plan for the same query, one step a line (malloc'd), for
 * checking that a report reads the indexes of 002_reports.sql. */
int store_report_explain(store *s, const struct report_info *r,
    const struct report_filters *f, char **plan, dferr *e);

/* The school years that occur in cohorts and agreements, ascending;
 * *years is a malloc'd array of malloc'd strings. */
int store_report_years(store *s, char ***years, int *n, dferr *e);

/* Turn "2024/2025", "2024-2025" or "2024" into "2024/2025" in out
 * (10 bytes); -1 when text is not a school year. */
int report_parse_year(const char *text, char out[10]);

/* Find the region (which = RF_REGION: by code or name, Arabic or French,
 * folded, whole or part) or programme (RF_PROGRAMME: by number or name)
 * that text names.  ST_OK with *id and *label (malloc'd) set; ST_NOTFOUND
 * or ST_INVALID (several match) with a plain-words message that lists
 * the possible values. */
int store_report_resolve(store *s, unsigned which, const char *text,
    long long *id, char **label, dferr *e);

/* The name of region or programme id (which as above), malloc'd. */
int store_report_label(store *s, unsigned which, long long id, char **label,
    dferr *e);

/* Write the table res of report r (desc: its filters in words) to path
 * (NULL or "-": standard output) as f: CSV or TSV, JSON, XLSX with a bar
 * chart beside the table, or ODS (io_report.c). */
int io_report_write(const struct report_info *r, const report_result *res,
    const char *desc, enum io_format f, const char *path, dferr *e);

#endif
