/* cli.c - the command registry filled by CLI_COMMAND constructors, and
 * helpers the commands share (opening the database with plain-words
 * errors, number options). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daftar/cli.h"
#include "daftar/store.h"
#include "daftar/util.h"

#define CLI_MAX 64

static const struct cli_command *commands[CLI_MAX];    /* registered */
static int ncommands;                                   /* how many */

void cli_register(const struct cli_command *c)
{
	int i;

	if (ncommands == CLI_MAX)
		abort();        /* a build with more commands than slots */
	/* keep name order: insertion sort, at most a few dozen */
	for (i = ncommands; i > 0 && strcmp(commands[i - 1]->name, c->name) > 0; i--)
		commands[i] = commands[i - 1];
	commands[i] = c;
	ncommands++;
}

const struct cli_command *cli_find(const char *name)
{
	int i;

	for (i = 0; i < ncommands; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const struct cli_command *const *cli_commands(int *n)
{
	*n = ncommands;
	return commands;
}

/* ---- helpers shared by the commands ----------------------------------- */

int cli_parse_num(const char *cmd, const char *opt, const char *s,
    long long min, long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		fprintf(stderr, _("daftar %s: %s wants a whole number from %lld "
		    "to %lld, not '%s'\n"), cmd, opt, min, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* The directory part of path (malloc'd), "." when it has none. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int cli_open(const struct cli_globals *g, int flags, struct store **out)
{
	const char *path = g->db_path;
	struct stat st;
	char *dir = NULL;
	dferr e = { 0, "" };
	int rc = EXIT_REFUSED;

	*out = NULL;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			fprintf(stderr, _("daftar: %s is a directory, not a "
			    "database file; name a file inside it, e.g. "
			    "%s/daftar.db\n"), path, path);
			goto out;
		}
	} else if (errno == ENOENT || errno == ENOTDIR) {
		dir = dir_of(path);
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, _("daftar: cannot use the database %s: "
			    "the directory %s does not exist; create it "
			    "(mkdir -p %s) or choose another file with -d\n"),
			    path, dir, dir);
			goto out;
		}
		if (!(flags & STORE_CREATE)) {
			fprintf(stderr, _("daftar: there is no database at %s; "
			    "create one with: daftar -d %s init\n"), path, path);
			goto out;
		}
		if (access(dir, W_OK | X_OK) != 0) {
			fprintf(stderr, _("daftar: cannot create the database "
			    "%s: the directory %s is not writable (%s); choose "
			    "another place with -d\n"), path, dir, strerror(errno));
			goto out;
		}
	} else {
		fprintf(stderr, _("daftar: cannot open the database %s: %s\n"),
		    path, strerror(errno));
		goto out;
	}

	if (store_open(path, flags, out, &e) == ST_OK) {
		rc = EXIT_DONE;
		goto out;
	}
	*out = NULL;
	if (e.msg[0] != '\0' && strstr(e.msg, path) != NULL) {
		fprintf(stderr, "daftar: %s\n", e.msg);
		goto out;
	}
	switch (e.code) {
	case ST_NOTDAFTAR:
		fprintf(stderr, _("daftar: %s is not a daftar database"), path);
		break;
	case ST_TOONEW:
		fprintf(stderr, _("daftar: %s was written by a newer version of "
		    "daftar; use that version"), path);
		break;
	case ST_READONLY:
		fprintf(stderr, _("daftar: cannot write the database %s: the "
		    "file or its directory is read-only; ask for write access "
		    "or work on a copy"), path);
		break;
	case ST_CORRUPT:
		fprintf(stderr, _("daftar: the database %s is damaged; restore "
		    "it from a backup"), path);
		break;
	default:
		fprintf(stderr, _("daftar: cannot open the database %s"), path);
		break;
	}
	if (e.msg[0] != '\0')
		fprintf(stderr, " (%s)", e.msg);
	fputc('\n', stderr);
out:
	free(dir);
	return rc;
}
