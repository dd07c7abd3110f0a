/* fuzz_csv.c - libFuzzer target over the CSV reader and writer.
 * Invariants: any bytes read without crashing, in chunks of any size
 * (the first byte picks it); every byte consumed; records start at growing
 * offsets and lines; a record without a problem has UTF-8 fields of the
 * length reported; writing the records out and reading them back gives the
 * same fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "daftar/csv.h"
#include "daftar/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Input handed out chunk bytes at a time. */
struct chunked {
	const uint8_t *p;       /* next byte */
	size_t n;               /* bytes left */
	size_t chunk;           /* bytes per call */
};

static size_t read_chunked(void *ctx, char *buf, size_t n)
{
	struct chunked *c = ctx;

	if (n > c->chunk)
		n = c->chunk;
	if (n > c->n)
		n = c->n;
	memcpy(buf, c->p, n);
	c->p += n;
	c->n -= n;
	return n;
}

static int write_sb(void *ctx, const char *buf, size_t n)
{
	sb_add(ctx, buf, n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chunked in = {data, size, size ? (size_t)(data[0] % 17) + 1 : 1};
	static const int delims[4] = {0, ',', ';', '\t'};
	strbuf out = {0};
	csv_reader *r, *back;
	csv_writer *w;
	csv_row row, row2;
	long long last_off = -1, last_line = 0;
	size_t i, nrec = 0, k;

	r = csv_reader_new(read_chunked, &in, delims[size ? data[size - 1] % 4 : 0]);
	w = csv_writer_new(write_sb, &out, size & 1 ? CSV_CRLF : 0);
	while (csv_read(r, &row) == 1) {
		if (row.offset <= last_off || row.line < last_line ||
		    row.offset >= (long long)size)
			abort();
		last_off = row.offset;
		last_line = row.line;
		if (row.err == CSV_OK)
			for (i = 0; i < row.n; i++)
				if (strlen(row.f[i]) != row.len[i] ||
				    u8_check((const uint8_t *)row.f[i], row.len[i]))
					abort();
		if (row.err != CSV_OK && (row.err_offset < row.offset ||
		    row.err_offset > (long long)size || row.err_line < row.line))
			abort();
		if (row.err != CSV_OK)
			continue;
		for (i = 0; i < row.n; i++)
			csv_write_field(w, row.f[i], row.len[i]);
		csv_end_row(w);
		nrec++;
	}
	if (csv_reader_bytes(r) != (long long)size)
		abort();
	csv_reader_free(r);
	csv_writer_free(w);
	/* read the clean records back: the same fields, in the same records */
	r = csv_reader_mem((const char *)data, size, delims[size ? data[size - 1] % 4 : 0]);
	back = csv_reader_mem(out.s ? out.s : "", out.len, ',');
	for (k = 0; k < nrec; ) {
		if (csv_read(r, &row) != 1)
			abort();
		if (row.err != CSV_OK)
			continue;
		/* row's buffers stay valid: back is another reader */
		if (csv_read(back, &row2) != 1 || row2.err != CSV_OK ||
		    row2.n != row.n)
			abort();
		for (i = 0; i < row.n; i++)
			if (row.len[i] != row2.len[i] ||
			    memcmp(row.f[i], row2.f[i], row.len[i]) != 0)
				abort();
		k++;
	}
	if (csv_read(back, &row2) != 0)
		abort();
	csv_reader_free(r);
	csv_reader_free(back);
	sb_free(&out);
	return 0;
}
