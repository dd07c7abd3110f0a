/* io_ods.c - the ODS writer of exports: an OpenDocument spreadsheet
 * zipped with minizip, content.xml streamed a row at a time (one row in
 * memory).  What the XLSX writer does, the LibreOffice way: bold header
 * of labels repeated on every printed page (table:table-header-rows),
 * column widths, dates as date cells shown dd/mm/yyyy, numbers as
 * numbers, everything else as text (string cells are never formulas),
 * the sheet named after the entity and right to left when the labels are
 * Arabic, an autofilter over the rows, landscape A4 fitted to the page
 * width (styles.xml). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "daftar/report.h"
#include "io_int.h"

#define CM_PER_CHAR 0.22        /* column width per character */
#define ODS_MAX_ROWS 1048576    /* rows of a LibreOffice sheet */

char *io_sheet_name(const char *label, int n);

/* The workbook being written. */
struct ods_out {
	zipFile z;              /* the zip */
	strbuf b;               /* XML waiting to be written */
	char *sheet;            /* the current table's name */
	long long rows;         /* its rows, the header included */
	strbuf ranges;          /* the autofilter of each finished table */
	int tables;             /* tables begun */
	int failed;             /* a write failed */
};

static const char ns[] =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""
    " office:version=\"1.2\"";

static const char manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
    "xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" "
    "manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"styles.xml\" "
    "manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";

/* The page: landscape A4, one page wide. */
static const char styles_fmt[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles%s><office:automatic-styles>"
    "<style:page-layout style:name=\"pm1\"><style:page-layout-properties "
    "fo:page-width=\"29.7cm\" fo:page-height=\"21cm\" "
    "style:print-orientation=\"landscape\" style:scale-to-X=\"1\" "
    "style:scale-to-Y=\"0\" fo:margin=\"1cm\"/></style:page-layout>"
    "</office:automatic-styles><office:master-styles>"
    "<style:master-page style:name=\"Default\" style:page-layout-name=\"pm1\"/>"
    "</office:master-styles></office:document-styles>\n";

/* Append s, escaped for XML text or attributes; runs of spaces, tabs and
 * line breaks as ODF writes them when para. */
static void esc(strbuf *b, const char *s, int para)
{
	int spaces = 0;

	for (; *s; s++) {
		if (para && *s == ' ' && (s[1] == ' ' || spaces)) {
			spaces++;
			continue;
		}
		if (spaces > 0) {
			sb_addf(b, "<text:s text:c=\"%d\"/>", spaces);
			spaces = 0;
		}
		switch (*s) {
		case '&': sb_adds(b, "&amp;"); break;
		case '<': sb_adds(b, "&lt;"); break;
		case '>': sb_adds(b, "&gt;"); break;
		case '"': sb_adds(b, "&quot;"); break;
		case '\n':
			sb_adds(b, para ? "</text:p><text:p>" : " ");
			break;
		case '\t':
			sb_adds(b, para ? "<text:tab/>" : " ");
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s < 0)
				sb_addc(b, *s);
		}
	}
	if (spaces > 0)
		sb_addf(b, "<text:s text:c=\"%d\"/>", spaces);
}

/* Write what is buffered into the open part. */
static void flush(struct ods_out *o)
{
	if (o->b.len > 0 && zipWriteInFileInZip(o->z, o->b.s,
	    (unsigned)o->b.len) != ZIP_OK)
		o->failed = 1;
	sb_clear(&o->b);
}

/* A whole small part. */
static void part(struct ods_out *o, const char *name, const char *text,
    int stored)
{
	zip_fileinfo zi = {0};

	if (zipOpenNewFileInZip64(o->z, name, &zi, NULL, 0, NULL, 0, NULL,
	    stored ? 0 : Z_DEFLATED, stored ? 0 : 6, 0) != ZIP_OK) {
		o->failed = 1;
		return;
	}
	if (zipWriteInFileInZip(o->z, text, (unsigned)strlen(text)) != ZIP_OK ||
	    zipCloseFileInZip(o->z) != ZIP_OK)
		o->failed = 1;
}

