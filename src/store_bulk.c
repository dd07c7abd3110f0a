/* store_bulk.c - many inserts in one transaction (demo data, import):
 * one prepared INSERT reused with values bound in place (no copies),
 * relaxed syncing, a large page cache, secondary indexes of a small table
 * dropped and rebuilt at commit (sorted in runs on two cores).  At commit
 * each record gets its own audit row ("import", its values as "new", so
 * its history starts there), written through store_audit one row at a
 * time in id order (a rule over audit rows, such as a hash chain, sees
 * every row's content in order), then one row for the whole batch naming
 * it.  UNIQUE and CHECK constraints
 * stay in force, so a bad or duplicate record is refused at its row.  Foreign keys are checked here
 * instead of by SQLite, once per distinct id (SQLite would look the
 * target up for every row): same guarantee, a tenth of the insert cost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define BULK_IDS 4096           /* ids remembered as existing, per lookup */
#define BULK_CACHE "-262144"    /* page cache in KiB during a batch */
#define BULK_SORT_CACHE "-4096" /* and while the indexes are rebuilt */

/* Ids known to exist in the target of one lookup field. */
struct known_ids {
	long long id[BULK_IDS]; /* open addressing, 0 = free */
	int n;                  /* slots used */
	sqlite3_stmt *probe;    /* SELECT 1 FROM target WHERE id = ? */
};

/* A batch in progress. */
struct store_bulk {
	store *s;               /* the database */
	const entity *ent;      /* the table written */
	sqlite3_stmt *ins[2];   /* the INSERT, private to the batch: without
	                         * and with a global id given */
	char **index_sql;       /* CREATE INDEX statements dropped at begin */
	int nindex;             /* how many */
	long long rows;         /* rows added */
	long long first_id;     /* id of the first row added, 0 = none yet */
	int audit_each;         /* an audit row per record at commit */
	char gid[STORE_GID_SIZE]; /* the global id made for the row added */
	struct gid_set *gids;   /* the gid index is dropped: the gids of the
	                         * rows there and of those given one, else NULL */
	char now[32];           /* one timestamp for the whole batch */
	char cache_was[32];     /* "PRAGMA cache_size = N" to restore */
	struct known_ids **known; /* per field: lookup ids seen to exist */
	void (*on_step)(void *ctx, int done, int steps); /* commit's steps */
	void *step_ctx;         /* handed back to on_step */
};

/* Whether id exists in the target of lookup field fi (cached). */
static int lookup_exists(store_bulk *b, int fi, long long id, dferr *e)
{
	const field *f = &b->ent->fields[fi];
	struct known_ids *k = b->known[fi];
	size_t h;
	char *sql;
	int rc;

	if (k == NULL) {
		k = b->known[fi] = xcalloc(1, sizeof *k);
		sql = xasprintf("SELECT 1 FROM \"%s\" WHERE id = ?", f->target);
		rc = sqlite3_prepare_v2(b->s->db, sql, -1, &k->probe, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return store_fail(b->s, rc, "checking a link", e);
	}
	for (h = (size_t)id * 0x9e3779b97f4a7c15u >> 52; k->id[h] != 0;
	    h = (h + 1) % BULK_IDS)
		if (k->id[h] == id)
			return ST_OK;
	sqlite3_bind_int64(k->probe, 1, id);
	rc = sqlite3_step(k->probe);
	sqlite3_reset(k->probe);
	if (rc == SQLITE_DONE)
		return dferr_set(e, ST_INVALID, _("%s: there is no record #%lld"),
		    field_label(f), id);
	if (rc != SQLITE_ROW)
		return store_fail(b->s, rc, "checking a link", e);
	if (k->n < BULK_IDS / 2) {      /* keep probing short */
		k->id[h] = id;
		k->n++;
	}
	return ST_OK;
}

/* Free the batch (after COMMIT or ROLLBACK), foreign keys back on. */
static void bulk_free(store_bulk *b)
{
	int i;

	store_exec(b->s, "PRAGMA foreign_keys = ON", NULL);
	store_exec(b->s, "PRAGMA synchronous = FULL", NULL);
	if (b->cache_was[0] != '\0')
		store_exec(b->s, b->cache_was, NULL);
	for (i = 0; i < b->nindex; i++)
		free(b->index_sql[i]);
	free(b->index_sql);
	for (i = 0; i < b->ent->nfields; i++) {
		if (b->known[i] != NULL)
			sqlite3_finalize(b->known[i]->probe);
		free(b->known[i]);
	}
	free(b->known);
	gid_set_free(b->gids);
	free(b);
}

/* The gid index was dropped: the gids of the rows already there (fewer
 * than the import's threshold), to check those the import gives. */
static int load_gids(store_bulk *b, dferr *e)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT id, gid FROM \"%s\"", b->ent->name);
	int rc = sqlite3_prepare_v2(b->s->db, sql, -1, &st, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(b->s, rc, "preparing the import", e);
	b->gids = gid_set_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_text(st, 1) != NULL)
			gid_set_add(b->gids, (const char *)sqlite3_column_text(st, 1),
			    sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(b->s, rc, "preparing "
	    "the import", e);
}

