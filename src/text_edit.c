/* text_edit.c - the one-field edit buffer used by the form: moves and
 * deletes by grapheme cluster (u8_grapheme_breaks over the whole string),
 * so a letter and its harakat go together; maps the logical cursor to a
 * screen column in both bidi modes. */
#include <stdlib.h>
#include <string.h>
#include <fribidi.h>
#include <unistr.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

char *text_visual_ex(const char *s, enum text_dir dir, int shape, size_t **map);

void text_edit_init(text_edit *e, const char *initial, int multiline)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	text_edit_set(e, initial);
}

void text_edit_free(text_edit *e)
{
	free(e->s);
	memset(e, 0, sizeof *e);
}

void text_edit_set(text_edit *e, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n + 1 > e->cap) {
		e->cap = n + 64;
		e->s = xrealloc(e->s, e->cap);
	}
	memcpy(e->s, s ? s : "", n);
	e->s[n] = '\0';
	e->len = n;
	e->cur = n;
}

/* Cluster start at or before (dir < 0) / after (dir > 0) the cursor. */
static size_t edit_step(const text_edit *e, int dir)
{
	size_t *st, n, i, res = e->cur;

	n = text_clusters(e->s, &st);
	if (dir < 0) {
		for (i = n; i-- > 0;)
			if (st[i] < e->cur) {
				res = st[i];
				break;
			}
	} else {
		for (i = 0; i <= n; i++)
			if (st[i] > e->cur) {
				res = st[i];
				break;
			}
	}
	free(st);
	return res;
}

/* Remove bytes [a, b) and put the cursor at a. */
static void edit_cut(text_edit *e, size_t a, size_t b)
{
	memmove(e->s + a, e->s + b, e->len - b + 1);
	e->len -= b - a;
	e->cur = a;
}

int text_edit_insert(text_edit *e, const char *utf8)
{
	const uint8_t *p = (const uint8_t *)(utf8 ? utf8 : "");
	size_t n = strlen((const char *)p), i, len = 0, cap = 0, *st;
	uint8_t *add = NULL;
	uint32_t c;
	int k;

	for (i = 0; i < n; i += (size_t)k) {
		if ((k = text_decode(p, n, i, &c)) < 0) {
			k = 1;
			continue;
		}
		switch (text_classify(c)) {
		case TC_KEEP:
		case TC_COMPAT:
			text_put(&add, &len, &cap, c);
			break;
		case TC_SPACE:
			text_put(&add, &len, &cap, ' ');
			break;
		case TC_NEWLINE:
			text_put(&add, &len, &cap, e->multiline ? '\n' : ' ');
			break;
		default:
			break;
		}
	}
	if (len == 0) {
		free(add);
		return -1;
	}
	if (e->len + len + 1 > e->cap) {
		e->cap = (e->len + len) * 2 + 16;
		e->s = xrealloc(e->s, e->cap);
	}
	memmove(e->s + e->cur + len, e->s + e->cur, e->len - e->cur + 1);
	memcpy(e->s + e->cur, add, len);
	e->len += len;
	free(add);
	if (e->maxchars > 0 && text_clusters(e->s, &st) > e->maxchars) {
		free(st);
		edit_cut(e, e->cur, e->cur + len);      /* over the limit: undo */
		return -1;
	}
	if (e->maxchars > 0)
		free(st);
	/* the cursor goes after the insertion, on a cluster boundary */
	e->cur += len;
	if (e->cur < e->len) {
		n = text_clusters(e->s, &st);
		for (i = 0; i <= n; i++)
			if (st[i] >= e->cur) {
				e->cur = st[i];
				break;
			}
		free(st);
	}
	return 0;
}

int text_edit_delete_back(text_edit *e)
{
	size_t a = edit_step(e, -1);

	if (a == e->cur)
		return 0;
	edit_cut(e, a, e->cur);
	return 1;
}

int text_edit_delete_fwd(text_edit *e)
{
	size_t b = edit_step(e, 1), a = e->cur;

	if (b == a)
		return 0;
	edit_cut(e, a, b);
	return 1;
}

int text_edit_left(text_edit *e)
{
	size_t a = edit_step(e, -1);
	int moved = a != e->cur;

	e->cur = a;
	return moved;
}

int text_edit_right(text_edit *e)
{
	size_t b = edit_step(e, 1);
	int moved = b != e->cur;

	e->cur = b;
	return moved;
}

static int at_space(const text_edit *e, size_t at)
{
	return e->s[at] == ' ' || e->s[at] == '\n';
}

int text_edit_word_left(text_edit *e)
{
	size_t start = e->cur;

	while (e->cur > 0 && at_space(e, edit_step(e, -1)))
		e->cur = edit_step(e, -1);
	while (e->cur > 0 && !at_space(e, edit_step(e, -1)))
		e->cur = edit_step(e, -1);
	return e->cur != start;
}

int text_edit_word_right(text_edit *e)
{
	size_t start = e->cur;

	while (e->cur < e->len && !at_space(e, e->cur))
		e->cur = edit_step(e, 1);
	while (e->cur < e->len && at_space(e, e->cur))
		e->cur = edit_step(e, 1);
	return e->cur != start;
}

void text_edit_home(text_edit *e)
{
	e->cur = 0;
}

void text_edit_end(text_edit *e)
{
	e->cur = e->len;
}

int text_edit_kill_end(text_edit *e)
{
	if (e->cur == e->len)
		return 0;
	e->s[e->cur] = '\0';
	e->len = e->cur;
	return 1;
}

int text_edit_kill_start(text_edit *e)
{
	if (e->cur == 0)
		return 0;
	edit_cut(e, 0, e->cur);
	return 1;
}

int text_edit_arrow(text_edit *e, int key_left, enum text_dir dir)
{
	int rtl = text_direction(e->s, dir) == DIR_RTL;

	return key_left != rtl ? text_edit_left(e) : text_edit_right(e);
}

/* Columns taken by the first ncp code points of s. */
static int prefix_width(const char *s, size_t ncp)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0, cp = 0;
	uint32_t c;
	int k, w;
	char *pre;

	while (i < n && cp < ncp) {
		if ((k = text_decode(p, n, i, &c)) < 0)
			k = 1;
		i += (size_t)k;
		cp++;
	}
	pre = xstrndup(s, i);
	w = text_width(pre);
	free(pre);
	return w;
}

int text_edit_cursor_col(const text_edit *e, enum text_dir dir,
    enum text_bidi_mode mode)
{
	size_t *map = NULL, ncp, lc;
	char *vis, *before;
	int col;
	uint32_t last;

	before = xstrndup(e->s, e->cur);
	if (mode == BIDI_TERMINAL) {
		col = text_width(before);
		free(before);
		return col;
	}
	lc = u8_mbsnlen((const uint8_t *)before, strlen(before));
	free(before);
	ncp = u8_mbsnlen((const uint8_t *)e->s, e->len);
	vis = text_visual_ex(e->s, text_direction(e->s, dir), 1, &map);
	if (lc < ncp) {
		col = prefix_width(vis, map[lc]);       /* on the cluster at cursor */
	} else if (ncp == 0) {
		col = 0;
	} else {        /* at the end: beside the last logical character */
		u8_prev(&last, (const uint8_t *)e->s + e->len, (const uint8_t *)e->s);
		col = prefix_width(vis, map[ncp - 1]);
		if (FRIBIDI_IS_RTL(fribidi_get_bidi_type(last)))
			col -= 1;
		else
			col = prefix_width(vis, map[ncp - 1] + 1);
	}
	free(vis);
	free(map);
	return col;
}
