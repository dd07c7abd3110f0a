/* text_scan.c - finding the controls the storage filter would remove
 * silently but that a person should see: escape sequences, other control
 * characters and bidi overrides (Trojan-Source style spoofing).  Uses the
 * filter's own classification so the two never disagree.  And telling a
 * file that is not UTF-8 at all from one with a few bad bytes. */
#include "daftar/text.h"
#include "text_int.h"

enum text_hidden_kind text_hidden(const char *s, size_t n, uint32_t *cp,
    size_t *chars)
{
	const uint8_t *u = (const uint8_t *)s;
	enum text_hidden_kind kind = TEXT_HIDDEN_NONE;
	size_t i, count = 0;
	uint32_t c = 0;
	int k;

	for (i = 0; i < n && kind == TEXT_HIDDEN_NONE; i += (size_t)k, count++) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {     /* printable ASCII */
			k = 1;
			continue;
		}
		if ((k = text_decode(u, n, i, &c)) < 0)
			break;          /* not UTF-8: the filter reports that */
		switch (text_classify(c)) {
		case TC_ESCAPE:
			kind = TEXT_HIDDEN_ESCAPE;
			break;
		case TC_DROP:
			if (c < 0xa0)
				kind = TEXT_HIDDEN_CONTROL;
			else if ((c >= 0x202a && c <= 0x202e) ||
			    (c >= 0x2066 && c <= 0x2069))
				kind = TEXT_HIDDEN_BIDI;
			break;
		default:
			break;
		}
	}
	if (kind != TEXT_HIDDEN_NONE) {
		if (cp != NULL)
			*cp = c;
		if (chars != NULL)
			*chars = count - 1;
	}
	return kind;
}

#define ENC_MIN_BAD 3           /* bad sequences before a file is "legacy" */

enum text_encoding text_encoding(const char *s, size_t n, size_t *first_bad)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i, nul = 0, good = 0, bad = 0, first = 0;
	uint32_t c;
	int k;

	if (n >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff)))
		return TEXT_ENC_UTF16;
	for (i = 0; i < n; i++)
		nul += u[i] == 0;
	if (n >= 4 && nul >= n / 4)     /* ASCII as UTF-16 is half NULs */
		return TEXT_ENC_UTF16;
	for (i = 0; i < n; i += (size_t)k) {
		if (u[i] < 0x80) {
			k = 1;
			continue;
		}
		if ((k = text_decode(u, n, i, &c)) > 0) {
			good++;
			continue;
		}
		if (n - i < 4)          /* maybe a sequence the sample cut */
			break;
		if (bad++ == 0)
			first = i;
		k = 1;
	}
	/* Arabic or French in Windows-1256/-1252 hardly ever forms valid
	 * UTF-8, while a UTF-8 file with a damaged field is mostly good */
	if (bad >= ENC_MIN_BAD && bad > good) {
		if (first_bad != NULL)
			*first_bad = first;
		return TEXT_ENC_LEGACY;
	}
	return TEXT_ENC_UTF8;
}
