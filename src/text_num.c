/* text_num.c - numbers and dates as Arabic and French keyboards type them,
 * and dates as Moroccans read them. */
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <unictype.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

/* Copy s into buf with every decimal digit of any script made ASCII and
 * the group separators U+060C, U+066C, U+00A0, U+202F made ',' / ' '.
 * Returns -1 when s is invalid UTF-8 or too long. */
static int num_normalise(const char *s, char *buf, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s), i, o = 0;
	uint32_t c;
	int k, d;

	for (i = 0; i < len; i += (size_t)k) {
		if ((k = text_decode(p, len, i, &c)) < 0 || o + 2 > n)
			return -1;
		if (c < 0x80)
			buf[o++] = (char)c;
		else if ((d = uc_decimal_value(c)) >= 0)
			buf[o++] = (char)('0' + d);
		else if (c == 0x060c || c == 0x066c)
			buf[o++] = ',';
		else if (c == 0x00a0 || c == 0x202f || c == 0x2009)
			buf[o++] = ' ';
		else
			buf[o++] = '?';         /* anything else makes it bad */
	}
	buf[o] = '\0';
	return 0;
}

/* Trim spaces in place; returns the start. */
static char *trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return s;
}

int text_parse_int(const char *s, long long *out)
{
	char buf[128], *p;
	long long v = 0;
	int neg = 0, group = -1, digits = 0;

	if (s == NULL || num_normalise(s, buf, sizeof buf) != 0)
		return -1;
	p = trim(buf);
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (v > (LLONG_MAX - (*p - '0')) / 10)
				return -1;
			v = v * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if ((*p == ',' || *p == ' ') && digits > 0 &&
		    (group < 0 ? digits <= 3 : group == 3) &&
		    p[1] >= '0' && p[1] <= '9') {
			group = 0;      /* thousands separator: groups of 3 */
		} else
			return -1;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : dm[m - 1];
}

/* Read exactly n..m digits at *p into *v, advancing *p. */
static int digits(const char **p, int n, int m, int *v)
{
	int k = 0;

	*v = 0;
	while (k < m && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k >= n ? 0 : -1;
}

/* Drop a time of day that is midnight from the end of a date as other
 * programs write it: " 00:00", " 00:00:00", "T00:00:00", ".000" or "Z"
 * after the seconds. */
static void cut_zero_time(char *s)
{
	char *t = strpbrk(s, " T");
	size_t n;

	if (t == NULL || t == s)
		return;
	n = strspn(t + 1, "0");
	if (n != 2 || t[3] != ':' || strspn(t + 4, "0") != 2)
		return;
	if (t[6] == '\0' || (t[6] == ':' && strspn(t + 7, "0") == 2 &&
	    strspn(t + 9, ".0Z") == strlen(t + 9)))
		*t = '\0';
}

int text_parse_date(const char *s, int *y, int *m, int *d)
{
	char buf[64];
	const char *p;
	int a, b, c, ok = -1;

	if (s == NULL || num_normalise(s, buf, sizeof buf) != 0)
		return -1;
	p = trim(buf);
	cut_zero_time(buf + (p - buf)); /* 2004-09-22 00:00:00 is that date */
	if (strlen(p) == 8 && strspn(p, "0123456789") == 8) {       /* 22092025 */
		digits(&p, 2, 2, &a);
		digits(&p, 2, 2, &b);
		digits(&p, 4, 4, &c);
		*d = a, *m = b, *y = c;
		ok = 0;
	} else if (strspn(p, "0123456789") == 4) {             /* 2025-09-22 */
		char sep;
		if (digits(&p, 4, 4, &c) == 0 && (*p == '-' || *p == '/')) {
			sep = *p++;
			if (digits(&p, 1, 2, &b) == 0 && *p++ == sep &&
			    digits(&p, 1, 2, &a) == 0 && *p == '\0') {
				*y = c, *m = b, *d = a;
				ok = 0;
			}
		}
	} else if (digits(&p, 1, 2, &a) == 0 && strchr("/-.", *p) && *p) {
		char sep = *p++;                        /* 22/09/2025 */
		if (digits(&p, 1, 2, &b) == 0 && *p++ == sep &&
		    digits(&p, 4, 4, &c) == 0 && *p == '\0') {
			*d = a, *m = b, *y = c;
			ok = 0;
		}
	}
	if (ok != 0 || *y < 1000 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > days_in(*y, *m))
		return -1;
	return 0;
}

static const char *const months_ar[12] = {
	"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
	"يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"
};
static const char *const months_fr[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"
};

const char *text_month_name(int m, int lang)
{
	if (m < 1 || m > 12)
		return "?";
	return lang == 0 ? months_ar[m - 1] : months_fr[m - 1];
}

void text_format_date(int y, int m, int d, enum text_date_style style,
    char *buf, size_t n)
{
	switch (style) {
	case DATE_ISO:
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
		break;
	case DATE_LONG_AR:
		snprintf(buf, n, "%d %s %d", d, text_month_name(m, 0), y);
		break;
	case DATE_LONG_FR:
		snprintf(buf, n, "%d %s %d", d, text_month_name(m, 1), y);
		break;
	default:
		snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
		break;
	}
}
