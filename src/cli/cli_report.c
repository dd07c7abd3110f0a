/* cli_report.c - `daftar report NAME [--year Y] [--region R]
 * [--programme P] [--ascii]`: one frequency table on stdout, laid out with
 * the text layer's widths (label, count, percent, bar) so that Arabic
 * labels line up, for pasting into a mail.  Without NAME, the list of
 * reports.  The figures come from the store (store_report.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "daftar/cli.h"
#include "daftar/report.h"
#include "daftar/text.h"
#include "daftar/util.h"

#define LABEL_MAX 60            /* widest label column */
#define LABEL_MIN 12            /* narrowest, when the line is short */
#define BAR_MAX 30              /* columns of the longest bar, at most */
#define BAR_MIN 10              /* and at least */
#define LINE_COLS 100           /* line length when not on a terminal */
#define LRM "\u200E"            /* keeps a right-to-left label's line
                                 * left-to-right when pasted elsewhere */

static const char usage_line[] = "report [NAME] [--year Y] [--region R] "
    "[--programme P] [--ascii] [--time] [--explain] "
    "[--format csv|tsv|xlsx|ods|json] [-o FILE]";

/* The command's options. */
struct report_opts {
	const char *name;       /* report name, or NULL: list them */
	const char *year;       /* --year text, or NULL */
	const char *region;     /* --region text, or NULL */
	const char *programme;  /* --programme text, or NULL */
	int ascii;              /* '#' bars */
	int timing;             /* print the time taken to stderr */
	int explain;            /* print SQLite's plan instead of the table */
	const char *format;     /* --format, or NULL */
	const char *out;        /* -o FILE, or NULL */
	int fmt;                /* the format to write, -1: the text table */
};

/* The filter names a report takes, e.g. "year, region". */
static void filter_names(unsigned f, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s%s", f & RF_YEAR ? "--year" : "",
	    (f & RF_YEAR) && (f & (RF_REGION | RF_PROGRAMME)) ? " " : "",
	    f & RF_REGION ? "--region" : "",
	    (f & RF_REGION) && (f & RF_PROGRAMME) ? " " : "",
	    f & RF_PROGRAMME ? "--programme" : "");
}

static void list_reports(FILE *out)
{
	const struct report_info *r;
	char buf[64], *name, *title;
	int i;

	fprintf(out, "%s\n", _("Reports (daftar report NAME [options]):"));
	for (i = 0; (r = report_get(i)) != NULL; i++) {
		filter_names(r->filters, buf, sizeof buf);
		name = text_fit(r->name, 18, TEXT_LEFT);
		title = text_fit(_(r->title), 34, TEXT_LEFT);
		fprintf(out, "  %s %s %s\n", name, title, buf);
		free(name);
		free(title);
	}
}

/* The format of --format and -o (they must agree); EXIT_DONE or
 * EXIT_USAGE (message printed). */
static int check_format(struct report_opts *o)
{
	int f = o->format ? io_format_by_name(o->format) : -1;

	o->fmt = -1;
	if (o->format != NULL && f < 0) {
		fprintf(stderr, _("daftar report: unknown format '%s' (csv, tsv, "
		    "xlsx, ods or json)\n"), o->format);
		return EXIT_USAGE;
	}
	if (f < 0 && o->out != NULL && strcmp(o->out, "-") != 0)
		f = io_format_of_path(o->out);
	if (f == -2) {
		fprintf(stderr, _("daftar report: the extension of %s names no "
		    "format: use .csv, .tsv, .xlsx, .ods or .json, or give "
		    "--format\n"), o->out);
		return EXIT_USAGE;
	}
	if (f < 0 && o->out != NULL)
		f = IO_CSV;
	if (f >= 0 && o->out != NULL && strcmp(o->out, "-") != 0 &&
	    !io_format_fits(o->out, (enum io_format)f, 0)) {
		fprintf(stderr, _("daftar report: --format %s does not match the "
		    "file name %s: change one of them\n"), o->format, o->out);
		return EXIT_USAGE;
	}
	if ((f == IO_XLSX || f == IO_ODS) && (o->out == NULL ||
	    strcmp(o->out, "-") == 0) && isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("daftar report: a workbook is not for a "
		    "terminal: give -o FILE\n"));
		return EXIT_USAGE;
	}
	o->fmt = f;
	return EXIT_DONE;
}

