/* fuzz_text.c - libFuzzer target over the text layer: filter, sanitiser,
 * width/fit/wrap, folding, number and date parsers, with invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "daftar/text.h"

char *text_fold_general(const char *s);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *out = NULL, *san, *f, *k, *k2, *g, **lines;
	size_t bad, n, i;
	int cols = size ? (data[0] % 40) + 1 : 1, y, m, d;
	long long v;

	in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	if (text_filter(in, size, size & 1, &out, &bad) == 0) {
		/* storage form: valid UTF-8, filtering again changes nothing */
		char *again = NULL;
		if (u8_check((const uint8_t *)out, strlen(out)) != NULL)
			abort();
		if (text_filter(out, strlen(out), size & 1, &again, &bad) != 0 ||
		    strcmp(again, out) != 0)
			abort();
		free(again);
		/* the fast and general folding paths agree; folding is stable */
		k = text_fold(out);
		g = text_fold_general(out);
		if (strcmp(k, g) != 0)
			abort();
		k2 = text_fold(k);
		if (strcmp(k, k2) != 0)
			abort();
		free(k);
		free(k2);
		free(g);
	} else if (bad > size)
		abort();
	san = text_sanitize(in, size & 2);
	for (i = 0; san[i]; i++)        /* no C0 but LF, no ESC, no DEL */
		if (((unsigned char)san[i] < 0x20 && san[i] != '\n') ||
		    san[i] == 0x7f)
			abort();
	if (strstr(san, "\xc2\x9b") || strstr(san, "\xe2\x80\xae") ||
	    strstr(san, "\xe2\x81\xa6") || u8_check((uint8_t *)san, strlen(san)))
		abort();
	f = text_fit(san, cols, TEXT_LEFT);
	if (text_width(f) != cols)
		abort();
	free(f);
	n = text_wrap(san, cols, &lines);
	for (i = 0; i < n; i++) {       /* only one cluster may overflow */
		size_t *st;
		if (text_width(lines[i]) > cols && text_clusters(lines[i], &st) > 1)
			abort();
		else if (text_width(lines[i]) > cols)
			free(st);
	}
	text_lines_free(lines, n);
	free(san);
	if (text_parse_date(in, &y, &m, &d) == 0 &&
	    (m < 1 || m > 12 || d < 1 || d > 31))
		abort();
	(void)text_parse_int(in, &v);
	free(out);
	free(in);
	return 0;
}
