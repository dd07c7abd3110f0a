/* text_scan.c - finding the controls the storage filter would remove
 * silently but that a person should see: escape sequences, other control
 * characters and bidi overrides (Trojan-Source style spoofing).  Uses the
 * filter's own classification so the two never disagree. */
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