/* Parse argv into o; EXIT_DONE or EXIT_USAGE (message printed). */
static int parse_opts(int argc, char **argv, struct report_opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], **val = NULL;
		if (strcmp(a, "--ascii") == 0)
			o->ascii = 1;
		else if (strcmp(a, "--time") == 0)
			o->timing = 1;
		else if (strcmp(a, "--explain") == 0)
			o->explain = 1;
		else if (strcmp(a, "--year") == 0)
			val = &o->year;
		else if (strcmp(a, "--region") == 0)
			val = &o->region;
		else if (strcmp(a, "--programme") == 0 ||
		    strcmp(a, "--program") == 0)
			val = &o->programme;
		else if (strcmp(a, "--format") == 0)
			val = &o->format;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			val = &o->out;
		else if (a[0] != '-' && o->name == NULL)
			o->name = a;
		else {
			fprintf(stderr, _("daftar report: unknown option or extra "
			    "argument '%s'; usage: daftar [-d FILE] %s\n"), a,
			    usage_line);
			return EXIT_USAGE;
		}
		if (val != NULL) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0') {
				fprintf(stderr, _("daftar report: %s needs a value; "
				    "usage: daftar [-d FILE] %s\n"), a, usage_line);
				return EXIT_USAGE;
			}
			*val = argv[++i];
		}
	}
	return check_format(o);
}

/* Check the filters o names against report r and resolve them into f
 * (labels for the title into desc); an exit code. */
static int resolve_filters(store *s, const struct report_info *r,
    const struct report_opts *o, struct report_filters *f, strbuf *desc)
{
	const char *given[3] = {o->year, o->region, o->programme};
	const char *opt[3] = {"--year", "--region", "--programme"};
	const unsigned bit[3] = {RF_YEAR, RF_REGION, RF_PROGRAMME};
	long long *ids[3] = {NULL, &f->region, &f->programme};
	char *label, *clean;
	dferr e = {0, ""};
	int i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < 3; i++) {
		if (given[i] == NULL)
			continue;
		if (!(r->filters & bit[i])) {
			fprintf(stderr, _("daftar report: the %s report cannot be "
			    "filtered with %s\n"), r->name, opt[i]);
			return EXIT_USAGE;
		}
		if (bit[i] == RF_YEAR) {
			if (report_parse_year(given[i], f->year) != 0) {
				clean = text_sanitize(given[i], 0);
				fprintf(stderr, _("daftar report: --year wants a school "
				    "year such as 2024/2025 or 2024, not '%s'\n"), clean);
				free(clean);
				return EXIT_USAGE;
			}
			sb_addf(desc, ", %s %s", _("school year"), f->year);
			continue;
		}
		if (store_report_resolve(s, bit[i], given[i], ids[i], &label, &e)
		    != ST_OK) {
			fprintf(stderr, "daftar report: %s: %s\n", opt[i], e.msg);
			return EXIT_REFUSED;
		}
		clean = text_sanitize(label, 0);
		sb_addf(desc, ", %s %s", bit[i] == RF_REGION ? _("region") :
		    _("programme"), clean);
		free(clean);
		free(label);
	}
	return EXIT_DONE;
}

/* Column widths of a table. */
struct layout {
	int label;              /* label column */
	int count;              /* count column */
	int bar;                /* longest bar */
};

/* Widths for res: labels as wide as the widest (within limits), the bar
 * in what is left of the line (the terminal's width, else LINE_COLS). */
static void layout_for(const struct report_info *r, const report_result *res,
    struct layout *l)
{
	struct winsize ws;
	char num[32];
	int i, w, line = LINE_COLS, fixed;

	l->label = text_width(_("Total"));
	if (text_width(_(r->dim)) > l->label)
		l->label = text_width(_(r->dim));
	for (i = 0; i < res->n; i++) {
		char *clean = text_sanitize(res->rows[i].label, 0);
		if ((w = text_width(clean)) > l->label)
			l->label = w;
		free(clean);
	}
	l->count = snprintf(num, sizeof num, "%lld", res->total);
	if (text_width(_(r->unit)) > l->count)
		l->count = text_width(_(r->unit));
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		line = ws.ws_col - 1;
	fixed = 2 + l->count + 2 + 6 + 2;
	if (l->label > LABEL_MAX)
		l->label = LABEL_MAX;
	if (l->label > line - fixed - BAR_MIN)
		l->label = line - fixed - BAR_MIN;
	if (l->label < LABEL_MIN)
		l->label = LABEL_MIN;
	l->bar = line - fixed - l->label;
	l->bar = l->bar > BAR_MAX ? BAR_MAX : l->bar < BAR_MIN ? BAR_MIN : l->bar;
}