/* Drop the table's secondary (non-UNIQUE, explicit) indexes when it is
 * small: rebuilding them once is faster than updating them per row.  The
 * gid index too (its keys are random: the worst to insert one by one),
 * the gids rows give then checked in C. */
static int drop_indexes(store_bulk *b, dferr *e)
{
	store *s = b->s;
	sqlite3_stmt *st;
	char *sql, **names;
	long long rows = 0;
	int rc, i;

	sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT 50000)",
	    b->ent->name);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "preparing the import", e);
	if (sqlite3_step(st) == SQLITE_ROW)
		rows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rows >= 50000)
		return ST_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT name, sql FROM sqlite_schema WHERE "
	    "type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL AND (sql NOT "
	    "LIKE 'CREATE UNIQUE%' OR name = ?1 || '_gid')", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "preparing the import", e);
	sqlite3_bind_text(st, 1, b->ent->name, -1, SQLITE_STATIC);
	names = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (strncmp(name, b->ent->name, strlen(b->ent->name)) == 0 &&
		    strcmp(name + strlen(b->ent->name), "_gid") == 0 &&
		    (rc = load_gids(b, e)) != ST_OK) {
			sqlite3_finalize(st);
			free(names);
			return rc;
		}
		b->index_sql = xreallocarray(b->index_sql, (size_t)b->nindex + 1,
		    sizeof *b->index_sql);
		names = xreallocarray(names, (size_t)b->nindex + 1, sizeof *names);
		names[b->nindex] = store_col_text(st, 0);
		b->index_sql[b->nindex++] = store_col_text(st, 1);
	}
	sqlite3_finalize(st);
	/* drop after the schema scan: the schema cannot change under it */
	for (i = 0, rc = ST_OK; i < b->nindex; i++) {
		if (rc == ST_OK) {
			sql = xasprintf("DROP INDEX \"%s\"", names[i]);
			rc = store_exec(s, sql, e);
			free(sql);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int store_bulk_begin(store *s, const entity *ent, store_bulk **out, dferr *e)
{
	store_bulk *b = xcalloc(1, sizeof *b);
	sqlite3_stmt *st;
	char *sql;
	int rc, i;

	*out = NULL;
	b->s = s;
	b->ent = ent;
	b->known = xcalloc((size_t)ent->nfields + 1, sizeof *b->known);
	b->audit_each = 1;
	util_now(b->now, sizeof b->now);
	store_exec(s, "PRAGMA synchronous = NORMAL", NULL);
	if ((st = store_prepare(s, "PRAGMA cache_size", NULL)) != NULL) {
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(b->cache_was, sizeof b->cache_was,
			    "PRAGMA cache_size = %d", sqlite3_column_int(st, 0));
		sqlite3_reset(st);
	}
	store_exec(s, "PRAGMA cache_size = " BULK_CACHE, NULL);
	/* index builds sort in a few large blocks of the page cache's size
	 * (a temp file only past that); temp_store = MEMORY would make the
	 * sorter malloc every key on its own, a third slower */
	store_exec(s, "PRAGMA temp_store = DEFAULT", NULL);
	/* sorter threads: the rebuilt indexes sort on a free core, if any */
	store_exec(s, "PRAGMA threads = 2", NULL);
	/* outside the transaction, where the pragma takes effect; the links
	 * are checked by lookup_exists instead */
	store_exec(s, "PRAGMA foreign_keys = OFF", NULL);
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK) {
		bulk_free(b);
		return rc;
	}
	if ((rc = drop_indexes(b, e)) != ST_OK)
		goto fail;
	for (i = 0; i < 1 + s->has_gid; i++) {
		sql = store_insert_sql(ent, i);
		rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &b->ins[i], NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			rc = store_fail(s, rc, "preparing the import", e);
			goto fail;
		}
	}
	*out = b;
	return ST_OK;
fail:
	store_bulk_abort(b);
	return rc;
}