static int ods_fail(dferr *e, const struct exporter *x)
{
	return dferr_set(e, ST_ERROR, _("%s: cannot write the spreadsheet"),
	    x->name);
}

static void string_cell(strbuf *b, const char *style, const char *v)
{
	sb_addf(b, "<table:table-cell%s%s%s office:value-type=\"string\">"
	    "<text:p>", style ? " table:style-name=\"" : "", style ? style : "",
	    style ? "\"" : "");
	esc(b, v, 1);
	sb_adds(b, "</text:p></table:table-cell>");
}

/* End the current table; its autofilter goes into o->ranges. */
static void close_table(struct exporter *x, struct ods_out *o)
{
	char last[16];

	if (o->sheet == NULL)
		return;
	source_col_name(x->ncols - 1, last, sizeof last);
	sb_adds(&o->b, "</table:table>");
	sb_addf(&o->ranges, "<table:database-range table:name=\"__Anonymous_"
	    "Sheet_DB__%d\" table:display-filter-buttons=\"true\" "
	    "table:target-range-address=\"'", o->tables - 1);
	esc(&o->ranges, o->sheet, 0);
	sb_adds(&o->ranges, "'.A1:'");
	esc(&o->ranges, o->sheet, 0);
	sb_addf(&o->ranges, "'.%s%lld\"/>", last, o->rows);
	free(o->sheet);
	o->sheet = NULL;
}

/* Begin a table (another after LibreOffice's row limit): its name, its
 * columns, its header repeated on every printed page. */
static void new_table(struct exporter *x, struct ods_out *o)
{
	int i;

	close_table(x, o);
	o->sheet = io_sheet_name(entity_label(x->ent), ++o->tables);
	sb_adds(&o->b, "<table:table table:name=\"");
	esc(&o->b, o->sheet, 0);
	sb_adds(&o->b, "\" table:style-name=\"ta1\">");
	for (i = 0; i < x->ncols; i++)
		sb_addf(&o->b, "<table:table-column table:style-name=\"co%d\"/>", i);
	sb_adds(&o->b, "<table:table-header-rows><table:table-row>");
	for (i = 0; i < x->ncols; i++)
		string_cell(&o->b, "chead", io_column_label(&x->cols[i]));
	sb_adds(&o->b, "</table:table-row></table:table-header-rows>\n");
	o->rows = 1;
}

static int ods_begin(struct exporter *x, dferr *e)
{
	struct ods_out *o = xcalloc(1, sizeof *o);
	zip_fileinfo zi = {0};
	char *styles;
	int i;

	x->book = o;
	if ((o->z = zipOpen64(x->file_path, APPEND_STATUS_CREATE)) == NULL)
		return ods_fail(e, x);
	/* the mimetype first and stored, as the format requires */
	part(o, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 1);
	part(o, "META-INF/manifest.xml", manifest, 0);
	styles = xasprintf(styles_fmt, ns);
	part(o, "styles.xml", styles, 0);
	free(styles);
	if (o->failed || zipOpenNewFileInZip64(o->z, "content.xml", &zi, NULL, 0,
	    NULL, 0, NULL, Z_DEFLATED, 6, 1) != ZIP_OK)
		return ods_fail(e, x);
	sb_addf(&o->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content%s><office:automatic-styles>"
	    "<number:date-style style:name=\"N1\"><number:day number:style="
	    "\"long\"/><number:text>/</number:text><number:month number:style="
	    "\"long\"/><number:text>/</number:text><number:year number:style="
	    "\"long\"/></number:date-style>"
	    "<style:style style:name=\"cdate\" style:family=\"table-cell\" "
	    "style:data-style-name=\"N1\"/>"
	    "<style:style style:name=\"chead\" style:family=\"table-cell\">"
	    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
	    "<style:style style:name=\"ta1\" style:family=\"table\" "
	    "style:master-page-name=\"Default\"><style:table-properties "
	    "table:display=\"true\" style:writing-mode=\"%s\"/></style:style>",
	    ns, model_lang() == LANG_AR ? "rl-tb" : "lr-tb");
	for (i = 0; i < x->ncols; i++) {
		int w = x->cols[i].width, lw = text_width(io_column_label(
		    &x->cols[i])) + 3;
		sb_addf(&o->b, "<style:style style:name=\"co%d\" style:family="
		    "\"table-column\"><style:table-column-properties "
		    "style:column-width=\"%.2fcm\"/></style:style>", i,
		    CM_PER_CHAR * (w > lw ? w : lw));
	}
	sb_adds(&o->b, "</office:automatic-styles><office:body>"
	    "<office:spreadsheet>");
	new_table(x, o);
	flush(o);
	return o->failed ? ods_fail(e, x) : ST_OK;
}

