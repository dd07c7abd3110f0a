/* text_width.c - columns, grapheme clusters, fitting and wrapping.  Widths
 * come from libunistring (u8_strwidth, u8_width_linebreaks); a unit test
 * holds them equal to glibc's wcwidth, which ncurses uses to place
 * characters, for every code point the storage filter lets through. */
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

#define ENC "UTF-8"

/* Code points whose width glibc's wcwidth (hence ncurses) gives
 * differently from libunistring 1.0; the wcwidth figure wins so that our
 * layout matches what the terminal library places.  Kept complete by the
 * test text_width_agrees_with_wcwidth. */
static const struct {
	uint32_t lo, hi;        /* range */
	int width;              /* wcwidth of each */
} width_fixups[] = {
	{0x0CBF, 0x0CBF, 0}, {0x0CC6, 0x0CC6, 0}, {0x3248, 0x324F, 2},
	{0x4DC0, 0x4DFF, 2}, {0x11A07, 0x11A08, 0}, {0x11C3F, 0x11C3F, 0},
};

/* Columns of one code point (controls count 0: the sanitiser replaced them). */
static int cp_width(uint32_t c)
{
	size_t i;
	int w;

	if (c >= 0x0CBF && c <= 0x11C3F)
		for (i = 0; i < sizeof width_fixups / sizeof width_fixups[0]; i++)
			if (c >= width_fixups[i].lo && c <= width_fixups[i].hi)
				return width_fixups[i].width;
	w = uc_width(c, ENC);
	return w < 0 ? 0 : w;
}

/* Columns of the n bytes at p. */
static int width_n(const uint8_t *p, size_t n)
{
	size_t i;
	uint32_t c;
	int k, w = 0;

	for (i = 0; i < n; i += (size_t)k) {
		if (p[i] < 0x80) {
			w += p[i] >= 0x20 && p[i] < 0x7f;
			k = 1;
		} else if ((k = text_decode(p, n, i, &c)) < 0) {
			w++;            /* shown as U+FFFD */
			k = 1;
		} else
			w += cp_width(c);
	}
	return w;
}

int text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");

	return width_n(p, strlen((const char *)p));
}

size_t text_clusters(const char *s, size_t **starts)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t n = strlen((const char *)p), i, count = 0;
	char *brk;
	size_t *st;

	st = xmalloc((n + 1) * sizeof *st);
	if (n > 0) {
		brk = xmalloc(n);
		u8_grapheme_breaks(p, n, brk);
		for (i = 0; i < n; i++)
			if (i == 0 || brk[i])
				st[count++] = i;
		free(brk);
	}
	st[count] = n;
	*starts = st;
	return count;
}

/* Append n spaces. */
static void pad(strbuf *b, int n)
{
	while (n-- > 0)
		sb_addc(b, ' ');
}

char *text_fit(const char *s, int cols, enum text_align align)
{
	strbuf b = {0};
	size_t *st, nc, i;
	int w, used = 0, total;
	const char *src = s ? s : "";

	sb_add(&b, "", 0);
	if (cols <= 0)
		return sb_detach(&b);
	total = text_width(src);
	if (total <= cols) {
		if (align == TEXT_RIGHT)
			pad(&b, cols - total);
		sb_adds(&b, src);
		if (align == TEXT_LEFT)
			pad(&b, cols - total);
		return sb_detach(&b);
	}
	/* too wide: whole clusters up to cols - 1 columns, then "…" */
	nc = text_clusters(src, &st);
	for (i = 0; i < nc; i++) {
		w = width_n((const uint8_t *)src + st[i], st[i + 1] - st[i]);
		if (used + w > cols - 1)
			break;
		sb_add(&b, src + st[i], st[i + 1] - st[i]);
		used += w;
	}
	free(st);
	sb_adds(&b, "\xe2\x80\xa6");
	used++;
	if (align == TEXT_RIGHT) {      /* padding goes in front */
		char *t = sb_detach(&b);
		pad(&b, cols - used);
		sb_adds(&b, t);
		free(t);
	} else
		pad(&b, cols - used);
	return sb_detach(&b);
}

/* Add one line (bytes s[a..e), trailing spaces dropped) to the array. */
static void add_line(char ***lines, size_t *n, const char *s, size_t a,
    size_t e)
{
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\n'))
		e--;
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = xstrndup(s + a, e - a);
}

/* Cut one over-long segment s[a..e) into lines of at most cols columns at
 * cluster boundaries. */
static void cut_segment(char ***lines, size_t *n, const char *s, size_t a,
    size_t e, int cols)
{
	size_t *st, nc, i, from = a;
	char *seg = xstrndup(s + a, e - a);
	int used = 0, w;

	nc = text_clusters(seg, &st);
	for (i = 0; i < nc; i++) {
		w = width_n((const uint8_t *)seg + st[i], st[i + 1] - st[i]);
		/* a zero-width cluster (a lone mark) still counts as the
		 * line's content: test bytes taken, not columns used */
		if (used + w > cols && a + st[i] > from) {
			add_line(lines, n, s, from, a + st[i]);
			from = a + st[i];
			used = 0;
		}
		used += w;
	}
	if (from < e)
		add_line(lines, n, s, from, e);
	free(st);
	free(seg);
}

size_t text_wrap(const char *s, int cols, char ***lines)
{
	const char *src = s ? s : "";
	size_t n = strlen(src), count = 0, i, e, start = 0;
	char *brk;

	*lines = NULL;
	if (cols < 1)
		cols = 1;
	if (n == 0) {
		add_line(lines, &count, "", 0, 0);
		return count;
	}
	brk = xmalloc(n);
	u8_width_linebreaks((const uint8_t *)src, n, cols, 0, 0, NULL, ENC, brk);
	for (i = 1; i <= n; i++) {
		int hard = src[i - 1] == '\n';
		if (i < n && !hard && brk[i] != UC_BREAK_POSSIBLE)
			continue;
		/* the segment [start, i) ends a line; cut it if even without
		 * its trailing spaces it is wider than the line */
		e = i;
		while (e > start && (src[e - 1] == ' ' || src[e - 1] == '\n'))
			e--;
		if (width_n((const uint8_t *)src + start, e - start) > cols)
			cut_segment(lines, &count, src, start, e, cols);
		else
			add_line(lines, &count, src, start, i);
		start = i;
	}
	free(brk);
	return count;
}

void text_lines_free(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
