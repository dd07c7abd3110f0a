/* text_fold.c - the search key: one function for stored keys and queries.
 *
 * Two paths give the same result: a fast one for text made only of ASCII
 * and the basic Arabic block (names, the common case: no allocation but the
 * result), and the general one through libunistring (NFKC + case fold to
 * NFKD, marks and ignorables dropped, Arabic letter variants unified, digits
 * to ASCII, NFC).  A unit test and the fuzzer check they agree.
 */
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

/* The Arabic letter variants unified by search; 0 when c is not one. */
static uint32_t fold_arabic_variant(uint32_t c)
{
	switch (c) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671:
		return 0x0627;                  /* آ أ إ ٱ -> ا */
	case 0x0649: case 0x06cc: case 0x0626:
		return 0x064a;                  /* ى ی ئ -> ي */
	case 0x0629:
		return 0x0647;                  /* ة -> ه */
	case 0x0624:
		return 0x0648;                  /* ؤ -> و */
	case 0x06a9:
		return 0x0643;                  /* ک -> ك */
	default:
		return 0;
	}
}

/* U+00C0-U+00FF with a canonical decomposition: the base letter the
 * general path leaves once case and accents are gone; 0 for the others
 * (Æ Ð × Ø Þ ß æ ð ÷ ø þ: the general path knows). */
static const char fold_latin1[64] =
	"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"
	"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/* What the fast path does with c: a code point to append, 0 to drop it,
 * ' ' for a separator, or UINT32_MAX when only the general path knows. */
static uint32_t fold_fast_map(uint32_t c)
{
	uint32_t v;

	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return c + 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return c;
		return ' ';
	}
	if (c >= 0xc0 && c <= 0xff)             /* Latin-1 letters */
		return fold_latin1[c - 0xc0] ? (uint32_t)fold_latin1[c - 0xc0] :
		    UINT32_MAX;
	if (c < 0x0600 || c > 0x06ff)
		return UINT32_MAX;
	if ((v = fold_arabic_variant(c)) != 0)
		return v;
	if ((c >= 0x064b && c <= 0x065f) || c == 0x0670 || c == 0x0640)
		return 0;                       /* harakat, superscript alef, tatweel */
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06f0 && c <= 0x06f9)
		return '0' + (c - 0x06f0);
	if (c == 0x060c || c == 0x061b || c == 0x061f || c == 0x066a ||
	    c == 0x066b || c == 0x066c || c == 0x066d || c == 0x06d4)
		return ' ';                     /* Arabic punctuation */
	if ((c >= 0x0621 && c <= 0x063a) || (c >= 0x0641 && c <= 0x064a))
		return c;                       /* basic letters: NFKC-stable */
	return UINT32_MAX;
}

/* Append c to the key, collapsing separators into one space. */
static void fold_put(uint8_t **buf, size_t *len, size_t *cap, uint32_t c)
{
	if (c == ' ' && (*len == 0 || (*buf)[*len - 1] == ' '))
		return;
	text_put(buf, len, cap, c);
}

/* Finish a key: trim the trailing space, NUL-terminate. */
static char *fold_finish(uint8_t *buf, size_t len)
{
	if (len > 0 && buf[len - 1] == ' ')
		len--;
	buf[len] = '\0';
	return (char *)buf;
}

/* The fast path; NULL when s has a character it does not handle. */
static char *fold_fast(const uint8_t *s, size_t n)
{
	uint8_t *buf;
	size_t len = 0, cap = n + 8, i;
	uint32_t c, m;
	int k;

	buf = xmalloc(cap);
	for (i = 0; i < n; i += (size_t)k) {
		k = text_decode(s, n, i, &c);
		if (k < 0 || (m = fold_fast_map(c)) == UINT32_MAX) {
			free(buf);
			return NULL;
		}
		if (m != 0)
			fold_put(&buf, &len, &cap, m);
	}
	return fold_finish(buf, len);
}

/* The general path. */
static char *fold_general(const uint8_t *s, size_t n)
{
	uint8_t *nfkc = NULL, *cf = NULL, *buf = NULL, *nfc;
	size_t nlen = 0, cflen = 0, len = 0, cap, i, outlen = 0;
	uint32_t c, v;
	int k;
	char *res;

	nfkc = u8_normalize(UNINORM_NFKC, s, n, NULL, &nlen);
	if (nfkc != NULL)
		cf = u8_casefold(nfkc, nlen, NULL, UNINORM_NFKD, NULL, &cflen);
	if (cf == NULL) {               /* invalid input: keep ASCII only */
		cf = xmalloc(n + 1);
		for (i = 0; i < n; i++)
			if (s[i] < 0x80)
				cf[cflen++] = s[i];
	}
	cap = cflen + 8;
	buf = xmalloc(cap);
	for (i = 0; i < cflen; i += (size_t)k) {
		k = text_decode(cf, cflen, i, &c);
		if (k < 0) {
			k = 1;
			continue;
		}
		if ((v = fold_arabic_variant(c)) != 0)
			c = v;
		if (c == 0x0640 || uc_is_general_category(c, UC_NON_SPACING_MARK) ||
		    uc_is_general_category(c, UC_ENCLOSING_MARK) ||
		    uc_is_property_default_ignorable_code_point(c))
			continue;
		if (uc_decimal_value(c) >= 0)
			fold_put(&buf, &len, &cap, '0' + (uint32_t)uc_decimal_value(c));
		else if (uc_is_general_category(c, UC_LETTER) ||
		    uc_is_general_category(c, UC_NUMBER) ||
		    uc_is_general_category(c, UC_COMBINING_SPACING_MARK))
			fold_put(&buf, &len, &cap, c);
		else
			fold_put(&buf, &len, &cap, ' ');
	}
	free(nfkc);
	free(cf);
	res = fold_finish(buf, len);
	len = strlen(res);
	nfc = u8_normalize(UNINORM_NFC, (uint8_t *)res, len, NULL, &outlen);
	if (nfc == NULL)
		return res;
	free(res);
	res = xmalloc(outlen + 1);
	memcpy(res, nfc, outlen);
	res[outlen] = '\0';
	free(nfc);
	return res;
}

char *text_fold(const char *s)
{
	size_t n;
	char *r;

	if (s == NULL)
		return xstrdup("");
	n = strlen(s);
	r = fold_fast((const uint8_t *)s, n);
	return r != NULL ? r : fold_general((const uint8_t *)s, n);
}

/* For the tests and the fuzzer: the general path alone. */
char *text_fold_general(const char *s);
char *text_fold_general(const char *s)
{
	return fold_general((const uint8_t *)s, strlen(s));
}
