/* csv_write.c - the CSV writer: RFC 4180 quoting, LF or CRLF record ends,
 * an optional BOM, output buffered and handed to a callback. */
#include <stdlib.h>
#include <string.h>

#include "daftar/csv.h"
#include "daftar/util.h"

#define CSV_OUT 65536           /* bytes buffered before a write */

struct csv_writer {
	csv_write_fn fn;        /* where bytes go */
	void *ctx;              /* its argument */
	int flags;              /* enum csv_write_flags */
	char *buf;              /* pending output */
	size_t len;             /* bytes pending */
	int nfields;            /* fields written in the current record */
	int lone_empty;         /* the record so far is one empty field */
	int failed;             /* a write failed */
	int started;            /* some byte has been output */
};

static int write_file(void *ctx, const char *buf, size_t n)
{
	return fwrite(buf, 1, n, ctx) == n ? 0 : -1;
}

csv_writer *csv_writer_new(csv_write_fn fn, void *ctx, int flags)
{
	csv_writer *w = xcalloc(1, sizeof *w);

	w->fn = fn;
	w->ctx = ctx;
	w->flags = flags;
	w->buf = xmalloc(CSV_OUT);
	if (flags & CSV_BOM) {
		memcpy(w->buf, "\xef\xbb\xbf", 3);
		w->len = 3;
	}
	return w;
}

csv_writer *csv_writer_file(FILE *fp, int flags)
{
	return csv_writer_new(write_file, fp, flags);
}

int csv_writer_flush(csv_writer *w)
{
	if (w->len > 0 && !w->failed && w->fn(w->ctx, w->buf, w->len) != 0)
		w->failed = 1;
	w->len = 0;
	return w->failed ? -1 : 0;
}

/* Append n bytes to the output. */
static void out(csv_writer *w, const char *s, size_t n)
{
	w->started = 1;
	while (n > 0) {
		size_t k = CSV_OUT - w->len;
		if (k == 0) {
			csv_writer_flush(w);
			continue;
		}
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
	}
}

void csv_write_field(csv_writer *w, const char *s, size_t len)
{
	const char *p, *q, *end;
	char delim = w->flags & CSV_TAB ? '\t' : ',';

	if (w->nfields++ > 0)
		out(w, &delim, 1);
	w->lone_empty = w->nfields == 1 && len == 0;
	if (len == 0)
		return;
	end = s + len;
	for (p = s; p < end; p++)
		if (*p == delim || *p == '"' || *p == '\n' || *p == '\r')
			break;
	/* U+FEFF opening the output would read back as a BOM */
	if (!w->started && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		p = s;
	if (p == end) {
		out(w, s, len);
		return;
	}
	out(w, "\"", 1);
	for (p = s; (q = memchr(p, '"', (size_t)(end - p))) != NULL; p = q + 1) {
		out(w, p, (size_t)(q + 1 - p));         /* up to the quote */
		out(w, "\"", 1);                        /* and its double */
	}
	out(w, p, (size_t)(end - p));
	out(w, "\"", 1);
}

void csv_write_str(csv_writer *w, const char *s)
{
	csv_write_field(w, s, s ? strlen(s) : 0);
}

void csv_write_raw(csv_writer *w, const char *s)
{
	char delim = w->flags & CSV_TAB ? '\t' : ',';

	if (w->nfields++ > 0)
		out(w, &delim, 1);
	w->lone_empty = 0;
	out(w, s, strlen(s));
}

void csv_end_row(csv_writer *w)
{
	if (w->lone_empty && w->nfields == 1)
		out(w, "\"\"", 2);      /* else it reads back as an empty line */
	if (w->flags & CSV_CRLF)
		out(w, "\r\n", 2);
	else
		out(w, "\n", 1);
	w->nfields = 0;
	w->lone_empty = 0;
}

int csv_writer_free(csv_writer *w)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = csv_writer_flush(w);
	free(w->buf);
	free(w);
	return rc;
}
