/* test_sheet.c - the pure parts of the spreadsheet readers and of the
 * file columns: Excel serial dates in both date systems, numbers as text,
 * the queue of rows, the readers over XML in memory, formats by
 * extension, column headers, dates with a midnight time, the CSV escapes
 * for spreadsheets. */
#include <stdlib.h>
#include <string.h>

#include "../../src/io_int.h"
#include "../../src/io_sheet.h"
#include "daftar/csv.h"
#include "daftar/text.h"
#include "t.h"

TEST(sheet_serial_dates)
{
	char buf[32];

	CHECK_INT(sheet_serial_date(38252, 0, buf, sizeof buf), 0);
	CHECK_STR(buf, "2004-09-22");
	CHECK_INT(sheet_serial_date(1, 0, buf, sizeof buf), 0);
	CHECK_STR(buf, "1900-01-01");
	CHECK_INT(sheet_serial_date(59, 0, buf, sizeof buf), 0);
	CHECK_STR(buf, "1900-02-28");
	CHECK_INT(sheet_serial_date(60, 0, buf, sizeof buf), -1); /* 29/02/1900 */
	CHECK_INT(sheet_serial_date(61, 0, buf, sizeof buf), 0);
	CHECK_STR(buf, "1900-03-01");
	CHECK_INT(sheet_serial_date(0, 1, buf, sizeof buf), 0);
	CHECK_STR(buf, "1904-01-01");
	CHECK_INT(sheet_serial_date(36790, 1, buf, sizeof buf), 0);
	CHECK_STR(buf, "2004-09-22");               /* the 1904 system */
	CHECK_INT(sheet_serial_date(38252.5, 0, buf, sizeof buf), 0);
	CHECK_STR(buf, "2004-09-22 12:00:00");
	CHECK_INT(sheet_serial_date(-1, 0, buf, sizeof buf), -1);
}

TEST(sheet_numbers_as_text)
{
	char buf[64];

	CHECK_INT(sheet_number_text("6.12345678E8", buf, sizeof buf), 0);
	CHECK_STR(buf, "612345678");
	CHECK_INT(sheet_number_text("12.5", buf, sizeof buf), 0);
	CHECK_STR(buf, "12.5");
	CHECK_INT(sheet_number_text("-0", buf, sizeof buf), 0);
	CHECK_STR(buf, "0");
	CHECK_INT(sheet_number_text("0.1", buf, sizeof buf), 0);
	CHECK_STR(buf, "0.1");
	CHECK_INT(sheet_number_text("x", buf, sizeof buf), -1);
}

/* Every row of a source as "line:a|b|c;" with the kinds as digits. */
static char *rows_of(struct source *src)
{
	struct src_row row;
	strbuf b = {0};
	dferr e = {0, ""};
	size_t i;

	while (src->ops->read(src, &row, &e) == 1) {
		sb_addf(&b, "%lld:", row.line);
		for (i = 0; i < row.n; i++)
			sb_addf(&b, "%s%s%d", i ? "|" : "", row.f[i],
			    row.kind ? row.kind[i] : 0);
		sb_adds(&b, ";");
	}
	src->ops->free(src);
	return sb_detach(&b);
}

TEST(sheet_xlsx_cells)
{
	static const char xml[] = "<x:worksheet xmlns:x=\"urn:x\"><x:sheetData>"
	    "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>نص</x:t>"
	    "</x:is></x:c><x:c r=\"C1\"><x:v>6.12345678E8</x:v></x:c></x:row>"
	    "<x:row r=\"4\"/><x:row r=\"5\"><x:c r=\"B5\" t=\"b\"><x:v>1</x:v>"
	    "</x:c><x:c r=\"C5\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"D5\">"
	    "<x:f>A1*2</x:f></x:c><x:c r=\"E5\" t=\"d\"><x:v>2004-09-22T00:00:00"
	    "</x:v></x:c></x:row></x:sheetData></x:worksheet>";
	char *r = rows_of(xlsx_source_mem(xml, sizeof xml - 1));

	/* an empty row is no row; cells are placed by their reference */
	CHECK_STR(r, "1:نص0|0|6123456781;5:0|13|#N/A4|=A1*25|2004-09-222;");
	free(r);
}

