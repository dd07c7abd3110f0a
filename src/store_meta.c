/* store_meta.c - loads the field metadata (meta_entity, meta_field,
 * meta_choice) into the model, checking it against the real tables. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* A safe SQL identifier: [a-z_][a-z0-9_]*, at most 63 bytes. */
static int ident_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 63 ||
	    !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_'))
			return 0;
	return 1;
}

static enum field_type type_of(const char *t)
{
	static const char *const names[] = {"text", "longtext", "int", "date",
	    "choice", "lookup", "bool", "phone", "cin"};
	int i;

	for (i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (strcmp(t, names[i]) == 0)
			return (enum field_type)i;
	return FT_TEXT;
}

/* Load the choices of list into f. */
static int load_choices(store *s, field *f, dferr *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT code, label_ar, label_fr, "
	    "label_en FROM meta_choice WHERE list = ? ORDER BY ord", e);
	int rc, l;

	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, f->target, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		choice *c;
		f->choices = xreallocarray(f->choices, (size_t)f->nchoices + 1,
		    sizeof *f->choices);
		c = &f->choices[f->nchoices++];
		c->code = store_col_text(st, 0);
		for (l = 0; l < LANG_N; l++)
			c->label[l] = store_col_text(st, 1 + l);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "reading choice lists", e);
	if (f->nchoices == 0)
		return dferr_set(e, ST_NOTDAFTAR, "%s: field %s names the choice "
		    "list %s, which is empty", s->path, f->name, f->target);
	return ST_OK;
}

int store_has_column(store *s, const char *t, const char *c)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM pragma_table_info(?) "
	    "WHERE name = ?", NULL);
	int found;

	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, c, -1, SQLITE_TRANSIENT);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* Load one field from the current row of st. */
static int load_field(store *s, entity *en, sqlite3_stmt *st, field *f,
    dferr *e)
{
	const char *dir;
	int l;

	memset(f, 0, sizeof *f);
	f->name = store_col_text(st, 0);
	f->form_order = sqlite3_column_int(st, 1);
	f->type = type_of((const char *)sqlite3_column_text(st, 2));
	f->required = sqlite3_column_int(st, 3);
	f->target = store_col_text(st, 4);
	f->list_width = sqlite3_column_int(st, 5);
	f->list_order = sqlite3_column_int(st, 6);
	f->carry = sqlite3_column_int(st, 7);
	f->searchable = sqlite3_column_int(st, 8);
	f->unique = sqlite3_column_int(st, 9);
	dir = (const char *)sqlite3_column_text(st, 10);
	f->dir = strcmp(dir, "rtl") == 0 ? DIR_RTL :
	    strcmp(dir, "ltr") == 0 ? DIR_LTR : DIR_AUTO;
	f->maxlen = sqlite3_column_int(st, 11);
	f->has_min = sqlite3_column_type(st, 12) != SQLITE_NULL;
	f->min = sqlite3_column_int64(st, 12);
	f->has_max = sqlite3_column_type(st, 13) != SQLITE_NULL;
	f->max = sqlite3_column_int64(st, 13);
	f->pattern = store_col_text(st, 14);
	for (l = 0; l < LANG_N; l++)
		f->label[l] = store_col_text(st, 15 + l);
	f->help = store_col_text(st, 18);
	f->similar = sqlite3_column_int(st, 19);
	if (!ident_ok(f->name) || !store_has_column(s, en->name, f->name))
		return dferr_set(e, ST_NOTDAFTAR, "%s: the metadata names a field "
		    "%s.%s that the table does not have", s->path, en->name,
		    f->name ? f->name : "?");
	if (f->pattern != NULL) {
		f->regex = xmalloc(sizeof(regex_t));
		if (regcomp(f->regex, f->pattern, REG_EXTENDED | REG_NOSUB) != 0) {
			free(f->regex);
			f->regex = NULL;
			return dferr_set(e, ST_NOTDAFTAR, "%s: field %s.%s has a bad "
			    "pattern %s", s->path, en->name, f->name, f->pattern);
		}
	}
	if ((f->type == FT_LOOKUP || f->type == FT_CHOICE) && f->target == NULL)
		return dferr_set(e, ST_NOTDAFTAR, "%s: field %s.%s has no target",
		    s->path, en->name, f->name);
	if (f->type == FT_CHOICE)
		return load_choices(s, f, e);
	return ST_OK;
}

/* Load the fields of en. */
static int load_fields(store *s, entity *en, const char *display, dferr *e)
{
	sqlite3_stmt *st;
	int rc = ST_OK, step, i, j;
	field *fields = NULL;
	int n = 0;
	char *sql;

	/* a private statement: load_field uses the cache while this runs;
	 * databases before schema 3 (opened by tests) have no "similar" */
	sql = xasprintf("SELECT name, ord, type, required, target, list_width, "
	    "list_order, carry, searchable, uniq, dir, maxlen, min, max, "
	    "pattern, label_ar, label_fr, label_en, help, %s FROM meta_field "
	    "WHERE entity = ? ORDER BY ord, name",
	    store_has_column(s, "meta_field", "similar") ? "similar" : "0");
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "reading metadata", e);
	rc = ST_OK;
	sqlite3_bind_text(st, 1, en->name, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		fields = xreallocarray(fields, (size_t)n + 1, sizeof *fields);
		rc = load_field(s, en, st, &fields[n], e);
		n++;
		if (rc != ST_OK)
			break;
	}
	if (rc == ST_OK && step != SQLITE_DONE)
		rc = store_fail(s, step, "reading metadata", e);
	sqlite3_finalize(st);
	en->fields = fields;
	en->nfields = n;
	if (rc != ST_OK)
		return rc;
	en->display = model_field_index(en, display);
	if (en->display < 0)
		return dferr_set(e, ST_NOTDAFTAR, "%s: entity %s names a display "
		    "field %s it does not have", s->path, en->name, display);
	/* list columns, by list_order */
	en->list_cols = xcalloc((size_t)n + 1, sizeof *en->list_cols);
	for (i = 0; i < n; i++) {
		if (fields[i].list_width <= 0)
			continue;
		for (j = en->nlist; j > 0 &&
		    fields[en->list_cols[j - 1]].list_order > fields[i].list_order; j--)
			en->list_cols[j] = en->list_cols[j - 1];
		en->list_cols[j] = i;
		en->nlist++;
		if (fields[i].searchable)
			en->has_search = 1;
	}
	for (i = 0; i < n; i++)
		if (fields[i].searchable)
			en->has_search = 1;
	return ST_OK;
}

