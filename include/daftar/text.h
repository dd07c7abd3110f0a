/* text.h - the pure text layer: filtering, sanitising, width, fitting,
 * wrapping, search folding, number and date parsing, bidi display and the
 * edit buffer.  Built on GNU libunistring and GNU FriBidi.  No curses, no
 * SQLite, no I/O.  Every returned string is malloc'd UTF-8 owned by the
 * caller unless said otherwise.
 */
#ifndef DAFTAR_TEXT_H
#define DAFTAR_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* ---- input filter (text_filter.c) ---------------------------------- */

/* Turn untrusted bytes into the storage form: valid UTF-8, NFC, Arabic
 * presentation forms folded to base letters, without C0 (TAB -> space;
 * CR/LF kept as LF only when multiline), DEL, C1, U+2028/2029, bidi
 * embedding/override/isolate controls, LRM/RLM/ALM, U+0600-0605, U+06DD,
 * U+08E2, U+00AD, noncharacters.  ZWJ/ZWNJ are kept.  Leading and trailing
 * white space is trimmed.
 * Returns 0 and sets *out, or -1 when the input is not valid UTF-8, with
 * *bad_offset (if not NULL) set to the offset of the first bad byte. */
int text_filter(const char *in, size_t len, int multiline, char **out,
    size_t *bad_offset);

/* ---- display sanitiser (text_filter.c) ------------------------------ */

/* Make any bytes safe to hand to the terminal: invalid UTF-8 -> U+FFFD;
 * C0/C1/DEL/ESC -> U+FFFD... shown as a visible placeholder "⟨U+XXXX⟩" for
 * controls and format characters the filter would have removed (bidi
 * controls, CR, BS, ESC, U+2028...).  LF becomes a space unless multiline.
 * Never returns NULL (NULL in gives ""). */
char *text_sanitize(const char *in, int multiline);

/* ---- width, fitting, wrapping (text_width.c) ----------------------- */

/* Columns the (sanitised) string takes on a terminal, from libunistring. */
int text_width(const char *s);

enum text_align { TEXT_LEFT, TEXT_RIGHT };

/* Exactly cols columns: truncated at a grapheme-cluster boundary with "…"
 * when too wide, padded with spaces on the right (TEXT_LEFT) or left
 * (TEXT_RIGHT) when too narrow.  A wide character that would straddle the
 * limit is replaced by padding.  cols <= 0 gives "". */
char *text_fit(const char *s, int cols, enum text_align align);

/* Wrap into lines of at most cols columns at allowed break points
 * (u8_width_linebreaks), LF forcing a break; a word longer than cols is cut
 * at cluster boundaries.  Returns the number of lines; *lines is a malloc'd
 * array of malloc'd strings (free with text_lines_free). */
size_t text_wrap(const char *s, int cols, char ***lines);
void text_lines_free(char **lines, size_t n);

/* Byte offsets of grapheme-cluster starts in s (u8_grapheme_breaks over the
 * whole string), plus a final entry == strlen(s).  Returns the count of
 * clusters; *starts is malloc'd with count+1 entries. */
size_t text_clusters(const char *s, size_t **starts);

/* ---- bar charts (text_bar.c) --------------------------------------- */

/* One bar of a horizontal bar chart: value on a scale where max fills
 * cols columns.  Full blocks U+2588 then one eighth block (▏▎▍▌▋▊▉) for
 * the remainder, rounded to the nearest eighth; with ascii, '#' per
 * column rounded to the nearest column.  A value > 0 always shows (at
 * least one eighth or one '#'); value <= 0, max <= 0 or cols <= 0 give "".
 * Values above max are drawn as max.  The result is at most cols columns
 * wide, without padding. */
char *text_bar(long long value, long long max, int cols, int ascii);
/* The length of that bar in eighths of a column (0 .. cols * 8). */
long long text_bar_eighths(long long value, long long max, int cols);

/* ---- search folding (text_fold.c) ----------------------------------- */

/* The search key of s, for stored keys and queries alike: NFKC + case
 * fold; drop nonspacing marks (harakat), tatweel, default-ignorables;
 * أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ی -> ي, ک -> ك, ؤ -> و, ئ -> ي;
 * Arabic-Indic digits -> ASCII; accents removed; runs of white space and
 * punctuation -> one space; trimmed. */
char *text_fold(const char *s);

/* ---- numbers and dates (text_num.c) --------------------------------- */

/* Parse an integer; accepts ASCII, Arabic-Indic (U+0660-0669) and Eastern
 * Arabic-Indic (U+06F0-06F9) digits, a leading '-', and thousands
 * separators ',' '،' U+066C and spaces between digit groups.  0 ok, -1 bad. */
int text_parse_int(const char *s, long long *out);

/* Parse a date typed as 2025-09-22, 22/09/2025, 22-09-2025, 22.09.2025,
 * 22092025 (any digit script); checks the calendar (leap years).
 * 0 ok, -1 bad.  A two-digit year is refused. */
int text_parse_date(const char *s, int *y, int *m, int *d);

enum text_date_style {
	DATE_DMY,       /* 22/09/2025 (default) */
	DATE_ISO,       /* 2025-09-22 */
	DATE_LONG_AR,   /* 22 شتنبر 2025 */
	DATE_LONG_FR    /* 22 septembre 2025 */
};
/* Format a date; buf gets at most n bytes. */
void text_format_date(int y, int m, int d, enum text_date_style style,
    char *buf, size_t n);
/* Moroccan month names: lang 0 = Arabic (يناير ... دجنبر), 1 = French. */
const char *text_month_name(int m, int lang);

