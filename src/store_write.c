/* store_write.c - records: read one, insert, update with a version check,
 * delete when nothing points to it; every write in a BEGIN IMMEDIATE
 * transaction with its audit row; constraint failures in plain words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

record *record_new(const entity *ent)
{
	record *r = xcalloc(1, sizeof *r);

	r->n = ent->nfields;
	r->v = xcalloc((size_t)r->n + 1, sizeof *r->v);
	return r;
}

void record_set(record *r, int fi, const char *value)
{
	if (fi < 0 || fi >= r->n)
		return;
	free(r->v[fi]);
	r->v[fi] = xstrdup(value);
}

record *record_dup(const record *r)
{
	record *c = xcalloc(1, sizeof *c);
	int i;

	*c = *r;
	c->v = xcalloc((size_t)r->n + 1, sizeof *c->v);
	for (i = 0; i < r->n; i++)
		c->v[i] = xstrdup(r->v[i]);
	c->updated_by = xstrdup(r->updated_by);
	c->updated_at = xstrdup(r->updated_at);
	c->gid = xstrdup(r->gid);
	return c;
}

void record_free(record *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i]);
	free(r->v);
	free(r->updated_by);
	free(r->updated_at);
	free(r->gid);
	free(r);
}

char *store_search_key(const entity *ent, const record *r)
{
	strbuf b = {0};
	int i;
	char *key;

	if (!ent->has_search)
		return NULL;
	for (i = 0; i < ent->nfields; i++) {
		if (!ent->fields[i].searchable || r->v[i] == NULL)
			continue;
		if (b.len > 0)
			sb_addc(&b, ' ');
		sb_adds(&b, r->v[i]);
	}
	key = text_fold(b.s ? b.s : "");
	sb_free(&b);
	return key;
}

char *store_json_expr(const entity *ent)
{
	strbuf b = {0};
	int i;

	sb_adds(&b, "json_object(");
	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, "%s'%s', \"%s\"", i ? ", " : "", ent->fields[i].name,
		    ent->fields[i].name);
	sb_adds(&b, ")");
	return sb_detach(&b);
}

char *store_json_sql(const entity *ent, int param)
{
	char *expr = store_json_expr(ent);
	char *sql = xasprintf("(SELECT %s FROM \"%s\" WHERE id = ?%d)", expr,
	    ent->name, param);

	free(expr);
	return sql;
}

int store_bind_value(store *s, sqlite3_stmt *st, int i, const field *f,
    const char *v, dferr *e)
{
	long long n;

	(void)s;
	if (v == NULL)
		return sqlite3_bind_null(st, i) == SQLITE_OK ? ST_OK : ST_ERROR;
	switch (f->type) {
	case FT_INT:
	case FT_LOOKUP:
	case FT_BOOL:
		if (text_parse_int(v, &n) != 0)
			return dferr_set(e, ST_INVALID, _("%s: \"%s\" is not a number"),
			    field_label(f), v);
		sqlite3_bind_int64(st, i, n);
		break;
	default:
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
		break;
	}
	return ST_OK;
}

int store_get(store *s, const entity *ent, long long id, record **out,
    dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	record *r;
	int i, rc;

	*out = NULL;
	sb_addf(&b, "SELECT version, updated_by, updated_at, %s",
	    s->has_gid ? "gid" : "NULL");
	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, ", \"%s\"", ent->fields[i].name);
	sb_addf(&b, " FROM \"%s\" WHERE id = ?", ent->name);
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return dferr_set(e, ST_NOTFOUND, _("%s #%lld does not exist (it may "
		    "have been deleted meanwhile)"), entity_label(ent), id);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(s, rc, "reading a record", e);
	}
	r = record_new(ent);
	r->id = id;
	r->version = sqlite3_column_int64(st, 0);
	r->updated_by = store_col_text(st, 1);
	r->updated_at = store_col_text(st, 2);
	r->gid = store_col_text(st, 3);
	for (i = 0; i < ent->nfields; i++)
		r->v[i] = store_col_text(st, 4 + i);
	sqlite3_reset(st);
	*out = r;
	return ST_OK;
}

static void rollback(store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Bind every field of r, then search key, time, user at the end. */
static int bind_record(store *s, sqlite3_stmt *st, const entity *ent,
    const record *r, dferr *e)
{
	int i, rc;
	char now[32];

	for (i = 0; i < ent->nfields; i++)
		if ((rc = store_bind_value(s, st, i + 1, &ent->fields[i], r->v[i],
		    e)) != ST_OK)
			return rc;
	util_now(now, sizeof now);
	sqlite3_bind_text(st, ent->nfields + 1, store_search_key(ent, r), -1, free);
	sqlite3_bind_text(st, ent->nfields + 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, ent->nfields + 3, util_user(), -1, SQLITE_STATIC);
	return ST_OK;
}

/* Who last saved row id of ent (by, at: NULL when not wanted), and its
 * version; ST_NOTFOUND if gone. */
