/* test_text.c - the text layer's filter, sanitiser, width, fitting,
 * wrapping, folding and number/date vectors. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unistr.h>
#include <uniwidth.h>

#include "daftar/text.h"
#include "t.h"

char *text_fold_general(const char *s);

/* filter(in) must give want. */
static void check_filter(const char *in, int multiline, const char *want)
{
	char *out = NULL;

	if (text_filter(in, strlen(in), multiline, &out, NULL) != 0)
		t_fail(__FILE__, __LINE__, "filter refused \"%s\"", in);
	else
		CHECK_STR(out, want);
	free(out);
}

TEST(text_filter_vectors)
{
	check_filter("ab\x1b[31mcd", 0, "abcd");
	check_filter("x\x1b]0;title\x07y", 0, "xy");
	check_filter("a\tb", 0, "a b");
	check_filter("  محمد  ", 0, "محمد");
	check_filter("a\r\nb\rc", 1, "a\nb\nc");
	check_filter("a\r\nb", 0, "a b");
	check_filter("a\xe2\x80\xaeZ", 0, "aZ");                /* RLO */
	check_filter("\xe2\x81\xa6x\xe2\x81\xa9", 0, "x");      /* isolates */
	check_filter("a\xe2\x80\x8f" "b\xd8\x9c", 0, "ab");        /* RLM, ALM */
	check_filter("so\xc2\xad" "ft", 0, "soft");                /* soft hyphen */
	check_filter("\xd8\x80" "1", 0, "1");                   /* U+0600 */
	check_filter("a\xc2\x85" "b", 0, "ab");                 /* C1 NEL */
	check_filter("a\xef\xb7\x90" "b", 0, "ab");             /* U+FDD0 */
	check_filter("\xef\xbb\xbb", 0, "لا");                  /* U+FEFB */
	check_filter("\xef\xba\x91", 0, "ب");                   /* U+FE91 */
	check_filter("e\xcc\x81", 0, "\xc3\xa9");               /* NFC */
	check_filter("a\xe2\x80\x8d" "b\xe2\x80\x8c" "c", 0,
	    "a\xe2\x80\x8d" "b\xe2\x80\x8c" "c");               /* ZWJ, ZWNJ kept */
	check_filter("مُحَمَّد", 0, "مُحَمَّد");
}

TEST(text_filter_reports_bad_utf8_offset)
{
	char *out = (char *)1;
	size_t off = 0;

	CHECK_INT(text_filter("abc\xff" "def", 7, 0, &out, &off), -1);
	CHECK_INT(off, 3);
	CHECK(out == NULL);
	CHECK_INT(text_filter("\xd9", 1, 0, &out, &off), -1);     /* truncated */
	CHECK_INT(off, 0);
	CHECK_INT(text_filter("\xed\xa0\x80", 3, 0, &out, &off), -1); /* surrogate */
}

TEST(text_sanitize_shows_placeholders)
{
	char *s;

	s = text_sanitize("a\xe2\x80\xae" "b", 0);
	CHECK_STR(s, "a\xe2\x9f\xa8U+202E\xe2\x9f\xa9" "b");
	free(s);
	s = text_sanitize("x\x1b[2Jy\rz\x08", 0);
	CHECK(strchr(s, 0x1b) == NULL && strchr(s, '\r') == NULL &&
	    strchr(s, '\b') == NULL);
	CHECK(strstr(s, "U+001B") != NULL && strstr(s, "U+000D") != NULL);
	free(s);
	s = text_sanitize("a\xffz\xc2\x9b", 0);
	CHECK_STR(s, "a\xef\xbf\xbdz\xe2\x9f\xa8U+009B\xe2\x9f\xa9");
	free(s);
	s = text_sanitize("l1\nl2", 0);
	CHECK_STR(s, "l1 l2");
	free(s);
	s = text_sanitize("l1\nl2", 1);
	CHECK_STR(s, "l1\nl2");
	free(s);
	s = text_sanitize(NULL, 0);
	CHECK_STR(s, "");
	free(s);
}

struct fold_vec {
	const char *in;         /* typed or stored */
	const char *want;       /* its search key */
};

