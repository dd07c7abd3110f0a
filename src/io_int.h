/* io_int.h - the export's private parts, shared by src/io_export.c and
 * src/io_xlsx.c: the state of one export and the per-format writers. */
#ifndef DAFTAR_IO_INT_H
#define DAFTAR_IO_INT_H

#include <stdio.h>

#include "daftar/csv.h"
#include "daftar/io.h"

/* One export in progress. */
struct exporter {
	const entity *ent;      /* what is exported */
	const io_export_opts *o; /* how */
	const char *name;       /* the output as the user named it (messages) */
	char *tmp_path;         /* written here, renamed to name when done */
	FILE *fp;               /* CSV/JSON output */
	char *xlsx_path;        /* XLSX output file (tmp_path or a temporary
	                         * copied to standard output) */
	csv_writer *csv;        /* CSV writer */
	strbuf line;            /* JSON line being built */
	void *xlsx;             /* XLSX state (io_xlsx.c) */
	int *as_ref;            /* per field: a lookup written as its target's
	                         * display text (unique), else as the id */
};

/* A format: header, one row at a time, end.  Each returns ST_OK or a
 * code with e filled. */
struct io_format_ops {
	int (*begin)(struct exporter *x, dferr *e);
	int (*row)(struct exporter *x, const record *r, char *const *refs,
	    dferr *e);
	int (*end)(struct exporter *x, dferr *e);
};

extern const struct io_format_ops io_xlsx_ops;

/* The text of field i of r in CSV and JSON: the stored value, or for a
 * lookup written as a reference the target's display text. */
const char *io_value(const struct exporter *x, const record *r,
    char *const *refs, int i);

#endif
