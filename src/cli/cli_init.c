/* cli_init.c - `daftar init`: create the database or upgrade its schema.
 * Idempotent: on a database already at the latest schema it changes
 * nothing and says so. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/util.h"

/* The schema version recorded in an SQLite file header (user_version, a
 * big-endian 32-bit number at offset 60), or -1 when the file cannot be
 * read or is not an SQLite database.  Used only to say "upgraded from". */
static int header_version(const char *path)
{
	unsigned char h[64];
	FILE *f = fopen(path, "rb");
	size_t got;

	if (f == NULL)
		return -1;
	got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return -1;
	return (int)((unsigned)h[60] << 24 | (unsigned)h[61] << 16
	    | (unsigned)h[62] << 8 | h[63]);
}

static int cmd_init(int argc, char **argv, const struct cli_globals *g)
{
	struct stat st;
	store *s = NULL;
	int existed, before, after, rc;

	if (argc > 1) {
		fprintf(stderr, _("daftar init: unexpected argument '%s'; "
		    "usage: daftar [-d FILE] init\n"), argv[1]);
		return EXIT_USAGE;
	}
	existed = stat(g->db_path, &st) == 0;
	before = existed ? header_version(g->db_path) : -1;
	rc = cli_open(g, STORE_CREATE | STORE_MIGRATE, &s);
	if (rc != EXIT_DONE)
		return rc;
	after = store_schema_version(s);
	if (!existed || before == 0)
		printf(_("created %s at schema version %d\n"), g->db_path,
		    after);
	else if (before > 0 && before < after)
		printf(_("upgraded %s from schema version %d to %d\n"),
		    g->db_path, before, after);
	else
		printf(_("%s is already at schema version %d\n"), g->db_path,
		    after);
	store_close(s);
	return EXIT_DONE;
}

CLI_COMMAND(init, "init", cmd_init, "init",
    N_("create the database, or upgrade it to this program's schema"))
