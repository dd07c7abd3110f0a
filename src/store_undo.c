/* store_undo.c - undo from the history: a deleted record brought back as
 * it was (same id, same global id), and one field put back to an earlier
 * value.  Both are ordinary writes: one BEGIN IMMEDIATE transaction, the
 * table's constraints in force, an audit row through store_audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static void rollback(store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* What the last delete of (ent, id) recorded: its audit row's time, user
 * and gid, and the values into r.  ST_NOTFOUND when it was never deleted. */
struct deleted {
	char *at;               /* when it was deleted */
	char *user;             /* by whom */
	char *gid;              /* its global id (NULL before schema 006) */
	char *created_at;       /* its first audit row's time, or NULL */
	char *created_by;       /* and user */
	long long steps;        /* audit rows of it (its next version - 1) */
};

static void deleted_free(struct deleted *d)
{
	free(d->at);
	free(d->user);
	free(d->gid);
	free(d->created_at);
	free(d->created_by);
}

static int read_deleted(store *s, const entity *ent, long long id,
    record *r, struct deleted *d, dferr *e)
{
	sqlite3_stmt *st;
	char *old = NULL;
	int rc, i;

	st = store_prepare(s, s->has_gid ? "SELECT at, user, gid, old FROM audit "
	    "WHERE tbl = ?1 AND record_id = ?2 AND action = 'delete' ORDER BY id "
	    "DESC LIMIT 1" : "SELECT at, user, NULL, old FROM audit WHERE tbl = "
	    "?1 AND record_id = ?2 AND action = 'delete' ORDER BY id DESC LIMIT 1",
	    e);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		d->at = store_col_text(st, 0);
		d->user = store_col_text(st, 1);
		d->gid = store_col_text(st, 2);
		old = store_col_text(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dferr_set(e, ST_NOTFOUND, _("%s #%lld was never deleted: "
		    "there is nothing to restore"), entity_label(ent), id);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, "reading a deleted record", e);
	/* its values, field by field, from the delete's "old" */
	st = store_prepare(s, "SELECT ?1 ->> ?2", e);
	for (i = 0; st != NULL && i < ent->nfields; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ent->fields[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			r->v[i] = store_col_text(st, 0);
	}
	if (st != NULL)
		sqlite3_reset(st);
	free(old);
	if (st == NULL)
		return ST_ERROR;
	/* when it was first made, and how many steps it went through */
	st = store_prepare(s, s->has_gid ? "SELECT min(at), count(*), (SELECT "
	    "user FROM audit WHERE tbl = ?1 AND record_id = ?2 AND gid IS ?3 "
	    "ORDER BY id LIMIT 1) FROM audit WHERE tbl = ?1 AND record_id = ?2 "
	    "AND gid IS ?3" : "SELECT min(at), count(*), NULL FROM audit WHERE "
	    "tbl = ?1 AND record_id = ?2 AND ?3 IS NULL", e);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if (d->gid != NULL)
		sqlite3_bind_text(st, 3, d->gid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->created_at = store_col_text(st, 0);
		d->steps = sqlite3_column_int64(st, 1);
		d->created_by = store_col_text(st, 2);
	}
	sqlite3_reset(st);
	return ST_OK;
}

/* Does record id of ent exist? 1 yes, 0 no, -1 error (e filled). */
static int exists(store *s, const entity *ent, long long id, dferr *e)
{
	char *sql = xasprintf("SELECT 1 FROM \"%s\" WHERE id = ?1", ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	store_fail(s, rc, "reading a record", e);
	return -1;
}

/* The links of r whose record is gone: an optional one is emptied (its
 * label added to dropped), a required one refuses the restore. */
static int check_links(store *s, const entity *ent, record *r,
    strbuf *dropped, dferr *e)
{
	int i, there;
	long long target;

	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		if (f->type != FT_LOOKUP || r->v[i] == NULL ||
		    text_parse_int(r->v[i], &target) != 0)
			continue;
		if ((there = exists(s, f->target_ent, target, e)) < 0)
			return ST_ERROR;
		if (there)
			continue;
		if (f->required)
			return dferr_set(e, ST_INVALID, _("Not restored: its %s, %s "
			    "#%lld, was deleted too; restore that one first (its "
			    "list, key D)"), field_label(f),
			    entity_label(f->target_ent), target);
		sb_addf(dropped, "%s%s", dropped->len ? ", " : "", field_label(f));
		record_set(r, i, NULL);
	}
	return ST_OK;
}

/* INSERT the restored row: its id, gid and version, its values, its
 * search key and bookkeeping. */
static int insert_restored(store *s, const entity *ent, const record *r,
    const struct deleted *d, dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	char now[32];
	int i, rc, n = ent->nfields;

	sb_addf(&b, "INSERT INTO \"%s\"(id, version, ", ent->name);
	if (d->gid != NULL)
		sb_adds(&b, "gid, ");
	for (i = 0; i < n; i++)
		sb_addf(&b, "\"%s\", ", ent->fields[i].name);
	sb_adds(&b, "search_key, created_at, created_by, updated_at, updated_by) "
	    "VALUES (?1, ?2, ");
	if (d->gid != NULL)
		sb_addf(&b, "?%d, ", n + 8);
	for (i = 0; i < n; i++)
		sb_addf(&b, "?%d, ", i + 3);
	sb_addf(&b, "?%d, ?%d, ?%d, ?%d, ?%d)", n + 3, n + 4, n + 5, n + 6, n + 7);
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, d->steps + 1);
	for (i = 0; i < n; i++)
		if ((rc = store_bind_value(s, st, i + 3, &ent->fields[i], r->v[i],
		    e)) != ST_OK)
			return rc;
	util_now(now, sizeof now);
	sqlite3_bind_text(st, n + 3, store_search_key(ent, r), -1, free);
	sqlite3_bind_text(st, n + 4, d->created_at ? d->created_at : now, -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, n + 5, d->created_by ? d->created_by : util_user(),
	    -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, n + 6, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, n + 7, util_user(), -1, SQLITE_STATIC);
	if (d->gid != NULL)
		sqlite3_bind_text(st, n + 8, d->gid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ST_OK;
	if ((rc & 0xff) != SQLITE_CONSTRAINT)
		return store_fail(s, rc, "restoring", e);
	{
		dferr why = {0, ""};
		store_constraint_msg(s, ent, r, &why);
		return dferr_set(e, ST_INVALID, _("Not restored: %s"), why.msg);
	}
}

int store_restore(store *s, const entity *ent, long long id, char **dropped,
    dferr *e)
{
	struct deleted d = {0};
	strbuf gone = {0};
	record *r = record_new(ent);
	char *note = NULL;
	int rc;

	if (dropped != NULL)
		*dropped = NULL;
	r->id = id;
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		goto out;
	if ((rc = exists(s, ent, id, e)) != 0) {
		rc = rc < 0 ? ST_ERROR : dferr_set(e, ST_INVALID, _("%s #%lld is "
		    "there, not deleted: there is nothing to restore"),
		    entity_label(ent), id);
		goto fail;
	}
	if ((rc = read_deleted(s, ent, id, r, &d, e)) != ST_OK)
		goto fail;
	r->gid = xstrdup(d.gid);        /* names it if another holds it now */
	if ((rc = check_links(s, ent, r, &gone, e)) != ST_OK ||
	    (rc = insert_restored(s, ent, r, &d, e)) != ST_OK)
		goto fail;
	note = gone.len > 0 ? xasprintf("deleted by %s at %s; links to records "
	    "deleted since left empty: %s", d.user, d.at, gone.s) :
	    xasprintf("deleted by %s at %s", d.user, d.at);
	if ((rc = store_audit_record(s, ent, id, AUDIT_RESTORED, NULL, note,
	    e)) != ST_OK || (rc = store_exec(s, "COMMIT", e)) != ST_OK)
		goto fail;
	if (dropped != NULL && gone.len > 0)
		*dropped = sb_detach(&gone);
	goto out;
fail:
	rollback(s);
out:
	deleted_free(&d);
	sb_free(&gone);
	record_free(r);
	free(note);
	return rc;
}

int store_put_back(store *s, const entity *ent, const record *seen, int fi,
    const char *value, const char *note, dferr *e)
{
	const field *f = &ent->fields[fi];
	unsigned char *changed = xcalloc((size_t)ent->nfields + 1, 1);
	record *mine = record_dup(seen);
	store_edit ed = {0};
	store_merge out = {0};
	char *shown = NULL;
	int rc, i;

	if (same(seen->v[fi], value)) {
		rc = dferr_set(e, ST_INVALID, _("%s already holds that value: "
		    "nothing to put back"), field_label(f));
		goto out;
	}
	record_set(mine, fi, value);
	changed[fi] = 1;
	ed.id = seen->id;
	ed.base_version = seen->version;
	ed.base = seen;
	ed.mine = mine;
	ed.changed = changed;
	ed.note = note;
	rc = store_save_fields(s, ent, &ed, &out, e);
	if (rc == ST_CONFLICT) {
		for (i = 0; i < out.nf && out.f[i].fi != fi; i++)
			;
		shown = store_value_text(s, f, out.now ? out.now->v[fi] : NULL);
		rc = dferr_set(e, ST_CONFLICT, _("Not put back: %s was changed "
		    "meanwhile by %s at %s UTC (it is now \"%s\"); the history "
		    "shows it again"), field_label(f), i < out.nf ? out.f[i].by :
		    "?", i < out.nf ? out.f[i].at : "?", shown ? shown : "");
	} else if (rc == ST_OK && out.written == 0)
		rc = dferr_set(e, ST_INVALID, _("%s already holds that value: "
		    "nothing to put back"), field_label(f));
out:
	store_merge_clear(&out);
	record_free(mine);
	free(changed);
	free(shown);
	return rc;
}
