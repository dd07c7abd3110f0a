/* test_store.c - opening, migrating, writing, auditing and paging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>

#include "daftar/store.h"
#include "../../src/store_int.h"
#include "t.h"

/* A fresh database file path in the scratch directory. */
static char *db_path(const char *name)
{
	char *p = xasprintf("%s/%s.db", t_tmpdir(), name);

	unlink(p);
	return p;
}

static store *open_new(const char *name)
{
	char *p = db_path(name);
	store *s = NULL;
	dferr e = {0};

	if (store_open(p, STORE_CREATE, &s, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "open %s: %s", p, e.msg);
	free(p);
	return s;
}

/* One SQL integer answer straight from the file (a second connection). */
static long long sql_int(store *s, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	sqlite3_open(store_path(s), &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* A trainee record from name, latin, gender, birth date, cin. */
static record *trainee(const entity *t, const char *ar, const char *la,
    const char *g, const char *bd, const char *cin)
{
	record *r = record_new(t);

	record_set(r, model_field_index(t, "name_ar"), ar);
	record_set(r, model_field_index(t, "name_latin"), la);
	record_set(r, model_field_index(t, "gender"), g);
	record_set(r, model_field_index(t, "birth_date"), bd);
	record_set(r, model_field_index(t, "cin"), cin);
	return r;
}

TEST(store_fresh_database_has_schema_and_model)
{
	store *s = open_new("fresh");
	const model *m = store_model(s);
	const entity *t = model_entity(m, "trainee");

	CHECK_INT(store_schema_version(s), store_latest_version());
	CHECK_INT(m->nents, 12);
	CHECK(t != NULL && t->has_search && t->nlist >= 5);
	CHECK_STR(m->ents[0].name, "trainee");          /* menu order */
	CHECK(model_entity(m, "region") != NULL);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM region WHERE search_key "
	    "IS NOT NULL"), 12);
	CHECK_INT(sql_int(s, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	store_close(s);
}

TEST(store_insert_update_audit_and_stale_version)
{
	store *s = open_new("write");
	const entity *t = model_entity(store_model(s), "trainee");
	record *r = trainee(t, "مُحَمَّد أمين", "Mohamed Amine", "M",
	    "2004-03-01", "AB123456"), *stale;
	dferr e = {0};
	int fi = model_field_index(t, "name_latin");

	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	CHECK(r->id > 0 && r->version == 1);
	stale = record_dup(r);
	record_set(r, fi, "Mohamed-Amine");
	CHECK_INT(store_update(s, t, r, 0, &e), ST_OK);
	CHECK_INT(r->version, 2);
	CHECK_INT(sql_int(s, "SELECT version FROM trainee"), 2);
	/* the audit holds before and after */
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit WHERE tbl = 'trainee' "
	    "AND action = 'update' AND json_extract(old, '$.name_latin') = "
	    "'Mohamed Amine' AND json_extract(new, '$.name_latin') = "
	    "'Mohamed-Amine'"), 1);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit WHERE action = 'insert' "
	    "AND old IS NULL AND json_extract(new, '$.cin') = 'AB123456'"), 1);
	/* a save from the old version is refused and names who saved */
	record_set(stale, fi, "Amine");
	CHECK_INT(store_update(s, t, stale, 0, &e), ST_CONFLICT);
	CHECK(strstr(e.msg, util_user()) != NULL);
	CHECK(strstr(e.msg, "meanwhile") != NULL);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM trainee WHERE name_latin = "
	    "'Amine'"), 0);
	/* overwriting knowingly works and is noted in the audit */
	CHECK_INT(store_update(s, t, stale, 1, &e), ST_OK);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit WHERE note LIKE "
	    "'overwrote version 2%'"), 1);
	record_free(r);
	record_free(stale);
	store_close(s);
}

/* Possible duplicates: same folded name and birth date, or same phone;
 * a longer name sharing the prefix, or another birth date, is not one. */
