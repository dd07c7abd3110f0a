/* io_int.h - what the export and the import share about the columns of a
 * file (io_columns.c), and the export's private parts (io_export.c and
 * the writers io_xlsx.c, io_ods.c): the state of one export and the
 * per-format writers. */
#ifndef DAFTAR_IO_INT_H
#define DAFTAR_IO_INT_H

#include <stdio.h>

#include "daftar/csv.h"
#include "daftar/io.h"

/* ---- the columns of an entity's file ----------------------------------- */

/* What a column holds. */
enum xcol_kind {
	XC_ID,                  /* the record's own id ("id") */
	XC_FIELD,               /* a field that is not a link */
	XC_LINK_ID,             /* a link: the id of the record it points to
	                         * ("region_id"; on import also its name) */
	XC_LINK_NAME,           /* a link: that record's name ("region") */
	XC_LINK_KEY,            /* a link: that record's unique key
	                         * ("trainee.cin") */
	XC_GID                  /* the record's global id ("gid"), last */
};

/* One column. */
struct xcol {
	enum xcol_kind kind;    /* what it holds */
	int fi;                 /* the field (XC_ID: -1) */
	const field *tf;        /* XC_LINK_NAME / XC_LINK_KEY: the field of
	                         * the target it shows, else NULL */
	char *name;             /* header for programs: "region_id" */
	char *label[LANG_N];    /* header for people, per language */
	int width;              /* width in a spreadsheet, in characters */
};

/* The columns of ent's files, in order: id, then each field (a link as
 * its id, its name, and its key when the name is not unique), then the
 * global id.  Free with io_columns_free. */
struct xcol *io_columns(const entity *ent, int *n);
void io_columns_free(struct xcol *c, int n);
/* The column a header names (by name, or by a label in any language,
 * folded), or -1. */
int io_column_find(const struct xcol *c, int n, const char *header);
/* The spreadsheet name of column col (0 = "A"), io_source.c. */
void source_col_name(long col, char *buf, size_t n);

/* The label of c in the interface language. */
const char *io_column_label(const struct xcol *c);

/* ---- the export ---------------------------------------------------------- */

/* One export in progress. */
struct exporter {
	const entity *ent;      /* what is exported */
	const io_export_opts *o; /* how */
	const char *name;       /* the output as the user named it (messages) */
	char *tmp_path;         /* written here, renamed to name when done */
	FILE *fp;               /* CSV/JSON output */
	char *file_path;        /* XLSX/ODS output file (tmp_path or a
	                         * temporary copied to standard output) */
	csv_writer *csv;        /* CSV writer */
	void *utf16;            /* UTF-16 output state of --excel */
	strbuf line;            /* JSON line being built */
	long long nrows;        /* rows written so far */
	void *book;             /* XLSX or ODS state (io_xlsx.c, io_ods.c) */
	struct xcol *cols;      /* the columns */
	int ncols;              /* how many */
	int people;             /* for people (XLSX, ODS, --excel): labels,
	                         * choices by label, real dates */
	int sanitize;           /* to a terminal: values made safe to show */
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
extern const struct io_format_ops io_ods_ops;

/* The stored text of column c of r (buf holds an id): NULL when empty. */
const char *io_cell(const struct exporter *x, const struct xcol *c,
    const record *r, char *const *refs, char *buf, size_t n);
/* The text people read for column c's stored value v (a choice's label,
 * yes/no), malloc'd. */
char *io_people_text(const struct xcol *c, const entity *ent, const char *v);
/* Whether column c is text a spreadsheet would turn into a number (a
 * phone, a CIN, digits in a text field): written as text. */
int io_keep_text(const struct xcol *c, const entity *ent, const char *v);

#endif
