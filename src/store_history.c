/* store_history.c - a record's history from the audit trail, and the
 * deleted records of an entity.  Each audit row about the record (found
 * by table, id and global id, so an id reused before schema 006 does not
 * mix two records) is one step, newest first; its fields that changed
 * come from comparing the row's "old" and "new" JSON objects in SQL
 * (json_each), each value also as the user reads it (choice labels,
 * dates in the date style, a link by the linked record's name). */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define HISTORY_MAX 1000        /* steps read, newest first */

/* The stored action words back to actions ("import" with a record id is
 * that record's import). */
static enum audit_action action_of(const char *word)
{
	int a;

	for (a = 0; a < AUDIT_NACTIONS; a++)
		if (word != NULL && strcmp(word, store_audit_word(a)) == 0)
			return (enum audit_action)a;
	return AUDIT_CHANGED;
}

/* What each action is called: a stable English word (scripts) and the
 * sentence fragment shown to users. */
static const struct {
	const char *name;       /* for scripts: never translated */
	const char *label;      /* for people: translated at use */
} actions[AUDIT_NACTIONS] = {
	[AUDIT_CREATED] = {"created", N_("created")},
	[AUDIT_CHANGED] = {"changed", N_("changed")},
	[AUDIT_MERGED] = {"merged", N_("changed, merged with another save")},
	[AUDIT_DELETED] = {"deleted", N_("deleted")},
	[AUDIT_RESTORED] = {"restored", N_("restored")},
	[AUDIT_IMPORTED] = {"imported", N_("imported")},
	[AUDIT_BATCH] = {"import-batch", N_("import of a file")},
};

const char *store_action_name(enum audit_action a)
{
	return a >= 0 && a < AUDIT_NACTIONS ? actions[a].name : "?";
}

const char *store_action_label(enum audit_action a)
{
	return a >= 0 && a < AUDIT_NACTIONS ? _(actions[a].label) : "?";
}

char *store_value_text(store *s, const field *f, const char *v)
{
	char *shown = NULL;
	long long id;

	if (v == NULL)
		return NULL;
	if (f == NULL)
		return xstrdup(v);
	if (f->type != FT_LOOKUP)
		return model_display(f, v, s->date_style);
	if (text_parse_int(v, &id) != 0)
		return xstrdup(v);
	if (store_label(s, f->target_ent, id, &shown, NULL) == ST_OK)
		return shown;
	/* the linked record is gone: its number, and that it is gone */
	return xasprintf(_("#%lld (deleted)"), id);
}

/* The gid history is read for: the record's own when it is there (and
 * matches the one asked for, if any), else the newest audit row's of
 * that id.  *found: 0 when neither the record nor any audit row is. */
static int history_gid(store *s, history *h, const char *want, int *found,
    dferr *e)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	rc = store_get(s, h->ent, h->id, &h->now, NULL);
	if (rc == ST_OK && (want == NULL || (h->now->gid != NULL &&
	    strcmp(want, h->now->gid) == 0))) {
		h->gid = xstrdup(h->now->gid);
		*found = 1;
		return ST_OK;
	}
	record_free(h->now);
	h->now = NULL;
	if (want != NULL) {
		h->gid = xstrdup(want);
		*found = 1;     /* the audit rows decide */
		return ST_OK;
	}
	st = store_prepare(s, s->has_gid ? "SELECT gid FROM audit WHERE tbl = ?1 "
	    "AND record_id = ?2 ORDER BY id DESC LIMIT 1" : "SELECT NULL FROM "
	    "audit WHERE tbl = ?1 AND record_id = ?2 LIMIT 1", e);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, h->ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->gid = store_col_text(st, 0);
		*found = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK :
	    store_fail(s, rc, "reading the history", e);
}

/* The note of the import batch a record's import row belongs to: the
 * batch row of the same table, time and user (one batch, one time). */
static char *batch_note(store *s, const history *h, const history_step *p)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT note FROM audit WHERE tbl = "
	    "?1 AND record_id IS NULL AND action = 'import' AND at = ?2 AND "
	    "user = ?3 ORDER BY id DESC LIMIT 1", NULL);
	char *note = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, h->ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->user, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		note = store_col_text(st, 0);
	sqlite3_reset(st);
	return note;
}

