/* test_history.c - a record's history from the audit trail, the deleted
 * records, restore and putting one field back (store_history.c,
 * store_undo.c), and an audit row for each imported record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daftar/io.h"
#include "daftar/store.h"
#include "t.h"
#include "t_db.h"

static void set(const entity *ent, record *r, const char *name,
    const char *v)
{
	int fi = model_field_index(ent, name);

	if (fi < 0)
		t_fail(__FILE__, __LINE__, "%s has no field %s", ent->name, name);
	record_set(r, fi, v);
}

/* The change of field name in step p, or NULL. */
static const history_change *change(const history_step *p, const char *name)
{
	int k;

	for (k = 0; k < p->nchanges; k++)
		if (strcmp(p->changes[k].name, name) == 0)
			return &p->changes[k];
	return NULL;
}

static int is_str(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

TEST(history_create_edit_delete_restore)
{
	store *s = t_db_new("hist");
	const entity *t = model_entity(store_model(s), "trainee");
	record *r = record_new(t), *back = NULL;
	history *h = NULL;
	deleted_row *del;
	char *gid, *dropped = (char *)1;
	long long id;
	int n;
	dferr e;

	set(t, r, "name_ar", "سُعاد العلوي");          /* with a damma */
	set(t, r, "gender", "F");
	set(t, r, "city", "الرباط");
	set(t, r, "phone", "0612345678");
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	id = r->id;
	/* edit two fields */
	set(t, r, "city", "فاس");
	set(t, r, "phone", "0699999999");
	CHECK_INT(store_update(s, t, r, 0, &e), ST_OK);
	CHECK_INT(store_get(s, t, id, &back, &e), ST_OK);
	gid = back ? xstrdup(back->gid) : NULL;
	record_free(back);
	back = NULL;
	CHECK_INT(store_delete(s, t, id, &e), ST_OK);
	/* findable among the deleted */
	CHECK_INT(store_deleted_page(s, t, -1, NULL, 0, 10, &del, &n, &e), ST_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(del[0].id, id);
		CHECK_STR(del[0].gid, gid);
		CHECK_STR(del[0].label, "سُعاد العلوي");
	}
	store_deleted_free(del, n);
	/* the history of a deleted id */
	CHECK_INT(store_history(s, t, id, NULL, &h, &e), ST_OK);
	if (h != NULL) {
		CHECK(h->now == NULL);
		CHECK_INT(h->n, 3);
		CHECK_STR(h->label, "سُعاد العلوي");
		history_free(h);
		h = NULL;
	}
	CHECK_INT(store_restore(s, t, id, &dropped, &e), ST_OK);
	CHECK(dropped == NULL);
	CHECK_INT(store_restore(s, t, id, NULL, &e), ST_INVALID);
	CHECK(strstr(e.msg, "not deleted") != NULL);
	CHECK_INT(store_get(s, t, id, &back, &e), ST_OK);
	if (back != NULL) {
		CHECK_STR(back->gid, gid);      /* same id, same global id */
		CHECK_STR(back->v[model_field_index(t, "city")], "فاس");
		CHECK_STR(back->v[model_field_index(t, "name_ar")], "سُعاد العلوي");
	}
	CHECK_INT(store_deleted_page(s, t, -1, NULL, 0, 10, &del, &n, &e), ST_OK);
	CHECK_INT(n, 0);                /* not deleted any more */
	store_deleted_free(del, n);
	/* four steps, newest first, with before and after */
	CHECK_INT(store_history(s, t, id, NULL, &h, &e), ST_OK);
	if (h != NULL && h->n == 4) {
		const history_change *c;
		CHECK_STR(h->gid, gid);
		CHECK(h->now != NULL && !h->unaudited_start);
		CHECK_INT(h->steps[0].action, AUDIT_RESTORED);
		CHECK_INT(h->steps[1].action, AUDIT_DELETED);
		CHECK_INT(h->steps[2].action, AUDIT_CHANGED);
		CHECK_INT(h->steps[3].action, AUDIT_CREATED);
		CHECK_INT(h->steps[2].nchanges, 2);     /* city and phone only */
		c = change(&h->steps[2], "city");
		CHECK(c != NULL && is_str(c->before, "الرباط") &&
		    is_str(c->after, "فاس"));
		c = change(&h->steps[2], "phone");
		CHECK(c != NULL && is_str(c->before, "0612345678") &&
		    is_str(c->after, "0699999999"));
		c = change(&h->steps[3], "gender");
		CHECK(c != NULL && c->before == NULL && is_str(c->after, "F") &&
		    is_str(c->after_text, "Female"));
		c = change(&h->steps[1], "city");
		CHECK(c != NULL && is_str(c->before, "فاس") && c->after == NULL);
		c = change(&h->steps[0], "name_ar");
		CHECK(c != NULL && c->before == NULL &&
		    is_str(c->after, "سُعاد العلوي"));
		CHECK(h->steps[0].note != NULL &&
		    strstr(h->steps[0].note, "deleted by") != NULL);
	} else
		CHECK_INT(h ? h->n : -1, 4);
	/* by its global id too */
	{
		long long found = 0;
		CHECK_INT(store_find_gid(s, t, gid, &found, &e), ST_OK);
		CHECK_INT(found, id);
	}
	history_free(h);
	record_free(back);
	record_free(r);
	free(gid);
	store_close(s);
}

/* A record of ent from name=value pairs, inserted; its id. */
static long long add(store *s, const char *ename, const char *const *kv)
{
	const entity *ent = model_entity(store_model(s), ename);
	record *r = record_new(ent);
	long long id;
	dferr e;

	for (; kv[0] != NULL; kv += 2)
		set(ent, r, kv[0], kv[1]);
	if (store_insert(s, ent, r, NULL, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "%s: %s", ename, e.msg);
	id = r->id;
	record_free(r);
	return id;
}

TEST(history_restore_keeps_links_whose_record_exists)
{
	store *s = t_db_new("links");
	const model *m = store_model(s);
	const entity *co = model_entity(m, "cohort"), *en = model_entity(m,
	    "enrollment"), *ev = model_entity(m, "event"), *in =
	    model_entity(m, "institution");
	char buf[3][32], *dropped = NULL;
	long long inst, inst2, spec, coh, tr, enr, evt;
	record *r = NULL;
	dferr e;

	inst = add(s, "institution", (const char *const[]){"name_ar",
	    "معهد فاس", "kind", "institute", "city", "فاس", NULL});
	inst2 = add(s, "institution", (const char *const[]){"name_ar",
	    "مركز مكناس", "kind", "centre", "city", "مكناس", NULL});
	spec = add(s, "specialty", (const char *const[]){"name_ar", "الزليج",
	    NULL});
	snprintf(buf[0], sizeof buf[0], "%lld", inst2);
	snprintf(buf[1], sizeof buf[1], "%lld", spec);
	coh = add(s, "cohort", (const char *const[]){"code", "MEK-ZEL-1",
	    "institution_id", buf[0], "specialty_id", buf[1], "school_year",
	    "2024/2025", NULL});
	tr = add(s, "trainee", (const char *const[]){"name_ar", "يوسف",
	    "gender", "M", NULL});
	snprintf(buf[0], sizeof buf[0], "%lld", tr);
	snprintf(buf[1], sizeof buf[1], "%lld", coh);
	enr = add(s, "enrollment", (const char *const[]){"trainee_id", buf[0],
	    "cohort_id", buf[1], "status", "enrolled", NULL});
	snprintf(buf[2], sizeof buf[2], "%lld", inst);
	evt = add(s, "event", (const char *const[]){"title", "أبواب مفتوحة",
	    "kind", "open_day", "event_date", "2025-03-01", "institution_id",
	    buf[2], NULL});
	/* the enrollment is deleted, then its cohort */
	CHECK_INT(store_delete(s, en, enr, &e), ST_OK);
	CHECK_INT(store_delete(s, co, coh, &e), ST_OK);
	/* a required link to a record deleted since: refused, naming it */
	CHECK_INT(store_restore(s, en, enr, &dropped, &e), ST_INVALID);
	CHECK(strstr(e.msg, "Cohort") != NULL && strstr(e.msg, buf[1]) != NULL
	    && strstr(e.msg, "restore that one first") != NULL);
	/* restore the cohort, then the enrollment comes back with both links */
	CHECK_INT(store_restore(s, co, coh, NULL, &e), ST_OK);
	CHECK_INT(store_restore(s, en, enr, &dropped, &e), ST_OK);
	CHECK(dropped == NULL);
	CHECK_INT(store_get(s, en, enr, &r, &e), ST_OK);
	if (r)
		CHECK_STR(r->v[model_field_index(en, "cohort_id")], buf[1]);
	record_free(r);
	r = NULL;
	/* an optional link to a record deleted since: left empty, said so */
	CHECK_INT(store_delete(s, ev, evt, &e), ST_OK);
	CHECK_INT(store_delete(s, in, inst, &e), ST_OK);
	CHECK_INT(store_restore(s, ev, evt, &dropped, &e), ST_OK);
	CHECK(dropped != NULL && strstr(dropped, "Institution") != NULL);
	CHECK_INT(store_get(s, ev, evt, &r, &e), ST_OK);
	if (r) {
		CHECK(r->v[model_field_index(ev, "institution_id")] == NULL);
		CHECK_STR(r->v[model_field_index(ev, "title")], "أبواب مفتوحة");
	}
	free(dropped);
	record_free(r);
	/* a unique value taken meanwhile refuses the restore */
	{
		const entity *t = model_entity(m, "trainee");
		long long a = add(s, "trainee", (const char *const[]){"name_ar",
		    "ليلى", "gender", "F", "cin", "BK123", NULL});
		CHECK_INT(store_delete(s, t, a, &e), ST_OK);
		add(s, "trainee", (const char *const[]){"name_ar", "ليلى ب",
		    "gender", "F", "cin", "BK123", NULL});
		CHECK_INT(store_restore(s, t, a, NULL, &e), ST_INVALID);
		CHECK(strstr(e.msg, "Not restored") != NULL &&
		    strstr(e.msg, "BK123") != NULL);
	}
	/* so does its global id, given meanwhile to a record imported from
	 * another register's export */
	{
		const entity *t = model_entity(m, "trainee");
		record *b = record_new(t), *got = NULL;
		char *gid;
		set(t, b, "name_ar", "نور");
		set(t, b, "gender", "F");
		CHECK_INT(store_insert(s, t, b, NULL, &e), ST_OK);
		CHECK_INT(store_get(s, t, b->id, &got, &e), ST_OK);
		gid = got ? xstrdup(got->gid) : xstrdup("?");
		CHECK_INT(store_delete(s, t, b->id, &e), ST_OK);
		record_free(got);
		got = record_new(t);
		set(t, got, "name_ar", "نور من سجل آخر");
		set(t, got, "gender", "F");
		got->gid = xstrdup(gid);
		CHECK_INT(store_insert(s, t, got, NULL, &e), ST_OK);
		CHECK_INT(store_restore(s, t, b->id, NULL, &e), ST_INVALID);
		CHECK(strstr(e.msg, "Not restored") != NULL &&
		    strstr(e.msg, gid) != NULL);
		record_free(got);
		record_free(b);
		free(gid);
	}
	store_close(s);
}

/* The record as a user sees it now. */
static record *seen_now(store *s, const entity *t, long long id)
{
	record *r = NULL;
	dferr e;

	if (store_get(s, t, id, &r, &e) != ST_OK)
		t_fail(__FILE__, __LINE__, "get: %s", e.msg);
	return r;
}

TEST(history_put_back_one_field)
{
	store *s = t_db_new("putback");
	const entity *t = model_entity(store_model(s), "trainee");
	int city = model_field_index(t, "city"), phone = model_field_index(t,
	    "phone");
	record *r = record_new(t), *seen, *other, *now;
	history *h = NULL;
	dferr e;

	set(t, r, "name_ar", "حسن");
	set(t, r, "gender", "M");
	set(t, r, "city", "طنجة");
	CHECK_INT(store_insert(s, t, r, NULL, &e), ST_OK);
	set(t, r, "city", "تطوان");
	CHECK_INT(store_update(s, t, r, 0, &e), ST_OK);
	/* the history shows City: طنجة -> تطوان; put it back */
	seen = seen_now(s, t, r->id);
	CHECK_INT(store_put_back(s, t, seen, city, "طنجة", "put back", &e),
	    ST_OK);
	record_free(seen);
	now = seen_now(s, t, r->id);
	CHECK_STR(now->v[city], "طنجة");
	CHECK_INT(now->version, 3);
	record_free(now);
	/* a colleague changes the phone (another field) after the history
	 * was read: still put back, their phone kept (merged) */
	seen = seen_now(s, t, r->id);
	other = seen_now(s, t, r->id);
	record_set(other, phone, "0611223344");
	CHECK_INT(store_update(s, t, other, 0, &e), ST_OK);
	CHECK_INT(store_put_back(s, t, seen, city, "تطوان", NULL, &e), ST_OK);
	record_free(seen);
	record_free(other);
	now = seen_now(s, t, r->id);
	CHECK_STR(now->v[phone], "0611223344");
	CHECK_STR(now->v[city], "تطوان");
	record_free(now);
	/* ... but when the field itself changed meanwhile, refused */
	seen = seen_now(s, t, r->id);
	other = seen_now(s, t, r->id);
	record_set(other, city, "الحسيمة");
	CHECK_INT(store_update(s, t, other, 0, &e), ST_OK);
	CHECK_INT(store_put_back(s, t, seen, city, "طنجة", NULL, &e),
	    ST_CONFLICT);
	CHECK(strstr(e.msg, "changed meanwhile") != NULL &&
	    strstr(e.msg, "الحسيمة") != NULL);
	record_free(seen);
	record_free(other);
	now = seen_now(s, t, r->id);
	CHECK_STR(now->v[city], "الحسيمة");     /* nothing written */
	CHECK_INT(store_put_back(s, t, now, city, "الحسيمة", NULL, &e),
	    ST_INVALID);
	record_free(now);
	/* the history: each put back an ordinary change of that field */
	CHECK_INT(store_history(s, t, r->id, NULL, &h, &e), ST_OK);
	if (h) {
		CHECK_INT(h->n, 6);
		CHECK_INT(h->steps[3].action, AUDIT_CHANGED);
		CHECK_INT(h->steps[3].nchanges, 1);
		CHECK_STR(h->steps[3].note, "put back");
		CHECK(h->steps[1].note != NULL &&
		    strstr(h->steps[1].note, "merged with") != NULL);
	}
	history_free(h);
	record_free(r);
	store_close(s);
}

TEST(history_import_writes_a_row_per_record)
{
	store *s = t_db_new("import-audit");
	const entity *t = model_entity(store_model(s), "trainee");
	char *f = xasprintf("%s/three.csv", t_tmpdir());
	FILE *fp = fopen(f, "w");
	io_result res;
	history *h = NULL;
	dferr e;

	fputs("name_ar,gender,city\nأمينة,F,وجدة\nعمر,M,\nنادية,F,أكادير\n", fp);
	fclose(fp);
	CHECK_INT(io_import(s, t, f, 0, NULL, &res, &e), ST_OK);
	CHECK_INT(res.rows, 3);
	CHECK_INT(store_history(s, t, res.first_id + 2, NULL, &h, &e), ST_OK);
	if (h) {
		const history_change *c;
		CHECK_INT(h->n, 1);
		CHECK_INT(h->steps[0].action, AUDIT_IMPORTED);
		CHECK(h->steps[0].note != NULL &&
		    strstr(h->steps[0].note, "three.csv") != NULL);
		c = change(&h->steps[0], "city");
		CHECK(c != NULL && is_str(c->after, "أكادير"));
		CHECK(!h->unaudited_start);
	}
	history_free(h);
	store_close(s);
	free(f);
}