TEST(sheet_ods_cells)
{
	static const char xml[] = "<office:document-content><office:body>"
	    "<office:spreadsheet><table:table table:name=\"S\"><table:table-row>"
	    "<table:table-cell office:value-type=\"string\"><text:p>a<text:s "
	    "text:c=\"2\"/>b</text:p><text:p>c</text:p><office:annotation><text:p>"
	    "note</text:p></office:annotation></table:table-cell>"
	    "<table:table-cell table:number-columns-repeated=\"2\" "
	    "office:value-type=\"float\" office:value=\"7\"/></table:table-row>"
	    "<table:table-row table:number-rows-repeated=\"1000000\">"
	    "<table:table-cell/></table:table-row><table:table-row>"
	    "<table:table-cell office:value-type=\"date\" office:date-value="
	    "\"2004-09-22\"/></table:table-row></table:table>"
	    "<table:table table:name=\"T\"><table:table-row><table:table-cell "
	    "office:value-type=\"string\"><text:p>other</text:p>"
	    "</table:table-cell></table:table-row></table:table>"
	    "</office:spreadsheet></office:body></office:document-content>";
	char *r = rows_of(ods_source_mem(xml, sizeof xml - 1));

	/* the empty rows repeated to the sheet's end are skipped, not made */
	CHECK_STR(r, "1:a  b\nc0|71|71;1000002:2004-09-222;");
	free(r);
}

TEST(io_formats_by_extension)
{
	CHECK_INT(io_format_of_path("a.XLSX"), IO_XLSX);
	CHECK_INT(io_format_of_path("dir.v2/x.jsonl"), IO_JSONL);
	CHECK_INT(io_format_of_path("x.Tsv"), IO_TSV);
	CHECK_INT(io_format_of_path("x.ods"), IO_ODS);
	CHECK_INT(io_format_of_path("noext"), -1);
	CHECK_INT(io_format_of_path("dir.v2/noext"), -1);
	CHECK_INT(io_format_of_path(".profile"), -1);
	CHECK_INT(io_format_of_path("x.pdf"), -2);
	CHECK(io_format_fits("x.csv", IO_CSV, 0));
	CHECK(!io_format_fits("x.csv", IO_XLSX, 0));
	CHECK(io_format_fits("x", IO_XLSX, 0));
	CHECK(io_format_fits("x.txt", IO_CSV, 1));
	CHECK(!io_format_fits("x.txt", IO_CSV, 0));
}

TEST(date_with_midnight)
{
	int y, m, d;

	CHECK_INT(text_parse_date("2004-09-22 00:00:00", &y, &m, &d), 0);
	CHECK_INT(y * 10000 + m * 100 + d, 20040922);
	CHECK_INT(text_parse_date("2004-09-22T00:00:00.000Z", &y, &m, &d), 0);
	CHECK_INT(text_parse_date("22/09/2004 00:00", &y, &m, &d), 0);
	CHECK_INT(text_parse_date("2004-09-22 10:30:00", &y, &m, &d), -1);
	CHECK_INT(text_parse_date("2004-09-22 00:00:01", &y, &m, &d), -1);
}

static int to_sb(void *ctx, const char *buf, size_t n)
{
	sb_add(ctx, buf, n);
	return 0;
}

TEST(csv_text_formula_field)
{
	strbuf out = {0};
	csv_writer *w = csv_writer_new(to_sb, &out, CSV_TAB);
	csv_reader *r;
	csv_row row;

	csv_write_raw(w, "=\"0612345678\"");
	csv_write_str(w, "a\tb");
	csv_end_row(w);
	csv_writer_free(w);
	CHECK_STR(out.s, "=\"0612345678\"\t\"a\tb\"\n");
	r = csv_reader_mem(out.s, out.len, '\t');
	CHECK_INT(csv_read(r, &row), 1);
	CHECK_INT(row.err, CSV_OK);     /* quotes in ="..." are not an error */
	CHECK_STR(row.f[0], "=\"0612345678\"");
	CHECK_STR(row.f[1], "a\tb");
	csv_reader_free(r);
	sb_free(&out);
}