/* Add the change of key (values before/after) to step p. */
static void add_change(store *s, const entity *ent, history_step *p,
    const char *key, const char *before, const char *after)
{
	history_change *c;
	int fi = model_field_index(ent, key);
	const field *f = fi >= 0 ? &ent->fields[fi] : NULL;

	p->changes = xreallocarray(p->changes, (size_t)p->nchanges + 1,
	    sizeof *p->changes);
	c = &p->changes[p->nchanges++];
	c->field = fi;
	c->name = xstrdup(key);
	c->before = xstrdup(before);
	c->after = xstrdup(after);
	c->before_text = store_value_text(s, f, before);
	c->after_text = store_value_text(s, f, after);
}

/* The steps of h, newest first, with their changed fields. */
static int read_steps(store *s, history *h, dferr *e)
{
	sqlite3_stmt *st;
	history_step *p = NULL;
	long long last = 0;
	char *sql;
	int rc;

	/* one result row per field changed, or one for a step without any */
	sql = xasprintf("SELECT a.id, a.at, a.user, a.action, a.note, k.key, "
	    "a.old ->> k.key, a.new ->> k.key FROM (SELECT * FROM audit WHERE "
	    "tbl = ?1 AND record_id = ?2 AND %s ORDER BY id DESC LIMIT ?4) AS a "
	    "LEFT JOIN json_each(coalesce(a.new, a.old, '{}')) AS k ON "
	    "(a.old ->> k.key) IS NOT (a.new ->> k.key) ORDER BY a.id DESC, k.id",
	    s->has_gid ? "(?3 IS NULL OR gid = ?3)" : "?3 IS NULL");
	st = store_prepare(s, sql, e);
	free(sql);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, h->ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->id);
	if (h->gid != NULL && s->has_gid)
		sqlite3_bind_text(st, 3, h->gid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, HISTORY_MAX + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long aid = sqlite3_column_int64(st, 0);
		if (aid != last) {
			if (h->n == HISTORY_MAX) {
				h->truncated = 1;
				break;
			}
			h->steps = xreallocarray(h->steps, (size_t)h->n + 1,
			    sizeof *h->steps);
			p = &h->steps[h->n++];
			memset(p, 0, sizeof *p);
			p->audit_id = last = aid;
			p->at = store_col_text(st, 1);
			p->user = store_col_text(st, 2);
			p->action = action_of((const char *)sqlite3_column_text(st, 3));
			p->note = store_col_text(st, 4);
		}
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			add_change(s, h->ent, p, (const char *)sqlite3_column_text(st,
			    5), (const char *)sqlite3_column_text(st, 6),
			    (const char *)sqlite3_column_text(st, 7));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, "reading the history", e);
	for (rc = 0; rc < h->n; rc++)
		if (h->steps[rc].action == AUDIT_IMPORTED &&
		    h->steps[rc].note == NULL)
			h->steps[rc].note = batch_note(s, h, &h->steps[rc]);
	return ST_OK;
}

/* When and by whom the record now there was made (its own columns). */
static void read_created(store *s, history *h)
{
	char *sql = xasprintf("SELECT created_at, created_by FROM \"%s\" WHERE "
	    "id = ?1", h->ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, NULL);

	free(sql);
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, h->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		h->created_at = store_col_text(st, 0);
		h->created_by = store_col_text(st, 1);
	}
	sqlite3_reset(st);
}

/* The record's name: its display field now, else in its last values. */
static void read_label(store *s, history *h)
{
	const field *f = &h->ent->fields[h->ent->display];
	int i, k;

	if (h->now != NULL) {
		store_label(s, h->ent, h->id, &h->label, NULL);
		return;
	}
	for (i = 0; i < h->n && h->label == NULL; i++)
		for (k = 0; k < h->steps[i].nchanges; k++) {
			history_change *c = &h->steps[i].changes[k];
			const char *v = c->before_text ? c->before_text : c->after_text;
			if (c->field >= 0 && &h->ent->fields[c->field] == f && v) {
				h->label = xstrdup(v);
				break;
			}
		}
}

