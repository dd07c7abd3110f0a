/* fuzz_text.c - libFuzzer target over the text layer: filter, sanitiser,
 * width/fit/wrap, folding, number and date parsers, bar chart rows, with
 * invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "daftar/text.h"

char *text_fold_general(const char *s);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A bar from the first 17 bytes (value, max, cols): never wider than
 * cols, '#' only in ASCII, shown whenever value > 0 < max. */
static void check_bar(const uint8_t *data, size_t size)
{
	long long value = 0, max = 0;
	char *b, *a;
	int cols;

	if (size < 17)
		return;
	memcpy(&value, data, sizeof value);
	memcpy(&max, data + 8, sizeof max);
	cols = (int)(signed char)data[16];
	b = text_bar(value, max, cols, 0);
	a = text_bar(value, max, cols, 1);
	if (u8_check((const uint8_t *)b, strlen(b)) != NULL ||
	    text_width(b) > (cols > 0 ? cols : 0) ||
	    (long long)strlen(a) > (cols > 0 ? cols : 0) ||
	    strspn(a, "#") != strlen(a) ||
	    text_width(b) != (text_bar_eighths(value, max, cols) + 7) / 8 ||
	    ((value > 0 && max > 0 && cols > 0) != (a[0] != '\0')))
		abort();
	free(b);
	free(a);
}

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
	check_bar(data, size);
	free(out);
	free(in);
	return 0;
}