/* One cell of column c with stored value v (NULL = empty). */
static void ods_cell(struct exporter *x, strbuf *b, const struct xcol *c,
    const char *v)
{
	const field *f = c->kind == XC_FIELD ? &x->ent->fields[c->fi] :
	    c->kind == XC_LINK_KEY ? c->tf : NULL;
	char *t;

	if (v == NULL) {
		sb_adds(b, "<table:table-cell/>");
		return;
	}
	if (c->kind == XC_ID || c->kind == XC_LINK_ID ||
	    (f != NULL && f->type == FT_INT)) {
		sb_addf(b, "<table:table-cell office:value-type=\"float\" "
		    "office:value=\"%s\"><text:p>%s</text:p></table:table-cell>", v,
		    v);
		return;
	}
	if (f != NULL && f->type == FT_DATE && strlen(v) == 10) {
		sb_addf(b, "<table:table-cell table:style-name=\"cdate\" "
		    "office:value-type=\"date\" office:date-value=\"%s\"><text:p>"
		    "%.2s/%.2s/%.4s</text:p></table:table-cell>", v, v + 8, v + 5, v);
		return;
	}
	t = io_people_text(c, x->ent, v);
	if (f != NULL && f->type == FT_BOOL)
		sb_addf(b, "<table:table-cell office:value-type=\"boolean\" "
		    "office:boolean-value=\"%s\"><text:p>%s</text:p>"
		    "</table:table-cell>", strcmp(v, "0") ? "true" : "false", t);
	else
		string_cell(b, NULL, t);
	free(t);
}

static int ods_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	struct ods_out *o = x->book;
	char buf[32];
	int i;

	if (o->rows >= ODS_MAX_ROWS)
		new_table(x, o);
	sb_adds(&o->b, "<table:table-row>");
	for (i = 0; i < x->ncols; i++)
		ods_cell(x, &o->b, &x->cols[i], io_cell(x, &x->cols[i], r, refs, buf,
		    sizeof buf));
	sb_adds(&o->b, "</table:table-row>\n");
	o->rows++;
	if (o->b.len > 65536)
		flush(o);
	return o->failed ? ods_fail(e, x) : ST_OK;
}

static int ods_end(struct exporter *x, dferr *e)
{
	struct ods_out *o = x->book;
	int rc = ST_OK;

	if (o == NULL)
		return ST_OK;
	if (o->z != NULL && e != NULL) {
		close_table(x, o);
		sb_addf(&o->b, "<table:database-ranges>%s</table:database-ranges>"
		    "</office:spreadsheet></office:body></office:document-content>\n",
		    o->ranges.s ? o->ranges.s : "");
		flush(o);
		if (zipCloseFileInZip(o->z) != ZIP_OK)
			o->failed = 1;
	}
	if (o->z != NULL && zipClose(o->z, NULL) != ZIP_OK)
		o->failed = 1;
	if (o->failed)
		rc = ods_fail(e, x);
	sb_free(&o->b);
	sb_free(&o->ranges);
	free(o->sheet);
	free(o);
	x->book = NULL;
	return rc;
}

