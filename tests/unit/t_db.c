/* t_db.c - database fixtures shared by the store and entry tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "t.h"
#include "t_db.h"

store *t_db_new(const char *name)
{
	char *p = xasprintf("%s/%s.db", t_tmpdir(), name);
	store *s = NULL;
	dferr e = {0};

	unlink(p);
	if (store_open(p, STORE_CREATE, &s, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "open %s: %s", p, e.msg);
	free(p);
	return s;
}

store *t_db_again(store *s)
{
	store *o = NULL;
	dferr e = {0};

	if (store_open(store_path(s), 0, &o, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "reopen: %s", e.msg);
	return o;
}

char *t_sql_text(store *s, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	sqlite3_open(store_path(s), &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			v = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	} else
		t_fail(__FILE__, __LINE__, "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return v;
}

long long t_sql_int(store *s, const char *sql)
{
	char *v = t_sql_text(s, sql);
	long long n = v ? atoll(v) : -1;

	free(v);
	return n;
}

void t_sql(store *s, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	sqlite3_open(store_path(s), &db);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		t_fail(__FILE__, __LINE__, "%s: %s", sql, err);
	sqlite3_free(err);
	sqlite3_close(db);
}

long long t_trainee_add(store *s, const char *ar, const char *latin,
    const char *gender, const char *phone, const char *city)
{
	const entity *t = model_entity(store_model(s), "trainee");
	record *r = record_new(t);
	long long id;
	dferr e = {0};

	record_set(r, model_field_index(t, "name_ar"), ar);
	record_set(r, model_field_index(t, "name_latin"), latin);
	record_set(r, model_field_index(t, "gender"), gender);
	record_set(r, model_field_index(t, "phone"), phone);
	record_set(r, model_field_index(t, "city"), city);
	if (store_insert(s, t, r, NULL, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "insert: %s", e.msg);
	id = r->id;
	record_free(r);
	return id;
}

void t_audit_as(store *s, const char *user)
{
	char *sql = xasprintf("UPDATE audit SET user = '%s' WHERE id = (SELECT "
	    "max(id) FROM audit); UPDATE trainee SET updated_by = '%s' WHERE "
	    "id = (SELECT record_id FROM audit WHERE id = (SELECT max(id) FROM "
	    "audit)) AND (SELECT tbl FROM audit WHERE id = (SELECT max(id) FROM "
	    "audit)) = 'trainee'", user, user);

	t_sql(s, sql);
	free(sql);
}

const char *t_state_home(void)
{
	static char dir[128];

	snprintf(dir, sizeof dir, "%s/state", t_tmpdir());
	setenv("XDG_STATE_HOME", dir, 1);
	return dir;
}
