/* cli_export.c - `daftar export ENTITY [--format F] [-o FILE] [--search
 * TEXT] [--excel]`: the export of io_export.c to a file or standard
 * output, a progress bar on a terminal, a summary on stderr (standard
 * output may be the data).  The format is the one the file's extension
 * names (any case), or --format; the two must agree. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_io.h"
#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/util.h"

#define EXPORT_USAGE "export ENTITY [--format csv|tsv|xlsx|ods|json|jsonl] " \
	"[-o FILE] [--search TEXT] [--excel]"

/* Parsed command line. */
struct export_args {
	const char *ename;      /* entity named */
	const char *out;        /* -o FILE, or NULL for standard output */
	const char *format;     /* --format, or NULL to go by -o's extension */
	io_export_opts o;       /* the rest */
};

static int usage(const char *why, const char *arg)
{
	fprintf(stderr, "daftar export: ");
	fprintf(stderr, why, arg);
	fprintf(stderr, _("; usage: daftar [-d FILE] %s\n"), EXPORT_USAGE);
	return EXIT_USAGE;
}

/* Options taking a value, and where it goes. */
static const char **option_slot(struct export_args *a, const char *opt)
{
	if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
		return &a->out;
	if (strcmp(opt, "--format") == 0)
		return &a->format;
	if (strcmp(opt, "--search") == 0)
		return &a->o.search;
	return NULL;
}

static int parse(int argc, char **argv, struct export_args *a)
{
	const char **slot;
	int i, f = -1;

	memset(a, 0, sizeof *a);
	a->o.filter_field = -1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--excel") == 0)
			a->o.excel = 1;
		else if ((slot = option_slot(a, argv[i])) != NULL) {
			if (++i == argc)
				return usage(_("%s needs a value"), argv[i - 1]);
			*slot = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage(_("unknown option %s"), argv[i]);
		else if (a->ename == NULL)
			a->ename = argv[i];
		else
			return usage(_("unexpected argument '%s'"), argv[i]);
	}
	if (a->ename == NULL)
		return usage(_("name what to export%s"), "");
	if (a->format != NULL && (f = io_format_by_name(a->format)) < 0)
		return usage(_("unknown format '%s' (csv, tsv, xlsx, ods, json or "
		    "jsonl)"), a->format);
	if (a->out != NULL && strcmp(a->out, "-") != 0 &&
	    io_format_of_path(a->out) == -2 && a->format == NULL &&
	    !a->o.excel)
		return usage(_("the extension of %s names no format daftar writes: "
		    "use .csv, .tsv, .xlsx, .ods, .json or .jsonl, or give "
		    "--format"), a->out);
	if (a->format != NULL)
		a->o.format = (enum io_format)f;
	else if (a->out != NULL && (f = io_format_of_path(a->out)) >= 0)
		a->o.format = (enum io_format)f;
	else
		a->o.format = IO_CSV;
	if (a->o.excel && a->o.format == IO_TSV)
		a->o.format = IO_CSV;   /* it is tab-separated anyway */
	if (a->o.excel && a->o.format != IO_CSV)
		return usage(_("--excel is for CSV output (Excel reads .xlsx "
		    "itself)%s"), "");
	if (a->out != NULL && strcmp(a->out, "-") != 0 &&
	    !io_format_fits(a->out, a->o.format, a->o.excel)) {
		fprintf(stderr, _("daftar export: --format %s does not match the "
		    "file name %s: change one of them\n"), io_format_name(
		    a->o.format), a->out);
		return EXIT_USAGE;
	}
	if ((a->o.format == IO_XLSX || a->o.format == IO_ODS) &&
	    (a->out == NULL || strcmp(a->out, "-") == 0) &&
	    isatty(STDOUT_FILENO))
		return usage(_("a workbook is not for a terminal: give -o "
		    "FILE%s"), "");
	return EXIT_DONE;
}

static int cmd_export(int argc, char **argv, const struct cli_globals *g)
{
	struct export_args a;
	const entity *ent;
	struct cli_io io;
	io_report rep;
	dferr e = {0, ""};
	store *s = NULL;
	long long rows = 0;
	char what[96];
	int rc;

	if ((rc = parse(argc, argv, &a)) != EXIT_DONE)
		return rc;
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	if ((ent = io_entity(store_model(s), a.ename)) == NULL) {
		store_close(s);
		return usage(_("there is nothing called '%s' to export"), a.ename);
	}
	snprintf(what, sizeof what, _("exporting %s"), ent->name);
	cli_io_start(&io, &rep, what);
	rc = io_export(s, ent, a.out, &a.o, &rep, &rows, &e);
	cli_io_end(&io);
	if (rc != ST_OK) {
		fprintf(stderr, "daftar export: %s\n", e.msg);
		rc = EXIT_REFUSED;
	} else {
		char count[96];
		io_count_text(ent, rows, count, sizeof count);
		fprintf(stderr, _("exported %s to %s in %.1f s\n"), count,
		    a.out ? a.out : _("standard output"), cli_io_secs(&io));
		rc = EXIT_DONE;
	}
	store_close(s);
	return rc;
}

CLI_COMMAND_HELP(export, "export", cmd_export, EXPORT_USAGE,
    N_("export ENTITY (all, or those a search finds) as CSV, TSV, XLSX, ODS, "
    "JSON or JSON lines, to FILE or standard output"),
    N_("  -o, --output FILE  write FILE (its extension names the format); "
    "default:\n"
    "                     standard output\n"
    "  --format F         csv, tsv, xlsx, ods, json or jsonl (must match "
    "FILE)\n"
    "  --search TEXT      only the records the list search finds\n"
    "  --excel            CSV for spreadsheets: UTF-16 text with tabs, "
    "labels,\n"
    "                     formulas defused, phone numbers kept as text\n"))
