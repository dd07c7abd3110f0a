/* session.c - an open form without the screen: each field's text and
 * chosen value, the base it started from, what the user changed, the
 * cursor field and the checks.  Saving is in save.c, drafts in journal.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry_int.h"

int entry_same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int entry_is_pick(const field *f)
{
	return f->type == FT_LOOKUP || f->type == FT_CHOICE;
}

char *entry_text_of(const entry_session *s, const field *f, const char *v)
{
	long long id;
	char *l = NULL;

	if (v == NULL)
		return xstrdup("");
	if (f->type != FT_LOOKUP)
		return model_display(f, v, DATE_DMY);
	if (text_parse_int(v, &id) == 0 && f->target_ent != NULL)
		store_label(s->st, f->target_ent, id, &l, NULL);
	return l != NULL ? l : xasprintf("#%s", v);
}

entry_session *session_new(store *st, const entity *ent)
{
	entry_session *s = xcalloc(1, sizeof *s);
	int i;

	s->st = st;
	s->ent = ent;
	s->n = ent->nfields;
	s->base = record_new(ent);
	s->f = xcalloc((size_t)s->n + 1, sizeof *s->f);
	for (i = 0; i < s->n; i++) {
		text_edit_init(&s->f[i].ed, "", ent->fields[i].type == FT_LONGTEXT);
		if (ent->fields[i].maxlen > 0)
			s->f[i].ed.maxchars = (size_t)ent->fields[i].maxlen;
		s->f[i].base_text = xstrdup("");
	}
	return s;
}

void session_load_field(entry_session *s, int i, const char *v)
{
	entry_field *f = &s->f[i];
	char *t = entry_text_of(s, &s->ent->fields[i], v);

	text_edit_set(&f->ed, t);
	free(f->value);
	f->value = entry_is_pick(&s->ent->fields[i]) ? xstrdup(v) : NULL;
	free(f->base_text);
	f->base_text = t;
	f->bad = 0;
	f->overwrite = 0;
}

void session_conf_clear(entry_session *s)
{
	int k;

	for (k = 0; k < s->nconf; k++) {
		entry_conflict *c = &s->conf[k];
		free(c->mine_text);
		free(c->theirs_text);
		free(c->theirs);
		free(c->by);
		free(c->at);
	}
	free(s->conf);
	s->conf = NULL;
	s->nconf = 0;
}

void session_free(entry_session *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		text_edit_free(&s->f[i].ed);
		free(s->f[i].value);
		free(s->f[i].base_text);
	}
	free(s->f);
	record_free(s->base);
	for (i = 0; i < s->nbatch; i++)
		record_free(s->batch_base[i]);
	free(s->batch_base);
	free(s->batch);
	free(s->batch_keep);
	free(s->batch_over);
	session_conf_clear(s);
	free(s);
}

int entry_open(store *st, const entity *ent, long long id,
    entry_session **out, dferr *e)
{
	entry_session *s = session_new(st, ent);
	record *r = NULL;
	int i, rc;

	*out = NULL;
	if (id != 0) {
		if ((rc = store_get(st, ent, id, &r, e)) != ST_OK) {
			session_free(s);
			return rc;
		}
		record_free(s->base);
		s->base = r;
		s->id = id;
		s->base_version = r->version;
		for (i = 0; i < s->n; i++)
			session_load_field(s, i, r->v[i]);
	}
	journal_open(s);
	*out = s;
	return ST_OK;
}

/* Is name one of the NULL-ended names? */
static int named(const char *const *names, const char *name)
{
	for (; *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

int entry_open_batch(store *st, const entity *ent, const long long *ids,
    int n, const char *const *fields, entry_session **out, dferr *e)
{
	entry_session *s = session_new(st, ent);
	int i, k, rc;

	*out = NULL;
	s->batch = xcalloc((size_t)n + 1, sizeof *s->batch);
	s->batch_base = xcalloc((size_t)n + 1, sizeof *s->batch_base);
	s->batch_keep = xcalloc((size_t)n * (size_t)s->n + 1, 1);
	s->batch_over = xcalloc((size_t)n * (size_t)s->n + 1, 1);
	for (k = 0; k < n; k++, s->nbatch++) {
		s->batch[k] = ids[k];
		if ((rc = store_get(st, ent, ids[k], &s->batch_base[k], e)) != ST_OK) {
			session_free(s);
			return rc;
		}
	}
	s->cur = -1;
	for (i = 0; i < s->n; i++) {
		const char *common = n > 0 ? s->batch_base[0]->v[i] : NULL;
		s->f[i].hidden = !named(fields, ent->fields[i].name);
		if (!s->f[i].hidden && s->cur < 0)
			s->cur = i;
		for (k = 1; k < n && common != NULL; k++)
			if (!entry_same(common, s->batch_base[k]->v[i]))
				common = NULL;
		record_set(s->base, i, common);
		session_load_field(s, i, common);
	}
	if (s->cur < 0)
		s->cur = 0;
	journal_open(s);
	*out = s;
	return ST_OK;
}

void entry_close(entry_session *s)
{
	if (s == NULL)
		return;
	journal_close(s);
	session_free(s);
}

void entry_discard(entry_session *s)
{
	if (s == NULL)
		return;
	journal_saved(s);
	entry_close(s);
}

int entry_changed(const entry_session *s, int i)
{
	const entry_field *f = &s->f[i];

	if (f->hidden)
		return 0;
	if (strcmp(f->ed.s, f->base_text) != 0)
		return 1;
	return entry_is_pick(&s->ent->fields[i]) &&
	    !entry_same(f->value, s->base->v[i]);
}

int entry_dirty(const entry_session *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (entry_changed(s, i))
			return 1;
	return 0;
}

void entry_set(entry_session *s, int i, const char *text, const char *value)
{
	if (i < 0 || i >= s->n)
		return;
	text_edit_set(&s->f[i].ed, text);
	free(s->f[i].value);
	s->f[i].value = xstrdup(value);
	s->f[i].bad = 0;
	journal_touch(s);
}

void entry_preset(entry_session *s, int i, const char *v)
{
	if (i < 0 || i >= s->n)
		return;
	record_set(s->base, i, v);
	session_load_field(s, i, v);
}

text_edit *entry_editor(entry_session *s, int i)
{
	return &s->f[i].ed;
}

void entry_edited(entry_session *s, int i)
{
	entry_field *f = &s->f[i];

	free(f->value);         /* typed by hand: no chosen value any more */
	f->value = NULL;
	if (s->ent->fields[i].type == FT_LOOKUP)
		text_edit_set(&f->ed, "");      /* a record is chosen, not typed */
	journal_touch(s);
}

int entry_check(entry_session *s, int i, char **stored, char *msg,
    size_t n)
{
	const field *fd = &s->ent->fields[i];
	entry_field *f = &s->f[i];
	const char *in = f->ed.s;
	char *v = NULL;
	int rc;

	if (fd->type == FT_LOOKUP && f->ed.len > 0) {
		if (f->value == NULL) {         /* typed text alone is not a record */
			snprintf(msg, n, _("%s: choose a record from the list (F2)"),
			    field_label(fd));
			f->bad = 1;
			if (stored != NULL)
				*stored = NULL;
			return -1;
		}
		in = f->value;
	}
	rc = model_check(fd, in, &v, msg, n);
	f->bad = rc != 0;
	if (stored != NULL)
		*stored = v;
	else
		free(v);
	return rc;
}

int entry_focus(entry_session *s, int i, char *msg, size_t n)
{
	int rc = s->f[s->cur].hidden ? 0 : entry_check(s, s->cur, NULL, msg, n);
	int dir = i < s->cur ? -1 : 1, k;

	for (k = 0; k < s->n; k++, i += dir) {
		int j = ((i % s->n) + s->n) % s->n;
		if (!s->f[j].hidden) {
			s->cur = j;
			break;
		}
	}
	journal_left(s);
	return rc;
}

record *entry_values(entry_session *s)
{
	record *r = record_new(s->ent);
	char msg[512];
	int i, bad;

	r->id = s->id;
	r->version = s->base_version;
	for (i = 0; i < s->n; i++) {
		bad = s->f[i].bad;
		if (!s->f[i].hidden)
			entry_check(s, i, &r->v[i], msg, sizeof msg);
		s->f[i].bad = bad;      /* showing is not checking */
	}
	return r;
}
