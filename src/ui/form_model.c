/* form_model.c - the values of a form, without the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_model.h"

void form_model_init(struct form_model *m, const entity *ent,
    form_label_fn label, void *ctx)
{
	int i;

	memset(m, 0, sizeof *m);
	m->ent = ent;
	m->n = ent->nfields;
	m->label = label;
	m->label_ctx = ctx;
	m->f = xcalloc((size_t)m->n, sizeof *m->f);
	for (i = 0; i < m->n; i++) {
		text_edit_init(&m->f[i].ed, "", ent->fields[i].type == FT_LONGTEXT);
		if (ent->fields[i].maxlen > 0)
			m->f[i].ed.maxchars = (size_t)ent->fields[i].maxlen;
		m->f[i].orig = xstrdup("");
	}
}

/* The editable text of stored value v of field f. */
static char *edit_text(struct form_model *m, const field *f, const char *v)
{
	long long id;

	if (v == NULL)
		return xstrdup("");
	if (f->type == FT_LOOKUP) {
		char *l = NULL;
		if (text_parse_int(v, &id) == 0 && m->label != NULL)
			l = m->label(m->label_ctx, f->target_ent, id);
		return l != NULL ? l : xasprintf("#%s", v);
	}
	return model_display(f, v, DATE_DMY);
}

void form_model_load(struct form_model *m, const record *r)
{
	int i;

	m->id = r ? r->id : 0;
	m->version = r ? r->version : 0;
	for (i = 0; i < m->n; i++) {
		const field *f = &m->ent->fields[i];
		char *t = edit_text(m, f, r ? r->v[i] : NULL);
		int pick = f->type == FT_LOOKUP || f->type == FT_CHOICE;
		form_model_set(m, i, t, pick && r ? r->v[i] : NULL);
		free(m->f[i].orig);
		m->f[i].orig = t;
		m->f[i].bad = 0;
	}
}

void form_model_merge(struct form_model *m, const record *r)
{
	int i;

	m->id = r->id;
	m->version = r->version;
	for (i = 0; i < m->n; i++) {
		const field *f = &m->ent->fields[i];
		char *t = edit_text(m, f, r->v[i]);
		int pick = f->type == FT_LOOKUP || f->type == FT_CHOICE;
		if (strcmp(m->f[i].ed.s, m->f[i].orig) == 0)    /* untouched */
			form_model_set(m, i, t, pick ? r->v[i] : NULL);
		free(m->f[i].orig);
		m->f[i].orig = t;
	}
}

void form_model_free(struct form_model *m)
{
	int i;

	for (i = 0; i < m->n; i++) {
		text_edit_free(&m->f[i].ed);
		free(m->f[i].value);
		free(m->f[i].orig);
	}
	free(m->f);
	m->f = NULL;
}

int form_model_dirty(const struct form_model *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->f[i].ed.s, m->f[i].orig) != 0)
			return 1;
	return 0;
}

void form_model_set(struct form_model *m, int i, const char *text,
    const char *value)
{
	text_edit_set(&m->f[i].ed, text);
	free(m->f[i].value);
	m->f[i].value = xstrdup(value);
}

int form_model_check(struct form_model *m, int i, char **stored, char *msg,
    size_t n)
{
	const field *f = &m->ent->fields[i];
	struct form_field *ff = &m->f[i];
	const char *in = ff->ed.s;
	int rc;

	if (f->type == FT_LOOKUP) {
		/* the chosen id; typed text alone is not a record */
		if (ff->ed.len == 0)
			in = "";
		else if (ff->value != NULL)
			in = ff->value;
		else {
			snprintf(msg, n, _("%s: choose a record from the list (F2)"),
			    field_label(f));
			ff->bad = 1;
			return -1;
		}
	}
	rc = model_check(f, in, stored, msg, n);
	ff->bad = rc != 0;
	return rc;
}

int form_model_record(struct form_model *m, record **out, int *bad,
    char *msg, size_t n)
{
	record *r = record_new(m->ent);
	char *v;
	int i;

	*out = NULL;
	r->id = m->id;
	r->version = m->version;
	for (i = 0; i < m->n; i++) {
		if (form_model_check(m, i, &v, msg, n) != 0) {
			*bad = i;
			record_free(r);
			return -1;
		}
		r->v[i] = v;
	}
	*out = r;
	return 0;
}

int form_model_carry(struct form_model *m)
{
	int i, first = -1;

	m->id = 0;
	m->version = 0;
	for (i = 0; i < m->n; i++) {
		if (!m->ent->fields[i].carry)
			form_model_set(m, i, "", NULL);
		free(m->f[i].orig);
		m->f[i].orig = xstrdup(m->f[i].ed.s);
		m->f[i].bad = 0;
		if (first < 0 && m->f[i].ed.len == 0)
			first = i;
	}
	return first < 0 ? 0 : first;
}