int store_bulk_add(store_bulk *b, record *r, dferr *e)
{
	const entity *ent = b->ent;
	sqlite3_stmt *ins = b->ins[b->ins[1] != NULL];
	long long holder;
	int i, rc, n = ent->nfields;

	if (r->gid != NULL && b->ins[1] == NULL)
		return dferr_set(e, ST_INVALID, _("this database has no global "
		    "ids yet: upgrade it with `daftar init`"));
	if (r->gid != NULL && b->gids != NULL &&
	    (holder = gid_set_find(b->gids, r->gid)) > 0)
		return dferr_set(e, ST_INVALID, _("global id %s is already that "
		    "of %s #%lld: this is that record, not a new one"), r->gid,
		    entity_label(ent), holder);
	sqlite3_reset(ins);
	for (i = 0; i < n; i++) {
		const field *f = &ent->fields[i];
		long long v;
		if (r->v[i] == NULL) {
			sqlite3_bind_null(ins, i + 1);
			continue;
		}
		if (f->type != FT_INT && f->type != FT_LOOKUP && f->type != FT_BOOL) {
			/* r outlives the step: bind in place */
			sqlite3_bind_text(ins, i + 1, r->v[i], -1, SQLITE_STATIC);
			continue;
		}
		if (text_parse_int(r->v[i], &v) != 0)
			return dferr_set(e, ST_INVALID, _("%s: \"%s\" is not a "
			    "number"), field_label(f), r->v[i]);
		if (f->type == FT_LOOKUP && (rc = lookup_exists(b, i, v, e)) != ST_OK)
			return rc;
		sqlite3_bind_int64(ins, i + 1, v);
	}
	sqlite3_bind_text(ins, n + 1, store_search_key(ent, r), -1, free);
	sqlite3_bind_text(ins, n + 2, b->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, n + 3, util_user(), -1, SQLITE_STATIC);
	/* the global id an import gives, else a new one made here: a third
	 * of the time of the column's DEFAULT, an SQL expression */
	if (r->gid == NULL && b->ins[1] != NULL)
		store_gid_new(b->gid);
	if (b->ins[1] != NULL)
		sqlite3_bind_text(ins, n + 4, r->gid ? r->gid : b->gid, -1,
		    SQLITE_STATIC);
	rc = sqlite3_step(ins);
	if (rc != SQLITE_DONE) {
		sqlite3_reset(ins);
		return (rc & 0xff) == SQLITE_CONSTRAINT ?
		    store_constraint_msg(b->s, ent, r, e) :
		    store_fail(b->s, rc, "importing", e);
	}
	r->id = sqlite3_last_insert_rowid(b->s->db);
	r->version = 1;
	if (b->rows++ == 0)
		b->first_id = r->id;
	if (r->gid != NULL && b->gids != NULL)  /* one the row gave (those
		                                         * made here are random) */
		gid_set_add(b->gids, r->gid, r->id);
	return ST_OK;
}

/* One audit row per record of the batch, in id order: every row added
 * has an id from first_id on (the batch holds the write lock from its
 * first insert: nobody else's rows come between), read back with its gid
 * and values.  A statement of its own: the cached ones stay free for
 * store_audit. */
