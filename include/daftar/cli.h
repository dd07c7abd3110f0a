/* cli.h - subcommands.  Each command lives in its own file under src/cli/
 * (or src/ui/ for the interactive program) and registers itself with
 * CLI_COMMAND, so adding a command is adding a file.  main.c parses the
 * global options, picks the database path and dispatches. */
#ifndef DAFTAR_CLI_H
#define DAFTAR_CLI_H

/* Exit codes of every command (DESIGN.md). */
enum cli_exit {
	EXIT_DONE = 0,          /* success */
	EXIT_REFUSED = 1,       /* bad data, refused, or a failure */
	EXIT_USAGE = 2          /* bad usage */
};

/* Global options, parsed by main before the command. */
struct cli_globals {
	const char *db_path;    /* -d FILE, else $DAFTAR_DB, else XDG default */
	int db_explicit;        /* 1 when -d or $DAFTAR_DB chose it */
	const char *bidi;       /* --bidi app|terminal, or NULL */
};

/* A command: argv[0] is the command name, options follow. */
typedef int (*cli_fn)(int argc, char **argv, const struct cli_globals *g);

struct cli_command {
	const char *name;       /* "init"; "ui" is the interactive program */
	cli_fn fn;              /* runs it, returns an enum cli_exit */
	const char *usage;      /* e.g. "demo [--trainees N] [--seed S]" */
	const char *summary;    /* one line for --help */
	const char *help;       /* its options, one per line, or NULL
	                         * (`daftar COMMAND --help`) */
};

void cli_register(const struct cli_command *c);
const struct cli_command *cli_find(const char *name);
/* Registered commands in name order; *n gets the count. */
const struct cli_command *const *cli_commands(int *n);

/* Open the database g names for a command (flags as store_open).  On
 * failure print one plain-words line naming the file and the reason (no
 * such file, missing directory, not a daftar database, newer than this
 * program, read-only, damaged) to stderr and return EXIT_REFUSED; else
 * EXIT_DONE with *out set. */
struct store;
int cli_open(const struct cli_globals *g, int flags, struct store **out);

/* Parse a whole decimal number in [min, max] for option opt of command
 * cmd; on error print a usage message and return -1. */
int cli_parse_num(const char *cmd, const char *opt, const char *s,
    long long min, long long max, long long *out);

#define CLI_COMMAND(id, name, fn, usage, summary)                          \
	CLI_COMMAND_HELP(id, name, fn, usage, summary, NULL)
#define CLI_COMMAND_HELP(id, name, fn, usage, summary, help)               \
	static const struct cli_command id##_command =                     \
	    { name, fn, usage, summary, help };                            \
	__attribute__((constructor)) static void id##_register(void)      \
	{ cli_register(&id##_command); }

#endif
