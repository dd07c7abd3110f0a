/* main.c - global options, the database path, and dispatch to a command.
 *
 *   daftar [-d FILE] [--bidi app|terminal] [COMMAND [ARGS]]
 *
 * The database is -d FILE, else $DAFTAR_DB, else
 * $XDG_DATA_HOME/daftar/daftar.db (else ~/.local/share/daftar/daftar.db);
 * the directory of the default path is created when a command runs.  No
 * command runs the registered command "ui", the interactive program. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daftar/cli.h"
#include "daftar/migrations.h"
#include "daftar/util.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* Print the usage line and the registered commands to f. */
static void usage(FILE *f)
{
	const struct cli_command *const *cmds;
	int n, i;

	fprintf(f, _("Usage: daftar [-d FILE] [--bidi app|terminal] "
	    "[COMMAND [ARGS]]\n"));
	fprintf(f, _("       daftar --help | --version\n\n"));
	fprintf(f, _("Without a command, daftar opens the full-screen program.\n\n"));
	fprintf(f, _("Options:\n"));
	fprintf(f, _("  -d, --db FILE        the database (else $DAFTAR_DB, else "
	    "$XDG_DATA_HOME/daftar/daftar.db)\n"));
	fprintf(f, _("  --bidi app|terminal  who reorders Arabic text: daftar "
	    "(app) or the terminal\n"));
	fprintf(f, _("  -h, --help           this help\n"));
	fprintf(f, _("  -V, --version        the program and schema version\n\n"));
	fprintf(f, _("Commands:\n"));
	cmds = cli_commands(&n);
	for (i = 0; i < n; i++) {
		fprintf(f, "  %s\n", cmds[i]->usage ? cmds[i]->usage
		    : cmds[i]->name);
		if (cmds[i]->summary)
			fprintf(f, "      %s\n", _(cmds[i]->summary));
	}
	fprintf(f, _("\nExit status: 0 success, 1 bad data or refused, "
	    "2 bad usage.  See daftar(1).\n"));
}

/* Whether a command's arguments ask for its help (before any "--"). */
static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/* `daftar COMMAND --help`: its usage, what it does, its options. */
static void command_help(const struct cli_command *c)
{
	printf(_("Usage: daftar [-d FILE] %s\n"), c->usage ? c->usage : c->name);
	if (c->summary)
		printf("\n%s\n", _(c->summary));
	if (c->help)
		printf("\n%s", _(c->help));
	printf(_("\nExit status: 0 success, 1 bad data or refused, 2 bad usage.  "
	    "See daftar(1).\n"));
}

/* Report a usage error with a hint and return EXIT_USAGE. */
static int usage_error(const char *fmt, const char *arg)
{
	fputs("daftar: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, _("Usage: daftar [-d FILE] [--bidi app|terminal] "
	    "[COMMAND [ARGS]]; see daftar --help\n"));
	return EXIT_USAGE;
}

/* mkdir -p dir (mode 0700 for what it creates).  0, or -1 with errno. */
static int make_dirs(char *dir)
{
	char *p;
	struct stat st;

	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (stat(dir, &st) != 0) {
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*p = c;
				return -1;
			}
		} else if (!S_ISDIR(st.st_mode)) {
			*p = c;
			errno = ENOTDIR;
			return -1;
		}
		*p = c;
		if (c == '\0')
			return 0;
	}
}

/* The per-user default database path (malloc'd), or NULL when neither
 * $XDG_DATA_HOME (absolute) nor $HOME is set.  *dir gets its directory. */
static char *default_path(char **dir)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	/* the XDG spec says a relative XDG_DATA_HOME is to be ignored */
	if (xdg != NULL && xdg[0] == '/')
		*dir = xasprintf("%s/daftar", xdg);
	else if (home != NULL && home[0] != '\0')
		*dir = xasprintf("%s/.local/share/daftar", home);
	else
		return NULL;
	return xasprintf("%s/daftar.db", *dir);
}

int main(int argc, char **argv)
{
	struct cli_globals g = { NULL, 0, NULL };
	const struct cli_command *cmd;
	char *path = NULL, *dir = NULL;
	char *ui_argv[] = { "ui", NULL };
	const char *env;
	int i, rc;

	setlocale(LC_ALL, "");
	/* numbers in files never follow the locale: libxlsxwriter prints
	 * widths and margins with printf, and "0,7" breaks the workbook */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain("daftar", LOCALEDIR);
	textdomain("daftar");

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_DONE;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("daftar %s (database schema version %d)\n",
			    DAFTAR_VERSION, daftar_nmigrations);
			return EXIT_DONE;
		} else if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0) {
			if (++i == argc)
				return usage_error(_("%s needs a file name"), a);
			g.db_path = argv[i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			g.db_path = a + 5;
		} else if (strncmp(a, "-d", 2) == 0) {
			g.db_path = a + 2;
		} else if (strcmp(a, "--bidi") == 0) {
			if (++i == argc)
				return usage_error(_("%s needs app or terminal"), a);
			g.bidi = argv[i];
		} else if (strncmp(a, "--bidi=", 7) == 0) {
			g.bidi = a + 7;
		} else {
			return usage_error(_("unknown option %s"), a);
		}
	}
	if (g.db_path != NULL && g.db_path[0] == '\0')
		return usage_error(_("%sthe database file name is empty"), "");
	if (g.bidi != NULL && strcmp(g.bidi, "app") != 0
	    && strcmp(g.bidi, "terminal") != 0)
		return usage_error(_("--bidi must be app or terminal, not '%s'"),
		    g.bidi);

	if (i < argc) {
		cmd = cli_find(argv[i]);
		if (cmd == NULL)
			return usage_error(_("unknown command '%s'"), argv[i]);
		if (wants_help(argc - i, argv + i)) {
			command_help(cmd);
			return EXIT_DONE;
		}
	} else {
		cmd = cli_find("ui");
		if (cmd == NULL) {
			fprintf(stderr, _("daftar: this build has no interactive "
			    "program (no \"ui\" command); run a command instead, "
			    "see daftar --help\n"));
			return EXIT_REFUSED;
		}
		argv = ui_argv;
		argc = 1;
		i = 0;
	}

	if (g.db_path != NULL) {
		g.db_explicit = 1;
	} else if ((env = getenv("DAFTAR_DB")) != NULL && env[0] != '\0') {
		g.db_path = env;
		g.db_explicit = 1;
	} else {
		path = default_path(&dir);
		if (path == NULL) {
			fprintf(stderr, _("daftar: cannot choose a database: "
			    "neither $XDG_DATA_HOME nor $HOME is set; name one "
			    "with -d FILE or $DAFTAR_DB\n"));
			return EXIT_REFUSED;
		}
		if (make_dirs(dir) != 0) {
			fprintf(stderr, _("daftar: cannot create the directory "
			    "%s for the default database: %s; name another file "
			    "with -d FILE or $DAFTAR_DB\n"), dir, strerror(errno));
			rc = EXIT_REFUSED;
			goto out;
		}
		g.db_path = path;
	}
	rc = cmd->fn(argc - i, argv + i, &g);
out:
	free(path);
	free(dir);
	return rc;
}
