/* fuzz_text.c - libFuzzer target over the text layer: filter, sanitiser,
 * width/fit/wrap, folding, number and date parsers, bidi display order,
 * the edit buffer and bar chart rows, with invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "daftar/text.h"

char *text_fold_general(const char *s);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Display order keeps the width and the code points of the sanitised
 * string; the map is a permutation. */
static void fuzz_visual(const char *san, enum text_dir dir)
{
	size_t *map = NULL, n = u8_mbsnlen((const uint8_t *)san, strlen(san)), i;
	char *vis = text_visual(san, dir, BIDI_APP, &map);
	char *seen = calloc(n + 1, 1);

	if (text_width(vis) != text_width(san))
		abort();
	for (i = 0; i < n; i++) {
		if (map[i] >= n || seen[map[i]])
			abort();
		seen[map[i]] = 1;
	}
	free(seen);
	free(map);
	free(vis);
}

/* Drive an edit buffer with the input as a script of operations; the
 * buffer stays valid UTF-8 with the cursor on a cluster boundary inside
 * it, and the cursor column stays within the text's width. */
static void fuzz_edit(const uint8_t *data, size_t size)
{
	static const char *const ins[] = {"\xd9\x85", "\xd9\x8e", "a", "\xc3\xa9",
	    "\xd9\x84\xd8\xa7", " ", "1", "\xe2\x80\x8d", "\xf0\x9f\x98\x80", "\n"};
	text_edit e;
	size_t i;

	text_edit_init(&e, "", size & 1);
	e.maxchars = size & 2 ? 12 : 0;
	for (i = 0; i < size; i++) {
		unsigned op = data[i] % 16;
		if (op < 10)
			(void)text_edit_insert(&e, ins[op]);
		else if (op == 10)
			(void)text_edit_delete_back(&e);
		else if (op == 11)
			(void)text_edit_delete_fwd(&e);
		else if (op == 12)
			(void)text_edit_arrow(&e, data[i] & 16, DIR_AUTO);
		else if (op == 13)
			(void)(data[i] & 16 ? text_edit_word_left(&e) : text_edit_word_right(&e));
		else if (op == 14)
			(void)(data[i] & 16 ? text_edit_kill_end(&e) : text_edit_kill_start(&e));
		else
			data[i] & 16 ? text_edit_home(&e) : text_edit_end(&e);
		if (e.cur > e.len || strlen(e.s) != e.len ||
		    u8_check((const uint8_t *)e.s, e.len))
			abort();
		if (!(e.multiline) && strchr(e.s, '\n'))
			abort();
		int col = text_edit_cursor_col(&e, DIR_AUTO, data[i] & 32 ? BIDI_APP : BIDI_TERMINAL);
		if (!e.multiline && (col < -1 || col > text_width(e.s)))
			abort();
	}
	text_edit_free(&e);
}

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
	if (!(size & 2))
		fuzz_visual(san, size & 4 ? DIR_RTL : DIR_AUTO);
	free(san);
	fuzz_edit(data, size);
	if (text_parse_date(in, &y, &m, &d) == 0 &&
	    (m < 1 || m > 12 || d < 1 || d > 31))
		abort();
	(void)text_parse_int(in, &v);
	check_bar(data, size);
	bad = size;
	if (text_encoding(in, size, &bad) == TEXT_ENC_LEGACY && bad >= size)
		abort();
	free(out);
	free(in);
	return 0;
}
