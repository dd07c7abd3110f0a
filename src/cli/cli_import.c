/* cli_import.c - `daftar import ENTITY FILE [--dry-run] [--update [--key
 * FIELD]] [--sheet NAME] [--dates dmy|mdy]`: the import of io_import.c
 * (CSV, UTF-16 text, XLSX or ODS, told apart by their first bytes) with
 * its problems on stderr ("FILE:WHERE: FIELD: message", the first 50,
 * then the total), a progress bar on a terminal, and a summary.  Exit 0
 * when imported (or checked clean with --dry-run), 1 when anything was
 * refused (then nothing is written). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_io.h"
#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/text.h"
#include "daftar/util.h"

#define IMPORT_USAGE "import ENTITY FILE [--dry-run] [--update [--key " \
	"FIELD]] [--sheet NAME] [--dates dmy|mdy]"

/* The command line. */
struct import_args {
	const char *ename;      /* entity named */
	const char *path;       /* the file */
	const char *dates;      /* --dates, or NULL */
	io_import_opts o;       /* the rest */
};

static int usage(const char *why, const char *arg)
{
	fprintf(stderr, "daftar import: ");
	fprintf(stderr, why, arg);
	fprintf(stderr, _("; usage: daftar [-d FILE] %s\n"), IMPORT_USAGE);
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct import_args *a)
{
	const char **val;
	int i;

	memset(a, 0, sizeof *a);
	for (i = 1; i < argc; i++) {
		val = NULL;
		if (strcmp(argv[i], "--dry-run") == 0)
			a->o.dry_run = 1;
		else if (strcmp(argv[i], "--update") == 0)
			a->o.update = 1;
		else if (strcmp(argv[i], "--key") == 0)
			val = &a->o.key;
		else if (strcmp(argv[i], "--sheet") == 0)
			val = &a->o.sheet;
		else if (strcmp(argv[i], "--dates") == 0)
			val = &a->dates;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage(_("unknown option %s"), argv[i]);
		else if (a->ename == NULL)
			a->ename = argv[i];
		else if (a->path == NULL)
			a->path = argv[i];
		else
			return usage(_("unexpected argument '%s'"), argv[i]);
		if (val != NULL) {
			if (++i == argc)
				return usage(_("%s needs a value"), argv[i - 1]);
			*val = argv[i];
		}
	}
	if (a->path == NULL)
		return usage(_("name what to import and the file%s"), "");
	if (a->o.key != NULL && !a->o.update)
		return usage(_("--key goes with --update%s"), "");
	if (a->dates != NULL && strcmp(a->dates, "dmy") != 0 &&
	    strcmp(a->dates, "mdy") != 0)
		return usage(_("--dates is dmy (day first) or mdy (month first), "
		    "not '%s'"), a->dates);
	a->o.dates = a->dates && strcmp(a->dates, "mdy") == 0 ? IO_MDY : IO_DMY;
	return EXIT_DONE;
}

/* The notes after an import or a check: ambiguous dates, phone numbers
 * that lost their 0. */
static void notes(FILE *out, const io_result *res, enum io_date_order dates)
{
	char *example = text_sanitize(res->ambiguous_example, 0);

	if (res->ambiguous > 0)
		fprintf(out, ngettext("%lld date (such as %s) could be day/month or "
		    "month/day: read as %s\n", "%lld dates (such as %s) could be "
		    "day/month or month/day: read as %s\n", res->ambiguous),
		    res->ambiguous, example, dates == IO_MDY ?
		    _("month/day/year (--dates mdy)") :
		    _("day/month/year (--dates mdy reads them the other way)"));
	if (res->phones_fixed > 0)
		fprintf(out, ngettext("%lld phone number was a number cell without its "
		    "leading 0: the 0 was put back\n", "%lld phone numbers were "
		    "number cells without their leading 0: the 0 was put back\n",
		    res->phones_fixed), res->phones_fixed);
	free(example);
}

