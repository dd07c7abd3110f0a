/* io_import.h - the import's private parts, shared by src/io_import.c
 * (the writing side: lookups, inserts, the report) and src/io_check.c
 * (the reading side: a thread that reads and checks rows ahead, so the
 * checks of the form run while SQLite writes). */
#ifndef DAFTAR_IO_IMPORT_H
#define DAFTAR_IO_IMPORT_H

#include <pthread.h>

#include "daftar/csv.h"
#include "daftar/io.h"

struct xcol;

/* ---- sources: the rows of a CSV file or of a spreadsheet's sheet ---- */

/* What a cell of a spreadsheet held (a CSV field is always text). */
enum cell_kind {
	CELL_TEXT = 0,          /* text (a CSV field, a text cell) */
	CELL_NUMBER,            /* a number without a date format: the value
	                         * as a decimal, e.g. "612345678", "12.5" */
	CELL_DATE,              /* a date cell: "YYYY-MM-DD", with
	                         * " HH:MM:SS" when it has a time of day */
	CELL_BOOL,              /* TRUE/FALSE: "1" or "0" */
	CELL_ERROR,             /* an error value, e.g. "#N/A" */
	CELL_FORMULA            /* a formula without a saved result: its text */
};

/* One row of a source.  The pointers stay valid until the next read. */
struct src_row {
	size_t n;               /* fields or cells; 0 for an empty line */
	char **f;               /* field i, NUL-terminated */
	size_t *len;            /* byte length of field i */
	const unsigned char *kind; /* enum cell_kind per field; NULL = text */
	long long line;         /* line (CSV) or row number (sheet), 1-based */
	int err;                /* enum csv_err of a CSV record, CSV_OK if none */
	long long err_line;     /* line of that problem */
	long long err_offset;   /* byte offset of that problem */
};

struct source;

/* What every source does. */
struct source_ops {
	/* The next non-empty row: 1, 0 at the end, -1 on a read error (the
	 * source's message in *e). */
	int (*read)(struct source *src, struct src_row *row, dferr *e);
	/* Input bytes read so far (for progress), and in all (0: unknown). */
	long long (*bytes)(const struct source *src);
	/* Where row line, column col (0-based; -1 = the whole row) is, as its
	 * users name it: "12" for a CSV line, "Trainees!C12" in a workbook. */
	void (*where)(const struct source *src, long long line, long col,
	    char *buf, size_t n);
	void (*free)(struct source *src);
};

/* A source of rows; each kind puts this first in its own struct. */
struct source {
	const struct source_ops *ops; /* its functions */
	int sheet;              /* cells of a sheet (missing cells are empty,
	                         * short rows are fine), not CSV fields */
	long long total;        /* input bytes in all, 0 when unknown */
	const char *name;       /* the sheet's name, or NULL (CSV) */
	int unescape;           /* CSV for spreadsheets (a BOM, or UTF-16):
	                         * '=... and ="0612..." are daftar's own
	                         * escapes (export --excel), taken off */
};

/* Open path ("-" = standard input) by what its first bytes are: CSV (or
 * UTF-16 text), XLSX, ODS; sheet names the sheet of a workbook (NULL =
 * the first).  ST_OK with *out; ST_INVALID when the file is something
 * else or damaged (e->msg says what and what to do); ST_ERROR when it
 * cannot be read. */
int source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e);
/* The column name of index col: 0 = "A", 26 = "AA". */
void source_col_name(long col, char *buf, size_t n);

/* A lookup text and the id it resolved to. */
struct lk_entry {
	char *text;             /* filtered text, NULL = free slot */
	long long id;           /* record id */
};

#define KEY_ID (-2)             /* import.key_fi: the record id column */
#define KEY_GID (-3)            /* ... the global id column */

/* One column of the file. */
struct column {
	char *name;             /* header text as the file has it */
	int fi;                 /* field index, -1 = column without a name
	                         * (or the record id column) */
	int kind;               /* enum xcol_kind (io_int.h): the id, a
	                         * field, a link's id, name or key */
	int kfi;                /* XC_LINK_KEY: the key field of the target */
	struct lk_entry *cache; /* links: resolved texts, or NULL */
	int ncached;            /* slots used */
};

/* One data row, read and checked. */
struct prow {
	long long line;         /* line where the record starts */
	char **v;               /* per field: the storage value; for a lookup
	                         * the filtered text still to resolve; NULL =
	                         * empty */
	unsigned char *given;   /* per field: the file has a column for it */
	char **ext;             /* per link field i: [2i] the name, [2i+1]
	                         * the key of the record it points to, as the
	                         * file's link columns give them, or NULL */
	char *rid;              /* the record id column's value, or NULL */
	char *gid;              /* the global id column's value (checked, in
	                         * lower case), or NULL */
	strbuf probs;           /* problems, each as three NUL-ended strings:
	                         * where, column, message */
	int nprobs;             /* how many */
	int ambiguous;          /* dates that could be read either way */
	char ambiguous_example[16]; /* the first, as written */
	int phones_fixed;       /* phone numbers given their 0 back */
};

