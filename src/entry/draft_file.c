/* draft_file.c - a draft's bytes: text, versioned and self-describing,
 * exact for any value (Arabic, harakat, newlines, quotes).  Pure: no I/O.
 *
 *     daftar-draft 1
 *     db 24:/srv/daftar/register.db
 *     entity 7:trainee
 *     record 2001                      (0: a new record)
 *     version 3
 *     user 5:karim
 *     time 19:2026-11-20 21:40:00      (UTC)
 *     pid 4242
 *     cursor 5:phone
 *     cursor-pos 4
 *     field 7:name_ar                  (then that field's lines)
 *     base -                           (- is "no value")
 *     text 10:<10 bytes>
 *     value -
 *     flags 1                          (1: changed, 2: chosen over theirs)
 *     ...
 *     end
 *
 * A line is a key, a space, and a number, "-", or LENGTH:BYTES (exactly
 * that many bytes, any of them, then a newline).  A reader skips keys it
 * does not know, so a later version 1 may add some; a new format number
 * is refused with a message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry_int.h"

#define DRAFT_MAX_STRING (16u << 20)    /* longest value read */
#define DRAFT_MAX_FIELDS 4096           /* fields read at most */

static void put_str(strbuf *b, const char *key, const char *v)
{
	if (v == NULL) {
		sb_addf(b, "%s -\n", key);
		return;
	}
	sb_addf(b, "%s %zu:", key, strlen(v));
	sb_adds(b, v);
	sb_addc(b, '\n');
}

static void put_int(strbuf *b, const char *key, long long v)
{
	sb_addf(b, "%s %lld\n", key, v);
}

void entry_draft_write(const entry_draft *d, strbuf *out)
{
	int i;

	sb_addf(out, "daftar-draft %d\n", ENTRY_DRAFT_FORMAT);
	put_str(out, "db", d->db);
	put_str(out, "entity", d->entity);
	put_int(out, "record", d->id);
	put_int(out, "version", d->base_version);
	put_str(out, "user", d->user);
	put_str(out, "time", d->time);
	put_int(out, "pid", d->pid);
	put_str(out, "cursor", d->cursor);
	put_int(out, "cursor-pos", d->cursor_pos);
	for (i = 0; i < d->nfields; i++) {
		const entry_draft_field *f = &d->fields[i];
		put_str(out, "field", f->name);
		put_str(out, "base", f->base);
		put_str(out, "text", f->text);
		put_str(out, "value", f->value);
		put_int(out, "flags", (f->changed ? 1 : 0) | (f->overwrite ? 2 : 0));
	}
	sb_adds(out, "end\n");
}

void entry_draft_free(entry_draft *d)
{
	int i;

	free(d->db);
	free(d->entity);
	free(d->user);
	free(d->time);
	free(d->cursor);
	for (i = 0; i < d->nfields; i++) {
		free(d->fields[i].name);
		free(d->fields[i].base);
		free(d->fields[i].text);
		free(d->fields[i].value);
	}
	free(d->fields);
	memset(d, 0, sizeof *d);
}

/* One line being read. */
struct line {
	char key[32];           /* its key */
	int kind;               /* 'i' a number, 's' a string, '-' no value,
	                         * 0 no value at all (the "end" line) */
	long long num;          /* the number */
	char *str;              /* the string (malloc'd), for 's' */
};

/* A decimal number of at most 18 digits at *p (negative if allowed);
 * advances *p. */
static int read_num(const char **p, const char *end, long long *v)
{
	const char *q = *p;
	int neg = 0, digits = 0;

	*v = 0;
	if (q < end && *q == '-') {
		neg = 1;
		q++;
	}
	while (q < end && *q >= '0' && *q <= '9' && digits < 18) {
		*v = *v * 10 + (*q++ - '0');
		digits++;
	}
	if (digits == 0 || (q < end && *q >= '0' && *q <= '9'))
		return -1;
	if (neg)
		*v = -*v;
	*p = q;
	return 0;
}

/* Read the line at *p into ln; -1 with why (the offset from start) on
 * bad bytes. */
static int read_line(const char *start, const char **p, const char *end,
    struct line *ln, char *err, size_t errn)
{
	const char *q = *p;
	size_t k = 0;
	long long n;

	memset(ln, 0, sizeof *ln);
	while (q < end && ((*q >= 'a' && *q <= 'z') || *q == '-') &&
	    k + 1 < sizeof ln->key)
		ln->key[k++] = *q++;
	if (k == 0 || q >= end)
		goto bad;
	if (*q == '\n') {
		*p = q + 1;
		return 0;
	}
	if (*q++ != ' ' || q >= end)
		goto bad;
	if (*q == '-' && q + 1 < end && q[1] == '\n') {
		ln->kind = '-';
		*p = q + 2;
		return 0;
	}
	if (read_num(&q, end, &n) != 0 || q >= end)
		goto bad;
	if (*q == '\n') {
		ln->kind = 'i';
		ln->num = n;
		*p = q + 1;
		return 0;
	}
	if (*q++ != ':' || n < 0 || (unsigned long long)n > DRAFT_MAX_STRING ||
	    (size_t)(end - q) < (size_t)n + 1 || q[n] != '\n' ||
	    memchr(q, '\0', (size_t)n) != NULL)
		goto bad;
	ln->kind = 's';
	ln->str = xstrndup(q, (size_t)n);
	*p = q + n + 1;
	return 0;
bad:
	snprintf(err, errn, _("damaged at byte %zu"), (size_t)(*p - start));
	return -1;
}

