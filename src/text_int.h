/* text_int.h - helpers shared by the text layer's files (private). */
#ifndef DAFTAR_TEXT_INT_H
#define DAFTAR_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

/* What the storage filter does with a code point. */
enum text_class {
	TC_KEEP,        /* keep as is */
	TC_DROP,        /* remove (format/bidi controls, C0/C1, nonchars) */
	TC_SPACE,       /* becomes a space (TAB; line breaks in one-line text) */
	TC_NEWLINE,     /* a line break (LF, CR, U+2028/2029) */
	TC_COMPAT,      /* Arabic presentation form: replace by NFKC */
	TC_ESCAPE       /* ESC or C1 CSI: starts an escape sequence to skip */
};

enum text_class text_classify(uint32_t c);

/* Decode one code point at s[i] (n bytes); returns its length, or -1 when
 * the bytes there are not valid UTF-8.  *c gets the code point. */
int text_decode(const uint8_t *s, size_t n, size_t i, uint32_t *c);

/* Append code point c to a malloc'd buffer (grows *cap). */
void text_put(uint8_t **buf, size_t *len, size_t *cap, uint32_t c);

/* Length of the escape sequence starting at s[i] (ESC or U+009B), so the
 * filter can skip it whole: CSI, OSC/DCS/APC/PM/SOS strings, two-byte
 * escapes. */
size_t text_escape_len(const uint8_t *s, size_t n, size_t i);

#endif
