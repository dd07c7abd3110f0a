/* test_report.c - the reports' table, school-year parsing, and the query
 * plans: every report, under every combination of filters, reads the
 * trainee and enrollment tables only through covering indexes or by
 * primary key (never a full scan of wide rows, never one index loop per
 * trainee and cohort).  Without ANALYZE the planner does not look at the
 * row counts, so the plans here are the ones of the 1,000,000-trainee
 * demo database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daftar/report.h"
#include "../../src/store_int.h"
#include "t.h"

TEST(report_table_is_complete)
{
	const struct report_info *r;
	int i, j;

	for (i = 0; (r = report_get(i)) != NULL; i++) {
		CHECK(r->name && r->title && r->dim && r->unit && r->filters);
		CHECK(report_find(r->name) == r);
		for (j = 0; j < i; j++)
			CHECK(strcmp(report_get(j)->name, r->name) != 0);
	}
	CHECK(i >= 9);
	CHECK(report_get(-1) == NULL);
	CHECK(report_find("nosuch") == NULL);
	CHECK(report_find(NULL) == NULL);
	/* a report does not filter on what it groups by */
	CHECK(!(report_find("region")->filters & RF_REGION));
	CHECK(!(report_find("programme")->filters & RF_PROGRAMME));
	CHECK(!(report_find("agreement-year")->filters & RF_YEAR));
}

TEST(report_parse_year_forms)
{
	char y[10];

	CHECK_INT(report_parse_year("2024/2025", y), 0);
	CHECK_STR(y, "2024/2025");
	CHECK_INT(report_parse_year("2024-2025", y), 0);
	CHECK_STR(y, "2024/2025");
	CHECK_INT(report_parse_year("2024", y), 0);
	CHECK_STR(y, "2024/2025");
	CHECK_INT(report_parse_year("٢٠٢٤", y), 0);           /* Arabic-Indic */
	CHECK_STR(y, "2024/2025");
	CHECK_INT(report_parse_year("2024/2026", y), -1);
	CHECK_INT(report_parse_year("24/25", y), -1);
	CHECK_INT(report_parse_year("abc", y), -1);
	CHECK_INT(report_parse_year("", y), -1);
	CHECK_INT(report_parse_year(NULL, y), -1);
	CHECK_INT(report_parse_year("123456789012/3", y), -1);
}

/* A line of a plan that reads the wide tables badly, or NULL. */
static const char *bad_step(const char *plan)
{
	static char line[256];
	char verb[16], name[16];
	const char *p = plan, *nl;

	for (; *p; p = nl + 1) {
		size_t n;
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		n = (size_t)(nl - p) < sizeof line - 1 ? (size_t)(nl - p) : sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (strstr(line, "trainee_id=? AND cohort_id=?"))
			return line;
		if (sscanf(line, "%15s %15s", verb, name) == 2 &&
		    (strcmp(verb, "SCAN") == 0 || strcmp(verb, "SEARCH") == 0) &&
		    (strcmp(name, "t") == 0 || strcmp(name, "e") == 0 ||
		    strcmp(name, "trainee") == 0 || strcmp(name, "enrollment") == 0)
		    && !strstr(line, "COVERING INDEX") &&
		    !strstr(line, "INTEGER PRIMARY KEY") &&
		    !strstr(line, "USING PRIMARY KEY"))   /* trainee_year's key */
			return line;
		if (*nl == '\0')
			break;
	}
	return NULL;
}

TEST(report_plans_use_covering_indexes)
{
	char *path = xasprintf("%s/plans.db", t_tmpdir()), *plan;
	const struct report_info *r;
	struct report_filters f;
	report_result res;
	store *s = NULL;
	dferr e = {0};
	int i, use;

	unlink(path);
	if (store_open(path, STORE_CREATE, &s, &e) != ST_OK) {
		t_fail(__FILE__, __LINE__, "open: %s", e.msg);
		free(path);
		return;
	}
	for (i = 0; (r = report_get(i)) != NULL; i++)
		for (use = 0; use < 8; use++) {
			memset(&f, 0, sizeof f);
			if (use & RF_YEAR)
				strcpy(f.year, "2024/2025");
			f.region = use & RF_REGION ? 3 : 0;
			f.programme = use & RF_PROGRAMME ? 1 : 0;
			plan = NULL;
			if (store_report_explain(s, r, &f, &plan, &e) != ST_OK)
				t_fail(__FILE__, __LINE__, "%s: %s", r->name, e.msg);
			else if (bad_step(plan) != NULL)
				t_fail(__FILE__, __LINE__, "%s with filters %d: %s",
				    r->name, use, bad_step(plan));
			free(plan);
			/* and it runs: an empty database gives an empty table */
			CHECK_INT(store_report(s, r, &f, &res, &e), ST_OK);
			CHECK_INT(res.n + res.total, 0);
			report_result_free(&res);
		}
	CHECK_INT(store_report(s, (const struct report_info *)&f, NULL, &res, &e),
	    ST_INVALID);
	store_close(s);
	free(path);
}

TEST(report_bad_plan_is_caught)
{
	/* the checker itself: these are the plans it must refuse */
	CHECK(bad_step("SCAN t\n") != NULL);
	CHECK(bad_step("SEARCH t USING INDEX trainee_report_region (region_id=?)\n") != NULL);
	CHECK(bad_step("SEARCH e USING COVERING INDEX sqlite_autoindex_enrollment_1 "
	    "(trainee_id=? AND cohort_id=?)\n") != NULL);
	CHECK(bad_step("CO-ROUTINE x\nSCAN t USING COVERING INDEX trainee_report_gender\n"
	    "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)\n") == NULL);
}

TEST(report_indexes_come_with_the_upgrade)
{
	char *path = xasprintf("%s/old.db", t_tmpdir()), *plan = NULL;
	struct report_filters f = {"2024/2025", 3, 0};
	store *s = NULL;
	dferr e = {0};

	unlink(path);
	/* a database of schema 1 (before the reports) */
	CHECK_INT(store_open_with(path, STORE_CREATE, daftar_migrations, 1, &s, &e),
	    ST_OK);
	store_close(s);
	CHECK_INT(store_open(path, STORE_MIGRATE, &s, &e), ST_OK);
	if (s == NULL) {
		free(path);
		return;
	}
	CHECK_INT(store_schema_version(s), store_latest_version());
	CHECK_INT(store_report_explain(s, report_find("status"), &f, &plan, &e),
	    ST_OK);
	CHECK(plan != NULL && strstr(plan, "enrollment_report_trainee") != NULL);
	free(plan);
	/* 005: the gender report reads the one trainee report index left */
	plan = NULL;
	CHECK_INT(store_report_explain(s, report_find("gender"), NULL, &plan, &e),
	    ST_OK);
	CHECK(plan != NULL && strstr(plan, "trainee_report_region") != NULL &&
	    strstr(plan, "trainee_report_gender") == NULL);
	free(plan);
	store_close(s);
	free(path);
}
