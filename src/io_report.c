/* io_report.c - a report's table written out for the ministry: CSV or
 * TSV (label, count, percent; the total last), JSON (one object), XLSX
 * (the title and filters above the table, percents as percent cells, a
 * native bar chart beside it) or ODS (the table).  The figures are the
 * ones the screen and `daftar report` show (store_report); numbers never
 * follow the locale.  Written under a temporary name and renamed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "daftar/report.h"
#include "io_int.h"

char *io_sheet_name(const char *label, int n);

static double pct(const report_result *res, long long n)
{
	return res->total > 0 ? 100.0 * (double)n / (double)res->total : 0.0;
}

static int write_delimited(FILE *fp, const struct report_info *r,
    const report_result *res, int tab)
{
	csv_writer *w = csv_writer_file(fp, tab ? CSV_TAB : 0);
	char num[32], p[32];
	int i;

	csv_write_str(w, _(r->dim));
	csv_write_str(w, _(r->unit));
	csv_write_str(w, "%");
	csv_end_row(w);
	for (i = 0; i <= res->n; i++) {
		long long n = i < res->n ? res->rows[i].count : res->total;
		snprintf(num, sizeof num, "%lld", n);
		snprintf(p, sizeof p, "%.1f", pct(res, n));
		csv_write_str(w, i < res->n ? res->rows[i].label : _("Total"));
		csv_write_str(w, num);
		csv_write_str(w, p);
		csv_end_row(w);
	}
	return csv_writer_free(w);
}

/* A JSON string (controls and bidi controls escaped, as exports do). */
static void json_put(FILE *fp, const char *s)
{
	strbuf b = {0};

	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addf(&b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sb_addf(&b, "\\u%04x", (unsigned char)*s);
		else if (strncmp(s, "\xe2\x80", 2) == 0 && ((unsigned char)s[2] ==
		    0x8e || (unsigned char)s[2] == 0x8f || ((unsigned char)s[2] >=
		    0xaa && (unsigned char)s[2] <= 0xae))) {
			sb_addf(&b, "\\u20%02x", (unsigned char)s[2] - 0x80);
			s += 2;
		} else
			sb_addc(&b, *s);
	}
	fprintf(fp, "\"%s\"", b.s ? b.s : "");
	sb_free(&b);
}

static int write_json(FILE *fp, const struct report_info *r,
    const report_result *res, const char *desc)
{
	int i;

	fprintf(fp, "{\"report\":");
	json_put(fp, r->name);
	fprintf(fp, ",\"title\":");
	json_put(fp, _(r->title));
	fprintf(fp, ",\"filters\":");
	json_put(fp, desc);
	fprintf(fp, ",\"total\":%lld,\"rows\":[", res->total);
	for (i = 0; i < res->n; i++) {
		fprintf(fp, "%s\n{\"label\":", i ? "," : "");
		json_put(fp, res->rows[i].label);
		fprintf(fp, ",\"count\":%lld,\"percent\":%.1f}", res->rows[i].count,
		    pct(res, res->rows[i].count));
	}
	fprintf(fp, "\n]}\n");
	return ferror(fp) ? -1 : 0;
}