TEST(store_similar_finds_folded_name_and_phone)
{
	store *s = open_new("similar");
	const entity *t = model_entity(store_model(s), "trainee");
	record *a = trainee(t, "مُحَمَّد العَلَوِي", "Mohamed Alaoui", "M",
	    "2005-01-02", "AB11111");
	record *b = trainee(t, "محمد العلويين", NULL, "M", "2005-01-02", NULL);
	record *c = trainee(t, "محمد العلوي", NULL, "M", "2005-01-02", NULL);
	int ph = model_field_index(t, "phone"), n = -1;
	long long ids[4];
	dferr e = {0};

	record_set(a, ph, "0611223344");
	CHECK_INT(store_insert(s, t, a, NULL, &e), ST_OK);
	CHECK_INT(store_insert(s, t, b, NULL, &e), ST_OK);
	CHECK_INT(store_similar(s, t, c, ids, 4, &n, &e), ST_OK);
	CHECK_INT(n, 1);                /* a, not b: exact folded name */
	CHECK(n == 1 && ids[0] == a->id);
	record_set(c, model_field_index(t, "birth_date"), "2005-01-03");
	CHECK_INT(store_similar(s, t, c, ids, 4, &n, &e), ST_OK);
	CHECK_INT(n, 0);
	record_set(c, ph, "0611223344");        /* the phone alone suffices */
	CHECK_INT(store_similar(s, t, c, ids, 4, &n, &e), ST_OK);
	CHECK(n == 1 && ids[0] == a->id);
	/* a unique field names its record (through its index) */
	{
		long long rid = 0;
		CHECK_INT(store_resolve(s, t, "AB11111", &rid, &e), ST_OK);
		CHECK(rid == a->id);
		CHECK_INT(store_resolve(s, t, "محمد العلويين", &rid, &e), ST_OK);
		CHECK(rid == b->id);
		CHECK_INT(store_resolve(s, t, "ZZ0", &rid, &e), ST_NOTFOUND);
	}
	/* a record is not its own duplicate */
	CHECK_INT(store_similar(s, t, a, ids, 4, &n, &e), ST_OK);
	CHECK_INT(n, 0);
	record_free(a);
	record_free(b);
	record_free(c);
	store_close(s);
}

TEST(store_constraints_refuse_with_field_names)
{
	store *s = open_new("constraints");
	const model *m = store_model(s);
	const entity *t = model_entity(m, "trainee");
	const entity *en = model_entity(m, "enrollment");
	record *a = trainee(t, "فاطمة", "Fatima", "F", NULL, "J12345");
	record *b = trainee(t, "فاطمة الزهراء", "Fatima Zahra", "F", NULL, "J12345");
	record *c = trainee(t, "سعاد", NULL, NULL, NULL, NULL);
	record *enr = record_new(en);
	dferr e = {0};

	CHECK_INT(store_insert(s, t, a, NULL, &e), ST_OK);
	CHECK_INT(store_insert(s, t, b, NULL, &e), ST_INVALID);
	CHECK(strstr(e.msg, "CIN J12345 is already used by") != NULL);
	CHECK(strstr(e.msg, "فاطمة") != NULL);
	CHECK_INT(store_insert(s, t, c, NULL, &e), ST_INVALID);
	CHECK_STR(e.msg, "Gender is required");
	/* cross-field rule: dropped out needs a date and a reason */
	record_set(enr, model_field_index(en, "trainee_id"), "1");
	record_set(enr, model_field_index(en, "cohort_id"), "77");
	record_set(enr, model_field_index(en, "status"), "enrolled");
	CHECK_INT(store_insert(s, en, enr, NULL, &e), ST_INVALID);
	CHECK_STR(e.msg, "Cohort: there is no record #77");
	CHECK_INT(sql_int(s, "SELECT count(*) FROM trainee"), 1);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit"), 1);
	record_free(a);
	record_free(b);
	record_free(c);
	record_free(enr);
	store_close(s);
}

TEST(store_delete_refused_while_referenced)
{
	store *s = open_new("delete");
	const model *m = store_model(s);
	const entity *p = model_entity(m, "partner"), *pe = model_entity(m, "person");
	record *org = record_new(p), *who = record_new(pe);
	dferr e = {0};

	record_set(org, model_field_index(p, "name_ar"), "مكتب التكوين المهني وإنعاش الشغل");
	record_set(org, model_field_index(p, "kind"), "office");
	CHECK_INT(store_insert(s, p, org, NULL, &e), ST_OK);
	record_set(who, model_field_index(pe, "name_ar"), "لبنى اطريشا");
	record_set(who, model_field_index(pe, "partner_id"), "1");
	CHECK_INT(store_insert(s, pe, who, NULL, &e), ST_OK);
	CHECK_INT(store_delete(s, p, org->id, &e), ST_REFERENCED);
	CHECK(strstr(e.msg, "still used by 1 People") != NULL);
	CHECK_INT(store_delete(s, pe, who->id, &e), ST_OK);
	CHECK_INT(store_delete(s, p, org->id, &e), ST_OK);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit WHERE action = 'delete' "
	    "AND new IS NULL AND json_extract(old, '$.name_ar') = 'لبنى اطريشا'"), 1);
	CHECK_INT(store_delete(s, p, org->id, &e), ST_NOTFOUND);
	record_free(org);
	record_free(who);
	store_close(s);
}