TEST(text_fold_vectors)
{
	static const struct fold_vec v[] = {
		{"أحمد", "احمد"}, {"فاطمة", "فاطمه"}, {"مصطفى", "مصطفي"},
		{"عــلــي", "علي"}, {"ﻻ", "لا"}, {"١٢٣٤", "1234"},
		{"Élodie LEFÈVRE", "elodie lefevre"}, {"مؤمن", "مومن"},
		{"هيئة", "هييه"}, {"مُحَمَّد", "محمد"}, {"إسعاد", "اسعاد"},
		{"آفاق التوجيه", "افاق التوجيه"}, {"۱۲۳", "123"},
		{"Fès-Meknès", "fes meknes"}, {"  OFPPT  ", "ofppt"},
		{"بنجرير، الرحامنة", "بنجرير الرحامنه"}, {"Zoé  Hélène", "zoe helene"},
		{"ٱلله", "الله"}, {"ی ک", "ي ك"}, {"", ""}, {"AB123456", "ab123456"},
	};
	size_t i;
	char *k, *g;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		k = text_fold(v[i].in);
		CHECK_STR(k, v[i].want);
		g = text_fold_general(v[i].in);
		CHECK_STR(g, v[i].want);        /* both paths agree */
		free(k);
		free(g);
	}
}

TEST(text_fold_is_idempotent_on_mixed_text)
{
	static const char *in[] = {
		"Jamal EL HABTI جمال الهبطي", "لبنى اطريشا Loubna", "Œuvre ßtraße",
		"غرفة الصناعة التقليدية لجهة فاس – مكناس", "ﷺ", "x\xe2\x80\x8by",
	};
	size_t i;
	char *a, *b;

	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		a = text_fold(in[i]);
		b = text_fold(a);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
}

TEST(text_width_and_clusters_of_muhammad)
{
	size_t *st, n;

	CHECK_INT(text_width("مُحَمَّد"), 4);
	n = text_clusters("مُحَمَّد", &st);
	CHECK_INT(n, 4);
	CHECK_INT(st[1], 4);            /* م + damma */
	CHECK_INT(st[2], 8);            /* ح + fatha */
	free(st);
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("日本"), 4);
	CHECK_INT(text_width(""), 0);
}

TEST(text_fit_exact_width_never_splits_clusters)
{
	static const char *in[] = {
		"مُحَمَّد بن عبد الله Élodie LEFÈVRE", "ab", "日本語のテキスト abc",
		"فاطِمَة الزَّهْراء — Fès", "e\xcc\x81\xcc\x81\xcc\x81x", "",
		"كتابة الدولة المكلفة بالصناعة التقليدية والاقتصاد الاجتماعي",
	};
	size_t i, j, *fst, nf;
	int cols;
	char *f;

	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		for (cols = 1; cols <= 40; cols++) {
			f = text_fit(in[i], cols, cols % 2 ? TEXT_LEFT : TEXT_RIGHT);
			if (text_width(f) != cols)
				t_fail(__FILE__, __LINE__, "fit(\"%s\", %d) is %d wide",
				    in[i], cols, text_width(f));
			/* every cluster boundary of the result is one of the input
			 * (or of the padding/ellipsis around it) */
			nf = text_clusters(f, &fst);
			for (j = 0; j < nf; j++) {
				const char *c = f + fst[j];
				size_t len = fst[j + 1] - fst[j];
				char *cl = strndup(c, len);
				if (len > 1 && strstr(in[i], cl) == NULL &&
				    strcmp(cl, "\xe2\x80\xa6") != 0)
					t_fail(__FILE__, __LINE__,
					    "fit(%s,%d) made a new cluster", in[i], cols);
				free(cl);
			}
			free(fst);
			free(f);
		}
	}
	f = text_fit("abcdef", 4, TEXT_LEFT);
	CHECK_STR(f, "abc\xe2\x80\xa6");
	free(f);
	f = text_fit("ab", 4, TEXT_RIGHT);
	CHECK_STR(f, "  ab");
	free(f);
	f = text_fit("日本語", 4, TEXT_LEFT);   /* wide char cannot straddle */
	CHECK_STR(f, "日\xe2\x80\xa6 ");
	free(f);
	f = text_fit("x", 0, TEXT_LEFT);
	CHECK_STR(f, "");
	free(f);
}

TEST(text_wrap_fits_lines)
{
	char **l;
	size_t n, i;
	const char *s = "وتهدف هذه الاتفاقية إلى تحديد الشروط والقواعد المنظمة "
	    "للشراكة بين الأطراف المتعاقدة averyveryverylongwordwithoutbreaks";

	n = text_wrap(s, 20, &l);
	CHECK(n >= 5);
	for (i = 0; i < n; i++)
		if (text_width(l[i]) > 20)
			t_fail(__FILE__, __LINE__, "line %zu is %d wide", i,
			    text_width(l[i]));
	text_lines_free(l, n);
	n = text_wrap("one\ntwo three", 40, &l);
	CHECK_INT(n, 2);
	CHECK_STR(l[0], "one");
	CHECK_STR(l[1], "two three");
	text_lines_free(l, n);
}

