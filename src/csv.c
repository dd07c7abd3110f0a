/* csv.c - the streaming RFC 4180 reader: one record in memory at a time,
 * a byte-wise state machine with an incremental UTF-8 check, so a problem
 * is reported with the line and byte offset where it is in the input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/csv.h"
#include "daftar/util.h"

#define CSV_BUF 65536           /* input bytes read at a time */

/* Where the parser is within a record. */
enum csv_state {
	S_START,                /* at the start of a field */
	S_PLAIN,                /* inside an unquoted field */
	S_QUOTED,               /* inside a quoted field */
	S_QUOTE                 /* a quote inside a quoted field: end or "" */
};

/* A memory input for csv_reader_mem. */
struct csv_mem {
	const char *p;          /* next byte */
	size_t n;               /* bytes left */
};

struct csv_reader {
	csv_read_fn fn;         /* where bytes come from */
	void *ctx;              /* its argument */
	struct csv_mem mem;     /* the input of csv_reader_mem */
	char *buf;              /* input buffer */
	size_t blen, bpos;      /* bytes in buf, next one to parse */
	int started;            /* the first chunk (BOM, delimiter) is read */
	int eof;                /* the callback said end of input */
	int delim;              /* field delimiter */
	int bom;                /* a BOM was skipped */
	long long off;          /* input offset of buf[bpos] */
	long long line;         /* line of buf[bpos] */
	int prev_cr;            /* the last byte was a CR (CRLF is one end) */
	int u_need;             /* UTF-8 continuation bytes still expected */
	unsigned char u_lo, u_hi; /* range of the next continuation byte */
	long long u_off, u_line; /* where the current sequence started */
	char *rec;              /* the record's field bytes, NUL-separated */
	size_t rlen, rcap;      /* bytes used, allocated */
	size_t *starts;         /* offset in rec of each field */
	char **f;               /* field pointers handed out */
	size_t *len;            /* field lengths handed out */
	size_t fcap;            /* slots in starts */
	size_t ocap;            /* slots in f and len */
	int full;               /* the record reached CSV_MAX_RECORD */
};

const char *csv_strerror(int err)
{
	static const char *const msgs[] = {
		[CSV_OK] = N_("no problem"),
		[CSV_EUTF8] = N_("the text is not valid UTF-8"),
		[CSV_ENUL] = N_("a NUL byte"),
		[CSV_EQUOTE] = N_("a quote inside an unquoted field (quote "
		    "the whole field and double the quote)"),
		[CSV_EAFTERQUOTE] = N_("text after the closing quote of a "
		    "field"),
		[CSV_EUNTERMINATED] = N_("a quoted field is never closed"),
		[CSV_ETOOLONG] = N_("the record is longer than 1 MiB"),
	};

	if (err < 0 || err > CSV_ETOOLONG)
		return "unknown problem";
	return _(msgs[err]);
}

csv_reader *csv_reader_new(csv_read_fn fn, void *ctx, int delim)
{
	csv_reader *r = xcalloc(1, sizeof *r);

	r->fn = fn;
	r->ctx = ctx;
	r->delim = delim;
	r->line = 1;
	r->buf = xmalloc(CSV_BUF);
	return r;
}

static size_t read_file(void *ctx, char *buf, size_t n)
{
	size_t got = fread(buf, 1, n, ctx);

	return got == 0 && ferror((FILE *)ctx) ? (size_t)-1 : got;
}

csv_reader *csv_reader_file(FILE *fp, int delim)
{
	return csv_reader_new(read_file, fp, delim);
}

static size_t read_mem(void *ctx, char *buf, size_t n)
{
	struct csv_mem *m = ctx;

	if (n > m->n)
		n = m->n;
	memcpy(buf, m->p, n);
	m->p += n;
	m->n -= n;
	return n;
}

csv_reader *csv_reader_mem(const char *data, size_t len, int delim)
{
	csv_reader *r = csv_reader_new(read_mem, NULL, delim);

	r->mem.p = data;
	r->mem.n = len;
	r->ctx = &r->mem;
	return r;
}

void csv_reader_free(csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r->rec);
	free(r->starts);
	free(r->f);
	free(r->len);
	free(r);
}

int csv_reader_delim(const csv_reader *r)
{
	return r->delim ? r->delim : ',';
}

