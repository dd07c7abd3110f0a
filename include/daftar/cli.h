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
};

void cli_register(const struct cli_command *c);
const struct cli_command *cli_find(const char *name);
/* Registered commands in name order; *n gets the count. */
const struct cli_command *const *cli_commands(int *n);

#define CLI_COMMAND(id, name, fn, usage, summary)                          \
	static const struct cli_command id##_command =                     \
	    { name, fn, usage, summary };                                  \
	__attribute__((constructor)) static void id##_register(void)      \
	{ cli_register(&id##_command); }

#endif
