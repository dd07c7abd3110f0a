/* store.c - opening a database: checks on the file, WAL and pragmas,
 * migrations in one transaction, statement cache, error mapping, check. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

sqlite3_stmt *store_prepare(store *s, const char *sql, dferr *e)
{
	int i, slot;
	sqlite3_stmt *st;

	for (i = 0; i < STORE_CACHE; i++) {
		if (s->cache[i].sql != NULL && strcmp(s->cache[i].sql, sql) == 0) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "preparing a query", e);
		return NULL;
	}
	slot = s->cache_next;
	s->cache_next = (s->cache_next + 1) % STORE_CACHE;
	if (s->cache[slot].st != NULL) {
		sqlite3_finalize(s->cache[slot].st);
		free(s->cache[slot].sql);
	}
	s->cache[slot].sql = xstrdup(sql);
	s->cache[slot].st = st;
	return st;
}

int store_exec(store *s, const char *sql, dferr *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? ST_OK : store_fail(s, rc, "writing", e);
}

int store_fail(store *s, int rc, const char *what, dferr *e)
{
	const char *path = s != NULL ? s->path : "the database";
	const char *msg = s != NULL && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
		return dferr_set(e, ST_CORRUPT, "%s is damaged (%s while %s): "
		    "restore it from a backup, or ask the administrator to run "
		    "`daftar -d %s check`", path, msg, what, path);
	case SQLITE_NOTADB:
		return dferr_set(e, ST_NOTDAFTAR, "%s is not a daftar database "
		    "(not an SQLite file): check the -d option or $DAFTAR_DB",
		    path);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return dferr_set(e, ST_READONLY, "%s cannot be written (%s while "
		    "%s): ask the administrator for write access to the file and "
		    "its folder", path, msg, what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dferr_set(e, ST_ERROR, "%s stayed locked by another user "
		    "for more than 10 seconds while %s (%s): try again", path,
		    what, msg);
	case SQLITE_FULL:
		return dferr_set(e, ST_ERROR, "the disk holding %s is full: "
		    "nothing was saved; free some space and try again", path);
	default:
		return dferr_set(e, ST_ERROR, "%s: %s while %s", path, msg, what);
	}
}

char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

/* First checks on the file itself, before SQLite sees it. */
static int check_file(const char *path, int flags, dferr *e)
{
	struct stat sb;
	char head[16], *dircopy, *dir;
	int fd, rc = ST_OK;
	ssize_t n;

	if (stat(path, &sb) != 0) {
		dircopy = xstrdup(path);
		dir = dirname(dircopy);
		if (!(flags & STORE_CREATE))
			rc = dferr_set(e, ST_NOTFOUND, "there is no database at "
			    "%s: create one with `daftar -d %s init`", path, path);
		else if (access(dir, F_OK) != 0)
			rc = dferr_set(e, ST_NOTFOUND, "cannot create %s: the "
			    "folder %s does not exist", path, dir);
		else if (access(dir, W_OK) != 0)
			rc = dferr_set(e, ST_READONLY, "cannot create %s: the "
			    "folder %s is not writable for you", path, dir);
		free(dircopy);
		return rc;
	}
	if (S_ISDIR(sb.st_mode))
		return dferr_set(e, ST_NOTDAFTAR, "%s is a folder, not a daftar "
		    "database", path);
	if (sb.st_size > 0) {
		if ((fd = open(path, O_RDONLY)) < 0)
			return dferr_set(e, ST_READONLY, "cannot read %s: %s", path,
			    strerror(errno));
		n = read(fd, head, sizeof head);
		close(fd);
		if (n != (ssize_t)sizeof head ||
		    memcmp(head, "SQLite format 3", 16) != 0)
			return dferr_set(e, ST_NOTDAFTAR, "%s is not a daftar "
			    "database (it is not an SQLite file): check the -d "
			    "option or $DAFTAR_DB", path);
	}
	if (access(path, W_OK) != 0)
		return dferr_set(e, ST_READONLY, "%s is read-only for user %s: "
		    "ask the administrator for write access", path, util_user());
	dircopy = xstrdup(path);
	dir = dirname(dircopy);
	if (access(dir, W_OK) != 0)
		rc = dferr_set(e, ST_READONLY, "the folder of %s is not writable "
		    "for user %s, and the database needs to write its journal "
		    "there: ask the administrator for access", path, util_user());
	free(dircopy);
	return rc;
}

/* PRAGMA user_version, or -1 with e filled. */
static int read_version(store *s, dferr *e)
{
	sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version", e);
	int v = -1, rc;

	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		store_fail(s, rc, "reading the schema version", e);
	sqlite3_reset(st);
	return v;
}

/* The number of tables, and whether meta_entity is one of them. */
static int count_tables(store *s, int *has_meta, dferr *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT count(*), "
	    "sum(name = 'meta_entity') FROM sqlite_schema WHERE type = 'table'", e);
	int n = -1, rc;

	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		*has_meta = sqlite3_column_int(st, 1) > 0;
	} else
		store_fail(s, rc, "reading the schema", e);
	sqlite3_reset(st);
	return n;
}

