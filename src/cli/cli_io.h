/* cli_io.h - what `daftar import` and `daftar export` share: the report
 * printed on stderr (problems, progress bar on a terminal). */
#ifndef DAFTAR_CLI_IO_H
#define DAFTAR_CLI_IO_H

#include "daftar/io.h"

#define CLI_IO_SHOWN 50         /* problems printed, the rest counted */

/* The state of the printed report. */
struct cli_io {
	const char *what;       /* "importing trainee" */
	int tty;                /* stderr is a terminal: draw the bar */
	double t0;              /* when it started */
	double drawn;           /* when the bar was last drawn */
	int width;              /* columns of the last bar, to blank it */
	long long shown;        /* problems printed */
};

/* Start: fill rep with callbacks writing to stderr. */
void cli_io_start(struct cli_io *c, io_report *rep, const char *what);
/* Blank the progress bar (before printing the summary). */
void cli_io_end(struct cli_io *c);
/* Seconds since cli_io_start. */
double cli_io_secs(const struct cli_io *c);

#endif
