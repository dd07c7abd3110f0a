/* test_merge.c - the store's field-level save: disjoint fields merged,
 * the same change twice, a conflict (nothing written), a value deleted
 * meanwhile, a record deleted meanwhile, an explicit overwrite, update by
 * key without a base, and a batch that is all or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/store.h"
#include "t.h"
#include "t_db.h"

/* One edit of trainee id from base: field name set to v. */
struct edit {
	store_edit ed;          /* what is handed to the store */
	record *mine;           /* the values wanted */
	unsigned char changed[32], over[32]; /* masks */
};

static void edit_start(struct edit *x, const record *base)
{
	memset(x, 0, sizeof *x);
	x->mine = record_dup(base);
	x->ed.id = base->id;
	x->ed.base_version = base->version;
	x->ed.base = base;
	x->ed.mine = x->mine;
	x->ed.changed = x->changed;
	x->ed.overwrite = x->over;
}

static void edit_set(struct edit *x, const entity *t, const char *name,
    const char *v)
{
	int fi = model_field_index(t, name);

	record_set(x->mine, fi, v);
	x->changed[fi] = 1;
}

static record *get(store *s, const entity *t, long long id)
{
	record *r = NULL;
	dferr e = {0};

	if (store_get(s, t, id, &r, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "get #%lld: %s", id, e.msg);
	return r;
}

/* Another user's program changes field name of trainee id to v. */
static void other_saves(store *s, const entity *t, long long id,
    const char *name, const char *v, const char *user)
{
	store *o = t_db_again(s);
	record *b = get(o, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	edit_start(&x, b);
	edit_set(&x, t, name, v);
	if (store_save_fields(o, t, &x.ed, &m, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "other save: %s", e.msg);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(b);
	store_close(o);
	t_audit_as(s, user);
}

static const char *val(const record *r, const entity *t, const char *name)
{
	return r->v[model_field_index(t, name)];
}

TEST(merge_disjoint_fields_keeps_both)
{
	store *s = t_db_new("merge1");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111",
	    "Fès");
	record *base = get(s, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "city", "Meknès", "karim");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0622222222");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_OK);
	CHECK_INT(m.version, 3);
	CHECK_INT(m.written, 1);
	CHECK_INT(m.nf, 1);
	CHECK(m.nf == 1 && m.f[0].fate == SF_THEIRS);
	CHECK(m.nf == 1 && strcmp(m.f[0].by, "karim") == 0);
	CHECK_STR(val(m.now, t, "city"), "Meknès");
	CHECK_STR(val(m.now, t, "phone"), "0622222222");
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city = "
	    "'Meknès' AND phone = '0622222222' AND version = 3"), 1);
	/* the audit row notes the merge, with who and the column */
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM audit WHERE note LIKE "
	    "'merged with karim''s change to city (%'"), 1);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

TEST(merge_same_field_same_value_writes_nothing)
{
	store *s = t_db_new("merge2");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111", NULL);
	record *base = get(s, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "phone", "0633333333", "karim");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0633333333");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_OK);
	CHECK_INT(m.written, 0);
	CHECK_INT(m.version, 2);        /* no version of its own */
	CHECK(m.nf == 1 && m.f[0].fate == SF_SAME);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM audit WHERE action = "
	    "'update'"), 1);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

TEST(merge_same_field_different_values_is_a_conflict)
{
	store *s = t_db_new("merge3");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111",
	    "Fès");
	record *base = get(s, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "phone", "0633333333", "karim");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0644444444");
	edit_set(&x, t, "city", "Rabat");       /* fine alone, but all or none */
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_CONFLICT);
	CHECK(strstr(e.msg, "karim") != NULL && strstr(e.msg, "Phone") != NULL);
	CHECK_INT(m.nconflicts, 1);
	CHECK(m.nf == 1 && m.f[0].fate == SF_CONFLICT);
	if (m.nf == 1) {
		CHECK_STR(m.f[0].base, "0611111111");
		CHECK_STR(m.f[0].mine, "0644444444");
		CHECK_STR(m.f[0].theirs, "0633333333");
		CHECK_STR(m.f[0].by, "karim");
		CHECK(m.f[0].at != NULL && strlen(m.f[0].at) == 19);
	}
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0633333333' AND city = 'Fès' AND version = 2"), 1);
	store_merge_clear(&m);

	/* the user saw karim's value and chose theirs over it: base moves to
	 * theirs, the overwrite is noted */
	record_set((record *)base, model_field_index(t, "phone"), "0633333333");
	x.over[model_field_index(t, "phone")] = 1;
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_OK);
	CHECK(m.nf == 1 && m.f[0].fate == SF_OVERWRITTEN);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0644444444' AND city = 'Rabat'"), 1);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM audit WHERE note LIKE "
	    "'overwrote karim''s value of phone (%'"), 1);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

TEST(merge_overwrite_still_refused_when_changed_again)
{
	store *s = t_db_new("merge4");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111", NULL);
	record *base = get(s, t, id);
	int ph = model_field_index(t, "phone");
	struct edit x;
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "phone", "0633333333", "karim");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0644444444");
	record_set((record *)base, ph, "0633333333");   /* seen karim's */
	x.over[ph] = 1;
	other_saves(s, t, id, "phone", "0655555555", "salma");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_CONFLICT);
	CHECK(m.nf == 1 && strcmp(m.f[0].by, "salma") == 0);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0655555555'"), 1);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

/* A value someone else emptied meanwhile: kept empty when I did not touch
 * it; a conflict when I changed it. */