/* The workbook: title, filters, the table from row 3, a bar chart. */
static int write_xlsx(const char *path, const struct report_info *r,
    const report_result *res, const char *desc, dferr *e)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *percent;
	lxw_chart *chart;
	lxw_chart_series *series;
	lxw_error err;
	char *name;
	int i, last = 3 + res->n;       /* the total's row (0-based) */

	if (wb == NULL)
		return dferr_set(e, ST_ERROR, _("%s: cannot create the workbook"),
		    path);
	name = io_sheet_name(_(r->title), 1);
	ws = workbook_add_worksheet(wb, name);
	if (ws == NULL) {
		free(name);
		workbook_close(wb);
		return dferr_set(e, ST_ERROR, _("%s: cannot add a sheet"), path);
	}
	if (model_lang() == LANG_AR)
		worksheet_right_to_left(ws);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	percent = workbook_add_format(wb);
	format_set_num_format(percent, "0.0%");
	worksheet_write_string(ws, 0, 0, _(r->title), bold);
	worksheet_write_string(ws, 1, 0, desc, NULL);
	worksheet_write_string(ws, 2, 0, _(r->dim), bold);
	worksheet_write_string(ws, 2, 1, _(r->unit), bold);
	worksheet_write_string(ws, 2, 2, "%", bold);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 2, 12, NULL);
	for (i = 0; i <= res->n; i++) {
		long long n = i < res->n ? res->rows[i].count : res->total;
		worksheet_write_string(ws, (lxw_row_t)(3 + i), 0, i < res->n ?
		    res->rows[i].label : _("Total"), i < res->n ? NULL : bold);
		worksheet_write_number(ws, (lxw_row_t)(3 + i), 1, (double)n,
		    i < res->n ? NULL : bold);
		worksheet_write_number(ws, (lxw_row_t)(3 + i), 2, pct(res, n) / 100,
		    percent);
	}
	if (res->n > 0) {
		chart = workbook_add_chart(wb, LXW_CHART_BAR);
		series = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(series, name, 3, 0, (lxw_row_t)(last - 1),
		    0);
		chart_series_set_values(series, name, 3, 1, (lxw_row_t)(last - 1), 1);
		chart_series_set_name(series, _(r->unit));
		chart_title_set_name(chart, _(r->title));
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
		/* the first row on top, as in the table */
		chart_axis_set_reverse(chart->y_axis);
		worksheet_insert_chart(ws, 2, 4, chart);
	}
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	free(name);
	err = workbook_close(wb);
	return err == LXW_NO_ERROR ? ST_OK : dferr_set(e, ST_ERROR,
	    _("%s: cannot write the workbook: %s"), path, lxw_strerror(err));
}

/* The ODS table (io_ods.c; no chart: it needs an embedded object). */
int io_report_ods(const char *path, const struct report_info *r,
    const report_result *res, const char *desc, dferr *e);

int io_report_write(const struct report_info *r, const report_result *res,
    const char *desc, enum io_format f, const char *path, dferr *e)
{
	int to_stdout = path == NULL || strcmp(path, "-") == 0;
	char *tmp = NULL, tmpl[] = "/tmp/daftar-report-XXXXXX";
	FILE *fp = stdout;
	int fd, rc = ST_OK;

	if (f == IO_XLSX || f == IO_ODS || !to_stdout) {
		tmp = to_stdout ? xstrdup(tmpl) : xasprintf("%s.XXXXXX", path);
		if ((fd = mkstemp(tmp)) < 0) {
			rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"),
			    to_stdout ? tmp : path, strerror(errno));
			free(tmp);
			return rc;
		}
		{
			mode_t mask = umask(0);         /* as fopen would */
			umask(mask);
			fchmod(fd, 0666 & ~mask);
		}
		if (f == IO_XLSX || f == IO_ODS)
			close(fd);
		else if ((fp = fdopen(fd, "wb")) == NULL) {
			close(fd);
			rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
			goto out;
		}
	}
	switch (f) {
	case IO_XLSX:
		rc = write_xlsx(tmp, r, res, desc, e);
		break;
	case IO_ODS:
		rc = io_report_ods(tmp, r, res, desc, e);
		break;
	case IO_JSON:
	case IO_JSONL:
		rc = write_json(fp, r, res, desc) == 0 ? ST_OK : dferr_set(e,
		    ST_ERROR, _("cannot write the report: %s"), strerror(errno));
		break;
	default:
		rc = write_delimited(fp, r, res, f == IO_TSV) == 0 ? ST_OK :
		    dferr_set(e, ST_ERROR, _("cannot write the report: %s"),
		    strerror(errno));
		break;
	}
	if (fp != stdout && fclose(fp) != 0 && rc == ST_OK)
		rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
		    strerror(errno));
	if (rc == ST_OK && to_stdout && tmp != NULL) {
		FILE *in = fopen(tmp, "rb");
		char buf[65536];
		size_t n;
		while (in != NULL && (n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, stdout);
		if (in != NULL)
			fclose(in);
		fflush(stdout);
	}
out:
	if (tmp != NULL) {
		if (rc == ST_OK && !to_stdout && rename(tmp, path) != 0)
			rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
		if (rc != ST_OK || to_stdout)
			unlink(tmp);
	}
	free(tmp);
	return rc;
}