#define PIPE_ROWS 256           /* rows per batch */
#define PIPE_SLOTS 4            /* batches in flight */

/* A batch of rows handed from the reader to the writer. */
struct pbatch {
	struct prow row[PIPE_ROWS]; /* the rows */
	int n;                  /* rows used */
	int last;               /* the input ends after these */
	int failed;             /* reading stopped on a failure (in fail) */
	dferr fail;             /* what it was */
	long long bytes;        /* input bytes read so far */
};

/* The reading thread and its ring of batches. */
struct pipe {
	pthread_t th;           /* the reading thread */
	int started;            /* th runs (join it) */
	pthread_mutex_t mu;     /* guards head, tail, count, stop */
	pthread_cond_t filled;  /* a batch is ready */
	pthread_cond_t drained; /* a slot is free */
	struct pbatch *slot;    /* PIPE_SLOTS batches */
	int head, tail, count;  /* next to fill, next to take, ready */
	int stop;               /* the writer gave up: stop reading */
	struct source *src;     /* the input, past its header */
	const entity *ent;      /* what the rows are */
	const struct column *cols; /* the header's columns */
	size_t ncols;           /* how many */
	enum io_date_order dates; /* how ambiguous dates are read */
};

/* Start reading and checking rows in a thread; 0, or -1 when no thread
 * could be started. */
int pipe_start(struct pipe *p, struct source *src, const entity *ent,
    const struct column *cols, size_t ncols, enum io_date_order dates);
struct pbatch *pipe_next(struct pipe *p);      /* wait for the next batch */
void pipe_done(struct pipe *p);                /* give that batch back */
void pipe_stop(struct pipe *p);                /* stop, join, free */

/* model_check's message without its leading "Label: " (the report
 * already names the column). */
const char *io_unlabel(const field *f, const char *msg);

/* ---- the import itself (io_import.c, io_links.c, io_update.c) -------- */

#define LOOKUP_SLOTS 4096       /* lookup texts remembered per column */

/* A record an --update import changed, and the row that did. */
struct seen_id {
	long long id;           /* record id, 0 = free slot */
	long long line;         /* the row */
};

/* An import in progress. */
struct import {
	store *s;               /* the database */
	const entity *ent;      /* what is imported */
	const char *file;       /* file name for messages */
	const io_report *rep;   /* where problems and progress go */
	io_result *res;         /* counts */
	dferr *e;               /* the failure that stops the import */
	const io_import_opts *o; /* how */
	struct source *src;     /* the rows */
	struct column *cols;    /* header columns */
	size_t ncols;           /* how many */
	struct xcol *xc;        /* the columns an export writes (io_columns) */
	int nxc;                /* how many */
	int key_fi;             /* --update key: a field, KEY_ID = the id
	                         * column, KEY_GID = the global id column */
	long key_col;           /* the key's column */
	struct seen_id *seen;   /* records updated so far (hash set) */
	size_t nseen, capseen;  /* used, slots */
	unsigned char *changed; /* per field: differs in the row at hand */
	long long *nchanged;    /* per field: records it changed in */
	long long max_id;       /* the table's highest id before the import */
	store_bulk *bulk;       /* the transaction */
	record *r;              /* the row being built, reused */
	unsigned *lines;        /* line of each record written, by id - first */
	size_t nlines, caplines; /* used, allocated */
	int has_unique;         /* ent has unique fields: keep lines[] */
	struct pipe pipe;       /* the reading thread */
	long long bytes;        /* input read so far */
};

/* Report one problem at where ("" = the whole file). */
void io_report_problem(struct import *im, const char *where, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Where line, column col is, as the source names it, into buf. */
const char *io_where(struct import *im, long long line, long col,
    char *buf, size_t n);
/* "name_ar, name_latin, ..." (malloc'd). */
char *io_field_names(const entity *ent);

/* Resolve every link of row pr into im->r (io_links.c): a link's id, key
 * and name columns must name one record; cur: the record the row updates
 * (an edited name moves the link), or NULL.  0 ok, -1 refused (each
 * problem reported), -2 database failure. */
int io_resolve_links(struct import *im, const struct prow *pr,
    const record *cur);

/* Update by key (io_update.c).  The key of --update: ST_OK or ST_INVALID
 * (reported). */
int io_choose_key(struct import *im);
/* The record row pr's key names into *id (0: none, a new row); 0, -1
 * refused, -2 database failure. */
int io_find_keyed(struct import *im, const struct prow *pr, long long *id);
/* Row pr (values in im->r) updates record id; 0, -1, -2 as above. */
int io_update_row(struct import *im, struct prow *pr, long long id);
/* A new row of an --update import has every required field: 0 or -1. */
int io_new_row_complete(struct import *im, const struct prow *pr);
/* "Phone 3, City 1", or NULL when nothing changed (malloc'd). */
char *io_changed_summary(const struct import *im);
/* Without --update: a row whose id names an existing record is refused;
 * 0, -1, -2 as above. */
int io_existing_id(struct import *im, const struct prow *pr);

#endif