TEST(merge_value_deleted_meanwhile)
{
	store *s = t_db_new("merge5");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111",
	    "Fès");
	record *base = get(s, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "city", NULL, "karim");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0622222222");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_OK);
	CHECK(m.nf == 1 && m.f[0].fate == SF_THEIRS && m.f[0].theirs == NULL);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city IS NULL "
	    "AND phone = '0622222222'"), 1);
	store_merge_clear(&m);
	record_free(x.mine);

	/* from the old base again, changing the city karim emptied */
	edit_start(&x, base);
	edit_set(&x, t, "city", "Taza");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_CONFLICT);
	CHECK_INT(m.nconflicts, 1);
	CHECK_INT(m.nf, 2);             /* and the phone, merged */
	if (m.nf == 2) {
		CHECK(m.f[0].fate == SF_THEIRS && m.f[1].fate == SF_CONFLICT);
		CHECK(m.f[1].theirs == NULL);
		CHECK_STR(m.f[1].base, "Fès");
		CHECK_STR(m.f[1].mine, "Taza");
	}
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

TEST(merge_record_deleted_meanwhile)
{
	store *s = t_db_new("merge6");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", NULL, NULL);
	record *base = get(s, t, id);
	struct edit x;
	store_merge m;
	dferr e = {0};

	CHECK_INT(store_delete(s, t, id, &e), ST_OK);
	t_sql(s, "UPDATE audit SET user = 'karim' WHERE action = 'delete'");
	edit_start(&x, base);
	edit_set(&x, t, "phone", "0622222222");
	CHECK_INT(store_save_fields(s, t, &x.ed, &m, &e), ST_NOTFOUND);
	CHECK_INT(m.rc, ST_NOTFOUND);
	CHECK(m.by != NULL && strcmp(m.by, "karim") == 0);
	CHECK(strstr(e.msg, "deleted meanwhile by karim") != NULL);
	CHECK(m.now == NULL);
	store_merge_clear(&m);
	record_free(x.mine);
	record_free(base);
	store_close(s);
}

/* An import's update by key: no base, the row as it is now; only the
 * given fields written. */
TEST(merge_without_base_writes_given_fields)
{
	store *s = t_db_new("merge7");
	const entity *t = model_entity(store_model(s), "trainee");
	long long id = t_trainee_add(s, "سَلمى", "Salma", "F", "0611111111",
	    "Fès");
	record *mine = record_new(t);
	unsigned char changed[32] = {0};
	store_edit ed = {0};
	store_merge m;
	dferr e = {0};

	other_saves(s, t, id, "city", "Ifrane", "karim");
	record_set(mine, model_field_index(t, "phone"), "0699999999");
	changed[model_field_index(t, "phone")] = 1;
	ed.id = id;
	ed.mine = mine;
	ed.changed = changed;
	CHECK_INT(store_save_fields(s, t, &ed, &m, &e), ST_OK);
	CHECK_INT(m.nf, 0);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city = "
	    "'Ifrane' AND phone = '0699999999' AND name_latin = 'Salma'"), 1);
	store_merge_clear(&m);
	record_free(mine);
	store_close(s);
}

/* Several records in one transaction: one conflict writes none; a rule
 * refused on the second undoes the first. */
TEST(merge_many_is_all_or_none)
{
	store *s = t_db_new("merge8");
	const entity *t = model_entity(store_model(s), "trainee");
	long long a = t_trainee_add(s, "أ", "A", "F", NULL, NULL);
	long long b = t_trainee_add(s, "ب", "B", "M", NULL, NULL);
	record *ba = get(s, t, a), *bb = get(s, t, b);
	struct edit x[2];
	store_edit eds[2];
	store_merge m[2];
	dferr e = {0};

	other_saves(s, t, b, "city", "Oujda", "karim");
	edit_start(&x[0], ba);
	edit_set(&x[0], t, "city", "Safi");
	edit_start(&x[1], bb);
	edit_set(&x[1], t, "city", "Nador");
	eds[0] = x[0].ed;
	eds[1] = x[1].ed;
	CHECK_INT(store_save_fields_many(s, t, eds, 2, m, &e), ST_CONFLICT);
	CHECK_INT(m[0].rc, ST_OK);
	CHECK_INT(m[1].rc, ST_CONFLICT);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city = "
	    "'Safi'"), 0);
	store_merge_clear(&m[0]);
	store_merge_clear(&m[1]);

	/* both fine now, but the second refused by a rule (gender) */
	record_set((record *)bb, model_field_index(t, "city"), "Oujda");
	edit_set(&x[1], t, "gender", "X");
	eds[1] = x[1].ed;
	CHECK_INT(store_save_fields_many(s, t, eds, 2, m, &e), ST_INVALID);
	CHECK(strstr(e.msg, "record #") != NULL);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city = "
	    "'Safi'"), 0);
	store_merge_clear(&m[0]);
	store_merge_clear(&m[1]);

	edit_set(&x[1], t, "gender", "M");
	eds[1] = x[1].ed;
	CHECK_INT(store_save_fields_many(s, t, eds, 2, m, &e), ST_OK);
	CHECK_INT(t_sql_int(s, "SELECT count(*) FROM trainee WHERE city IN "
	    "('Safi', 'Nador')"), 2);
	CHECK_INT(m[1].version, 3);
	store_merge_clear(&m[0]);
	store_merge_clear(&m[1]);
	record_free(x[0].mine);
	record_free(x[1].mine);
	record_free(ba);
	record_free(bb);
	store_close(s);
}