#define BUSY_WAIT_MS 10000       /* give up on a lock after this long */

/* Busy handler: wait for another user's write in short sleeps of 0.2 to
 * 1.2 ms (jittered, so waiters do not wake together) rather than SQLite's
 * growing back-off of up to 100 ms a sleep, which left a save queued
 * behind a few others waiting far longer than the lock was held; give up
 * (SQLITE_BUSY, "stayed locked") after BUSY_WAIT_MS. */
static int store_busy(void *arg, int count)
{
	store *s = arg;
	struct timespec now, nap;
	long long waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		s->busy_since = now;
	waited = (long long)(now.tv_sec - s->busy_since.tv_sec) * 1000 +
	    (now.tv_nsec - s->busy_since.tv_nsec) / 1000000;
	if (waited >= BUSY_WAIT_MS)
		return 0;
	s->busy_rng ^= s->busy_rng << 13;       /* xorshift32 */
	s->busy_rng ^= s->busy_rng >> 17;
	s->busy_rng ^= s->busy_rng << 5;
	nap.tv_sec = 0;
	nap.tv_nsec = 200000L + (long)(s->busy_rng % 1000000u);
	nanosleep(&nap, NULL);
	return 1;
}

/* The first link the foreign-key check finds broken, as "table row N
 * points to a missing parent" into buf: 1; 0 when none; -1 (and why in
 * buf) when the check cannot run. */