/* ---- bidi display (text_bidi.c) ------------------------------------ */

enum text_bidi_mode {
	BIDI_APP,       /* we reorder and shape; terminal in explicit mode */
	BIDI_TERMINAL   /* logical order out; the terminal reorders/shapes */
};
/* Base direction of a field or cell. */
enum text_dir { DIR_AUTO = -1, DIR_LTR = 0, DIR_RTL = 1 };

/* The string as it must be written to the terminal, left to right, in the
 * given mode.  BIDI_APP: one paragraph, FriBidi reordering with
 * REORDER_NSM, Arabic shaped to presentation forms without the lam-alef
 * ligature (width unchanged).  BIDI_TERMINAL: a copy of s.  If map is not
 * NULL it receives a malloc'd array, one entry per code point of s, giving
 * the visual code-point index of that logical code point. */
char *text_visual(const char *s, enum text_dir dir, enum text_bidi_mode mode,
    size_t **map);

/* Resolved direction: DIR_AUTO resolves from the first strong character
 * (LTR when there is none). */
enum text_dir text_direction(const char *s, enum text_dir dir);

/* ---- edit buffer (text_edit.c) ---------------------------------------- */

/* A one-field edit buffer.  The cursor is a byte offset into s, always on
 * a grapheme-cluster boundary.  Text inserted is filtered as typed text is
 * (controls dropped); a combining mark typed after a letter joins its
 * cluster. */
typedef struct text_edit {
	char *s;                /* UTF-8 contents, NUL-terminated */
	size_t len;             /* bytes used */
	size_t cap;             /* bytes allocated */
	size_t cur;             /* cursor byte offset, on a cluster boundary */
	int multiline;          /* LF allowed (long-text fields) */
	size_t maxchars;        /* limit in clusters, 0 = none */
} text_edit;

void text_edit_init(text_edit *e, const char *initial, int multiline);
void text_edit_free(text_edit *e);
void text_edit_set(text_edit *e, const char *s);   /* replace, cursor at end */
/* Insert UTF-8 (e.g. one typed character) at the cursor.  Returns 0, or -1
 * when nothing could be inserted (limit reached, only controls). */
int text_edit_insert(text_edit *e, const char *utf8);
int text_edit_delete_back(text_edit *e);    /* remove cluster before cursor */
int text_edit_delete_fwd(text_edit *e);     /* remove cluster at cursor */
int text_edit_left(text_edit *e);           /* logical: previous cluster */
int text_edit_right(text_edit *e);          /* logical: next cluster */
int text_edit_word_left(text_edit *e);
int text_edit_word_right(text_edit *e);
void text_edit_home(text_edit *e);
void text_edit_end(text_edit *e);
int text_edit_kill_end(text_edit *e);       /* Ctrl-K */
int text_edit_kill_start(text_edit *e);     /* Ctrl-U */
/* Returns 1 when the move happened, 0 at the edge; the delete/kill calls
 * return 1 when something was removed. */

/* Move for an arrow key pressed on screen: in an RTL field (resolved) the
 * Left arrow goes to the next logical cluster and Right to the previous;
 * in LTR the other way round.  key_left: 1 for Left, 0 for Right. */
int text_edit_arrow(text_edit *e, int key_left, enum text_dir dir);

/* Screen column (0-based, from the left edge of the whole visual line, i.e.
 * before any horizontal scrolling by the caller) where the terminal cursor
 * goes.  In BIDI_APP mode the column comes from the FriBidi position map; in
 * BIDI_TERMINAL mode it is the logical width before the cursor.  At the
 * end of RTL text in BIDI_APP mode it is one left of the text's leftmost
 * cell, so it can be -1: the caller places or clamps it. */
int text_edit_cursor_col(const text_edit *e, enum text_dir dir,
    enum text_bidi_mode mode);

/* ---- hidden controls (text_scan.c) --------------------------------- */

/* What text_hidden found. */
enum text_hidden_kind {
	TEXT_HIDDEN_NONE = 0,
	TEXT_HIDDEN_ESCAPE,     /* ESC or CSI: a terminal escape sequence */
	TEXT_HIDDEN_CONTROL,    /* another C0/C1 control or DEL (not TAB/CR/LF) */
	TEXT_HIDDEN_BIDI        /* bidi embedding, override or isolate control */
};
/* The first character of valid UTF-8 s (n bytes) that the storage filter
 * would silently remove and that changes how the text shows or behaves
 * (by text_filter's own classification).  Imports refuse such values
 * rather than altering them unseen.  *cp gets the code point and *chars
 * the number of characters before it (both may be NULL). */
enum text_hidden_kind text_hidden(const char *s, size_t n, uint32_t *cp,
    size_t *chars);

/* What the start of a file is written in, by text_encoding. */
enum text_encoding {
	TEXT_ENC_UTF8 = 0,      /* UTF-8 or ASCII (a few bad bytes allowed:
	                         * those are problems of their own fields) */
	TEXT_ENC_UTF16,         /* UTF-16: a byte-order mark, or a NUL in
	                         * every other byte (Excel's "Unicode text") */
	TEXT_ENC_LEGACY         /* mostly not UTF-8: an 8-bit code page such
	                         * as Windows-1256 or -1252 (Excel's "CSV") */
};
/* Guess from the first n bytes of a file (a sequence cut at the end of
 * the sample is not counted).  For TEXT_ENC_LEGACY, *first_bad (may be
 * NULL) gets the offset of the first byte that is not UTF-8. */
enum text_encoding text_encoding(const char *s, size_t n, size_t *first_bad);

#endif
