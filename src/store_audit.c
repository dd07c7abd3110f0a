/* store_audit.c - the one place an audit row is written.
 *
 * Every write of the store records what it did here, and only here: form
 * saves (created, changed, merged), deletes, restores, every record an
 * import or the demo brings in, and the row naming a whole batch.  No
 * other file of the program may INSERT INTO audit (tests/cli/
 * test_layers.sh checks it).  A row is handed over as text (the values
 * before and after as JSON objects already made by the caller), so that
 * whatever is computed over a row's content, such as a hash chained to the
 * previous row, is computed in this one function, in the order the rows
 * are written: store_audit is called once per row, in id order, even for
 * a million-row import (store_bulk.c reads the imported rows back in id
 * order and calls it for each).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* The stored word of each action (the CHECK of the audit table): an
 * "import" row with a record id is that record's arrival, one without is
 * the whole batch.  "merge" and "restore" need schema 006. */
static const char *const action_words[AUDIT_NACTIONS] = {
	[AUDIT_CREATED] = "insert",
	[AUDIT_CHANGED] = "update",
	[AUDIT_DELETED] = "delete",
	[AUDIT_MERGED] = "merge",
	[AUDIT_RESTORED] = "restore",
	[AUDIT_IMPORTED] = "import",
	[AUDIT_BATCH] = "import",
};

const char *store_audit_word(enum audit_action a)
{
	return a >= 0 && a < AUDIT_NACTIONS ? action_words[a] : NULL;
}

int store_audit(store *s, const struct audit_row *a, dferr *e)
{
	const char *word = store_audit_word(a->action);
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (word == NULL)
		return dferr_set(e, ST_ERROR, "auditing: unknown action %d",
		    (int)a->action);
	st = store_prepare(s, s->has_gid ? "INSERT INTO audit(at, user, tbl, "
	    "record_id, action, old, new, note, gid) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9)" : "INSERT INTO audit(at, user, tbl, record_id, "
	    "action, old, new, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", e);
	if (st == NULL)
		return ST_ERROR;
	if (a->at == NULL)
		util_now(now, sizeof now);
	sqlite3_bind_text(st, 1, a->at != NULL ? a->at : now, -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, util_user(), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->tbl, -1, SQLITE_STATIC);
	if (a->record_id > 0)
		sqlite3_bind_int64(st, 4, a->record_id);
	sqlite3_bind_text(st, 5, word, -1, SQLITE_STATIC);
	if (a->old_json != NULL)
		sqlite3_bind_text(st, 6, a->old_json, -1, SQLITE_STATIC);
	if (a->new_json != NULL)
		sqlite3_bind_text(st, 7, a->new_json, -1, SQLITE_STATIC);
	if (a->note != NULL)
		sqlite3_bind_text(st, 8, a->note, -1, SQLITE_STATIC);
	if (s->has_gid && a->gid != NULL)
		sqlite3_bind_text(st, 9, a->gid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, "auditing", e);
}

char *store_row_json(store *s, const entity *ent, long long id)
{
	char *gid = NULL, *json = NULL;

	store_row_state(s, ent, id, &gid, &json, NULL);
	free(gid);
	return json;
}

int store_row_state(store *s, const entity *ent, long long id, char **gid,
    char **json, dferr *e)
{
	char *expr = store_json_expr(ent);
	char *sql = xasprintf("SELECT %s, %s FROM \"%s\" WHERE id = ?1",
	    s->has_gid ? "gid" : "NULL", expr, ent->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(expr);
	free(sql);
	*gid = *json = NULL;
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*gid = store_col_text(st, 0);
		*json = store_col_text(st, 1);
		rc = ST_OK;
	} else
		rc = rc == SQLITE_DONE ? dferr_set(e, ST_NOTFOUND, _("%s #%lld "
		    "does not exist"), entity_label(ent), id) :
		    store_fail(s, rc, "reading a record", e);
	sqlite3_reset(st);
	return rc;
}

int store_audit_record(store *s, const entity *ent, long long id,
    enum audit_action action, const char *old_json, const char *note,
    dferr *e)
{
	struct audit_row a = {0};
	char *gid = NULL, *now_json = NULL;
	int rc;

	if ((rc = store_row_state(s, ent, id, &gid, &now_json, e)) != ST_OK)
		return rc;
	a.tbl = ent->name;
	a.record_id = id;
	a.gid = gid;
	a.action = action;
	a.old_json = old_json;
	a.new_json = now_json;
	a.note = note;
	rc = store_audit(s, &a, e);
	free(gid);
	free(now_json);
	return rc;
}
