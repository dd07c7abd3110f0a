/* fuzz_sheet.c - libFuzzer target over the spreadsheet readers of the
 * import.  The first byte picks the way in: a sheet's XML (XLSX
 * worksheet) or a content.xml (ODS) parsed from memory, or the whole
 * input as a file (what its first bytes say: a zip holding a workbook,
 * an old .xls, CSV or UTF-16 text) opened by source_open.  Invariants:
 * no crash or sanitizer report; rows come in increasing order with at
 * most SHEET_MAX_COLS cells, each NUL-terminated at its length. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/io_sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(struct source *src)
{
	struct src_row row;
	dferr e = {0, ""};
	long long last = -1;
	char where[128];
	size_t i;

	while (src->ops->read(src, &row, &e) == 1) {
		if (row.n > SHEET_MAX_COLS || (src->sheet && row.line < last))
			abort();
		last = row.line;
		for (i = 0; i < row.n; i++)
			if (row.f[i][row.len[i]] != '\0')
				abort();
		src->ops->where(src, row.line, (long)row.n - 1, where, sizeof where);
		(void)src->ops->bytes(src);
	}
	src->ops->free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = NULL;
	char path[] = "/tmp/fuzz-sheet-XXXXXX";
	dferr e = {0, ""};
	int fd;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		drain(xlsx_source_mem((const char *)data + 1, size - 1));
		break;
	case 1:
		drain(ods_source_mem((const char *)data + 1, size - 1));
		break;
	default:
		if ((fd = mkstemp(path)) < 0)
			return 0;
		if (write(fd, data + 1, size - 1) == (ssize_t)(size - 1) &&
		    source_open(path, "fuzz", NULL, &src, &e) == ST_OK)
			drain(src);
		close(fd);
		unlink(path);
		break;
	}
	return 0;
}
