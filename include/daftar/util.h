/* util.h - allocation wrappers, growable strings, error records, gettext.
 *
 * Every layer uses these.  The allocation wrappers never return NULL: on
 * failure they call the fatal hook (the UI installs one that restores the
 * terminal) and exit.
 */
#ifndef DAFTAR_UTIL_H
#define DAFTAR_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

#define DAFTAR_VERSION "0.1.0"

/* An error record filled by any call that can fail: a plain-words message
 * that already names the file, record or field involved. */
typedef struct dferr {
	int code;               /* the failing call's return code (module enum) */
	char msg[512];          /* what went wrong and what to do, one line */
} dferr;

/* Fill e (if not NULL) with code and a printf-style message; returns code. */
int dferr_set(dferr *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Install a function run before the process dies (terminal restore). */
void util_set_fatal_hook(void (*hook)(void));
/* Run the hook, print "daftar: MESSAGE" to stderr and exit(1). */
_Noreturn void util_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array: realloc p to hold n elements of size bytes, checking overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);          /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string. */
typedef struct strbuf {
	char *s;                /* bytes, always NUL-terminated once used */
	size_t len;             /* bytes used, without the NUL */
	size_t cap;             /* bytes allocated */
} strbuf;

void sb_add(strbuf *b, const char *s, size_t n);
void sb_adds(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_addf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_clear(strbuf *b);              /* len = 0, keeps memory */
char *sb_detach(strbuf *b);            /* hand out the string, reset b */
void sb_free(strbuf *b);

/* The OS user name (getpwuid, else $USER, else "uid N"); static storage. */
const char *util_user(void);
/* Current UTC time as "YYYY-MM-DD HH:MM:SS" into buf (>= 20 bytes). */
void util_now(char *buf, size_t n);

/* Today as YYYY-MM-DD (local time) into buf. */
void util_today(char *buf, size_t n);

#endif
