/* test_csv.c - the CSV reader and writer: RFC 4180 quoting, line ends,
 * BOM, delimiter guess, UTF-8 errors with line and offset, damaged
 * records, streaming across chunk boundaries, writer round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/csv.h"
#include "daftar/util.h"
#include "t.h"

/* Read all of s; the records joined as "f1|f2;f1;" ("" for an empty
 * line), errors as "!E@line:off". */
static char *dump(const char *s, size_t n, int delim)
{
	csv_reader *r = csv_reader_mem(s, n, delim);
	strbuf b = {0};
	csv_row row;
	size_t i;

	while (csv_read(r, &row) == 1) {
		for (i = 0; i < row.n; i++)
			sb_addf(&b, "%s%s", i ? "|" : "", row.f[i]);
		if (row.err)
			sb_addf(&b, "!%d@%lld:%lld", row.err, row.err_line,
			    row.err_offset);
		sb_addc(&b, ';');
	}
	csv_reader_free(r);
	return sb_detach(&b);
}

#define DUMP(lit) dump(lit, sizeof lit - 1, 0)

TEST(csv_plain_records)
{
	char *d = DUMP("a,b,c\n1,2,3\n");

	CHECK_STR(d, "a|b|c;1|2|3;");
	free(d);
	d = DUMP("a,b\n1,2");            /* no final newline */
	CHECK_STR(d, "a|b;1|2;");
	free(d);
	d = DUMP(",\n,,x\n");            /* empty fields */
	CHECK_STR(d, "|;||x;");
	free(d);
	d = DUMP("");
	CHECK_STR(d, "");
	free(d);
}

TEST(csv_quoted_fields)
{
	char *d = DUMP("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,\"\"\n");

	CHECK_STR(d, "a,b|say \"hi\"|two\nlines;x|;");
	free(d);
	d = DUMP("\"\"\n");              /* one empty field, not an empty line */
	CHECK_STR(d, ";");
	free(d);
}

TEST(csv_line_numbers_and_offsets)
{
	const char in[] = "h1,h2\n\"a\nb\",c\nd,e\n";
	csv_reader *r = csv_reader_mem(in, sizeof in - 1, 0);
	csv_row row;

	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.line, 1);
	CHECK_INT(row.offset, 0);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.line, 2);
	CHECK_INT(row.offset, 6);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.line, 4);         /* the embedded newline counts */
	CHECK_STR(row.f[0], "d");
	CHECK_INT(csv_read(r, &row), 0);
	CHECK_INT(csv_reader_bytes(r), (long long)sizeof in - 1);
	csv_reader_free(r);
}

TEST(csv_bom_crlf_cr)
{
	const char in[] = "\xef\xbb\xbfname,cin\r\nأحمد,AB1\r\n\r\nx,y\ry,z";
	csv_reader *r = csv_reader_mem(in, sizeof in - 1, 0);
	csv_row row;

	CHECK_INT(csv_read(r, &row), 1);
	CHECK_STR(row.f[0], "name");    /* BOM gone */
	CHECK_STR(row.f[1], "cin");     /* CR gone */
	CHECK_INT(row.offset, 3);
	CHECK_INT(csv_reader_bom(r), 1);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_STR(row.f[0], "أحمد");
	CHECK_INT(row.line, 2);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.n, 0);            /* the empty line */
	CHECK_INT(row.line, 3);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_STR(row.f[1], "y");
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.line, 5);         /* a lone CR ends a line too */
	CHECK_STR(row.f[1], "z");
	CHECK_INT(csv_read(r, &row), 0);
	csv_reader_free(r);
	{       /* CRLF inside quotes is data */
		char *d = DUMP("\"a\r\nb\"\r\nc\r\n");
		CHECK_STR(d, "a\r\nb;c;");
		free(d);
	}
}

TEST(csv_delimiter_guess)
{
	const char semi[] = "nom;\"ville, quartier\";cin\n1;2;3\n";
	const char tab[] = "a\tb\tc\n1\t2,5\t3\n";
	csv_reader *r = csv_reader_mem(semi, sizeof semi - 1, 0);
	char *d;

	d = dump(semi, sizeof semi - 1, 0);
	CHECK_STR(d, "nom|ville, quartier|cin;1|2|3;");
	free(d);
	CHECK(csv_read(r, &(csv_row){0}) == 1);
	CHECK_INT(csv_reader_delim(r), ';');
	csv_reader_free(r);
	d = dump(tab, sizeof tab - 1, 0);
	CHECK_STR(d, "a|b|c;1|2,5|3;");
	free(d);
	d = dump(semi, sizeof semi - 1, ',');   /* forced */
	CHECK_STR(d, "nom;\"ville| quartier\";cin!3@1:4;1;2;3;");
	free(d);
}

