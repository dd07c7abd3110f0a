/* test_identity.c - record identity (schema 006): ids never reused, global
 * ids, the upgrade of a database made before them keeping every row, id,
 * index and trigger, and the audit rows of an id reused before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "daftar/store.h"
#include "../../src/store_int.h"
#include "t.h"

#define IDENTITY_SCHEMA 6       /* schemas/006_identity.sql */

/* A fresh database file path in the scratch directory. */
static char *db_path(const char *name)
{
	char *p = xasprintf("%s/%s.db", t_tmpdir(), name);

	unlink(p);
	return p;
}

/* The text of a one-value SQL answer read on a second connection. */
static char *sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	sqlite3_open(path, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	} else
		v = xasprintf("error: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	return v;
}

static long long sql_num(const char *path, const char *sql)
{
	char *t = sql_text(path, sql);
	long long v = t ? atoll(t) : -1;

	free(t);
	return v;
}

/* Run sql on a second connection; the SQLite result code. */
static int sql_run(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	sqlite3_open(path, &db);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* Whether g has the form of a UUID version 4 in lower case. */
static int is_uuid4(const char *g)
{
	int i;

	if (g == NULL || strlen(g) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (g[i] != '-')
				return 0;
		} else if (!strchr("0123456789abcdef", g[i]))
			return 0;
	}
	return g[14] == '4' && strchr("89ab", g[19]) != NULL;
}

/* Ids of the records made by fill(), per entity (index in the model). */
struct made {
	long long id[16][4];    /* [entity][k] */
	int n[16];              /* how many of each */
};

/* A record of ent with every field set (k tells copies apart), its lookups
 * pointing to records already made; NULL while a required target has
 * none yet. */
static record *filled(const model *m, const entity *ent, int k,
    const struct made *mk)
{
	record *r = record_new(ent);
	char buf[64];
	int i;

	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		const char *v = buf;
		buf[0] = '\0';
		switch (f->type) {
		case FT_LOOKUP: {
			int t = (int)(f->target_ent - m->ents);
			if (f->target_ent == ent)       /* no self-links here */
				v = NULL;
			else if (mk->n[t] == 0) {
				if (f->required) {
					record_free(r);
					return NULL;
				}
				v = NULL;
			} else
				snprintf(buf, sizeof buf, "%lld",
				    mk->id[t][k % mk->n[t]]);
			break;
		}
		case FT_INT:
			snprintf(buf, sizeof buf, "%lld", f->unique ? 20LL + k :
			    f->has_min ? f->min : 1);
			break;
		case FT_BOOL:
			v = "1";
			break;
		case FT_DATE:
			v = "2001-05-17";
			break;
		case FT_CHOICE:
			v = f->choices[0].code;
			break;
		case FT_PHONE:
			snprintf(buf, sizeof buf, "06%08d", 1000 + k);
			break;
		case FT_CIN:
			snprintf(buf, sizeof buf, "AB%06d", 100 + k);
			break;
		default:
			if (f->pattern && strstr(f->pattern, "@"))
				snprintf(buf, sizeof buf, "x%d@example.ma", k);
			else if (f->pattern && strstr(f->pattern, "{9}"))
				snprintf(buf, sizeof buf, "A%09d", 500 + k);
			else if (f->pattern && strstr(f->pattern, "{4}/"))
				v = "2024/2025";
			else
				snprintf(buf, sizeof buf, "قيمة %s %d", f->name, k);
		}
		record_set(r, i, v);
	}
	return r;
}

/* Two records of every entity, targets before the records linking to
 * them; 0 on success. */
static int fill_all(store *s, struct made *mk)
{
	const model *m = store_model(s);
	int pass, i, k, left = 1;
	dferr e;

	memset(mk, 0, sizeof *mk);
	for (pass = 0; pass < m->nents && left; pass++)
		for (i = 0, left = 0; i < m->nents; i++) {
			if (mk->n[i] == 2)
				continue;
			for (k = 0; k < 2; k++) {
				record *r = filled(m, &m->ents[i], k, mk);
				if (r == NULL) {
					left = 1;
					break;
				}
				if (store_insert(s, &m->ents[i], r, NULL, &e) != ST_OK) {
					t_fail(__FILE__, __LINE__, "%s: %s",
					    m->ents[i].name, e.msg);
					record_free(r);
					return -1;
				}
				mk->id[i][mk->n[i]++] = r->id;
				record_free(r);
			}
		}
	return left ? -1 : 0;
}

/* Every row of every entity table as JSON, in id order. */
static char *all_rows(store *s)
{
	const model *m = store_model(s);
	strbuf b = {0};
	int i;
	long long id, max;

	for (i = 0; i < m->nents; i++) {
		char *q = xasprintf("SELECT max(id) FROM \"%s\"", m->ents[i].name);
		max = sql_num(store_path(s), q);
		free(q);
		for (id = 1; id <= max; id++) {
			char *j = store_row_json(s, &m->ents[i], id);
			sb_addf(&b, "%s#%lld %s\n", m->ents[i].name, id, j ? j : "-");
			free(j);
		}
	}
	return sb_detach(&b);
}