/* Where each string key goes: in the draft, or in the current field. */
static char **str_slot(entry_draft *d, const char *key, int *field_key)
{
	entry_draft_field *f = d->nfields ? &d->fields[d->nfields - 1] : NULL;

	*field_key = 0;
	if (strcmp(key, "db") == 0)
		return &d->db;
	if (strcmp(key, "entity") == 0)
		return &d->entity;
	if (strcmp(key, "user") == 0)
		return &d->user;
	if (strcmp(key, "time") == 0)
		return &d->time;
	if (strcmp(key, "cursor") == 0)
		return &d->cursor;
	*field_key = strcmp(key, "base") == 0 || strcmp(key, "text") == 0 ||
	    strcmp(key, "value") == 0;
	if (!*field_key || f == NULL)
		return NULL;
	return key[0] == 'b' ? &f->base : key[0] == 't' ? &f->text : &f->value;
}

/* Where each number key goes. */
static long long *num_slot(entry_draft *d, const char *key)
{
	if (strcmp(key, "record") == 0)
		return &d->id;
	if (strcmp(key, "version") == 0)
		return &d->base_version;
	if (strcmp(key, "pid") == 0)
		return &d->pid;
	if (strcmp(key, "cursor-pos") == 0)
		return &d->cursor_pos;
	return NULL;
}

/* Apply one line to d; 1 at "end", 0 to go on, -1 with why. */
static int apply_line(entry_draft *d, struct line *ln, char *err, size_t errn)
{
	char **s;
	long long *v;
	int fk;

	if (ln->kind == 0)
		return strcmp(ln->key, "end") == 0 ? 1 : 0;
	if (strcmp(ln->key, "field") == 0) {
		if (ln->kind != 's' || d->nfields >= DRAFT_MAX_FIELDS)
			goto bad;
		d->fields = xreallocarray(d->fields, (size_t)d->nfields + 1,
		    sizeof *d->fields);
		memset(&d->fields[d->nfields], 0, sizeof *d->fields);
		d->fields[d->nfields++].name = ln->str;
		ln->str = NULL;
		return 0;
	}
	if (strcmp(ln->key, "flags") == 0) {
		if (ln->kind != 'i' || d->nfields == 0)
			goto bad;
		d->fields[d->nfields - 1].changed = (ln->num & 1) != 0;
		d->fields[d->nfields - 1].overwrite = (ln->num & 2) != 0;
		return 0;
	}
	if ((s = str_slot(d, ln->key, &fk)) != NULL || fk) {
		if (s == NULL || ln->kind == 'i')
			goto bad;
		free(*s);
		*s = ln->str;
		ln->str = NULL;
		return 0;
	}
	if ((v = num_slot(d, ln->key)) != NULL) {
		if (ln->kind != 'i')
			goto bad;
		*v = ln->num;
	}
	return 0;               /* a key of a later version 1: skipped */
bad:
	snprintf(err, errn, _("the line \"%s\" is not right"), ln->key);
	return -1;
}

int entry_draft_read(const char *buf, size_t n, entry_draft *d, char *err,
    size_t errn)
{
	static const char magic[] = "daftar-draft ";
	const char *p = buf, *end = buf + n;
	struct line ln;
	long long format;
	int rc = 0;

	memset(d, 0, sizeof *d);
	if (n < sizeof magic - 1 || memcmp(buf, magic, sizeof magic - 1) != 0) {
		snprintf(err, errn, "%s", _("not a daftar draft"));
		return -1;
	}
	p += sizeof magic - 1;
	if (read_num(&p, end, &format) != 0 || p >= end || *p++ != '\n') {
		snprintf(err, errn, "%s", _("not a daftar draft"));
		return -1;
	}
	if (format != ENTRY_DRAFT_FORMAT) {
		snprintf(err, errn, _("written by another version of daftar "
		    "(format %lld)"), format);
		return -1;
	}
	while (rc == 0) {
		if (p >= end) {
			snprintf(err, errn, "%s", _("cut short"));
			return -1;
		}
		if (read_line(buf, &p, end, &ln, err, errn) != 0)
			return -1;
		rc = apply_line(d, &ln, err, errn);
		free(ln.str);
	}
	if (rc < 0)
		return -1;
	if (p != end || d->db == NULL || d->entity == NULL) {
		snprintf(err, errn, "%s", p != end ? _("bytes after its end") :
		    _("no database or entity named"));
		return -1;
	}
	return 0;
}
