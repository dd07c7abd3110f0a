/* store_int.h - the store's private parts, shared by src/store*.c. */
#ifndef DAFTAR_STORE_INT_H
#define DAFTAR_STORE_INT_H

#include <sqlite3.h>
#include <time.h>

#include "daftar/migrations.h"
#include "daftar/store.h"

#define STORE_CACHE 48          /* prepared statements kept per store */

/* An open database. */
struct store {
	sqlite3 *db;                    /* the connection */
	char *path;                     /* file name as given */
	model m;                        /* field metadata, loaded at open */
	enum text_date_style date_style;/* how list cells show dates */
	struct {
		char *sql;              /* statement text (the cache key) */
		sqlite3_stmt *st;       /* prepared statement */
	} cache[STORE_CACHE];
	int cache_next;                 /* next slot to recycle */
	int has_gid;                    /* schema 006 on: gid columns (tests
	                                 * write older schemas without) */
	struct timespec busy_since;     /* when the current wait for a lock began */
	unsigned busy_rng;              /* jitter of the lock-wait sleeps */
};

/* Open with an explicit migration list (tests build older databases). */
int store_open_with(const char *path, int flags,
    const struct daftar_migration *migs, int nmigs, store **out, dferr *e);

/* A cached prepared statement for sql, reset and unbound; NULL on error
 * (e filled).  Never finalize it; store_close does. */
sqlite3_stmt *store_prepare(store *s, const char *sql, dferr *e);

/* Run SQL with no result rows; ST_OK or an error in e. */
int store_exec(store *s, const char *sql, dferr *e);

/* Map an SQLite failure to a store code with a plain-words message. */
int store_fail(store *s, int rc, const char *what, dferr *e);

/* Does table t have column c? (store_meta.c) */
int store_has_column(store *s, const char *t, const char *c);

/* Load meta_* into s->m (store_meta.c). */
int store_load_model(store *s, dferr *e);

/* Bind value v of field f at parameter i, by the field's type. */
int store_bind_value(store *s, sqlite3_stmt *st, int i, const field *f,
    const char *v, dferr *e);

/* The record other than not_id (0: any) whose unique field fi holds v:
 * *holder, 0 when none (store_io.c). */
int store_unique_holder(store *s, const entity *ent, int fi, const char *v,
    long long not_id, long long *holder, dferr *e);

/* The search key of r (NULL when ent has no searchable field); malloc'd. */
char *store_search_key(const entity *ent, const record *r);

/* SQL expression building json_object() of ent's columns for the row with
 * id = ?N (e.g. for audit old/new values); malloc'd. */
char *store_json_sql(const entity *ent, int param);
/* The json_object() of ent's columns of the row in scope; malloc'd. */
char *store_json_expr(const entity *ent);

/* INSERT INTO t(fields..., search_key, created_at, created_by,
 * updated_at, updated_by[, gid]) VALUES (?1.., ?N+1, ?N+2, ?N+3, ?N+2,
 * ?N+3[, ?N+4]); malloc'd. */
char *store_insert_sql(const entity *ent, int with_gid);

/* After a failed insert of a record given global id gid (NULL: none):
 * 1 when the failure is gid's UNIQUE constraint, *holder then the id of
 * the record of ent holding it (0 if it cannot be read); else 0
 * (store_gid.c). */
int store_gid_clash(store *s, const entity *ent, const char *gid,
    long long *holder);

/* A set of global ids with the id of the record holding each (an import
 * into a small table checks the gids its rows give against it while the
 * gid index is dropped; store_gid.c). */
struct gid_set;
struct gid_set *gid_set_new(void);
long long gid_set_find(const struct gid_set *g, const char *gid); /* 0: none */
void gid_set_add(struct gid_set *g, const char *gid, long long id);
void gid_set_free(struct gid_set *g);

/* Turn a constraint failure of a write into a message naming the field. */
int store_constraint_msg(store *s, const entity *ent, const record *r,
    dferr *e);

/* Fill search_key where it is NULL (legacy rows, reference data). */
int store_refresh_keys(store *s, dferr *e);

/* Column i of the current row as a malloc'd string, NULL for SQL NULL. */
char *store_col_text(sqlite3_stmt *st, int i);

/* ---- the audit trail (store_audit.c: the only writer of audit rows) -- */

/* One audit row as handed to store_audit; strings are borrowed. */
struct audit_row {
	const char *tbl;        /* entity table */
	long long record_id;    /* the record; 0 for a batch row (NULL) */
	const char *gid;        /* the record's global id; NULL for a batch */
	enum audit_action action; /* what happened */
	const char *old_json;   /* values before, a JSON object, or NULL */
	const char *new_json;   /* values after, a JSON object, or NULL */
	const char *note;       /* e.g. overwrite, file imported, or NULL */
	const char *at;         /* UTC 'YYYY-MM-DD HH:MM:SS'; NULL = now */
};

/* Write one audit row inside the caller's transaction. */
int store_audit(store *s, const struct audit_row *a, dferr *e);
/* The stored word of an action ("insert", "restored"...), NULL if none. */
const char *store_audit_word(enum audit_action a);
/* Audit a write of record id of ent just made (not a delete: the row
 * must be there): its gid and values now, read back, as "new"; old_json
 * as "old". */
int store_audit_record(store *s, const entity *ent, long long id,
    enum audit_action action, const char *old_json, const char *note,
    dferr *e);
/* The current values of row id of ent as a JSON object; NULL if gone. */
char *store_row_json(store *s, const entity *ent, long long id);
/* Row id of ent now: its gid (NULL before schema 006) and its values as
 * a JSON object, both malloc'd; ST_NOTFOUND when it is not there. */
int store_row_state(store *s, const entity *ent, long long id, char **gid,
    char **json, dferr *e);

#endif
