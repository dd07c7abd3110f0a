/* csv.h - RFC 4180 CSV: a streaming reader and a buffered writer.
 *
 * Pure: bytes come in and go out through callbacks (helpers for a FILE *
 * and for memory are given); no SQL, no curses.  The reader keeps one
 * record in memory at a time, whatever the file size.  It accepts quoted
 * fields with embedded delimiters, newlines and doubled quotes, a UTF-8 BOM,
 * LF, CRLF or CR line ends, and ',' ';' or TAB as the delimiter (guessed
 * from the first line unless set).  It checks the bytes are UTF-8 and says
 * where they are not (line and byte offset).  A damaged record is reported
 * with its problem and reading goes on with the next one.
 */
#ifndef DAFTAR_CSV_H
#define DAFTAR_CSV_H

#include <stddef.h>
#include <stdio.h>

/* Problems found in one record (the first one is reported). */
enum csv_err {
	CSV_OK = 0,
	CSV_EUTF8,              /* bytes that are not UTF-8 */
	CSV_ENUL,               /* a NUL byte */
	CSV_EQUOTE,             /* a quote inside an unquoted field */
	CSV_EAFTERQUOTE,        /* text after a closing quote */
	CSV_EUNTERMINATED,      /* the file ends inside a quoted field */
	CSV_ETOOLONG            /* record longer than CSV_MAX_RECORD */
};

#define CSV_MAX_RECORD (1u << 20)       /* bytes in one record, at most */

/* Fill buf with up to n bytes; return the count, 0 at the end, or
 * (size_t)-1 on a read error. */
typedef size_t (*csv_read_fn)(void *ctx, char *buf, size_t n);
/* Write n bytes; 0 on success, -1 on error. */
typedef int (*csv_write_fn)(void *ctx, const char *buf, size_t n);

/* One record as read.  The pointers stay valid until the next csv_read. */
typedef struct csv_row {
	size_t n;               /* fields; 0 for an empty line */
	char **f;               /* field i, NUL-terminated, quotes removed */
	size_t *len;            /* byte length of field i */
	long long line;         /* line (1-based) where the record starts */
	long long offset;       /* byte offset of the record in the input */
	int err;                /* enum csv_err: first problem, CSV_OK if none */
	long long err_line;     /* line of that problem */
	long long err_offset;   /* byte offset of that problem in the input */
} csv_row;

typedef struct csv_reader csv_reader;

/* delim: ',' ';' '\t', or 0 to guess from the first line. */
csv_reader *csv_reader_new(csv_read_fn fn, void *ctx, int delim);
csv_reader *csv_reader_file(FILE *fp, int delim);       /* fp stays open */
csv_reader *csv_reader_mem(const char *data, size_t len, int delim);
/* Read the next record into *row: 1, or 0 at the end of the input, or -1
 * on a read error (errno set by the callback). */
int csv_read(csv_reader *r, csv_row *row);
int csv_reader_delim(const csv_reader *r);      /* the delimiter in use */
int csv_reader_bom(const csv_reader *r);        /* 1 when a BOM was skipped */
long long csv_reader_bytes(const csv_reader *r); /* bytes consumed so far */
void csv_reader_free(csv_reader *r);

/* Plain words for a problem, e.g. "a quote inside an unquoted field". */
const char *csv_strerror(int err);

/* ---- writer ----------------------------------------------------------- */

enum csv_write_flags {
	CSV_CRLF = 1,           /* end records with CRLF (else LF) */
	CSV_BOM = 2,            /* start with a UTF-8 BOM (for Excel) */
	CSV_TAB = 4             /* fields separated by TAB, not ',' */
};

typedef struct csv_writer csv_writer;

csv_writer *csv_writer_new(csv_write_fn fn, void *ctx, int flags);
csv_writer *csv_writer_file(FILE *fp, int flags);       /* fp stays open */
/* Add one field to the current record (s NULL = empty); quoted when it
 * holds the delimiter, a quote, CR or LF, or is a lone empty field. */
void csv_write_field(csv_writer *w, const char *s, size_t len);
void csv_write_str(csv_writer *w, const char *s);      /* NUL-terminated */
/* Add a field as it is, never quoted: the caller knows it holds no
 * delimiter, CR or LF (="0612345678" for spreadsheets). */
void csv_write_raw(csv_writer *w, const char *s);
void csv_end_row(csv_writer *w);
/* Flush buffered bytes; 0, or -1 when any write failed so far. */
int csv_writer_flush(csv_writer *w);
/* Flush and free; 0, or -1 when any write failed. */
int csv_writer_free(csv_writer *w);

#endif