int csv_reader_bom(const csv_reader *r)
{
	return r->bom;
}

long long csv_reader_bytes(const csv_reader *r)
{
	return r->off;
}

/* Read more input into the empty buffer: 1, 0 at the end, -1 on error. */
static int refill(csv_reader *r)
{
	size_t got;

	if (r->eof)
		return 0;
	got = r->fn(r->ctx, r->buf, CSV_BUF);
	if (got == (size_t)-1)
		return -1;
	r->blen = got;
	r->bpos = 0;
	if (got == 0)
		r->eof = 1;
	return got > 0;
}

/* The delimiter the first line uses most (outside quotes); ',' if none. */
static int guess_delim(const char *p, size_t n)
{
	size_t i, count[3] = {0, 0, 0};
	static const char cand[3] = {',', ';', '\t'};
	int q = 0, k, best = 0;

	for (i = 0; i < n && (q || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			q = !q;
		for (k = 0; !q && k < 3; k++)
			count[k] += p[i] == cand[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

/* The first chunk: fill the buffer (as far as the input goes), skip a
 * BOM, guess the delimiter.  -1 on a read error. */
static int start(csv_reader *r)
{
	size_t got;

	r->started = 1;
	while (!r->eof && r->blen < CSV_BUF) {
		got = r->fn(r->ctx, r->buf + r->blen, CSV_BUF - r->blen);
		if (got == (size_t)-1)
			return -1;
		if (got == 0)
			r->eof = 1;
		r->blen += got;
	}
	if (r->blen >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
		r->bpos = 3;
		r->off = 3;
		r->bom = 1;
	}
	if (r->delim == 0)
		r->delim = guess_delim(r->buf + r->bpos, r->blen - r->bpos);
	return 0;
}

/* Note the record's first problem. */
static void problem(csv_row *row, int err, long long line, long long off)
{
	if (row->err == CSV_OK) {
		row->err = err;
		row->err_line = line;
		row->err_offset = off;
	}
}

/* Check byte b against the UTF-8 rules, given what came before. */
static void utf8_step(csv_reader *r, csv_row *row, unsigned char b)
{
	if (r->u_need > 0) {
		if (b >= r->u_lo && b <= r->u_hi) {
			r->u_need--;
			r->u_lo = 0x80;
			r->u_hi = 0xbf;
			return;
		}
		problem(row, CSV_EUTF8, r->u_line, r->u_off);
		r->u_need = 0;  /* and b starts afresh */
	}
	if (b < 0x80)
		return;
	r->u_off = r->off;
	r->u_line = r->line;
	r->u_lo = 0x80;
	r->u_hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf)
		r->u_need = 1;
	else if (b >= 0xe0 && b <= 0xef) {
		r->u_need = 2;
		if (b == 0xe0)
			r->u_lo = 0xa0;         /* no overlong forms */
		else if (b == 0xed)
			r->u_hi = 0x9f;         /* no surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		r->u_need = 3;
		if (b == 0xf0)
			r->u_lo = 0x90;
		else if (b == 0xf4)
			r->u_hi = 0x8f;         /* nothing above U+10FFFF */
	} else
		problem(row, CSV_EUTF8, r->line, r->off);
}

/* Append one field byte, within the record limit. */
static void put(csv_reader *r, csv_row *row, char c)
{
	if (r->full)
		return;
	if (r->rlen + 1 >= CSV_MAX_RECORD) {
		problem(row, CSV_ETOOLONG, r->line, r->off);
		r->full = 1;
		return;
	}
	if (r->rlen + 1 >= r->rcap) {
		r->rcap = r->rcap ? r->rcap * 2 : 256;
		r->rec = xrealloc(r->rec, r->rcap);
	}
	r->rec[r->rlen++] = c;
}

/* End the current field: NUL-terminate it, open the next slot. */
static void end_field(csv_reader *r, csv_row *row, size_t *nf)
{
	put(r, row, '\0');
	if (r->full)
		return;
	if (*nf + 2 > r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		r->starts = xreallocarray(r->starts, r->fcap, sizeof *r->starts);
	}
	r->starts[++*nf] = r->rlen;
}

/* After a field: a delimiter ends it (1), a line end ends the record
 * (2); any other byte 0. */
static int field_end(csv_reader *r, csv_row *row, size_t *nf, unsigned char b)
{
	if (b == '\n' || b == '\r')
		return 2;
	if (b != (unsigned char)r->delim)
		return 0;
	end_field(r, row, nf);
	return 1;
}

/* Hand out the record's fields through row. */
static void finish(csv_reader *r, csv_row *row, size_t nf)
{
	size_t i;

	if (r->ocap < r->fcap) {
		r->ocap = r->fcap;
		r->f = xreallocarray(r->f, r->ocap, sizeof *r->f);
		r->len = xreallocarray(r->len, r->ocap, sizeof *r->len);
	}
	for (i = 0; i < nf; i++) {
		r->f[i] = r->rec + r->starts[i];
		r->len[i] = r->starts[i + 1] - r->starts[i] - 1;
	}
	row->n = nf;
	row->f = r->f;
	row->len = r->len;
}

int csv_read(csv_reader *r, csv_row *row)
{
	enum csv_state st = S_START;
	long long q_line = 0, q_off = 0;
	size_t nf = 0;
	int in_record = 0, rc, k;
	unsigned char b;

	memset(row, 0, sizeof *row);
	if (!r->started && start(r) != 0)
		return -1;
	r->rlen = 0;
	r->full = 0;
	if (r->fcap == 0) {
		r->fcap = 16;
		r->starts = xreallocarray(NULL, r->fcap, sizeof *r->starts);
	}
	r->starts[0] = 0;
	for (;;) {
		if (r->bpos == r->blen && (rc = refill(r)) <= 0) {
			if (rc < 0)
				return -1;
			break;
		}
		b = (unsigned char)r->buf[r->bpos];
		if (!in_record && b == '\n' && r->prev_cr) {
			/* the LF of a CRLF that ended the previous record */
			r->bpos++;
			r->off++;
			r->prev_cr = 0;
			continue;
		}
		if (!in_record) {
			in_record = 1;
			row->line = r->line;
			row->offset = r->off;
		}
		utf8_step(r, row, b);
		if (b == '\0')
			problem(row, CSV_ENUL, r->line, r->off);
		r->bpos++;
		r->off++;
		if (b == '\n' && !r->prev_cr)
			r->line++;
		else if (b == '\r')
			r->line++;
		r->prev_cr = b == '\r';
		switch (st) {
		case S_START:
			if (b == '"') {
				st = S_QUOTED;
				q_line = r->line;
				q_off = r->off - 1;
				continue;
			}
			/* fall through */
		case S_PLAIN:
			if ((k = field_end(r, row, &nf, b)) == 2)
				goto record;
			if (k == 1) {
				st = S_START;
				continue;
			}
			/* ="0612345678" (a spreadsheet's text formula, as
			 * export --excel writes it) is the one unquoted field
			 * that may hold quotes */
			if (b == '"' && !(r->rlen >= r->starts[nf] + 1 &&
			    r->rec[r->starts[nf]] == '='))
				problem(row, CSV_EQUOTE, r->line, r->off - 1);
			put(r, row, (char)b);
			st = S_PLAIN;
			continue;
		case S_QUOTED:
			if (b == '"')
				st = S_QUOTE;
			else
				put(r, row, (char)b);
			continue;
		case S_QUOTE:
			if (b == '"') {
				put(r, row, '"');
				st = S_QUOTED;
				continue;
			}
			if ((k = field_end(r, row, &nf, b)) == 2)
				goto record;
			if (k == 1) {
				st = S_START;
				continue;
			}
			problem(row, CSV_EAFTERQUOTE, r->line, r->off - 1);
			put(r, row, (char)b);
			st = S_PLAIN;
			continue;
		}
	}
	/* end of input */
	if (r->u_need > 0) {
		problem(row, CSV_EUTF8, r->u_line, r->u_off);
		r->u_need = 0;
	}
	if (!in_record)
		return 0;
	if (st == S_QUOTED)
		problem(row, CSV_EUNTERMINATED, q_line, q_off);
	end_field(r, row, &nf);
	finish(r, row, nf);
	return 1;
record:
	/* an empty line is a record of no fields */
	if (nf > 0 || st != S_START || r->rlen > 0)
		end_field(r, row, &nf);
	finish(r, row, nf);
	return 1;
}
