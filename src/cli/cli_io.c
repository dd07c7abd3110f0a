/* cli_io.c - the import/export report on stderr: one sanitised line per
 * problem, "FILE:LINE: FIELD: message", the first CLI_IO_SHOWN of them;
 * on a terminal a progress bar redrawn at most 4 times a second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_io.h"

#define REDRAW_SECS 0.25        /* at most 4 redraws a second */

/* Blank the bar so a message can take the line. */
static void unbar(struct cli_io *c)
{
	if (c->tty && c->width > 0) {
		fprintf(stderr, "\r%*s\r", c->width, "");
		c->width = 0;
	}
}

static void on_error(void *ctx, const char *file, const char *where,
    const char *col, const char *msg)
{
	struct cli_io *c = ctx;
	char *text;

	if (c->shown >= CLI_IO_SHOWN)
		return;
	c->shown++;
	if (where != NULL && where[0] != '\0')
		text = xasprintf("%s:%s: %s: %s", file, where, col, msg);
	else
		text = xasprintf("%s: %s: %s", file, col, msg);
	/* the file's own bytes reach the terminal only sanitised */
	{
		char *safe = text_sanitize(text, 0);
		unbar(c);
		fprintf(stderr, "%s\n", safe);
		free(safe);
	}
	free(text);
}

/* The bar; never asks to stop (Ctrl-C ends the command, and SQLite rolls
 * the unfinished import back). */
static int on_progress(void *ctx, long long rows, long long bytes,
    long long total)
{
	struct cli_io *c = ctx;
	double now = io_clock();
	char line[160];
	int n;

	if (!c->tty || (bytes >= 0 && now - c->drawn < REDRAW_SECS))
		return 0;
	c->drawn = now;
	io_progress_text(line, sizeof line, rows, bytes, total, now - c->t0);
	n = fprintf(stderr, "\r%s: %s", c->what, line);
	if (n > 0 && n - 1 < c->width)
		fprintf(stderr, "%*s", c->width - (n - 1), "");
	if (n > 0 && n - 1 > c->width)
		c->width = n - 1;
	fflush(stderr);
	return 0;
}

void cli_io_start(struct cli_io *c, io_report *rep, const char *what)
{
	memset(c, 0, sizeof *c);
	c->what = what;
	c->tty = isatty(STDERR_FILENO);
	c->t0 = io_clock();
	c->drawn = c->t0;       /* no bar for jobs under a quarter second */
	rep->error = on_error;
	rep->progress = on_progress;
	rep->ctx = c;
}

void cli_io_end(struct cli_io *c)
{
	unbar(c);
	fflush(stderr);
}

double cli_io_secs(const struct cli_io *c)
{
	return io_clock() - c->t0;
}