#define SCHEMA_SQL "SELECT group_concat(type || ' ' || name || ': ' || sql, " \
	"char(10)) FROM (SELECT * FROM sqlite_schema WHERE type IN ('index', " \
	"'trigger') AND sql IS NOT NULL AND name NOT GLOB '*_gid' AND name " \
	"NOT GLOB '*_gid_fixed' AND name <> 'audit_deleted' ORDER BY name)"

TEST(identity_upgrade_keeps_rows_ids_indexes_and_triggers)
{
	char *p = db_path("upgrade"), *before, *after, *sb, *sa, *g2, *g3, *q;
	const entity *t, *en;
	struct made mk;
	store *s = NULL;
	record *r;
	long long b, gone_enr;
	int ti, ei;
	dferr e;

	/* a database as today's main makes it: schema 5, a record in every
	 * table (two of each), ids given by SQLite's plain rowid */
	CHECK_INT(store_open_with(p, STORE_CREATE, daftar_migrations,
	    IDENTITY_SCHEMA - 1, &s, &e), ST_OK);
	if (s == NULL)
		return;
	CHECK_INT(fill_all(s, &mk), 0);
	t = model_entity(store_model(s), "trainee");
	en = model_entity(store_model(s), "enrollment");
	ti = (int)(t - store_model(s)->ents);
	ei = (int)(en - store_model(s)->ents);
	/* an id deleted and given again (the bug of issue 13): trainee b,
	 * then another trainee gets b too and is edited */
	b = mk.id[ti][1];
	/* its enrollment, the newest: that id must not come back either */
	gone_enr = mk.id[ei][1];
	CHECK_INT(store_delete(s, en, gone_enr, &e), ST_OK);
	CHECK_INT(store_delete(s, t, b, &e), ST_OK);
	r = filled(store_model(s), t, 3, &mk);
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	CHECK_INT(r->id, b);                    /* reused, before 006 */
	record_set(r, model_field_index(t, "city"), "Fès");
	CHECK_INT(store_update(s, t, r, 0, &e), ST_OK);
	record_free(r);
	before = all_rows(s);
	store_close(s);
	sb = sql_text(p, SCHEMA_SQL);

	CHECK_INT(store_open(p, STORE_MIGRATE, &s, &e), ST_OK);
	if (s == NULL)
		goto out;
	CHECK_INT(store_schema_version(s), store_latest_version());
	t = model_entity(store_model(s), "trainee");     /* the new model's */
	en = model_entity(store_model(s), "enrollment");
	after = all_rows(s);
	CHECK_STR(after, before);               /* every row, id and value */
	sa = sql_text(p, SCHEMA_SQL);
	CHECK_STR(sa, sb);                      /* every index and trigger */
	free(sa);
	{
		strbuf rep = {0};
		CHECK_INT(store_check(s, &rep, &e), 0);
		sb_free(&rep);
	}
	CHECK_INT(sql_num(p, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* every record of every table has its own gid in UUID v4 form */
	{
		const model *m = store_model(s);
		int i;
		for (i = 0; i < m->nents; i++) {
			char *sql = xasprintf("SELECT count(*) - count(DISTINCT gid) + "
			    "sum(gid IS NULL) FROM \"%s\"", m->ents[i].name);
			if (sql_num(p, sql) != 0)
				t_fail(__FILE__, __LINE__, "%s: gids missing or "
				    "shared", m->ents[i].name);
			free(sql);
		}
		CHECK(sql_num(p, "SELECT count(*) FROM trainee") > 0);
		/* one unique index and one never-changes trigger per table */
		CHECK_INT(sql_num(p, "SELECT count(*) FROM sqlite_schema WHERE "
		    "type = 'index' AND name = tbl_name || '_gid' AND sql LIKE "
		    "'CREATE UNIQUE INDEX%'"), m->nents);
		CHECK_INT(sql_num(p, "SELECT count(*) FROM sqlite_schema WHERE "
		    "type = 'trigger' AND name = tbl_name || '_gid_fixed'"),
		    m->nents);
		g3 = sql_text(p, "SELECT gid FROM trainee ORDER BY id DESC LIMIT 1");
		CHECK(is_uuid4(g3));
		free(g3);
	}
	/* the audit rows of id b: the second trainee's (insert, update) carry
	 * its gid, the first one's (insert, delete) a gid of their own */
	q = xasprintf("SELECT gid FROM trainee WHERE id = %lld", b);
	g3 = sql_text(p, q);
	free(q);
	q = xasprintf("SELECT group_concat(action || '=' || (gid = '%s'), ' ') "
	    "FROM (SELECT * FROM audit WHERE tbl = 'trainee' AND record_id = "
	    "%lld ORDER BY id)", g3, b);
	sa = sql_text(p, q);
	free(q);
	CHECK_STR(sa, "insert=0 delete=0 insert=1 update=1");
	free(sa);
	q = xasprintf("SELECT count(DISTINCT gid) || ' ' || min(gid) FROM audit "
	    "WHERE tbl = 'trainee' AND record_id = %lld AND gid <> '%s'", b, g3);
	g2 = sql_text(p, q);
	free(q);
	CHECK(g2 != NULL && strncmp(g2, "1 ", 2) == 0 && is_uuid4(g2 + 2));
	free(g2);
	free(g3);
	/* ids are not handed out again: the enrollment deleted before the
	 * upgrade, and the newest trainee deleted after it */
	r = filled(store_model(s), en, 1, &mk);
	CHECK_INT(store_insert(s, en, r, NULL, &e), ST_OK);
	CHECK_INT(r->id, gone_enr + 1);
	record_free(r);
	r = filled(store_model(s), t, 2, &mk);
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	b = r->id;
	CHECK_INT(store_delete(s, t, b, &e), ST_OK);
	r->id = 0;
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	CHECK_INT(r->id, b + 1);
	record_free(r);
	/* the gid never changes */
	CHECK(sql_run(p, "UPDATE trainee SET gid = 'x' WHERE id = 1") !=
	    SQLITE_OK);
	CHECK_INT(sql_run(p, "UPDATE trainee SET city = 'x' WHERE id = 1"),
	    SQLITE_OK);
	store_close(s);
	free(after);
out:
	free(before);
	free(sb);
	free(p);
}

TEST(identity_new_records_get_gids_and_fresh_ids)
{
	char *p = db_path("fresh-ids");
	const entity *t;
	store *s = NULL;
	record *r, *got = NULL;
	char *g;
	long long first, second;
	dferr e;

	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_OK);
	if (s == NULL)
		return;
	t = model_entity(store_model(s), "trainee");
	r = record_new(t);
	record_set(r, model_field_index(t, "name_ar"), "سعاد");
	record_set(r, model_field_index(t, "gender"), "F");
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	first = r->id;
	CHECK_INT(store_get(s, t, first, &got, &e), ST_OK);
	CHECK(got != NULL && is_uuid4(got->gid));
	g = xasprintf("SELECT gid = '%s' FROM audit WHERE tbl = 'trainee' AND "
	    "record_id = %lld AND action = 'insert'", got ? got->gid : "", first);
	CHECK_INT(sql_num(p, g), 1);            /* the audit row knows it */
	free(g);
	/* delete the newest, insert another: its id is new */
	CHECK_INT(store_delete(s, t, first, &e), ST_OK);
	r->id = 0;
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	second = r->id;
	CHECK(second != first);
	CHECK_INT(second, first + 1);
	record_free(got);
	CHECK_INT(store_get(s, t, second, &got, &e), ST_OK);
	g = xasprintf("SELECT count(*) FROM audit WHERE gid = '%s'",
	    got ? got->gid : "");
	CHECK_INT(sql_num(p, g), 1);            /* not the deleted one's */
	free(g);
	record_free(got);
	record_free(r);
	store_close(s);
	free(p);
}

TEST(identity_gid_chosen_before_saving_saves_once)
{
	char *p = db_path("retry"), *q;
	const entity *t;
	store *s = NULL;
	record *r;
	char gid[STORE_GID_SIZE], other[STORE_GID_SIZE];
	long long first;
	dferr e;

	store_gid_new(gid);
	store_gid_new(other);
	CHECK(is_uuid4(gid) && strcmp(gid, other) != 0);
	CHECK_INT(store_gid_parse("8FA19024-6CA2-40F4-BC7E-608FAAB15D4B",
	    other), 0);
	CHECK_STR(other, "8fa19024-6ca2-40f4-bc7e-608faab15d4b");
	CHECK_INT(store_gid_parse("8fa19024-6ca2-40f4-bc7e-608faab15d4", other),
	    -1);
	CHECK_INT(store_gid_parse("8fa19024x6ca2-40f4-bc7e-608faab15d4b", other),
	    -1);
	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_OK);
	if (s == NULL)
		return;
	t = model_entity(store_model(s), "trainee");
	r = record_new(t);
	record_set(r, model_field_index(t, "name_ar"), "مريم");
	record_set(r, model_field_index(t, "gender"), "F");
	r->gid = xstrdup(gid);          /* picked when the form opened */
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	first = r->id;
	/* the acknowledgement was lost: the same save again */
	r->id = 0;
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	CHECK_INT(r->id, first);
	CHECK_INT(sql_num(p, "SELECT count(*) FROM trainee"), 1);
	q = xasprintf("SELECT count(*) FROM audit WHERE gid = '%s'", gid);
	CHECK_INT(sql_num(p, q), 1);
	free(q);
	record_free(r);
	store_close(s);
	free(p);
}
