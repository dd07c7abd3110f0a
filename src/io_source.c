/* io_source.c - where an import's rows come from.  The first bytes of the
 * file choose the reader, never its name: a zip holding a workbook is an
 * XLSX (io_xlsx_read.c) or ODS (io_ods_read.c) file; the compound file of
 * an old Excel 97-2003 workbook, or of a password-protected one, is
 * refused with what to do; anything else is text: CSV in UTF-8, or the
 * UTF-16 "Unicode text" Excel writes (turned into UTF-8 as it is read);
 * an 8-bit code page is refused with the iconv command that converts it.
 * Standard input works for every kind (a workbook is copied to a
 * temporary file first, since a zip is read from its end). */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daftar/text.h"
#include "io_import.h"
#include "io_sheet.h"

#define SNIFF 65536             /* bytes read to tell what the file is */

/* A CSV file being read: the sniffed start first, then the rest. */
struct csv_source {
	struct source base;     /* the source */
	FILE *fp;               /* the file, or stdin */
	char *head;             /* the first bytes, already read */
	size_t nhead, pos;      /* how many, how many handed out */
	iconv_t cd;             /* UTF-16 -> UTF-8, or (iconv_t)-1 */
	char in[8192];          /* UTF-16 bytes not yet converted */
	size_t nin;             /* how many */
	int eof;                /* the file is read to its end */
	long long raw;          /* file bytes consumed (for progress) */
	csv_reader *csv;        /* the reader over those bytes */
};

/* Raw bytes of the file: the sniffed head, then fread. */
static size_t raw_read(struct csv_source *c, char *buf, size_t n)
{
	size_t k;

	if (c->pos < c->nhead) {
		k = c->nhead - c->pos < n ? c->nhead - c->pos : n;
		memcpy(buf, c->head + c->pos, k);
		c->pos += k;
		c->raw += (long long)k;
		return k;
	}
	k = fread(buf, 1, n, c->fp);
	if (k == 0 && ferror(c->fp))
		return (size_t)-1;
	c->raw += (long long)k;
	return k;
}

/* The csv reader's callback: bytes as they are, or UTF-16 made UTF-8. */
static size_t csv_feed(void *ctx, char *buf, size_t n)
{
	struct csv_source *c = ctx;
	char *out = buf, *in;
	size_t got, left = n, inleft;
	int err;

	if (c->cd == (iconv_t)-1)
		return raw_read(c, buf, n);
	while (left == n) {             /* until something came out */
		if (!c->eof && c->nin < sizeof c->in) {
			got = raw_read(c, c->in + c->nin, sizeof c->in - c->nin);
			if (got == (size_t)-1)
				return got;
			c->eof = got == 0;
			c->nin += got;
		}
		if (c->nin == 0)
			return 0;
		in = c->in;
		inleft = c->nin;
		err = iconv(c->cd, &in, &inleft, &out, &left) == (size_t)-1 ?
		    errno : 0;
		if (err == EILSEQ) {
			/* a lone surrogate: U+FFFD for its two bytes */
			if (left < 3)
				break;
			memcpy(out, "\xef\xbf\xbd", 3);
			out += 3;
			left -= 3;
			in += 2 > inleft ? inleft : 2;
			inleft -= 2 > inleft ? inleft : 2;
		} else if (err == EINVAL && c->eof)
			inleft = 0;     /* a cut sequence at the very end */
		memmove(c->in, in, inleft);
		c->nin = inleft;
		if (c->eof && c->nin == 0)
			break;
	}
	return n - left;
}

static int csv_src_read(struct source *src, struct src_row *row, dferr *e)
{
	struct csv_source *c = (struct csv_source *)src;
	csv_row r;
	int rc;

	do {
		if ((rc = csv_read(c->csv, &r)) < 0) {
			dferr_set(e, ST_ERROR, _("cannot read: %s"),
			    strerror(errno ? errno : EIO));
			return -1;
		}
	} while (rc == 1 && r.n == 0);
	if (rc == 0)
		return 0;
	row->n = r.n;
	row->f = r.f;
	row->len = r.len;
	row->kind = NULL;
	row->line = r.line;
	row->err = r.err;
	row->err_line = r.err_line;
	row->err_offset = r.err_offset;
	return 1;
}