const struct io_format_ops io_ods_ops = {ods_begin, ods_row, ods_end};

/* ---- a report's table ------------------------------------------------- */

int io_report_ods(const char *path, const struct report_info *r,
    const report_result *res, const char *desc, dferr *e)
{
	struct ods_out o = {0};
	zip_fileinfo zi = {0};
	char *styles, *sheet = io_sheet_name(_(r->title), 1);
	char num[64];
	int i;

	if ((o.z = zipOpen64(path, APPEND_STATUS_CREATE)) == NULL) {
		free(sheet);
		return dferr_set(e, ST_ERROR, _("%s: cannot write the spreadsheet"),
		    path);
	}
	part(&o, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 1);
	part(&o, "META-INF/manifest.xml", manifest, 0);
	styles = xasprintf(styles_fmt, ns);
	part(&o, "styles.xml", styles, 0);
	free(styles);
	if (!o.failed && zipOpenNewFileInZip64(o.z, "content.xml", &zi, NULL, 0,
	    NULL, 0, NULL, Z_DEFLATED, 6, 0) != ZIP_OK)
		o.failed = 1;
	sb_addf(&o.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content%s><office:automatic-styles>"
	    "<style:style style:name=\"chead\" style:family=\"table-cell\">"
	    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
	    "<style:style style:name=\"ta1\" style:family=\"table\" "
	    "style:master-page-name=\"Default\"><style:table-properties "
	    "table:display=\"true\" style:writing-mode=\"%s\"/></style:style>"
	    "<style:style style:name=\"co0\" style:family=\"table-column\">"
	    "<style:table-column-properties style:column-width=\"8cm\"/>"
	    "</style:style></office:automatic-styles><office:body>"
	    "<office:spreadsheet><table:table table:name=\"", ns,
	    model_lang() == LANG_AR ? "rl-tb" : "lr-tb");
	esc(&o.b, sheet, 0);
	sb_adds(&o.b, "\" table:style-name=\"ta1\"><table:table-column "
	    "table:style-name=\"co0\"/><table:table-column table:number-columns-"
	    "repeated=\"2\"/><table:table-row>");
	string_cell(&o.b, "chead", _(r->title));
	sb_adds(&o.b, "</table:table-row><table:table-row>");
	string_cell(&o.b, NULL, desc);
	sb_adds(&o.b, "</table:table-row><table:table-row>");
	string_cell(&o.b, "chead", _(r->dim));
	string_cell(&o.b, "chead", _(r->unit));
	string_cell(&o.b, "chead", "%");
	sb_adds(&o.b, "</table:table-row>");
	for (i = 0; i <= res->n; i++) {
		long long n = i < res->n ? res->rows[i].count : res->total;
		double p = res->total > 0 ? (double)n / (double)res->total : 0;
		sb_adds(&o.b, "<table:table-row>");
		string_cell(&o.b, i < res->n ? NULL : "chead", i < res->n ?
		    res->rows[i].label : _("Total"));
		snprintf(num, sizeof num, "%lld", n);
		sb_addf(&o.b, "<table:table-cell office:value-type=\"float\" "
		    "office:value=\"%s\"><text:p>%s</text:p></table:table-cell>",
		    num, num);
		sb_addf(&o.b, "<table:table-cell office:value-type=\"percentage\" "
		    "office:value=\"%.4f\"><text:p>%.1f%%</text:p>"
		    "</table:table-cell></table:table-row>", p, 100 * p);
		if (o.b.len > 65536)
			flush(&o);
	}
	sb_adds(&o.b, "</table:table></office:spreadsheet></office:body>"
	    "</office:document-content>\n");
	flush(&o);
	if (zipCloseFileInZip(o.z) != ZIP_OK || zipClose(o.z, NULL) != ZIP_OK)
		o.failed = 1;
	sb_free(&o.b);
	free(sheet);
	return o.failed ? dferr_set(e, ST_ERROR, _("%s: cannot write the "
	    "spreadsheet"), path) : ST_OK;
}
