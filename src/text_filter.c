/* text_filter.c - the storage filter (what may enter the database) and
 * the display sanitiser (what may reach the terminal). */
#include <string.h>
#include <uninorm.h>
#include <unistr.h>
#include <unictype.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

enum text_class text_classify(uint32_t c)
{
	if (c == '\t')
		return TC_SPACE;
	if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
		return TC_NEWLINE;
	if (c == 0x1b || c == 0x9b)
		return TC_ESCAPE;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return TC_DROP;                         /* C0, DEL, C1 */
	if (c < 0xa0)
		return TC_KEEP;
	if (c == 0x00ad || c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    (c >= 0x0600 && c <= 0x0605) || c == 0x06dd || c == 0x08e2 ||
	    c == 0xfeff)
		return TC_DROP;                         /* format, bidi, BOM */
	/* fast paths for the letters of most names: Latin-1 and Latin
	 * Extended-A/B, Arabic letters and digits (all assigned, none a
	 * format character; U+00AD and U+0600-0605 are dropped above) */
	if (c <= 0x24f || (c >= 0x0621 && c <= 0x064a) ||
	    (c >= 0x0660 && c <= 0x0669))
		return TC_KEEP;
	if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return TC_DROP;                         /* noncharacters */
	if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe))
		return TC_COMPAT;                       /* presentation forms */
	if (c == 0x200c || c == 0x200d)
		return TC_KEEP;                         /* ZWNJ, ZWJ */
	/* other format characters, and code points Unicode has not assigned
	 * (terminals and wcwidth disagree on their width) */
	if (uc_is_general_category(c, UC_FORMAT) ||
	    uc_is_general_category(c, UC_UNASSIGNED) ||
	    uc_is_general_category(c, UC_SURROGATE))
		return TC_DROP;
	return TC_KEEP;
}

int text_decode(const uint8_t *s, size_t n, size_t i, uint32_t *c)
{
	ucs4_t uc;
	int len;

	if (s[i] < 0x80) {
		*c = s[i];
		return 1;
	}
	len = u8_mbtoucr(&uc, s + i, n - i);
	if (len <= 0)
		return -1;
	*c = uc;
	return len;
}

void text_put(uint8_t **buf, size_t *len, size_t *cap, uint32_t c)
{
	if (*len + 6 >= *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*buf = xrealloc(*buf, *cap);
	}
	if (c < 0x80)
		(*buf)[(*len)++] = (uint8_t)c;
	else
		*len += (size_t)u8_uctomb(*buf + *len, c, 6);
}

size_t text_escape_len(const uint8_t *s, size_t n, size_t i)
{
	size_t j;
	int csi = s[i] == 0xc2;         /* U+009B is C2 9B in UTF-8 */

	j = i + (csi ? 2 : 1);
	if (!csi && j < n && s[j] == '[') {
		csi = 1;
		j++;
	}
	if (csi) {      /* parameters 0x30-0x3F, intermediates 0x20-0x2F, final */
		while (j < n && s[j] >= 0x20 && s[j] <= 0x3f)
			j++;
		if (j < n && s[j] >= 0x40 && s[j] <= 0x7e)
			j++;
		return j - i;
	}
	if (j < n && strchr("]PX^_", s[j]) != NULL && s[j] != '\0') {
		/* a string: up to BEL or ST (ESC \) */
		for (j++; j < n; j++) {
			if (s[j] == 0x07)
				return j + 1 - i;
			if (s[j] == 0x1b && j + 1 < n && s[j + 1] == '\\')
				return j + 2 - i;
		}
		return n - i;
	}
	if (j < n && s[j] >= 0x20 && s[j] < 0x7f)
		j++;            /* a two-character escape such as ESC c */
	return j - i;
}

/* Append the NFKC form of a presentation-form code point. */
static void put_compat(uint8_t **buf, size_t *len, size_t *cap, uint32_t c)
{
	uint32_t tmp[32], *res;
	size_t rlen = 32, k;

	res = u32_normalize(UNINORM_NFKC, &c, 1, tmp, &rlen);
	if (res == NULL)
		return;
	for (k = 0; k < rlen; k++)
		if (text_classify(res[k]) == TC_KEEP)
			text_put(buf, len, cap, res[k]);
	if (res != tmp)
		free(res);
}

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\n';
}