static long long csv_src_bytes(const struct source *src)
{
	return ((const struct csv_source *)src)->raw;
}

static void csv_src_where(const struct source *src, long long line, long col,
    char *buf, size_t n)
{
	(void)src;
	(void)col;
	snprintf(buf, n, "%lld", line);
}

static void csv_src_free(struct source *src)
{
	struct csv_source *c = (struct csv_source *)src;

	csv_reader_free(c->csv);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	if (c->fp != NULL && c->fp != stdin)
		fclose(c->fp);
	free(c->head);
	free(c);
}

static const struct source_ops csv_source_ops = {csv_src_read, csv_src_bytes,
    csv_src_where, csv_src_free};

void source_col_name(long col, char *buf, size_t n)
{
	char tmp[16];
	int k = 0;

	for (col++; col > 0 && k < (int)sizeof tmp; col = (col - 1) / 26)
		tmp[k++] = (char)('A' + (col - 1) % 26);
	if (n == 0)
		return;
	while (k > 0 && n > 1) {
		*buf++ = tmp[--k];
		n--;
	}
	*buf = '\0';
}

/* What the first bytes say the file is. */
enum sniffed { SNIFF_TEXT, SNIFF_ZIP, SNIFF_OLE, SNIFF_OLE_ENCRYPTED,
    SNIFF_PDF };

static enum sniffed sniff(const char *p, size_t n)
{
	static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o";
	size_t i;

	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return SNIFF_ZIP;
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return SNIFF_PDF;
	if (n < 8 || memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) != 0)
		return SNIFF_TEXT;
	/* an encrypted XLSX is a compound file with an EncryptionInfo stream
	 * (its name in the directory, UTF-16) */
	for (i = 0; i + sizeof enc - 1 <= n; i++)
		if (p[i] == 'E' && memcmp(p + i, enc, sizeof enc - 1) == 0)
			return SNIFF_OLE_ENCRYPTED;
	return SNIFF_OLE;
}

/* Refuse a text file that is not UTF-8 (nor UTF-16), with the fix. */
static int text_refused(const char *head, size_t n, const char *label,
    dferr *e)
{
	size_t bad = 0;

	if (text_encoding(head, n, &bad) != TEXT_ENC_LEGACY)
		return ST_OK;
	return dferr_set(e, ST_INVALID, _("the file is not UTF-8 text (from "
	    "byte %zu): it was probably saved in an 8-bit code page, "
	    "Windows-1256 for Arabic or Windows-1252 for French (Excel's plain "
	    "\"CSV\"); save it from Excel as \"CSV UTF-8 (comma delimited)\" "
	    "or as an Excel workbook (.xlsx), or convert it with: iconv -f "
	    "WINDOWS-1256 -t UTF-8 '%s' > converted.csv"), bad + 1, label);
}

/* UTF-16 text: the converter from its byte order, or (iconv_t)-1. */
static iconv_t utf16_converter(const char *p, size_t n, size_t *skip)
{
	const char *from;

	*skip = 0;
	if (text_encoding(p, n, NULL) != TEXT_ENC_UTF16)
		return (iconv_t)-1;
	if (n >= 2 && (unsigned char)p[0] == 0xff && (unsigned char)p[1] == 0xfe)
		from = "UTF-16LE", *skip = 2;
	else if (n >= 2 && (unsigned char)p[0] == 0xfe &&
	    (unsigned char)p[1] == 0xff)
		from = "UTF-16BE", *skip = 2;
	else    /* no byte-order mark: ASCII first, so where its NUL is */
		from = n >= 2 && p[1] == '\0' ? "UTF-16LE" : "UTF-16BE";
	return iconv_open("UTF-8", from);
}