/* Walk the whole list forward then backward; each id exactly once. */
static void walk(store *s, const list_query *q, int total, int page)
{
	list_row *rows, anchor = {0};
	int n, i, seen_n = 0, rc;
	char *seen = xcalloc((size_t)total + 2, 1);
	dferr e;

	for (;;) {
		rc = store_list_page(s, q, seen_n ? &anchor : NULL, 1, page, &rows,
		    &n, &e);
		if (rc != ST_OK || n == 0) {
			if (rc == ST_OK)
				store_rows_free(q, rows, n);
			break;
		}
		for (i = 0; i < n; i++) {
			if (rows[i].id > total || seen[rows[i].id]++)
				t_fail(__FILE__, __LINE__, "row %lld twice", rows[i].id);
			seen_n++;
		}
		free(anchor.sortval);
		anchor.id = rows[n - 1].id;
		anchor.sortval = xstrdup(rows[n - 1].sortval);
		store_rows_free(q, rows, n);
	}
	CHECK_INT(seen_n, total);
	/* backwards from the end */
	memset(seen, 0, (size_t)total + 2);
	seen_n = 0;
	for (;;) {
		rc = store_list_page(s, q, seen_n ? &anchor : NULL, -1, page, &rows,
		    &n, &e);
		if (rc != ST_OK || n == 0) {
			if (rc == ST_OK)
				store_rows_free(q, rows, n);
			break;
		}
		for (i = 0; i < n; i++) {
			if (seen[rows[i].id]++)
				t_fail(__FILE__, __LINE__, "row %lld twice back", rows[i].id);
			seen_n++;
		}
		free(anchor.sortval);
		anchor.id = rows[0].id;
		anchor.sortval = xstrdup(rows[0].sortval);
		store_rows_free(q, rows, n);
	}
	CHECK_INT(seen_n, total);
	free(anchor.sortval);
	free(seen);
}

TEST(store_keyset_pages_every_row_once)
{
	store *s = open_new("paging");
	const entity *t = model_entity(store_model(s), "trainee");
	static const char *names[] = {"أحمد", "فاطمة", "مُحَمَّد", "Élodie", "زينب"};
	store_bulk *b;
	record *r;
	dferr e;
	list_query q = {t, NULL, -1, 0, -1, NULL};
	long long count;
	int i;

	CHECK_INT(store_bulk_begin(s, t, &b, &e), ST_OK);
	for (i = 0; i < 503; i++) {     /* many ties on the name */
		char ar[64], cin[16];
		snprintf(ar, sizeof ar, "%s %d", names[i % 5], i % 7);
		snprintf(cin, sizeof cin, "K%d", i + 1);
		r = trainee(t, ar, i % 3 ? NULL : "x", i % 2 ? "F" : "M", NULL, cin);
		CHECK_INT(store_bulk_add(b, r, &e), ST_OK);
		record_free(r);
	}
	CHECK_INT(store_bulk_commit(b, "test batch", &e), ST_OK);
	walk(s, &q, 503, 50);
	q.sort = model_field_index(t, "name_ar");
	walk(s, &q, 503, 17);
	q.desc = 1;
	walk(s, &q, 503, 64);
	q.sort = model_field_index(t, "name_latin");  /* optional: NULLs */
	walk(s, &q, 503, 33);
	/* search: folded prefix (short) and substring (long) */
	q.sort = -1;
	q.desc = 0;
	q.search = "اح";
	CHECK_INT(store_list_count(s, &q, 1000, &count, &e), ST_OK);
	CHECK_INT(count, 101);
	q.search = "احمد";
	CHECK_INT(store_list_count(s, &q, 1000, &count, &e), ST_OK);
	CHECK_INT(count, 101);
	q.search = "elodie";            /* i % 5 == 3: 3, 8, ... 498 */
	CHECK_INT(store_list_count(s, &q, 1000, &count, &e), ST_OK);
	CHECK_INT(count, 100);
	q.search = "محمد 3";
	CHECK_INT(store_list_count(s, &q, 1000, &count, &e), ST_OK);
	CHECK(count > 10 && count < 30);
	{       /* bounded in time: the same count when there is time enough */
		long long c2 = -1;
		int partial = -1;
		CHECK_INT(store_list_count_within(s, &q, 1000, 60000, &c2,
		    &partial, &e), ST_OK);
		CHECK_INT(c2, count);
		CHECK_INT(partial, 0);
	}
	q.search = NULL;
	CHECK_INT(store_list_count(s, &q, 100, &count, &e), ST_OK);
	CHECK_INT(count, 101);          /* capped: "100+" */
	q.filter_field = model_field_index(t, "gender");
	q.filter_value = "F";
	CHECK_INT(store_list_count(s, &q, 1000, &count, &e), ST_OK);
	CHECK_INT(count, 251);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit WHERE action = 'import' "
	    "AND note = 'test batch'"), 1);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE name = "
	    "'trainee_name_ar'"), 1);      /* index rebuilt after the batch */
	store_close(s);
}