/* The summary of a successful run on stdout. */
static void summary(const struct import_args *a, const entity *ent,
    const io_result *res, double secs)
{
	const char *path = strcmp(a->path, "-") ? a->path : "<stdin>";

	char what[512];

	io_update_summary(res, what, sizeof what);
	if (a->o.update && a->o.dry_run)
		printf(_("%s: %s; nothing written (--dry-run)\n"), path, what);
	else if (a->o.update)
		printf(_("%s: %s\n"), path, what);
	else if (a->o.dry_run)
		printf(ngettext("%s: %lld row checked, no problems; nothing "
		    "written (--dry-run)\n", "%s: %lld rows checked, no problems; "
		    "nothing written (--dry-run)\n", res->rows), path, res->rows);
	else {
		char count[96];
		io_count_text(ent, res->rows, count, sizeof count);
		if (res->sheet[0]) {    /* the file's words: made safe */
			char *sheet = text_sanitize(res->sheet, 0);
			printf(_("imported %s from %s (sheet %s) in %.1f s (%.0f "
			    "rows/s)\n"), count, path, sheet, secs, secs > 0 ?
			    (double)res->rows / secs : 0.0);
			free(sheet);
		} else
			printf(_("imported %s from %s in %.1f s (%.0f rows/s)\n"),
			    count, path, secs, secs > 0 ? (double)res->rows / secs :
			    0.0);
	}
	notes(stdout, res, a->o.dates);
}

static int cmd_import(int argc, char **argv, const struct cli_globals *g)
{
	struct import_args a;
	const entity *ent;
	struct cli_io io;
	io_report rep;
	io_result res = {0};
	dferr e = {0, ""};
	store *s = NULL;
	char what[96];
	int rc;

	if ((rc = parse(argc, argv, &a)) != EXIT_DONE)
		return rc;
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	if ((ent = io_entity(store_model(s), a.ename)) == NULL) {
		fprintf(stderr, _("daftar import: there is nothing called '%s' to "
		    "import into; try trainee, cohort, agreement, partner...\n"),
		    a.ename);
		store_close(s);
		return EXIT_USAGE;
	}
	snprintf(what, sizeof what, _("importing %s"), ent->name);
	cli_io_start(&io, &rep, what);
	rc = io_import(s, ent, a.path, &a.o, &rep, &res, &e);
	cli_io_end(&io);
	if (rc == ST_INVALID) {
		/* "3 problems in 120 rows": the two counts in one sentence */
		char rows[64];
		snprintf(rows, sizeof rows, ngettext("%lld row", "%lld rows",
		    res.rows), res.rows);
		fprintf(stderr, ngettext("%s: %lld problem in %s%s; nothing was "
		    "imported\n", "%s: %lld problems in %s%s; nothing was "
		    "imported\n", res.errors), strcmp(a.path, "-") ? a.path :
		    "<stdin>", res.errors, rows, res.errors > CLI_IO_SHOWN ?
		    _(" (the first 50 shown)") : "");
		if (a.o.update) {
			char sum[512];
			io_update_summary(&res, sum, sizeof sum);
			fprintf(stderr, _("%s: %s\n"), strcmp(a.path, "-") ? a.path :
			    "<stdin>", sum);
		}
		notes(stderr, &res, a.o.dates);
		rc = EXIT_REFUSED;
	} else if (rc != ST_OK) {
		fprintf(stderr, "daftar import: %s\n", e.msg);
		rc = EXIT_REFUSED;
	} else {
		summary(&a, ent, &res, cli_io_secs(&io));
		rc = EXIT_DONE;
	}
	io_result_free(&res);
	store_close(s);
	return rc;
}

CLI_COMMAND_HELP(import, "import", cmd_import, IMPORT_USAGE,
    N_("import a CSV, XLSX or ODS file (header row naming the fields) into "
    "ENTITY, all rows or none; --dry-run only checks; --update changes the "
    "records the file's key names"),
    N_("  --dry-run        check every row, write nothing\n"
    "  --update         a row whose key names a record updates the columns "
    "the file\n"
    "                   has that differ; the other rows are added\n"
    "  --key FIELD      the key of --update (default: the id column, else "
    "the\n"
    "                   global id, else the entity's unique field)\n"
    "  --sheet NAME     the sheet of a workbook (default: the first)\n"
    "  --dates dmy|mdy  how 01/05/2003 is read (default dmy: 1 May)\n"))
