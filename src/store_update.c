/* store_update.c - the look-ups of an import's update by key: the record
 * a key value names (by id or by any field), and the table's highest id.
 * The update itself is store_save_fields_in_batch (store_merge.c), the
 * field-level save of a form with the row as it is now for base. */
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