/* Copy the head and the rest of fp to a temporary file; its name. */
static char *spill(FILE *fp, const char *head, size_t n, dferr *e)
{
	char tmpl[] = "/tmp/daftar-import-XXXXXX", buf[65536];
	int fd = mkstemp(tmpl);
	size_t k;
	FILE *out;

	if (fd < 0 || (out = fdopen(fd, "wb")) == NULL) {
		dferr_set(e, ST_ERROR, _("cannot make a temporary file: %s"),
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	fwrite(head, 1, n, out);
	while ((k = fread(buf, 1, sizeof buf, fp)) > 0)
		fwrite(buf, 1, k, out);
	if (ferror(fp) || fclose(out) != 0) {
		dferr_set(e, ST_ERROR, _("cannot copy standard input: %s"),
		    strerror(errno));
		unlink(tmpl);
		return NULL;
	}
	return xstrdup(tmpl);
}

/* A workbook: XLSX or ODS by the parts its zip holds. */
static int open_workbook(const char *path, const char *label,
    const char *sheet, long long total, struct source **out, dferr *e)
{
	int rc, kind = sheet_zip_kind(path, label, e);

	if (kind < 0)
		return e->code;
	rc = kind == SHEET_XLSX ? xlsx_source_open(path, label, sheet, out, e) :
	    ods_source_open(path, label, sheet, out, e);
	if (rc == ST_OK)
		(*out)->total = total;
	return rc;
}

int source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e)
{
	struct csv_source *c = xcalloc(1, sizeof *c);
	struct stat st;
	char *tmp = NULL;
	size_t skip;
	int rc = ST_OK;

	*out = NULL;
	c->cd = (iconv_t)-1;
	if (strcmp(path, "-") == 0)
		c->fp = stdin;
	else if ((c->fp = fopen(path, "rb")) == NULL) {
		rc = dferr_set(e, ST_ERROR, _("cannot open: %s"), strerror(errno));
		goto fail;
	}
	if (fstat(fileno(c->fp), &st) == 0 && S_ISREG(st.st_mode))
		c->base.total = st.st_size;
	c->head = xmalloc(SNIFF);
	c->nhead = fread(c->head, 1, SNIFF, c->fp);
	if (c->nhead < SNIFF && ferror(c->fp)) {
		rc = dferr_set(e, ST_ERROR, _("cannot read: %s"), strerror(errno));
		goto fail;
	}
	switch (sniff(c->head, c->nhead)) {
	case SNIFF_ZIP:
		if (c->fp == stdin && (tmp = spill(stdin, c->head, c->nhead, e)) ==
		    NULL) {
			rc = e->code;
			goto fail;
		}
		rc = open_workbook(tmp ? tmp : path, label, sheet, c->base.total,
		    out, e);
		if (tmp != NULL)
			unlink(tmp);    /* the reader keeps it open */
		free(tmp);
		goto fail;              /* the CSV side is not needed */
	case SNIFF_OLE:
		rc = dferr_set(e, ST_INVALID, _("this is an old Excel 97-2003 "
		    "workbook (.xls), which daftar does not read: open it in "
		    "Excel or LibreOffice and save it as an Excel workbook (.xlsx) "
		    "or as \"CSV UTF-8\", then import that file"));
		goto fail;
	case SNIFF_OLE_ENCRYPTED:
		rc = dferr_set(e, ST_INVALID, _("this workbook is protected by a "
		    "password, so its cells cannot be read: open it in Excel or "
		    "LibreOffice, remove the password (or save a copy without "
		    "one) as .xlsx or as \"CSV UTF-8\", then import that file"));
		goto fail;
	case SNIFF_PDF:
		rc = dferr_set(e, ST_INVALID, _("this is a PDF document, not a "
		    "table: import the spreadsheet or CSV file it was made from"));
		goto fail;
	case SNIFF_TEXT:
		break;
	}
	if ((c->cd = utf16_converter(c->head, c->nhead, &skip)) == (iconv_t)-1 &&
	    (rc = text_refused(c->head, c->nhead, label, e)) != ST_OK)
		goto fail;
	c->pos = c->cd != (iconv_t)-1 ? skip : 0;
	c->base.unescape = c->cd != (iconv_t)-1 || (c->nhead >= 3 &&
	    memcmp(c->head, "\xef\xbb\xbf", 3) == 0);
	c->raw = (long long)c->pos;
	c->base.ops = &csv_source_ops;
	c->csv = csv_reader_new(csv_feed, c, 0);
	*out = &c->base;
	return ST_OK;
fail:
	csv_src_free(&c->base);
	return rc;
}
