/* io_import.h - the import's private parts, shared by src/io_import.c
 * (the writing side: lookups, inserts, the report) and src/io_check.c
 * (the reading side: a thread that reads and checks rows ahead, so the
 * checks of the form run while SQLite writes). */
#ifndef DAFTAR_IO_IMPORT_H
#define DAFTAR_IO_IMPORT_H

#include <pthread.h>

#include "daftar/csv.h"
#include "daftar/io.h"

/* A lookup text and the id it resolved to. */
struct lk_entry {
	char *text;             /* filtered text, NULL = free slot */
	long long id;           /* record id */
};

#define COL_GID (-2)            /* column.fi of the global id column */

/* One column of the file. */
struct column {
	char *name;             /* header text as the file has it */
	int fi;                 /* field index, -1 = column without a name,
	                         * COL_GID = the records' global ids */
	struct lk_entry *cache; /* FT_LOOKUP: resolved texts, or NULL */
	int ncached;            /* slots used */
};

/* One data row, read and checked. */
struct prow {
	long long line;         /* line where the record starts */
	char **v;               /* per field: the storage value; for a lookup
	                         * the filtered text still to resolve; NULL =
	                         * empty */
	char gid[STORE_GID_SIZE]; /* its global id, "" = none given */
	strbuf probs;           /* problems, each as three NUL-ended strings:
	                         * line, column, message */
	int nprobs;             /* how many */
};

#define PIPE_ROWS 256           /* rows per batch */
#define PIPE_SLOTS 4            /* batches in flight */

/* A batch of rows handed from the reader to the writer. */
struct pbatch {
	struct prow row[PIPE_ROWS]; /* the rows */
	int n;                  /* rows used */
	int last;               /* the input ends after these */
	int ioerr;              /* errno of a read failure, else 0 */
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
	csv_reader *csv;        /* the input, past its header */
	const entity *ent;      /* what the rows are */
	const struct column *cols; /* the header's columns */
	size_t ncols;           /* how many */
};

/* Start reading and checking rows in a thread; 0, or -1 when no thread
 * could be started. */
int pipe_start(struct pipe *p, csv_reader *csv, const entity *ent,
    const struct column *cols, size_t ncols);
struct pbatch *pipe_next(struct pipe *p);      /* wait for the next batch */
void pipe_done(struct pipe *p);                /* give that batch back */
void pipe_stop(struct pipe *p);                /* stop, join, free */

/* model_check's message without its leading "Label: " (the report
 * already names the column). */
const char *io_unlabel(const field *f, const char *msg);

#endif
