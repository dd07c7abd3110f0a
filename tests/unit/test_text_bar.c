/* test_text_bar.c - bar chart rows: block characters with eighths, the
 * ASCII fallback, rounding, edges and widths. */
#include <stdlib.h>
#include <string.h>

#include "daftar/text.h"
#include "t.h"

/* text_bar(value, max, cols, ascii) must give want, and its width must
 * be what the eighths say. */
static void check_bar(long long value, long long max, int cols, int ascii,
    const char *want)
{
	char *b = text_bar(value, max, cols, ascii);

	CHECK_STR(b, want);
	free(b);
}

TEST(text_bar_blocks_and_eighths)
{
	check_bar(10, 10, 4, 0, "████");
	check_bar(5, 10, 4, 0, "██");
	check_bar(1, 8, 1, 0, "▏");
	check_bar(2, 8, 1, 0, "▎");
	check_bar(3, 8, 1, 0, "▍");
	check_bar(4, 8, 1, 0, "▌");
	check_bar(5, 8, 1, 0, "▋");
	check_bar(6, 8, 1, 0, "▊");
	check_bar(7, 8, 1, 0, "▉");
	check_bar(8, 8, 1, 0, "█");
	check_bar(13, 16, 2, 0, "█▋");           /* 13/16 of 16 eighths */
	check_bar(445557, 554443, 32, 0, "█████████████████████████▊"); /* 205.7 */
}

TEST(text_bar_rounds_to_nearest_eighth)
{
	CHECK_INT(text_bar_eighths(1, 3, 1), 3);        /* 2.67 -> 3 */
	CHECK_INT(text_bar_eighths(1, 16, 1), 1);       /* 0.5 -> 1 */
	CHECK_INT(text_bar_eighths(2, 3, 10), 53);      /* 53.3 -> 53 */
	CHECK_INT(text_bar_eighths(1, 1000000, 30), 1); /* tiny but shown */
	CHECK_INT(text_bar_eighths(0, 10, 30), 0);
	CHECK_INT(text_bar_eighths(20, 10, 3), 24);     /* over max: full */
}

TEST(text_bar_ascii_fallback)
{
	check_bar(10, 10, 5, 1, "#####");
	check_bar(5, 10, 5, 1, "###");                  /* 2.5 -> 3 */
	check_bar(49, 100, 10, 1, "#####");             /* 4.9 -> 5 */
	check_bar(44, 100, 10, 1, "####");              /* 4.4 -> 4 */
	check_bar(1, 1000, 10, 1, "#");                 /* non-zero shows */
}

TEST(text_bar_edges_are_empty)
{
	check_bar(0, 10, 10, 0, "");
	check_bar(-3, 10, 10, 0, "");
	check_bar(5, 0, 10, 0, "");
	check_bar(5, -1, 10, 1, "");
	check_bar(5, 10, 0, 0, "");
	check_bar(5, 10, -4, 1, "");
}

TEST(text_bar_width_never_exceeds_cols)
{
	long long v, max = 97;
	int cols, w;
	char *b, *a;

	for (cols = 1; cols <= 40; cols += 3)
		for (v = 0; v <= max; v++) {
			b = text_bar(v, max, cols, 0);
			a = text_bar(v, max, cols, 1);
			w = text_width(b);
			CHECK(w <= cols);
			/* blocks: width is the eighths rounded up to a column */
			CHECK_INT(w, (text_bar_eighths(v, max, cols) + 7) / 8);
			CHECK(text_width(a) <= cols);
			CHECK_INT(strspn(a, "#"), strlen(a));
			if (v > 0)
				CHECK(b[0] != '\0' && a[0] != '\0');
			free(b);
			free(a);
		}
	/* huge counts do not overflow */
	b = text_bar(4000000000000LL, 8000000000000LL, 10, 0);
	CHECK_STR(b, "█████");
	free(b);
}