static int current_version(store *s, const entity *ent, long long id,
    long long *version, char **by, char **at, dferr *e)
{
	char *sql = xasprintf("SELECT version, updated_by, updated_at FROM "
	    "\"%s\" WHERE id = ?", ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(sql);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		if (by != NULL)
			*by = store_col_text(st, 1);
		if (at != NULL)
			*at = store_col_text(st, 2);
		rc = ST_OK;
	} else if (rc == SQLITE_DONE)
		rc = dferr_set(e, ST_NOTFOUND, _("%s #%lld was deleted meanwhile "
		    "by another user: save it as a new record if it is still "
		    "needed"), entity_label(ent), id);
	else
		rc = store_fail(s, rc, "reading a record", e);
	sqlite3_reset(st);
	return rc;
}

char *store_insert_sql(const entity *ent, int with_gid)
{
	strbuf b = {0};
	int i, n = ent->nfields;

	sb_addf(&b, "INSERT INTO \"%s\"(", ent->name);
	for (i = 0; i < n; i++)
		sb_addf(&b, "\"%s\", ", ent->fields[i].name);
	sb_addf(&b, "search_key, created_at, created_by, updated_at, "
	    "updated_by%s) VALUES (", with_gid ? ", gid" : "");
	for (i = 0; i < n; i++)
		sb_addf(&b, "?%d, ", i + 1);
	sb_addf(&b, "?%d, ?%d, ?%d, ?%d, ?%d", n + 1, n + 2, n + 3, n + 2, n + 3);
	if (with_gid)
		sb_addf(&b, ", ?%d", n + 4);
	sb_adds(&b, ")");
	return sb_detach(&b);
}

/* Insert r inside the caller's transaction; r->id set on success.  A
 * global id given in r that a record already holds means r was saved
 * before (see store_insert): ST_OK with that record's id. */
static int insert_row(store *s, const entity *ent, record *r, const char *note,
    dferr *e)
{
	char *sql = store_insert_sql(ent, r->gid != NULL);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	long long holder = 0;
	int rc;

	free(sql);
	if (st == NULL)
		return ST_ERROR;
	if ((rc = bind_record(s, st, ent, r, e)) != ST_OK)
		return rc;
	if (r->gid != NULL)
		sqlite3_bind_text(st, ent->nfields + 4, r->gid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && store_gid_clash(s, ent, r->gid, &holder) &&
	    holder > 0) {
		r->id = holder;
		return current_version(s, ent, holder, &r->version, NULL, NULL, e);
	}
	if (rc != SQLITE_DONE)
		return (rc & 0xff) == SQLITE_CONSTRAINT ?
		    store_constraint_msg(s, ent, r, e) : store_fail(s, rc, "saving", e);
	r->id = sqlite3_last_insert_rowid(s->db);
	r->version = 1;
	return store_audit_record(s, ent, r->id, AUDIT_CREATED, NULL, note, e);
}

int store_insert(store *s, const entity *ent, record *r, const char *note,
    dferr *e)
{
	return store_insert_many(s, ent, &r, 1, note, e);
}

int store_insert_many(store *s, const entity *ent, record **rs, int n,
    const char *note, dferr *e)
{
	int i, rc;

	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = insert_row(s, ent, rs[i], note, e)) != ST_OK)
			goto fail;
	if ((rc = store_exec(s, "COMMIT", e)) == ST_OK)
		return ST_OK;
fail:
	rollback(s);
	for (i = 0; i < n; i++)
		rs[i]->id = 0;
	return rc;
}

/* Update r inside the caller's transaction, refusing a stale version
 * unless force. */
static int update_row(store *s, const entity *ent, record *r, int force,
    dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	char *by = NULL, *at = NULL, *old = NULL, *note = NULL;
	long long version = 0;
	int i, rc;

	if ((rc = current_version(s, ent, r->id, &version, &by, &at, e)) != ST_OK)
		goto out;
	if (version != r->version) {
		if (!force) {
			rc = dferr_set(e, ST_CONFLICT, _("%s #%lld was saved meanwhile "
			    "by %s at %s: reload to see their change, or save again "
			    "to overwrite it"), entity_label(ent), r->id, by, at);
			goto out;
		}
		note = xasprintf("overwrote version %lld saved by %s at %s",
		    version, by, at);
	}
	old = store_row_json(s, ent, r->id);
	sb_addf(&b, "UPDATE \"%s\" SET ", ent->name);
	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, "\"%s\" = ?%d, ", ent->fields[i].name, i + 1);
	sb_addf(&b, "search_key = ?%d, updated_at = ?%d, updated_by = ?%d, "
	    "version = version + 1 WHERE id = ?%d", ent->nfields + 1,
	    ent->nfields + 2, ent->nfields + 3, ent->nfields + 4);
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	if ((rc = bind_record(s, st, ent, r, e)) != ST_OK)
		goto out;
	sqlite3_bind_int64(st, ent->nfields + 4, r->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_CONSTRAINT ?
		    store_constraint_msg(s, ent, r, e) : store_fail(s, rc, "saving", e);
		goto out;
	}
	if ((rc = store_audit_record(s, ent, r->id, AUDIT_CHANGED, old, note,
	    e)) != ST_OK)
		goto out;
	r->version = version + 1;
	free(r->updated_by);
	r->updated_by = xstrdup(util_user());