TEST(csv_bad_utf8_line_and_offset)
{
	char *d;

	/* 0xff at offset 12, on line 2 */
	d = DUMP("ok,fine\nab,c\xff\nzz\n");
	CHECK_STR(d, "ok|fine;ab|c\xff!1@2:12;zz;");
	free(d);
	/* a truncated sequence (lead byte at offset 2) cut by the delimiter */
	d = DUMP("a,\xd8,b\n");
	CHECK(strstr(d, "!1@1:2;") != NULL);
	free(d);
	/* overlong, surrogate, above U+10FFFF, lone continuation */
	d = DUMP("\xc0\xaf\n\xed\xa0\x80\n\xf4\x90\x80\x80\n\x80\n");
	CHECK(strstr(d, "!1@1:0;") != NULL);
	CHECK(strstr(d, "!1@2:3;") != NULL);
	CHECK(strstr(d, "!1@3:7;") != NULL);
	CHECK(strstr(d, "!1@4:12;") != NULL);
	free(d);
	/* cut at the end of the file */
	d = DUMP("x,\xe2\x80");
	CHECK(strstr(d, "!1@1:2;") != NULL);
	free(d);
	/* valid Arabic, French and 4-byte text passes */
	d = DUMP("محمد,Élodie,\xf0\x9f\x98\x80\n");
	CHECK_STR(d, "محمد|Élodie|\xf0\x9f\x98\x80;");
	free(d);
}

TEST(csv_damaged_records)
{
	char *d;

	d = DUMP("ab\"c,d\n");
	CHECK_STR(d, "ab\"c|d!3@1:2;");
	free(d);
	d = DUMP("\"ab\"c,d\nx\n");
	CHECK_STR(d, "abc|d!4@1:4;x;");
	free(d);
	d = DUMP("a\n\"never\nclosed,x\n");
	CHECK_STR(d, "a;never\nclosed,x\n!5@2:2;");
	free(d);
	d = DUMP("a\0b,c\n");
	CHECK(strstr(d, "!2@1:1;") != NULL);
	free(d);
}

TEST(csv_record_limit)
{
	size_t n = CSV_MAX_RECORD + 100;
	char *big = xmalloc(n + 8);
	csv_reader *r;
	csv_row row;

	big[0] = '"';
	memset(big + 1, 'x', n);
	memcpy(big + n, "\"\nok\n", 5);
	r = csv_reader_mem(big, n + 5, ',');
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.err, CSV_ETOOLONG);
	CHECK_INT(csv_read(r, &row), 1);        /* and the next record is fine */
	CHECK_INT(row.err, CSV_OK);
	CHECK_STR(row.n ? row.f[0] : "", "ok");
	csv_reader_free(r);
	free(big);
}

/* A reader callback handing out one byte at a time. */
struct trickle {
	const char *p;          /* next byte */
	size_t n;               /* left */
};

static size_t read_trickle(void *ctx, char *buf, size_t n)
{
	struct trickle *t = ctx;

	if (t->n == 0 || n == 0)
		return 0;
	buf[0] = *t->p++;
	t->n--;
	return 1;
}

TEST(csv_streams_across_chunks)
{
	strbuf in = {0}, got = {0};
	struct trickle t;
	csv_reader *r;
	csv_row row;
	int i, rows = 0, ok = 1;

	sb_adds(&in, "\xef\xbb\xbfid,name\r\n");
	for (i = 0; i < 5000; i++)       /* > 64 KiB: fields straddle chunks */
		sb_addf(&in, "%d,\"سطر \"\"%d\"\"\nثان\"\r\n", i, i);
	t.p = in.s;
	t.n = in.len;
	r = csv_reader_new(read_trickle, &t, 0);
	while (csv_read(r, &row) == 1) {
		if (rows > 0) {
			sb_clear(&got);
			sb_addf(&got, "سطر \"%d\"\nثان", rows - 1);
			ok &= row.n == 2 && row.err == 0 && strcmp(row.f[1], got.s) == 0
			    && row.line == 2 + 2LL * (rows - 1);
		}
		rows++;
	}
	CHECK_INT(rows, 5001);
	CHECK(ok);
	CHECK_INT(csv_reader_bom(r), 1);
	csv_reader_free(r);
	sb_free(&in);
	sb_free(&got);
}

/* A writer callback appending to a strbuf. */
static int write_sb(void *ctx, const char *buf, size_t n)
{
	sb_add(ctx, buf, n);
	return 0;
}

TEST(csv_writer_quotes_and_round_trips)
{
	static const char *const fields[] = {"plain", "a,b", "say \"hi\"",
	    "two\nlines", "cr\rhere", "", "محمد العلوي", " spaced "};
	const size_t nf = sizeof fields / sizeof fields[0];
	strbuf b = {0};
	csv_writer *w = csv_writer_new(write_sb, &b, 0);
	csv_reader *r;
	csv_row row;
	size_t i;

	for (i = 0; i < nf; i++)
		csv_write_str(w, fields[i]);
	csv_end_row(w);
	csv_write_str(w, "");           /* a record of one empty field */
	csv_end_row(w);
	CHECK_INT(csv_writer_free(w), 0);
	CHECK_STR(b.s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"cr\rhere\",,محمد العلوي, spaced \n\"\"\n");
	r = csv_reader_mem(b.s, b.len, 0);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.n, nf);
	for (i = 0; i < nf && i < row.n; i++)
		CHECK_STR(row.f[i], fields[i]);
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.n, 1);
	CHECK_INT(csv_read(r, &row), 0);
	csv_reader_free(r);
	sb_free(&b);
}

TEST(csv_writer_excel_flags)
{
	strbuf b = {0};
	csv_writer *w = csv_writer_new(write_sb, &b, CSV_BOM | CSV_CRLF);

	csv_write_str(w, "الاسم");
	csv_write_str(w, NULL);
	csv_end_row(w);
	csv_writer_free(w);
	CHECK_STR(b.s, "\xef\xbb\xbfالاسم,\r\n");
	sb_free(&b);
}
