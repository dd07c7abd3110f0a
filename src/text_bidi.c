/* text_bidi.c - what a field looks like on a terminal that does no bidi:
 * one paragraph per field reordered with GNU FriBidi (marks kept after
 * their base), brackets mirrored, Arabic shaped to presentation forms
 * without the lam-alef ligature so every width stays the same. */
#include <stdlib.h>
#include <string.h>
#include <fribidi.h>
#include <unistr.h>

#include "daftar/text.h"
#include "daftar/util.h"
#include "text_int.h"

/* Does s hold a character that is strongly or weakly right-to-left? */
static int has_rtl(const uint32_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (FRIBIDI_IS_RTL(fribidi_get_bidi_type(u[i])) ||
		    FRIBIDI_IS_ARABIC(fribidi_get_bidi_type(u[i])))
			return 1;
	return 0;
}

enum text_dir text_direction(const char *s, enum text_dir dir)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t n = strlen((const char *)p), i;
	uint32_t c;
	int k;
	FriBidiCharType t;

	if (dir != DIR_AUTO)
		return dir;
	for (i = 0; i < n; i += (size_t)k) {
		if ((k = text_decode(p, n, i, &c)) < 0) {
			k = 1;
			continue;
		}
		t = fribidi_get_bidi_type(c);
		if (FRIBIDI_IS_LETTER(t) || FRIBIDI_IS_STRONG(t))
			return FRIBIDI_IS_RTL(t) ? DIR_RTL : DIR_LTR;
	}
	return DIR_LTR;
}

/* The reordering behind text_visual; shape = 0 leaves letters unshaped
 * (the tests compare code points before shaping). */
char *text_visual_ex(const char *s, enum text_dir dir, int shape, size_t **map);
char *text_visual_ex(const char *s, enum text_dir dir, int shape, size_t **map)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t n = strlen((const char *)p), len = 0, i, olen = 0;
	uint32_t *u = u8_to_u32(p, n, NULL, &len);
	FriBidiCharType *types = NULL;
	FriBidiBracketType *br = NULL;
	FriBidiLevel *lv = NULL;
	FriBidiArabicProp *ar = NULL;
	FriBidiStrIndex *vmap = NULL;
	FriBidiParType base;
	uint8_t *out;
	char *res;

	if (map != NULL)
		*map = NULL;
	if (u == NULL || len == 0 || (!has_rtl(u, len) && dir != DIR_RTL)) {
		free(u);
		if (map != NULL) {      /* identity */
			*map = xcalloc(len + 1, sizeof **map);
			for (i = 0; i < len; i++)
				(*map)[i] = i;
		}
		return xstrdup((const char *)p);
	}
	base = dir == DIR_RTL ? FRIBIDI_PAR_RTL : dir == DIR_LTR ?
	    FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
	types = xcalloc(len, sizeof *types);
	br = xcalloc(len, sizeof *br);
	lv = xcalloc(len, sizeof *lv);
	ar = xcalloc(len, sizeof *ar);
	vmap = xcalloc(len, sizeof *vmap);
	fribidi_get_bidi_types(u, (FriBidiStrIndex)len, types);
	fribidi_get_bracket_types(u, (FriBidiStrIndex)len, types, br);
	if (fribidi_get_par_embedding_levels_ex(types, br, (FriBidiStrIndex)len,
	    &base, lv) == 0)
		goto plain;
	fribidi_get_joining_types(u, (FriBidiStrIndex)len, ar);
	fribidi_join_arabic(types, (FriBidiStrIndex)len, lv, ar);
	fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING |
	    (shape ? FRIBIDI_FLAG_SHAPE_ARAB_PRES : 0), lv, (FriBidiStrIndex)len,
	    ar, u);
	for (i = 0; i < len; i++)
		vmap[i] = (FriBidiStrIndex)i;
	if (fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, types,
	    (FriBidiStrIndex)len, 0, base, lv, u, vmap) == 0)
		goto plain;
	if (map != NULL) {      /* vmap: visual -> logical; we hand out the inverse */
		*map = xcalloc(len + 1, sizeof **map);
		for (i = 0; i < len; i++)
			(*map)[vmap[i]] = i;
	}
	out = u32_to_u8(u, len, NULL, &olen);
	res = xmalloc(olen + 1);
	memcpy(res, out, olen);
	res[olen] = '\0';
	free(out);
	goto done;
plain:
	res = xstrdup((const char *)p);
done:
	free(u);
	free(types);
	free(br);
	free(lv);
	free(ar);
	free(vmap);
	return res;
}

char *text_visual(const char *s, enum text_dir dir, enum text_bidi_mode mode,
    size_t **map)
{
	if (mode == BIDI_TERMINAL) {
		size_t n = s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0, i;
		if (map != NULL) {
			*map = xcalloc(n + 1, sizeof **map);
			for (i = 0; i < n; i++)
				(*map)[i] = i;
		}
		return xstrdup(s ? s : "");
	}
	return text_visual_ex(s, dir, 1, map);
}
