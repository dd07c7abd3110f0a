/* io_sheet.h - what the XLSX and ODS readers share (io_sheet.c): the zip
 * around the workbook (minizip), its XML parts parsed by expat a chunk at
 * a time, and the queue of finished rows that turns expat's callbacks into
 * one row per read.  Memory holds one chunk's rows, never the sheet. */
#ifndef DAFTAR_IO_SHEET_H
#define DAFTAR_IO_SHEET_H

#include <expat.h>
#include <unzip.h>

#include "io_import.h"

#define SHEET_CHUNK 65536       /* XML bytes parsed at a time */
#define SHEET_MAX_COLS 16384    /* columns of a sheet, as in Excel */
#define SHEET_MAX_CELL (1u << 20) /* bytes of one cell, at most */

enum sheet_kind { SHEET_XLSX, SHEET_ODS };

/* One cell of the queue. */
struct qcell {
	size_t off;             /* text at data.s + off */
	size_t len;             /* its bytes */
	unsigned char kind;     /* enum cell_kind */
};

/* One finished row of the queue. */
struct qrow {
	long long line;         /* row number in the sheet */
	size_t first, n;        /* its cells: cells[first .. first + n) */
	int err;                /* CSV_ETOOLONG when a cell was cut */
};

/* Rows parsed and not yet read, and the row being parsed. */
struct rowq {
	strbuf data;            /* cell texts, each NUL-terminated */
	struct qcell *cells;    /* every queued cell, rows one after another */
	size_t ncells, capcells; /* used, allocated */
	struct qrow *rows;      /* queued rows */
	size_t nrows, caprows, next; /* used, allocated, next to hand out */
	size_t row_first;       /* first cell of the row being parsed */
	int row_cut;            /* a cell of that row was too long */
	/* what the last pop handed out */
	char **f;               /* field pointers */
	size_t *len;            /* lengths */
	unsigned char *kind;    /* kinds */
	size_t cap;             /* slots in f, len, kind */
};

/* Add a cell at column col (0-based) of the row being parsed: earlier
 * columns without a cell become empty ones. */
void rowq_cell(struct rowq *q, long col, enum cell_kind kind, const char *s,
    size_t len);
/* Finish that row as row number line; a row of empty cells is dropped. */
void rowq_end_row(struct rowq *q, long long line);
/* Hand the next finished row out through row: 1, or 0 when none. */
int rowq_pop(struct rowq *q, struct src_row *row);
void rowq_free(struct rowq *q);

/* A sheet being read, the part both readers share. */
struct sheet {
	struct source base;     /* the source */
	unzFile z;              /* the workbook, or NULL (fuzzing: memory) */
	const char *mem;        /* or the sheet's XML in memory */
	size_t nmem;            /* its bytes left */
	XML_Parser p;           /* the sheet's parser */
	int opened;             /* the sheet's part is open in z */
	int done;               /* the part is parsed to its end */
	long long fed;          /* XML bytes parsed so far */
	long long zsize;        /* compressed size of the part (progress) */
	char *name;             /* the sheet's name, for "Name!C12" */
	char sep;               /* '!' (Excel) or '.' (LibreOffice) */
	struct rowq q;          /* the rows */
	char *fail;             /* a damage found by a handler, or NULL */
	void (*free_kind)(struct sheet *sh); /* the reader's own cleanup */
};

/* The source ops of every sheet. */
extern const struct source_ops sheet_source_ops;

/* Which workbook the zip at path holds: SHEET_XLSX or SHEET_ODS, or -1
 * with e filled (not a workbook, damaged). */
int sheet_zip_kind(const char *path, const char *label, dferr *e);
/* Open the zip at path for sh: 0, or -1 with e filled. */
int sheet_zip_open(struct sheet *sh, const char *path, dferr *e);
/* Whether the zip holds a part of that name. */
int sheet_zip_has(unzFile z, const char *name);
/* Parse the whole part name through p (a small part: workbook, styles,
 * shared strings): 1 parsed, 0 when the zip has no such part, -1 with e
 * filled when it is damaged. */
int sheet_zip_parse(unzFile z, const char *name, XML_Parser p,
    const char *label, dferr *e);
/* Open the sheet's part name for streaming into sh->p: 0 or -1 (e). */
int sheet_open_part(struct sheet *sh, const char *name, const char *label,
    dferr *e);
/* Note a damage found inside a handler (the read reports it). */
void sheet_damaged(struct sheet *sh, const char *what);

/* An expat parser (no namespace processing: names keep their prefix). */
XML_Parser sheet_parser(void *user);
/* The local part of a name: "table:table-cell" -> "table-cell". */
const char *sheet_local(const char *name);
/* The value of attribute local (any namespace) in atts, or NULL. */
const char *sheet_attr(const char **atts, const char *local);

/* The readers (io_xlsx_read.c, io_ods_read.c). */
int xlsx_source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e);
int ods_source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e);
/* For the fuzzer: a source over a sheet's XML alone (XLSX: shared strings
 * none, no date styles). */
struct source *xlsx_source_mem(const char *xml, size_t n);
struct source *ods_source_mem(const char *xml, size_t n);

/* Excel's serial day number (1900 or 1904 system) as a date into buf
 * ("YYYY-MM-DD", with " HH:MM:SS" for a time of day); -1 when out of
 * range. */
int sheet_serial_date(double serial, int date1904, char *buf, size_t n);
/* A number as read from a cell ("6.12345678E8") as plain decimal text
 * ("612345678") into buf; -1 when it is not a number. */
int sheet_number_text(const char *v, char *buf, size_t n);

#endif