int store_history(store *s, const entity *ent, long long id,
    const char *gid, history **out, dferr *e)
{
	history *h = xcalloc(1, sizeof *h);
	int rc, found;
	enum audit_action first;

	*out = NULL;
	h->ent = ent;
	h->id = id;
	if ((rc = history_gid(s, h, gid, &found, e)) != ST_OK)
		goto fail;
	if (!found) {
		rc = dferr_set(e, ST_NOTFOUND, _("%s #%lld does not exist and has "
		    "no history: check the number"), entity_label(ent), id);
		goto fail;
	}
	if ((rc = read_steps(s, h, e)) != ST_OK)
		goto fail;
	if (h->now == NULL && h->n == 0) {
		rc = dferr_set(e, ST_NOTFOUND, _("%s #%lld with global id %s has "
		    "no history"), entity_label(ent), id, gid ? gid : "?");
		goto fail;
	}
	if (h->now != NULL) {
		read_created(s, h);
		first = h->n > 0 ? h->steps[h->n - 1].action : AUDIT_CHANGED;
		h->unaudited_start = !h->truncated && first != AUDIT_CREATED &&
		    first != AUDIT_IMPORTED;
	}
	read_label(s, h);
	*out = h;
	return ST_OK;
fail:
	history_free(h);
	return rc;
}

void history_free(history *h)
{
	int i, k;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		history_step *p = &h->steps[i];
		for (k = 0; k < p->nchanges; k++) {
			free(p->changes[k].name);
			free(p->changes[k].before);
			free(p->changes[k].after);
			free(p->changes[k].before_text);
			free(p->changes[k].after_text);
		}
		free(p->changes);
		free(p->at);
		free(p->user);
		free(p->note);
	}
	free(h->steps);
	record_free(h->now);
	free(h->gid);
	free(h->label);
	free(h->created_at);
	free(h->created_by);
	free(h);
}

/* ---- deleted records ------------------------------------------------- */

int store_deleted_page(store *s, const entity *ent, int fi,
    const char *value, long long before, int limit, deleted_row **rows,
    int *n, dferr *e)
{
	const field *f = &ent->fields[ent->display];
	char *sql, *filter;
	sqlite3_stmt *st;
	int rc;

	*rows = NULL;
	*n = 0;
	filter = fi >= 0 ? xasprintf("AND a.old ->> '%s' = ?4",
	    ent->fields[fi].name) : xstrdup("");
	/* the newest delete of each id whose record is not back (restored,
	 * or the id given again before schema 006) */
	sql = xasprintf("SELECT a.id, a.record_id, %s, a.at, a.user, a.old ->> "
	    "'%s' FROM audit a WHERE a.tbl = ?1 AND a.action = 'delete' AND "
	    "a.id < ?2 %s AND NOT EXISTS (SELECT 1 FROM \"%s\" WHERE id = "
	    "a.record_id) AND NOT EXISTS (SELECT 1 FROM audit d WHERE d.tbl = "
	    "a.tbl AND d.record_id = a.record_id AND d.action = 'delete' AND "
	    "d.id > a.id) ORDER BY a.id DESC LIMIT ?3", s->has_gid ? "a.gid" :
	    "NULL", f->name, filter, ent->name);
	st = store_prepare(s, sql, e);
	free(sql);
	free(filter);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, before > 0 ? before : (long long)1 << 62);
	sqlite3_bind_int(st, 3, limit);
	if (fi >= 0 && (rc = store_bind_value(s, st, 4, &ent->fields[fi], value,
	    e)) != ST_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		deleted_row *d;
		char *raw;
		*rows = xreallocarray(*rows, (size_t)*n + 1, sizeof **rows);
		d = &(*rows)[(*n)++];
		d->audit_id = sqlite3_column_int64(st, 0);
		d->id = sqlite3_column_int64(st, 1);
		d->gid = store_col_text(st, 2);
		d->at = store_col_text(st, 3);
		d->user = store_col_text(st, 4);
		raw = store_col_text(st, 5);
		d->label = store_value_text(s, f, raw);
		free(raw);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_deleted_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return store_fail(s, rc, "reading the deleted records", e);
	}
	return ST_OK;
}

void store_deleted_free(deleted_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(rows[i].gid);
		free(rows[i].at);
		free(rows[i].user);
		free(rows[i].label);
	}
	free(rows);
}
