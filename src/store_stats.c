/* store_stats.c - counts for the record views (a cohort's roster by
 * status and gender, an agreement's beneficiaries by status), computed in
 * SQL with GROUP BY, never by loading rows.  Paths name a field of the
 * entity ("status") or of a record one lookup away ("trainee_id.gender");
 * they come from our code and are checked against the field metadata, the
 * values are bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* A path resolved: the lookup hopped through (or NULL) and the field. */
struct path {
	const field *hop;       /* lookup field of the entity, or NULL */
	const field *f;         /* the field itself */
};

static int path_resolve(const entity *ent, const char *path, struct path *p,
    dferr *e)
{
	const char *dot = strchr(path, '.');
	char head[64];
	int i;

	p->hop = NULL;
	if (dot != NULL) {
		snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
		if ((i = model_field_index(ent, head)) < 0 ||
		    ent->fields[i].type != FT_LOOKUP)
			goto bad;
		p->hop = &ent->fields[i];
		ent = p->hop->target_ent;
		path = dot + 1;
	}
	if ((i = model_field_index(ent, path)) < 0)
		goto bad;
	p->f = &ent->fields[i];
	return ST_OK;
bad:
	return dferr_set(e, ST_ERROR, "internal: no field path %s on %s", path,
	    ent->name);
}

/* SQL naming a path: t.col, or the hop's alias h1/h2 .col */
static void path_sql(strbuf *b, const struct path *p, const char *alias)
{
	sb_addf(b, "%s.\"%s\"", p->hop ? alias : "t", p->f->name);
}

/* The label of a group value: a choice's label, else the value itself. */
static char *group_label(const field *f, const char *v)
{
	int i;

	if (v == NULL)
		return xstrdup(_("(not set)"));
	if (f->type == FT_CHOICE)
		for (i = 0; i < f->nchoices; i++)
			if (strcmp(f->choices[i].code, v) == 0)
				return xstrdup(f->choices[i].label[model_lang()]);
	if (f->type == FT_BOOL)
		return xstrdup(strcmp(v, "0") == 0 ? _("no") : _("yes"));
	return xstrdup(v);
}

int store_count_by(store *s, const entity *ent, const char *filter,
    const char *value, const char *group, count_row **rows, int *n, dferr *e)
{
	struct path fp, gp;
	strbuf b = {0};
	sqlite3_stmt *st = NULL;
	int rc, cap = 0;

	*rows = NULL;
	*n = 0;
	if ((rc = path_resolve(ent, filter, &fp, e)) != ST_OK ||
	    (rc = path_resolve(ent, group, &gp, e)) != ST_OK)
		return rc;
	sb_addf(&b, "SELECT ");
	path_sql(&b, &gp, "h2");
	sb_addf(&b, ", count(*) FROM \"%s\" t", ent->name);
	if (fp.hop)
		sb_addf(&b, " JOIN \"%s\" h1 ON h1.id = t.\"%s\"",
		    fp.hop->target_ent->name, fp.hop->name);
	if (gp.hop)
		sb_addf(&b, " JOIN \"%s\" h2 ON h2.id = t.\"%s\"",
		    gp.hop->target_ent->name, gp.hop->name);
	sb_addf(&b, " WHERE ");
	path_sql(&b, &fp, "h1");
	sb_addf(&b, " = ? GROUP BY 1 ORDER BY 2 DESC, 1");
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL)
		return ST_ERROR;
	if ((rc = store_bind_value(s, st, 1, fp.f, value, e)) != ST_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *v = store_col_text(st, 0);
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		(*rows)[*n].label = group_label(gp.f, v);
		(*rows)[*n].value = v;
		(*rows)[*n].n = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, "counting", e);
out:
	sqlite3_reset(st);
	if (rc != ST_OK) {
		store_counts_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

void store_counts_free(count_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(rows[i].value);
		free(rows[i].label);
	}
	free(rows);
}
