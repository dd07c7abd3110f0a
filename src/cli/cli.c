/* cli.c - the command registry filled by CLI_COMMAND constructors. */
#include <stdlib.h>
#include <string.h>

#include "daftar/cli.h"

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