static int audit_rows(store_bulk *b, dferr *e)
{
	store *s = b->s;
	struct audit_row a = {0};
	char *expr = store_json_expr(b->ent), *sql;
	sqlite3_stmt *st;
	int rc, step = SQLITE_DONE;

	sql = xasprintf("SELECT id, %s, %s FROM \"%s\" WHERE id >= ?1 ORDER BY "
	    "id", s->has_gid ? "gid" : "NULL", expr, b->ent->name);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(expr);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "auditing the import", e);
	sqlite3_bind_int64(st, 1, b->first_id);
	a.tbl = b->ent->name;
	a.action = AUDIT_IMPORTED;
	a.at = b->now;
	rc = ST_OK;
	while (rc == ST_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		a.record_id = sqlite3_column_int64(st, 0);
		a.gid = (const char *)sqlite3_column_text(st, 1);
		a.new_json = (const char *)sqlite3_column_text(st, 2);
		rc = store_audit(s, &a, e);
	}
	if (rc == ST_OK && step != SQLITE_DONE)
		rc = store_fail(s, step, "auditing the import", e);
	sqlite3_finalize(st);
	return rc;
}

int store_bulk_commit(store_bulk *b, const char *audit_note, dferr *e)
{
	store *s = b->s;
	int i, rc = ST_OK, steps;

	sqlite3_finalize(b->ins[0]);
	sqlite3_finalize(b->ins[1]);
	b->ins[0] = b->ins[1] = NULL;
	/* the sorter of CREATE INDEX writes runs of the cache's size: with a
	 * small cache it sorts many runs on the second core while this one
	 * scans the table, instead of one big run here at the end (1M rows,
	 * five indexes: 6.5 s -> 4.3 s) */
	if (b->nindex > 0)
		store_exec(s, "PRAGMA cache_size = " BULK_SORT_CACHE, NULL);
	steps = b->nindex + 1 + (b->audit_each && b->rows > 0);
	for (i = 0; rc == ST_OK && i < b->nindex; i++) {
		if (b->on_step != NULL)
			b->on_step(b->step_ctx, i, steps);
		rc = store_exec(s, b->index_sql[i], e);
	}
	if (rc == ST_OK && b->audit_each && b->rows > 0) {
		if (b->on_step != NULL)
			b->on_step(b->step_ctx, i++, steps);
		rc = audit_rows(b, e);
	}
	if (rc == ST_OK && b->on_step != NULL)
		b->on_step(b->step_ctx, i, steps);
	if (rc == ST_OK) {
		struct audit_row a = {0};
		char *count = xasprintf("%lld rows", b->rows);
		a.tbl = b->ent->name;
		a.action = AUDIT_BATCH;
		a.note = audit_note != NULL ? audit_note : count;
		a.at = b->now;
		rc = store_audit(s, &a, e);
		free(count);
	}
	if (rc == ST_OK)
		rc = store_exec(s, "COMMIT", e);
	if (rc != ST_OK) {
		store_bulk_abort(b);
		return rc;
	}
	bulk_free(b);
	return ST_OK;
}

void store_bulk_on_step(store_bulk *b, void (*fn)(void *ctx, int done,
    int steps), void *ctx)
{
	b->on_step = fn;
	b->step_ctx = ctx;
}

int store_bulk_gid_holder(store_bulk *b, const char *gid, long long *id,
    dferr *e)
{
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (b->gids != NULL) {
		*id = gid_set_find(b->gids, gid);
		return ST_OK;
	}
	if (!b->s->has_gid)
		return ST_OK;
	sql = xasprintf("SELECT id FROM \"%s\" WHERE gid = ?1", b->ent->name);
	st = store_prepare(b->s, sql, e);
	free(sql);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, gid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK :
	    store_fail(b->s, rc, "looking up a global id", e);
}

void store_bulk_audit_each(store_bulk *b, int on)
{
	b->audit_each = on;
}

void store_bulk_abort(store_bulk *b)
{
	if (b == NULL)
		return;
	sqlite3_finalize(b->ins[0]);
	sqlite3_finalize(b->ins[1]);
	sqlite3_exec(b->s->db, "ROLLBACK", NULL, NULL, NULL);
	bulk_free(b);
}