int store_load_model(store *s, dferr *e)
{
	sqlite3_stmt *st;
	int rc = ST_OK, step, i, j, l;
	model *m = &s->m;
	char **displays = NULL;

	if (sqlite3_prepare_v2(s->db, "SELECT name, menu_order, display, "
	    "label_ar, label_fr, label_en FROM meta_entity ORDER BY "
	    "menu_order = 0, menu_order, name", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "reading metadata", e);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		entity *en;
		m->ents = xreallocarray(m->ents, (size_t)m->nents + 1, sizeof *m->ents);
		displays = xreallocarray(displays, (size_t)m->nents + 1, sizeof *displays);
		en = &m->ents[m->nents];
		memset(en, 0, sizeof *en);
		en->name = store_col_text(st, 0);
		en->menu_order = sqlite3_column_int(st, 1);
		displays[m->nents] = store_col_text(st, 2);
		for (l = 0; l < LANG_N; l++)
			en->label[l] = store_col_text(st, 3 + l);
		m->nents++;
		if (!ident_ok(en->name)) {
			rc = dferr_set(e, ST_NOTDAFTAR, "%s: bad entity name in the "
			    "metadata", s->path);
			break;
		}
	}
	if (rc == ST_OK && step != SQLITE_DONE)
		rc = store_fail(s, step, "reading metadata", e);
	sqlite3_finalize(st);
	for (i = 0; rc == ST_OK && i < m->nents; i++)
		rc = load_fields(s, &m->ents[i], displays[i], e);
	/* resolve lookup targets */
	for (i = 0; rc == ST_OK && i < m->nents; i++) {
		for (j = 0; j < m->ents[i].nfields; j++) {
			field *f = &m->ents[i].fields[j];
			if (f->type != FT_LOOKUP)
				continue;
			f->target_ent = (entity *)model_entity(m, f->target);
			if (f->target_ent == NULL)
				rc = dferr_set(e, ST_NOTDAFTAR, "%s: field %s.%s points "
				    "to an unknown entity %s", s->path,
				    m->ents[i].name, f->name, f->target);
		}
	}
	for (i = 0; i < m->nents; i++)
		free(displays[i]);
	free(displays);
	return rc;
}

int store_refresh_keys(store *s, dferr *e)
{
	int i, rc = ST_OK, began = 0;

	for (i = 0; rc == ST_OK && i < s->m.nents; i++) {
		const entity *en = &s->m.ents[i];
		char *sql;
		sqlite3_stmt *st, *up;
		int step;

		if (!en->has_search)
			continue;
		sql = xasprintf("SELECT id FROM \"%s\" WHERE search_key IS NULL "
		    "LIMIT 1", en->name);
		st = store_prepare(s, sql, e);
		free(sql);
		if (st == NULL)
			return ST_ERROR;
		step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_ROW)
			continue;
		if (!began) {
			if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
				return rc;
			began = 1;
		}
		sql = xasprintf("SELECT id FROM \"%s\" WHERE search_key IS NULL",
		    en->name);
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			rc = store_fail(s, rc, "indexing for search", e);
			break;
		}
		/* collect the ids first: updating an index while scanning it
		 * may skip rows */
		{
			long long *ids = NULL;
			size_t nids = 0, k;
			while ((step = sqlite3_step(st)) == SQLITE_ROW) {
				ids = xreallocarray(ids, nids + 1, sizeof *ids);
				ids[nids++] = sqlite3_column_int64(st, 0);
			}
			sqlite3_finalize(st);
			st = NULL;
			sql = xasprintf("UPDATE \"%s\" SET search_key = ? WHERE id = ?",
			    en->name);
			up = store_prepare(s, sql, e);
			free(sql);
			rc = up ? ST_OK : ST_ERROR;
			for (k = 0; rc == ST_OK && k < nids; k++) {
				record *r = NULL;
				if ((rc = store_get(s, en, ids[k], &r, e)) != ST_OK)
					break;
				sqlite3_reset(up);
				sqlite3_bind_text(up, 1, store_search_key(en, r), -1, free);
				sqlite3_bind_int64(up, 2, ids[k]);
				if (sqlite3_step(up) != SQLITE_DONE)
					rc = store_fail(s, sqlite3_errcode(s->db),
					    "indexing for search", e);
				sqlite3_reset(up);
				record_free(r);
			}
			free(ids);
		}
	}
	if (began)
		sqlite3_exec(s->db, rc == ST_OK ? "COMMIT" : "ROLLBACK", NULL,
		    NULL, NULL);
	return rc;
}