int text_filter(const char *in, size_t len, int multiline, char **out,
    size_t *bad_offset)
{
	const uint8_t *s = (const uint8_t *)in;
	uint8_t *buf = NULL, *nfc;
	size_t blen = 0, cap = 0, i = 0, start, end, nlen;
	uint32_t c = 0;
	int k, ascii = 1, stable = 1;

	*out = NULL;
	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f)
			ascii = 0;
	if (!ascii) {
		const uint8_t *bad = u8_check(s, len);
		if (bad != NULL) {
			if (bad_offset != NULL)
				*bad_offset = (size_t)(bad - s);
			return -1;
		}
	}
	cap = len + 1;
	buf = xmalloc(cap);
	if (ascii) {
		memcpy(buf, s, len);
		blen = len;
	} else {
		for (i = 0; i < len; i += (size_t)k) {
			k = text_decode(s, len, i, &c);
			/* NFC cannot change text made only of Latin-1/Latin
			 * Extended and Arabic letters with no combining mark */
			if (c >= 0x300 && !(c >= 0x600 && c <= 0x6ff &&
			    uc_combining_class(c) == 0))
				stable = 0;
			switch (text_classify(c)) {
			case TC_KEEP:
				text_put(&buf, &blen, &cap, c);
				break;
			case TC_SPACE:
				text_put(&buf, &blen, &cap, ' ');
				break;
			case TC_NEWLINE:
				if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
					break;  /* CRLF: the LF makes the break */
				text_put(&buf, &blen, &cap, multiline ? '\n' : ' ');
				break;
			case TC_COMPAT:
				put_compat(&buf, &blen, &cap, c);
				break;
			case TC_ESCAPE:
				k = (int)text_escape_len(s, len, i);
				break;
			case TC_DROP:
				break;
			}
		}
		nlen = 0;
		nfc = stable ? NULL :
		    u8_normalize(UNINORM_NFC, buf, blen, NULL, &nlen);
		if (nfc != NULL) {
			free(buf);
			buf = xrealloc(nfc, nlen + 1);
			blen = nlen;
		}
	}
	start = 0;
	end = blen;
	while (start < end && is_space(buf[start]))
		start++;
	while (end > start && is_space(buf[end - 1]))
		end--;
	memmove(buf, buf + start, end - start);
	buf[end - start] = '\0';
	*out = (char *)buf;
	return 0;
}

/* Append "⟨U+XXXX⟩", the visible stand-in for a character that must not
 * reach the terminal. */
static void put_placeholder(strbuf *b, uint32_t c)
{
	sb_addf(b, "\xe2\x9f\xa8U+%04X\xe2\x9f\xa9", (unsigned)c);
}

char *text_sanitize(const char *in, int multiline)
{
	const uint8_t *s = (const uint8_t *)(in ? in : "");
	size_t n = strlen((const char *)s), i;
	strbuf b = {0};
	uint32_t c;
	int k, at_start = 1;

	sb_add(&b, "", 0);
	for (i = 0; i < n; i += (size_t)k) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {      /* printable ASCII */
			sb_addc(&b, (char)s[i]);
			k = 1;
			at_start = 0;
			continue;
		}
		k = text_decode(s, n, i, &c);
		if (k < 0) {
			sb_adds(&b, "\xef\xbf\xbd");    /* U+FFFD */
			k = 1;
			at_start = 0;
			continue;
		}
		switch (text_classify(c)) {
		case TC_SPACE:
			sb_addc(&b, ' ');
			break;
		case TC_NEWLINE:
			if (c == '\n')
				sb_addc(&b, multiline ? '\n' : ' ');
			else
				put_placeholder(&b, c);
			break;
		case TC_KEEP:
		case TC_COMPAT:
			/* a mark with no base would join whatever cell precedes
			 * the string on screen: give it a dotted circle */
			if (at_start && uc_is_general_category(c, UC_MARK))
				sb_adds(&b, "\xe2\x97\x8c");
			sb_add(&b, (const char *)s + i, (size_t)k);
			break;
		default:
			put_placeholder(&b, c);
			break;
		}
		at_start = 0;
	}
	return sb_detach(&b);
}
