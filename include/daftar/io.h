/* io.h - import and export of whole entities: CSV in; CSV, XLSX and JSON
 * out.  The engines behind `daftar import` / `daftar export` and the
 * program's Import/Export screen: no curses, no SQL (they go through the
 * store), no printing (problems and progress go to callbacks).
 */
#ifndef DAFTAR_IO_H
#define DAFTAR_IO_H

#include "daftar/store.h"

/* What an import or export tells its caller as it goes. */
typedef struct io_report {
	/* One problem: file, where in it ("12" for a CSV line, "Trainees!C12"
	 * for a cell of a workbook, "" for the whole file), field (the column
	 * as the file names it, "row" for the record, or "file"), message.
	 * Strings may hold anything the file held: sanitise before showing. */
	void (*error)(void *ctx, const char *file, const char *where,
	    const char *col, const char *msg);
	/* Called every few hundred rows: rows done, bytes done and bytes in
	 * all (0 = unknown).  Once the rows are read and the import builds
	 * indexes and saves, bytes is negative: step -bytes of total.
	 * Returns nonzero to stop: an import then writes nothing, an export
	 * leaves no file (the saving phase cannot be stopped). */
	int (*progress)(void *ctx, long long rows, long long bytes,
	    long long total);
	void *ctx;              /* handed back to both */
} io_report;

/* How dates written d/d/yyyy are read when both could be the month. */
enum io_date_order {
	IO_DMY = 0,             /* day first (Morocco, France: the default) */
	IO_MDY                  /* month first (American files) */
};

/* How to import. */
typedef struct io_import_opts {
	int dry_run;            /* check everything, write nothing */
	int update;             /* rows whose key names a record update it */
	const char *key;        /* --key FIELD, or NULL: the default key */
	const char *sheet;      /* the workbook's sheet, or NULL: the first */
	enum io_date_order dates; /* ambiguous dates */
} io_import_opts;

/* How an import ended. */
typedef struct io_result {
	long long rows;         /* data rows read (blank lines not counted) */
	long long errors;       /* problems found */
	long long first_id;     /* ids given to the imported records */
	long long last_id;
	long long inserted;     /* new records (update: rows without a match) */
	long long changed;      /* records updated (--update) */
	long long unchanged;    /* rows equal to their record (--update) */
	long long ambiguous;    /* dates that could be day/month or month/day,
	                         * read as opts->dates says */
	char ambiguous_example[16]; /* the first of them, as written */
	long long phones_fixed; /* phone numbers that were number cells
	                         * without their leading 0 (put back) */
	char *changed_fields;   /* --update: "phone 3, city 1" (malloc'd,
	                         * free with io_result_free), or NULL */
	char sheet[64];         /* the sheet read, "" for a CSV file */
} io_result;

void io_result_free(io_result *res);

/* Import the file at path ("-" = standard input) into ent: a CSV file
 * (UTF-8, or UTF-16 "Unicode text") or a workbook (XLSX, ODS), told apart
 * by their first bytes.  A header row names the fields (by name or any
 * label), then one record per row, each value through the same filter and
 * model_check as the form, lookups resolved by id or unique name.  All or
 * nothing: ST_OK when every row was written (dry_run: checked, nothing
 * written), ST_INVALID when any row had a problem (each reported, nothing
 * written), another code with e filled when the file or database failed. */
int io_import(store *s, const entity *ent, const char *path,
    const io_import_opts *o, const io_report *rep, io_result *res, dferr *e);

/* What an --update import did or would do: "3 new, 2 changed (Phone 1,
 * City 1), 95 unchanged, 0 problems". */
void io_update_summary(const io_result *res, char *buf, size_t n);

/* "1 trainee", "5000 trainees": n records of ent, the noun agreeing
 * with n in the interface language (ngettext). */
void io_count_text(const entity *ent, long long n, char *buf, size_t size);

/* An entity by its name or any of its labels (folded); NULL if none. */
const entity *io_entity(const model *m, const char *text);

/* The column of every export (the last) holding the record's global id,
 * "Global id" for people; accepted by import: a new record keeps the one
 * its row gives, a row giving one a record already has is refused (it is
 * that record, not a new one), and with --update it names the record. */
#define IO_GID_COLUMN "gid"


/* File formats (their names, in this order: csv xlsx json tsv ods jsonl). */
enum io_format {
	IO_CSV,                 /* RFC 4180, UTF-8, stored values (programs) */
	IO_XLSX,                /* Excel workbook */
	IO_JSON,                /* one JSON array of objects */
	IO_TSV,                 /* tab-separated, UTF-8, stored values */
	IO_ODS,                 /* OpenDocument spreadsheet */
	IO_JSONL,               /* JSON lines: one object per line */
	IO_NFORMATS
};

/* What to export and how. */
typedef struct io_export_opts {
	enum io_format format;  /* file format */
	int excel;              /* CSV for spreadsheets: UTF-16 with a BOM,
	                         * tabs, CRLF, labels, formulas defused */
	const char *search;     /* the list search, or NULL */
	int filter_field;       /* field index to filter on, -1 = none */
	const char *filter_value; /* stored value it must equal */
} io_export_opts;

/* Format by name ("csv", "xlsx", ...; any case); -1 when unknown. */
int io_format_by_name(const char *name);
/* The name of a format ("csv"). */
const char *io_format_name(enum io_format f);
/* The format a file name's extension names (any case): the format, -1
 * for a file without an extension, -2 for an extension naming none. */
int io_format_of_path(const char *path);
/* Whether format f goes with the extension of path (no extension, or
 * the format's own; CSV for spreadsheets also in .tsv or .txt). */
int io_format_fits(const char *path, enum io_format f, int excel);

/* Export ent's records matching o to path (NULL or "-" = standard output)
 * page by page: memory stays the same whatever the table size.  *rows
 * gets the count.  ST_OK, or a code with e filled. */
int io_export(store *s, const entity *ent, const char *path,
    const io_export_opts *o, const io_report *rep, long long *rows,
    dferr *e);

/* The progress line "45% 123456 rows 45678 rows/s 0:12 left" (the
 * percentage and time left only when total bytes are known), for rows
 * and bytes done after secs seconds; bytes < 0: the saving phase, at its
 * step -bytes of total. */
void io_progress_text(char *buf, size_t n, long long rows, long long bytes,
    long long total, double secs);
/* Seconds on a monotonic clock (for rates and redraw limits). */
double io_clock(void);

#endif