out:
	free(by);
	free(at);
	free(old);
	free(note);
	return rc;
}

int store_update(store *s, const entity *ent, record *r, int force,
    dferr *e)
{
	return store_update_many(s, ent, &r, 1, force, e);
}

int store_update_many(store *s, const entity *ent, record **rs, int n,
    int force, dferr *e)
{
	long long *was = xcalloc((size_t)n + 1, sizeof *was);
	int i, rc;

	for (i = 0; i < n; i++)
		was[i] = rs[i]->version;
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		goto out;
	for (i = 0; i < n; i++)
		if ((rc = update_row(s, ent, rs[i], force, e)) != ST_OK)
			break;
	if (rc == ST_OK && (rc = store_exec(s, "COMMIT", e)) == ST_OK)
		goto out;
	rollback(s);
	for (i = 0; i < n; i++)         /* nothing saved: versions as before */
		rs[i]->version = was[i];
out:
	free(was);
	return rc;
}

/* Count the records of every entity whose lookup fields point to (ent,
 * id); describe them in b ("3 enrollments, 1 agreement party"). */
static int references(store *s, const entity *ent, long long id, strbuf *b,
    dferr *e)
{
	const model *m = &s->m;
	int i, j, total = 0;

	for (i = 0; i < m->nents; i++) {
		const entity *o = &m->ents[i];
		long long count = 0;
		for (j = 0; j < o->nfields; j++) {
			const field *f = &o->fields[j];
			char *sql;
			sqlite3_stmt *st;
			if (f->type != FT_LOOKUP || f->target_ent != ent)
				continue;
			sql = xasprintf("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?",
			    o->name, f->name);
			st = store_prepare(s, sql, e);
			free(sql);
			if (st == NULL)
				return -1;
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				count += sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
		}
		if (count > 0) {
			sb_addf(b, "%s%lld %s", total ? ", " : "", count,
			    entity_label(o));
			total++;
		}
	}
	return total;
}

int store_delete(store *s, const entity *ent, long long id, dferr *e)
{
	strbuf refs = {0};
	char *old = NULL, *gid = NULL, *sql, *label = NULL;
	struct audit_row a = {0};
	sqlite3_stmt *st;
	int rc, n;

	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		return rc;
	if ((n = references(s, ent, id, &refs, e)) < 0) {
		rc = ST_ERROR;
		goto fail;
	}
	if (n > 0) {
		store_label(s, ent, id, &label, NULL);
		rc = dferr_set(e, ST_REFERENCED, _("Not deleted: still used by %s; "
		    "change or delete those first (%s \"%s\")"), refs.s,
		    entity_label(ent), label ? label : "?");
		goto fail;
	}
	if (store_row_state(s, ent, id, &gid, &old, NULL) != ST_OK) {
		rc = dferr_set(e, ST_NOTFOUND, _("%s #%lld was already deleted"),
		    entity_label(ent), id);
		goto fail;
	}
	sql = xasprintf("DELETE FROM \"%s\" WHERE id = ?", ent->name);
	st = store_prepare(s, sql, e);
	free(sql);
	if (st == NULL) {
		rc = ST_ERROR;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, "deleting", e);
		goto fail;
	}
	a.tbl = ent->name;
	a.record_id = id;
	a.gid = gid;
	a.action = AUDIT_DELETED;
	a.old_json = old;
	if ((rc = store_audit(s, &a, e)) != ST_OK ||
	    (rc = store_exec(s, "COMMIT", e)) != ST_OK)
		goto fail;
	goto out;
fail:
	rollback(s);
out:
	sb_free(&refs);
	free(old);
	free(gid);
	free(label);
	return rc;
}

int store_label(store *s, const entity *ent, long long id, char **label,
    dferr *e)
{
	const field *f = &ent->fields[ent->display];
	char *sql = xasprintf("SELECT \"%s\" FROM \"%s\" WHERE id = ?", f->name,
	    ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(sql);
	*label = NULL;
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		long long target = sqlite3_column_int64(st, 0);
		if (f->type == FT_LOOKUP && f->target_ent != ent) {
			sqlite3_reset(st);
			return store_label(s, f->target_ent, target, label, e);
		}
		*label = store_col_text(st, 0);
		if (*label == NULL)
			*label = xasprintf("#%lld", id);
		rc = ST_OK;
	} else
		rc = rc == SQLITE_DONE ? dferr_set(e, ST_NOTFOUND,
		    _("%s #%lld does not exist"), entity_label(ent), id) :
		    store_fail(s, rc, "reading a record", e);
	sqlite3_reset(st);
	return rc;
}
