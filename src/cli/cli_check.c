/* cli_check.c - `daftar check`: SQLite integrity, foreign keys and the
 * schema version; one line per problem, exit 1 when there is any. */
#include <stdio.h>

#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/util.h"

static int cmd_check(int argc, char **argv, const struct cli_globals *g)
{
	strbuf report = { NULL, 0, 0 };
	dferr e = { 0, "" };
	store *s = NULL;
	int n, rc;

	if (argc > 1) {
		fprintf(stderr, _("daftar check: unexpected argument '%s'; "
		    "usage: daftar [-d FILE] check\n"), argv[1]);
		return EXIT_USAGE;
	}
	rc = cli_open(g, 0, &s);
	if (rc != EXIT_DONE)
		return rc;
	n = store_check(s, &report, &e);
	if (report.len > 0) {
		fputs(report.s, stdout);
		if (report.s[report.len - 1] != '\n')
			putchar('\n');
	}
	if (n < 0 || (n == 0 && e.code != ST_OK)) {
		fprintf(stderr, _("daftar: could not check %s: %s\n"),
		    g->db_path, e.msg);
		rc = EXIT_REFUSED;
	} else if (n > 0) {
		fprintf(stderr, ngettext("daftar: %s has %d problem\n",
		    "daftar: %s has %d problems\n", (unsigned long)n),
		    g->db_path, n);
		rc = EXIT_REFUSED;
	} else {
		printf(_("%s: no problems found (schema version %d)\n"),
		    g->db_path, store_schema_version(s));
	}
	sb_free(&report);
	store_close(s);
	return rc;
}

CLI_COMMAND(check, "check", cmd_check, "check",
    N_("check integrity, foreign keys and schema version; exit 1 on any "
    "problem"))