/* Print one line: label, count, percent and (with_bar) the bar. */
static void print_row(const char *label, long long count,
    const report_result *res, const struct layout *l, int ascii, int with_bar)
{
	char *clean = text_sanitize(label, 0), *fit = text_fit(clean, l->label,
	    TEXT_LEFT), *bar = with_bar ? text_bar(count, res->max, l->bar,
	    ascii) : xstrdup(""), pct[16];
	int rtl = text_direction(clean, DIR_AUTO) == DIR_RTL;

	snprintf(pct, sizeof pct, "%.1f%%", res->total > 0 ? 100.0 *
	    (double)count / (double)res->total : 0.0);
	printf("%s%s%s  %*lld  %6s%s%s\n", rtl ? LRM : "", fit, rtl ? LRM : "",
	    l->count, count, pct, bar[0] ? "  " : "", bar);
	free(bar);
	free(fit);
	free(clean);
}

static void print_table(const struct report_info *r, const report_result *res,
    const char *desc, int ascii)
{
	struct layout l;
	char *dim, *unit;
	int i;

	printf("%s%s\n", _(r->title), desc);
	if (res->n == 0) {
		printf("%s\n", _("Nothing matches these filters."));
		return;
	}
	layout_for(r, res, &l);
	dim = text_fit(_(r->dim), l.label, TEXT_LEFT);
	unit = text_fit(_(r->unit), l.count, TEXT_RIGHT);
	printf("%s  %s  %6s\n", dim, unit, "%");
	for (i = 0; i < res->n; i++)
		print_row(res->rows[i].label, res->rows[i].count, res, &l, ascii, 1);
	print_row(_("Total"), res->total, res, &l, ascii, 0);
	free(dim);
	free(unit);
}

/* Seconds from a to b. */
static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static int cmd_report(int argc, char **argv, const struct cli_globals *g)
{
	const struct report_info *r;
	struct report_opts o;
	struct report_filters f;
	report_result res = {0};
	strbuf desc = {0};
	struct timespec t0, t1, c0, c1;
	dferr e = {0, ""};
	store *s = NULL;
	int rc, i;

	if ((rc = parse_opts(argc, argv, &o)) != EXIT_DONE)
		return rc;
	if (o.name == NULL) {
		list_reports(stdout);
		return EXIT_DONE;
	}
	if ((r = report_find(o.name)) == NULL) {
		char *clean = text_sanitize(o.name, 0);
		fprintf(stderr, _("daftar report: there is no report '%s'; the "
		    "reports are:"), clean);
		for (i = 0; (r = report_get(i)) != NULL; i++)
			fprintf(stderr, "%s %s", i ? "," : "", r->name);
		fputc('\n', stderr);
		free(clean);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	sb_adds(&desc, "");
	if ((rc = resolve_filters(s, r, &o, &f, &desc)) != EXIT_DONE)
		goto out;
	desc.s[0] = desc.len ? ':' : '\0';      /* ", a, b" -> ": a, b" */
	if (o.explain) {
		char *plan = NULL;
		if (store_report_explain(s, r, &f, &plan, &e) != ST_OK) {
			fprintf(stderr, "daftar report: %s\n", e.msg);
			rc = EXIT_REFUSED;
		} else
			fputs(plan, stdout);
		free(plan);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	if (store_report(s, r, &f, &res, &e) != ST_OK) {
		fprintf(stderr, _("daftar report: could not compute the %s report "
		    "from %s: %s\n"), r->name, g->db_path, e.msg);
		rc = EXIT_REFUSED;
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	if (o.fmt >= 0) {
		if (io_report_write(r, &res, desc.s[0] ? desc.s + 2 : "",
		    (enum io_format)o.fmt, o.out, &e) != ST_OK) {
			fprintf(stderr, "daftar report: %s\n", e.msg);
			rc = EXIT_REFUSED;
			goto out;
		}
		if (o.out != NULL && strcmp(o.out, "-") != 0)
			fprintf(stderr, _("daftar report: %s written to %s\n"), r->name,
			    o.out);
	} else
		print_table(r, &res, desc.s, o.ascii);
	if (o.timing)
		fprintf(stderr, _("daftar report: %s computed in %.3f s "
		    "(%.3f s of CPU)\n"), r->name, seconds(&t0, &t1),
		    seconds(&c0, &c1));
	rc = EXIT_DONE;
out:
	report_result_free(&res);
	sb_free(&desc);
	store_close(s);
	return rc;
}

CLI_COMMAND(report, "report", cmd_report, usage_line,
    N_("print a frequency table with bars (no NAME: list the reports); "
    "filters: school year, region, programme"))
