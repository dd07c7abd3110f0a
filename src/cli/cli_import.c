/* cli_import.c - `daftar import ENTITY FILE [--dry-run]`: the CSV import
 * of io_import.c with its problems on stderr ("FILE:LINE: FIELD: message",
 * the first 50, then the total), a progress bar on a terminal, and a
 * one-line summary.  Exit 0 when imported (or checked clean with
 * --dry-run), 1 when anything was refused (then nothing is written). */
#include <stdio.h>
#include <string.h>

#include "cli_io.h"
#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/util.h"

#define IMPORT_USAGE "import ENTITY FILE [--dry-run]"

static int cmd_import(int argc, char **argv, const struct cli_globals *g)
{
	const char *ename = NULL, *path = NULL;
	const entity *ent;
	struct cli_io io;
	io_report rep;
	io_result res;
	dferr e = {0, ""};
	store *s = NULL;
	char what[96];
	int i, dry = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("daftar import: unknown option %s; usage: "
			    "daftar [-d FILE] %s\n"), argv[i], IMPORT_USAGE);
			return EXIT_USAGE;
		} else if (ename == NULL)
			ename = argv[i];
		else if (path == NULL)
			path = argv[i];
		else {
			fprintf(stderr, _("daftar import: unexpected argument '%s'; "
			    "usage: daftar [-d FILE] %s\n"), argv[i], IMPORT_USAGE);
			return EXIT_USAGE;
		}
	}
	if (path == NULL) {
		fprintf(stderr, _("daftar import: name what to import and the "
		    "file; usage: daftar [-d FILE] %s\n"), IMPORT_USAGE);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	if ((ent = io_entity(store_model(s), ename)) == NULL) {
		fprintf(stderr, _("daftar import: there is nothing called '%s' to "
		    "import into; try trainee, cohort, agreement, partner...\n"),
		    ename);
		store_close(s);
		return EXIT_USAGE;
	}
	snprintf(what, sizeof what, _("importing %s"), ent->name);
	cli_io_start(&io, &rep, what);
	rc = io_import(s, ent, path, dry, &rep, &res, &e);
	cli_io_end(&io);
	if (rc == ST_INVALID) {
		fprintf(stderr, _("%s: %lld problem(s) in %lld rows%s; nothing was "
		    "imported\n"), strcmp(path, "-") ? path : "<stdin>",
		    res.errors, res.rows, res.errors > CLI_IO_SHOWN ?
		    _(" (the first 50 shown)") : "");
		rc = EXIT_REFUSED;
	} else if (rc != ST_OK) {
		fprintf(stderr, "daftar import: %s\n", e.msg);
		rc = EXIT_REFUSED;
	} else if (dry) {
		printf(_("%s: %lld rows checked, no problems; nothing written "
		    "(--dry-run)\n"), path, res.rows);
		rc = EXIT_DONE;
	} else {
		double secs = cli_io_secs(&io);
		printf(_("imported %lld %s from %s in %.1f s (%.0f rows/s)\n"),
		    res.rows, ent->name, path, secs,
		    secs > 0 ? (double)res.rows / secs : 0.0);
		rc = EXIT_DONE;
	}
	store_close(s);
	return rc;
}

CLI_COMMAND(import, "import", cmd_import, IMPORT_USAGE,
    N_("import a CSV file (header row naming the fields) into ENTITY, all "
    "rows or none; --dry-run only checks"))
