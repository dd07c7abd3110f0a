/* store_similar.c - possible duplicates of a record before it is saved:
 * the records that match it on every field of one "similar" rule of the
 * metadata (a trainee's folded name and birth date; their phone).  The
 * display field of a rule is compared folded, found through the search
 * key (which starts with it), so harakat, hamza forms and tatweel do not
 * hide a duplicate; the other fields are compared exactly, by index. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define SIMILAR_SCAN 200        /* rows read per rule at most */

/* Whether the search key of ent starts with its display field. */
static int key_starts_with_display(const entity *ent)
{
	int i;

	if (!ent->has_search)
		return 0;
	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].searchable)
			return i == ent->display;
	return 0;
}

/* Add id to ids (no repeats, at most max). */
static void add_id(long long *ids, int max, int *n, long long id)
{
	int i;

	for (i = 0; i < *n; i++)
		if (ids[i] == id)
			return;
	if (*n < max)
		ids[(*n)++] = id;
}

/* One rule: the records matching r on every field with similar == g. */
static int similar_rule(store *s, const entity *ent, const record *r, int g,
    long long *ids, int max, int *n, dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	char *key = NULL;
	int i, p = 2, rc = ST_OK, step, folded = 0;

	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].similar == g && (r->v[i] == NULL ||
		    r->v[i][0] == '\0'))
			return ST_OK;   /* a rule needs every one of its fields */
	sb_addf(&b, "SELECT id, \"%s\" FROM \"%s\" WHERE id IS NOT ?1",
	    ent->fields[ent->display].name, ent->name);
	for (i = 0; i < ent->nfields; i++) {
		if (ent->fields[i].similar != g)
			continue;
		if (i == ent->display && key_starts_with_display(ent)) {
			folded = 1;
			key = text_fold(r->v[i]);
			sb_adds(&b, " AND (search_key = ?50 OR (search_key >= "
			    "?50 || ' ' AND search_key < ?50 || '!'))");
		} else
			sb_addf(&b, " AND \"%s\" = ?%d", ent->fields[i].name, p++);
	}
	sb_addf(&b, " LIMIT %d", SIMILAR_SCAN);
	st = store_prepare(s, b.s, e);
	if (st == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	if (r->id > 0)
		sqlite3_bind_int64(st, 1, r->id);
	for (i = 0, p = 2; i < ent->nfields; i++)
		if (ent->fields[i].similar == g && !(folded && i == ent->display))
			store_bind_value(s, st, p++, &ent->fields[i], r->v[i], NULL);
	if (folded)
		sqlite3_bind_text(st, 50, key, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (folded) {   /* the key range also holds longer names */
			char *k = text_fold(name ? name : "");
			int same = strcmp(k, key) == 0;
			free(k);
			if (!same)
				continue;
		}
		add_id(ids, max, n, sqlite3_column_int64(st, 0));
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		rc = store_fail(s, step, "looking for duplicates", e);
out:
	sb_free(&b);
	free(key);
	return rc;
}

int store_similar(store *s, const entity *ent, const record *r,
    long long *ids, int max, int *n, dferr *e)
{
	int i, g, top = 0, rc = ST_OK;

	*n = 0;
	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].similar > top)
			top = ent->fields[i].similar;
	for (g = 1; g <= top && rc == ST_OK; g++)
		rc = similar_rule(s, ent, r, g, ids, max, n, e);
	return rc;
}
