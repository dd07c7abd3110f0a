/* store_update.c - the update of one record by an import (--update): only
 * the fields that differ are written, inside the import's own transaction
 * (store_bulk_begin's), with the version raised, updated_at/by and the
 * search key renewed, and one audit row with the values before and after.
 * The field-level save of a form (store_save_fields, issue 13) compares
 * against a base the user saw; an import has none but the row as it is
 * now, so here the base is the current row, read in the same transaction:
 * nothing can change under it. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_find_by(store *s, const entity *ent, int fi, const char *v,
    long long *id, int *n, dferr *e)
{
	const field *f = fi >= 0 ? &ent->fields[fi] : NULL;
	char *sql = xasprintf("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 LIMIT 2",
	    ent->name, f ? f->name : "id");
	sqlite3_stmt *st = store_prepare(s, sql, e);
	long long k;
	int rc;

	free(sql);
	*id = 0;
	*n = 0;
	if (st == NULL)
		return ST_ERROR;
	if (f == NULL) {                /* by id */
		if (text_parse_int(v, &k) != 0) {
			sqlite3_reset(st);
			return ST_OK;
		}
		sqlite3_bind_int64(st, 1, k);
	} else if ((rc = store_bind_value(s, st, 1, f, v, e)) != ST_OK) {
		sqlite3_reset(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((*n)++ == 0)
			*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, "finding a record",
	    e);
}

int store_update_in_batch(store *s, const entity *ent, const record *mine,
    const unsigned char *changed, const char *note, dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	char *old = store_row_json(s, ent, mine->id), now[32];
	int i, k = 0, rc;

	if (old == NULL)
		return dferr_set(e, ST_NOTFOUND, _("%s #%lld does not exist"),
		    entity_label(ent), mine->id);
	sb_addf(&b, "UPDATE \"%s\" SET ", ent->name);
	for (i = 0; i < ent->nfields; i++)
		if (changed[i])
			sb_addf(&b, "\"%s\" = ?%d, ", ent->fields[i].name, ++k);
	sb_addf(&b, "search_key = ?%d, updated_at = ?%d, updated_by = ?%d, "
	    "version = version + 1 WHERE id = ?%d", k + 1, k + 2, k + 3, k + 4);
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL) {
		free(old);
		return ST_ERROR;
	}
	for (i = 0, k = 0; i < ent->nfields; i++)
		if (changed[i] && (rc = store_bind_value(s, st, ++k, &ent->fields[i],
		    mine->v[i], e)) != ST_OK)
			goto out;
	util_now(now, sizeof now);
	sqlite3_bind_text(st, k + 1, store_search_key(ent, mine), -1, free);
	sqlite3_bind_text(st, k + 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, k + 3, util_user(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, k + 4, mine->id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_CONSTRAINT ?
		    store_constraint_msg(s, ent, mine, e) :
		    store_fail(s, rc, "updating", e);
		goto out;
	}
	rc = store_audit_record(s, ent, mine->id, AUDIT_CHANGED, old, note, e);
out:
	sqlite3_reset(st);
	free(old);
	return rc;
}

int store_max_id(store *s, const entity *ent, long long *max, dferr *e)
{
	char *sql = xasprintf("SELECT max(id) FROM \"%s\"", ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(sql);
	*max = 0;
	if (st == NULL)
		return ST_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*max = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, "reading ids", e);
}
