/* test_text_edit.c - bidi display and the edit buffer. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "daftar/text.h"
#include "t.h"

char *text_visual_ex(const char *s, enum text_dir dir, int shape, size_t **map);

/* The code points of s, as an array; *n gets the count. */
static uint32_t *cps(const char *s, size_t *n)
{
	return u8_to_u32((const uint8_t *)s, strlen(s), NULL, n);
}

TEST(text_visual_muhammad_rtl_keeps_marks_after_base)
{
	static const uint32_t want[] = {0x062F, 0x0645, 0x064E, 0x0651, 0x062D,
	    0x064E, 0x0645, 0x064F};
	char *v = text_visual_ex("مُحَمَّد", DIR_RTL, 0, NULL);
	size_t n = 0, i;
	uint32_t *u = cps(v, &n);

	CHECK_INT(n, 8);
	for (i = 0; i < n && i < 8; i++)
		if (u[i] != want[i])
			t_fail(__FILE__, __LINE__, "visual[%zu] = U+%04X, want U+%04X",
			    i, u[i], want[i]);
	CHECK_INT(text_width(v), 4);
	free(u);
	free(v);
}

TEST(text_visual_shapes_lam_alef_without_ligature)
{
	char *v = text_visual("لا", DIR_AUTO, BIDI_APP, NULL);
	size_t n = 0;
	uint32_t *u = cps(v, &n);

	CHECK_INT(n, 2);
	/* shaped U+FEDF U+FE8E (lam initial, alef final), no ligature; the
	 * terminal gets them in visual order, alef leftmost */
	CHECK(n == 2 && u[0] == 0xFE8E && u[1] == 0xFEDF);
	CHECK_INT(text_width(v), 2);
	free(u);
	free(v);
	v = text_visual("لا", DIR_AUTO, BIDI_TERMINAL, NULL);
	CHECK_STR(v, "لا");              /* terminal mode: logical order out */
	free(v);
}

TEST(text_visual_mixed_line_and_map)
{
	size_t *map = NULL;
	char *v = text_visual_ex("سلام 123 abc", DIR_AUTO, 0, &map);

	/* RTL paragraph: abc and 123 keep their order, Arabic is reversed */
	CHECK_STR(v, "abc 123 مالس");
	CHECK_INT(map[0], 11);          /* first logical letter is rightmost */
	CHECK_INT(map[5], 4);           /* "1" */
	free(v);
	free(map);
	v = text_visual("Fès (فاس)", DIR_LTR, BIDI_APP, NULL);
	CHECK_INT(text_width(v), 9);
	free(v);
	CHECK_INT(text_direction("  123 أحمد", DIR_AUTO), DIR_RTL);
	CHECK_INT(text_direction("Ahmed أحمد", DIR_AUTO), DIR_LTR);
	CHECK_INT(text_direction("", DIR_AUTO), DIR_LTR);
}

TEST(text_edit_clusters_and_harakat)
{
	text_edit e;

	text_edit_init(&e, "مُحَمَّد", 0);
	text_edit_home(&e);
	CHECK(text_edit_right(&e));
	CHECK_INT(e.cur, 4);            /* past م and its damma */
	CHECK(text_edit_delete_fwd(&e));/* the second cluster: حَ */
	CHECK_STR(e.s, "مُمَّد");
	text_edit_end(&e);
	CHECK(text_edit_delete_back(&e));
	CHECK_STR(e.s, "مُمَّ");
	/* a haraka typed after a letter joins that letter's cluster */
	text_edit_set(&e, "ب");
	CHECK_INT(text_edit_insert(&e, "\xd9\x8e"), 0);   /* fatha */
	CHECK_INT(e.cur, e.len);
	CHECK(text_edit_delete_back(&e));
	CHECK_STR(e.s, "");
	/* controls typed or pasted are dropped, TAB becomes a space */
	CHECK_INT(text_edit_insert(&e, "a\x1b\tb"), 0);
	CHECK_STR(e.s, "a b");
	CHECK_INT(text_edit_insert(&e, "\x07"), -1);
	text_edit_free(&e);
}

TEST(text_edit_words_kills_and_limits)
{
	text_edit e;

	text_edit_init(&e, "غرفة الصناعة التقليدية", 0);
	CHECK(text_edit_word_left(&e));
	CHECK_STR(e.s + e.cur, "التقليدية");
	CHECK(text_edit_word_left(&e));
	CHECK_STR(e.s + e.cur, "الصناعة التقليدية");
	CHECK(text_edit_kill_end(&e));
	CHECK_STR(e.s, "غرفة ");
	CHECK(text_edit_word_right(&e) == 0);
	text_edit_home(&e);
	CHECK(text_edit_word_right(&e));
	CHECK(text_edit_kill_start(&e));
	CHECK_STR(e.s, "");
	e.maxchars = 3;
	CHECK_INT(text_edit_insert(&e, "abc"), 0);
	CHECK_INT(text_edit_insert(&e, "d"), -1);
	CHECK_STR(e.s, "abc");
	CHECK_INT(text_edit_insert(&e, "\xcc\x81"), 0);   /* a mark adds no cluster */
	text_edit_free(&e);
}

TEST(text_edit_arrows_and_cursor_columns)
{
	text_edit e;

	/* RTL field: Left moves to the next logical cluster */
	text_edit_init(&e, "سلام", 0);
	text_edit_home(&e);
	CHECK(text_edit_arrow(&e, 1, DIR_AUTO));
	CHECK_INT(e.cur, 2);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_APP), 2);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_TERMINAL), 1);
	text_edit_home(&e);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_APP), 3);
	text_edit_end(&e);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_APP), -1);
	CHECK(text_edit_arrow(&e, 0, DIR_AUTO));  /* Right: back one */
	CHECK_INT(e.cur, 6);
	/* LTR field: the usual way round */
	text_edit_set(&e, "Fès");
	CHECK(text_edit_arrow(&e, 1, DIR_AUTO));
	CHECK_INT(e.cur, 1 + 2);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_APP), 2);
	text_edit_end(&e);
	CHECK_INT(text_edit_cursor_col(&e, DIR_AUTO, BIDI_APP), 3);
	text_edit_free(&e);
}
