/* store_io.c - the SQL behind import and export: which record holds a
 * unique value, and full records a page at a time for export. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_unique_clash(store *s, const entity *ent, const record *r,
    int *fi, long long *other, dferr *e)
{
	sqlite3_stmt *st;
	char *sql;
	int i, rc = ST_OK;

	*fi = -1;
	*other = 0;
	for (i = 0; i < ent->nfields && *fi < 0 && rc == ST_OK; i++) {
		const field *f = &ent->fields[i];
		if (!f->unique || r->v[i] == NULL)
			continue;
		sql = xasprintf("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 AND "
		    "id IS NOT ?2 LIMIT 1", ent->name, f->name);
		st = store_prepare(s, sql, e);
		free(sql);
		if (st == NULL)
			return ST_ERROR;
		store_bind_value(s, st, 1, f, r->v[i], NULL);
		if (r->id > 0)
			sqlite3_bind_int64(st, 2, r->id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*fi = i;
			*other = sqlite3_column_int64(st, 0);
			rc = ST_OK;
		} else
			rc = rc == SQLITE_DONE ? ST_OK :
			    store_fail(s, rc, "looking for a duplicate", e);
		sqlite3_reset(st);
	}
	return rc;
}
