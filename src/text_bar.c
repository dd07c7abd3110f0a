/* text_bar.c - one row of a horizontal bar chart as text: full blocks
 * (U+2588) and one eighth block (U+258F..U+2589) for the remainder, or
 * '#' in ASCII.  Pure: the caller places the string. */
#include "daftar/text.h"
#include "daftar/util.h"

/* The eighth blocks ▏▎▍▌▋▊▉ by eighths 1..7. */
static const char *const eighths[8] = {
	"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"
};

/* value/max of units, rounded to the nearest; at least 1 when value > 0,
 * at most units. */
static long long scaled(long long value, long long max, long long units)
{
	long long n;

	if (units <= 0 || max <= 0 || value <= 0)
		return 0;
	if (value >= max)
		return units;
	n = (long long)((long double)value * units / max + 0.5L);
	return n < 1 ? 1 : n > units ? units : n;
}

long long text_bar_eighths(long long value, long long max, int cols)
{
	return scaled(value, max, cols > 0 ? (long long)cols * 8 : 0);
}

char *text_bar(long long value, long long max, int cols, int ascii)
{
	strbuf b = {0};
	long long n, i;

	if (ascii) {
		n = scaled(value, max, cols);
		for (i = 0; i < n; i++)
			sb_addc(&b, '#');
	} else {
		n = text_bar_eighths(value, max, cols);
		for (i = 0; i < n / 8; i++)
			sb_adds(&b, "\u2588");
		sb_adds(&b, eighths[n % 8]);
	}
	return sb_detach(&b);
}