/* A lone mark (width 0) at the start of an over-long word must not glue
 * itself to the next, wide cluster: found by fuzz_text. U+102E, then
 * E + U+302E (3 columns), at 1 column: the mark and the wide cluster go on
 * lines of their own. */
TEST(text_wrap_lone_mark_not_glued)
{
	char **l;
	size_t n, i, *st, nc;

	n = text_wrap("\xe1\x80\xae" "E\xe3\x80\xae" "E", 1, &l);
	CHECK(n >= 3);
	for (i = 0; i < n; i++) {
		nc = text_clusters(l[i], &st);
		free(st);
		if (text_width(l[i]) > 1 && nc > 1)
			t_fail(__FILE__, __LINE__, "line %zu: %d columns, "
			    "%zu clusters", i, text_width(l[i]), nc);
	}
	CHECK_STR(l[n - 1], "E");
	text_lines_free(l, n);
}

/* Every code point the filter lets through has the same width in
 * libunistring and in glibc's wcwidth (which ncurses uses). */
TEST(text_width_agrees_with_wcwidth)
{
	uint32_t c;
	uint8_t buf[8];
	char *out;
	int len, mismatches = 0, ww, uw;

	for (c = 0x20; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		len = u8_uctomb(buf, c, sizeof buf);
		buf[len] = 0;
		if (text_filter((char *)buf, (size_t)len, 0, &out, NULL) != 0)
			continue;
		if (strcmp(out, (char *)buf) == 0 || (len == (int)strlen(out) &&
		    memcmp(out, buf, (size_t)len) == 0)) {
			ww = wcwidth((wchar_t)c);
			uw = text_width((char *)buf);
			if (ww != uw && mismatches++ < 5)
				t_fail(__FILE__, __LINE__,
				    "U+%04X: wcwidth %d, text_width %d", c, ww, uw);
		}
		free(out);
	}
	CHECK_INT(mismatches, 0);
}

TEST(text_parse_int_vectors)
{
	long long v;

	CHECK(text_parse_int("١٢٣", &v) == 0 && v == 123);
	CHECK(text_parse_int("۴۵", &v) == 0 && v == 45);
	CHECK(text_parse_int(" -42 ", &v) == 0 && v == -42);
	CHECK(text_parse_int("1,250,000", &v) == 0 && v == 1250000);
	CHECK(text_parse_int("١٬٢٥٠", &v) == 0 && v == 1250);
	CHECK(text_parse_int("1 250", &v) == 0 && v == 1250);
	CHECK(text_parse_int("1,5", &v) == -1);
	CHECK(text_parse_int("12a", &v) == -1);
	CHECK(text_parse_int("", &v) == -1);
	CHECK(text_parse_int("99999999999999999999", &v) == -1);
}

TEST(text_parse_date_vectors)
{
	int y, m, d;

	CHECK(text_parse_date("2025-09-22", &y, &m, &d) == 0 && y == 2025 &&
	    m == 9 && d == 22);
	CHECK(text_parse_date("22/09/2025", &y, &m, &d) == 0 && d == 22 && m == 9);
	CHECK(text_parse_date("22-09-2025", &y, &m, &d) == 0 && y == 2025);
	CHECK(text_parse_date("22092025", &y, &m, &d) == 0 && d == 22 && m == 9);
	CHECK(text_parse_date("٢٢/٠٩/٢٠٢٥", &y, &m, &d) == 0 && y == 2025);
	CHECK(text_parse_date("17.2.2021", &y, &m, &d) == 0 && m == 2 && d == 17);
	CHECK(text_parse_date("29/02/2024", &y, &m, &d) == 0);
	CHECK(text_parse_date("29/02/2025", &y, &m, &d) == -1);
	CHECK(text_parse_date("31/04/2025", &y, &m, &d) == -1);
	CHECK(text_parse_date("22/09/25", &y, &m, &d) == -1);
	CHECK(text_parse_date("2025-13-01", &y, &m, &d) == -1);
	CHECK(text_parse_date("hier", &y, &m, &d) == -1);
}

TEST(text_format_date_styles)
{
	char b[64];

	text_format_date(2025, 9, 22, DATE_DMY, b, sizeof b);
	CHECK_STR(b, "22/09/2025");
	text_format_date(2025, 9, 22, DATE_ISO, b, sizeof b);
	CHECK_STR(b, "2025-09-22");
	text_format_date(2025, 9, 22, DATE_LONG_AR, b, sizeof b);
	CHECK_STR(b, "22 شتنبر 2025");
	text_format_date(2021, 2, 17, DATE_LONG_FR, b, sizeof b);
	CHECK_STR(b, "17 février 2021");
	CHECK_STR(text_month_name(8, 0), "غشت");
	CHECK_STR(text_month_name(12, 0), "دجنبر");
}