static int broken_link(store *s, char *buf, size_t n)
{
	sqlite3_stmt *st;
	int found = 0;

	snprintf(buf, n, "the foreign-key check could not run");
	if (sqlite3_prepare_v2(s->db, "SELECT \"table\", rowid, parent FROM "
	    "pragma_foreign_key_check LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, n, "%s row %lld points to a missing %s",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* Apply migrations from..n-1 in one transaction.  Foreign keys are off
 * while they run (a migration may make a table again, the procedure of
 * SQLite's lang_altertable.html: a table referred to cannot be dropped
 * with them on) and the whole database is checked before the commit. */
static int migrate(store *s, int from, const struct daftar_migration *migs,
    int n, dferr *e)
{
	char *err = NULL, sql[64], link[256];
	int i, rc;

	/* only outside a transaction does this pragma take effect */
	if ((rc = store_exec(s, "PRAGMA foreign_keys = OFF", e)) != ST_OK)
		return rc;
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		goto out;
	for (i = from; i < n; i++) {
		if (sqlite3_exec(s->db, migs[i].sql, NULL, NULL, &err) != SQLITE_OK) {
			rc = dferr_set(e, ST_ERROR, "upgrading %s failed in "
			    "schema step %s: %s; nothing was changed", s->path,
			    migs[i].name, err ? err : "?");
			sqlite3_free(err);
			goto fail;
		}
	}
	if (broken_link(s, link, sizeof link) != 0) {
		rc = dferr_set(e, ST_ERROR, "upgrading %s would break a link "
		    "(%s); nothing was changed: run `daftar -d %s check`", s->path,
		    link, s->path);
		goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", n);
	if ((rc = store_exec(s, sql, e)) != ST_OK ||
	    (rc = store_exec(s, "COMMIT", e)) != ST_OK)
		goto fail;
	goto out;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
out:
	store_exec(s, "PRAGMA foreign_keys = ON", NULL);
	return rc;
}

int store_open_with(const char *path, int flags,
    const struct daftar_migration *migs, int nmigs, store **out, dferr *e)
{
	store *s = xcalloc(1, sizeof *s);
	int rc, v, ntables, has_meta = 0;

	*out = NULL;
	s->path = xstrdup(path);
	s->date_style = DATE_DMY;
	if ((rc = check_file(path, flags, e)) != ST_OK)
		goto fail;
	/* no global memory statistics: each SQLite malloc would take a
	 * process-wide mutex for them (a tenth of a bulk import); a no-op
	 * once SQLite is initialised */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* a connection is only ever used by the thread that opened it */
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = store_fail(s, sqlite3_errcode(s->db), "opening", e);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	s->busy_rng = (unsigned)getpid() * 2654435761u + 1;
	sqlite3_busy_handler(s->db, store_busy, s);
	if ((ntables = count_tables(s, &has_meta, e)) < 0 ||
	    (v = read_version(s, e)) < 0) {
		rc = e ? e->code : ST_ERROR;
		goto fail;
	}
	if ((v == 0 && ntables > 0) || (v > 0 && !has_meta)) {
		rc = dferr_set(e, ST_NOTDAFTAR, "%s is not a daftar database (it is "
		    "an SQLite file with other tables): check the -d option or "
		    "$DAFTAR_DB", path);
		goto fail;
	}
	if (v > nmigs) {
		rc = dferr_set(e, ST_TOONEW, "%s was made by a newer daftar "
		    "(schema %d; this program knows up to %d): install the newer "
		    "daftar", path, v, nmigs);
		goto fail;
	}
	if ((rc = store_exec(s, "PRAGMA journal_mode = WAL", e)) != ST_OK ||
	    (rc = store_exec(s, "PRAGMA foreign_keys = ON", e)) != ST_OK ||
	    (rc = store_exec(s, "PRAGMA synchronous = FULL", e)) != ST_OK)
		goto fail;
	if (v < nmigs) {
		if (!(flags & (STORE_MIGRATE | STORE_CREATE)) ||
		    (v == 0 && !(flags & STORE_CREATE))) {
			rc = dferr_set(e, ST_TOONEW, "%s has an older schema (%d, "
			    "now %d): upgrade it with `daftar -d %s init`", path, v,
			    nmigs, path);
			goto fail;
		}
		if ((rc = migrate(s, v, migs, nmigs, e)) != ST_OK)
			goto fail;
	}
	s->has_gid = store_has_column(s, "audit", "gid");
	if ((rc = store_load_model(s, e)) != ST_OK ||
	    (rc = store_refresh_keys(s, e)) != ST_OK)
		goto fail;
	*out = s;
	return ST_OK;
fail:
	store_close(s);
	return rc;
}

int store_open(const char *path, int flags, store **out, dferr *e)
{
	return store_open_with(path, flags, daftar_migrations,
	    daftar_nmigrations, out, e);
}

void store_close(store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < STORE_CACHE; i++) {
		if (s->cache[i].st != NULL)
			sqlite3_finalize(s->cache[i].st);
		free(s->cache[i].sql);
	}
	if (s->db != NULL)
		sqlite3_close_v2(s->db);
	model_free(&s->m);
	free(s->path);
	free(s);
}

const model *store_model(const store *s)
{
	return &s->m;
}

const char *store_path(const store *s)
{
	return s->path;
}

int store_schema_version(store *s)
{
	return read_version(s, NULL);
}

int store_latest_version(void)
{
	return daftar_nmigrations;
}

void store_set_date_style(store *s, enum text_date_style style)
{
	s->date_style = style;
}

/* Run a one-column check query, adding each row as a problem line. */
static int check_rows(store *s, const char *sql, const char *prefix,
    strbuf *report, int *problems, dferr *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "checking", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t != NULL && strcmp(t, "ok") == 0)
			continue;
		sb_addf(report, "%s%s\n", prefix, t ? t : "?");
		(*problems)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "checking", e);
	return ST_OK;
}

/* The year summary (schema 4) against what it summarises: pairs missing,
 * pairs left over, fields that differ from the trainee's (set operations:
 * a sort each, not a lookup per row). */
#define YEAR_PAIRS "SELECT DISTINCT c.school_year, e.trainee_id FROM " \
	"enrollment e JOIN cohort c ON c.id = e.cohort_id WHERE " \
	"c.school_year IS NOT NULL"
#define YEAR_CHECK_SQL "SELECT 'trainee #' || trainee_id || ' in ' || " \
	"school_year || ': ' || what FROM (SELECT *, 'missing' AS what FROM (" \
	YEAR_PAIRS " EXCEPT SELECT school_year, trainee_id FROM trainee_year) " \
	"UNION ALL SELECT *, 'not enrolled that year' FROM (SELECT " \
	"school_year, trainee_id FROM trainee_year EXCEPT " YEAR_PAIRS ") " \
	"UNION ALL SELECT x.school_year, x.trainee_id, 'fields differ from " \
	"the trainee' FROM trainee_year x JOIN trainee t ON t.id = " \
	"x.trainee_id WHERE x.region_id IS NOT t.region_id OR x.gender IS " \
	"NOT t.gender OR x.target_group IS NOT t.target_group) LIMIT 20"

int store_check(store *s, strbuf *report, dferr *e)
{
	int problems = 0, v, i, rc;
	char *sql;

	if ((rc = check_rows(s, "PRAGMA integrity_check", "integrity: ",
	    report, &problems, e)) != ST_OK)
		return -1;
	if ((rc = check_rows(s, "SELECT \"table\" || ' row ' || rowid || "
	    "' points to a missing ' || parent FROM pragma_foreign_key_check",
	    "foreign key: ", report, &problems, e)) != ST_OK)
		return -1;
	v = store_schema_version(s);
	if (v != daftar_nmigrations) {
		sb_addf(report, "schema: version %d, this program expects %d\n",
		    v, daftar_nmigrations);
		problems++;
	}
	if (v >= 4 && check_rows(s, YEAR_CHECK_SQL, "year summary "
	    "(trainee_year): ", report, &problems, e) != ST_OK)
		return -1;
	for (i = 0; i < s->m.nents; i++) {
		if (!s->m.ents[i].has_search)
			continue;
		sql = xasprintf("SELECT '%s #' || id || ' has no search key' "
		    "FROM \"%s\" WHERE search_key IS NULL LIMIT 20",
		    s->m.ents[i].name, s->m.ents[i].name);
		rc = check_rows(s, sql, "search: ", report, &problems, e);
		free(sql);
		if (rc != ST_OK)
			return -1;
	}
	return problems;
}