TEST(store_migrates_older_database_keeping_rows)
{
	struct daftar_migration migs[3];
	char *p = db_path("older");
	store *s = NULL;
	const entity *t;
	record *r;
	dferr e;

	migs[0] = daftar_migrations[0];
	migs[1].name = "999_test.sql";
	migs[1].sql = "ALTER TABLE trainee ADD COLUMN nickname TEXT;"
	    "INSERT INTO meta_field(entity, name, ord, type, label_ar, label_fr,"
	    " label_en) VALUES ('trainee', 'nickname', 99, 'text', 'لقب',"
	    " 'Surnom', 'Nickname');";
	CHECK_INT(store_open_with(p, STORE_CREATE, migs, 1, &s, &e), ST_OK);
	t = model_entity(store_model(s), "trainee");
	r = trainee(t, "زينب", "Zineb", "F", "2001-01-02", "BE9");
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	record_free(r);
	store_close(s);
	/* without permission to migrate, a clear refusal */
	CHECK_INT(store_open_with(p, 0, migs, 2, &s, &e), ST_TOONEW);
	CHECK(strstr(e.msg, "daftar -d") != NULL && strstr(e.msg, "init") != NULL);
	CHECK_INT(store_open_with(p, STORE_MIGRATE, migs, 2, &s, &e), ST_OK);
	CHECK_INT(store_schema_version(s), 2);
	t = model_entity(store_model(s), "trainee");
	CHECK(model_field_index(t, "nickname") >= 0);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM trainee WHERE cin = 'BE9' AND "
	    "name_ar = 'زينب'"), 1);
	store_close(s);
	/* a newer database is refused by the older program */
	CHECK_INT(store_open_with(p, STORE_MIGRATE, migs, 1, &s, &e), ST_TOONEW);
	CHECK(strstr(e.msg, "newer daftar") != NULL);
	free(p);
}

TEST(store_open_classifies_bad_files)
{
	char *p = db_path("notdb");
	FILE *f = fopen(p, "w");
	store *s = NULL;
	dferr e;
	sqlite3 *db;

	fputs("name,cin\nAhmed,AB1\n", f);
	fclose(f);
	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_NOTDAFTAR);
	CHECK(strstr(e.msg, p) != NULL && strstr(e.msg, "not a daftar") != NULL);
	unlink(p);
	sqlite3_open(p, &db);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_NOTDAFTAR);
	CHECK(strstr(e.msg, "not a daftar database (it is an SQLite file") != NULL);
	free(p);
	p = db_path("missing");
	CHECK_INT(store_open(p, 0, &s, &e), ST_NOTFOUND);
	CHECK(strstr(e.msg, "init") != NULL);
	free(p);
	CHECK_INT(store_open("/nonexistent-dir/x.db", STORE_CREATE, &s, &e),
	    ST_NOTFOUND);
	CHECK(strstr(e.msg, "/nonexistent-dir") != NULL);
	if (geteuid() != 0) {   /* root can write anything */
		p = db_path("ro");
		CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_OK);
		store_close(s);
		chmod(p, 0444);
		CHECK_INT(store_open(p, 0, &s, &e), ST_READONLY);
		free(p);
	}
}

TEST(store_two_processes_write_without_busy_errors)
{
	char *p = db_path("concurrent");
	store *s = NULL;
	dferr e;
	pid_t kids[2];
	int k, status, ok = 1;

	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_OK);
	store_close(s);
	for (k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			const entity *t;
			int i, bad = 0;
			if (store_open(p, 0, &s, &e) != ST_OK)
				_exit(2);
			t = model_entity(store_model(s), "trainee");
			for (i = 0; i < 150; i++) {
				char cin[16];
				record *r;
				snprintf(cin, sizeof cin, "%c%d", 'A' + k, i + 1);
				r = trainee(t, "سعيد", "Said", "M", NULL, cin);
				if (store_insert(s, t, r, NULL, &e) != ST_OK)
					bad++;
				record_free(r);
			}
			store_close(s);
			_exit(bad ? 1 : 0);
		}
	}
	for (k = 0; k < 2; k++) {
		waitpid(kids[k], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(store_open(p, 0, &s, &e), ST_OK);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM trainee"), 300);
	CHECK_INT(sql_int(s, "SELECT count(*) FROM audit"), 300);
	store_close(s);
	free(p);
}
