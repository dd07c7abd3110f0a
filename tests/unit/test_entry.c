/* test_entry.c - the form session without a terminal: change tracking,
 * the outcome of checking, saving new and existing records, the issue's
 * lost-update sequence, conflicts decided field by field, a record
 * deleted meanwhile, a unique value taken, possible duplicates, reloading
 * without losing input, and a batch status change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/entry.h"
#include "t.h"
#include "t_db.h"

static int fld(const entry_session *s, const char *name)
{
	return model_field_index(s->ent, name);
}

/* Type text into field name as a clerk would (replacing what it held). */
static void type(entry_session *s, const char *name, const char *text)
{
	int i = fld(s, name);

	text_edit_set(entry_editor(s, i), "");
	text_edit_insert(entry_editor(s, i), text);
	entry_edited(s, i);
}

static entry_session *open_rec(store *st, const char *ent, long long id)
{
	entry_session *s = NULL;
	dferr e = {0};

	if (entry_open(st, model_entity(store_model(st), ent), id, &s, &e) !=
	    ST_OK)
		t_fail(__FILE__, __LINE__, "open: %s", e.msg);
	return s;
}

static const char *text(entry_session *s, const char *name)
{
	return s->f[fld(s, name)].ed.s;
}

TEST(entry_tracks_changes)
{
	store *st = t_db_new("entry1");
	long long id = t_trainee_add(st, "سُعاد", "Souad", "F", "0611111111",
	    "Fès");
	entry_session *s;

	t_state_home();
	s = open_rec(st, "trainee", id);
	CHECK_INT(s->base_version, 1);
	CHECK_STR(text(s, "gender"), "Female");
	CHECK(!entry_dirty(s));
	type(s, "city", "Rabat");
	CHECK(entry_changed(s, fld(s, "city")));
	CHECK(!entry_changed(s, fld(s, "phone")));
	CHECK(entry_dirty(s));
	type(s, "city", "Fès");                 /* typed back as it was */
	CHECK(!entry_dirty(s));
	/* a choice picked: the chosen code counts, not only the text */
	entry_set(s, fld(s, "gender"), "Male", "M");
	CHECK(entry_changed(s, fld(s, "gender")));
	entry_discard(s);
	store_close(st);
}

TEST(entry_check_outcome_names_the_field)
{
	store *st = t_db_new("entry2");
	entry_session *s;
	entry_result r;
	char msg[256];

	t_state_home();
	s = open_rec(st, "trainee", 0);
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_INVALID);
	CHECK_INT(r.field, fld(s, "name_ar"));
	CHECK(strstr(r.msg, "required") != NULL);
	type(s, "name_ar", "سُعاد الإدريسي");
	entry_set(s, fld(s, "gender"), "Female", "F");
	type(s, "birth_date", "31/02/2005");
	CHECK_INT(entry_focus(s, fld(s, "birth_date"), msg, sizeof msg), 0);
	CHECK_INT(entry_focus(s, fld(s, "cin"), msg, sizeof msg), -1);
	CHECK(strstr(msg, "is not a date") != NULL);
	CHECK(s->f[fld(s, "birth_date")].bad);
	CHECK_INT(s->cur, fld(s, "cin"));
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_INVALID);
	CHECK_INT(r.field, fld(s, "birth_date"));
	CHECK_INT(s->cur, fld(s, "birth_date"));        /* back on the bad one */
	type(s, "birth_date", "٢٨/٠٢/٢٠٠٥");
	/* a typed lookup without a record chosen is refused */
	type(s, "city", "Fès");
	text_edit_insert(entry_editor(s, fld(s, "region_id")), "Fès");
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_INVALID);
	CHECK_INT(r.field, fld(s, "region_id"));
	text_edit_set(entry_editor(s, fld(s, "region_id")), "");
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK(r.id > 0);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE birth_date = "
	    "'2005-02-28' AND name_ar = 'سُعاد الإدريسي'"), 1);
	/* heads-down: a blank form with the carried City */
	CHECK_INT(s->id, 0);
	CHECK_STR(text(s, "name_ar"), "");
	CHECK_STR(text(s, "city"), "Fès");
	CHECK(!entry_dirty(s));
	CHECK_INT(s->cur, fld(s, "name_ar"));
	entry_close(s);
	store_close(st);
}

/* The sequence: A changes Phone and saves; B, opened before,
 * changes City and saves (merged); A, still open, edits only Notes and
 * saves.  The record ends with A's Phone, B's City and A's Notes. */
TEST(entry_lost_update_sequence_keeps_every_change)
{
	store *st = t_db_new("entry3");
	store *st2 = t_db_again(st);
	long long id = t_trainee_add(st, "كريمة", "Karima", "F", "0611111111",
	    "Fès");
	entry_session *a, *b;
	entry_result r;

	t_state_home();
	a = open_rec(st, "trainee", id);
	b = open_rec(st2, "trainee", id);
	type(a, "phone", "0622222222");
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK_INT(r.version, 2);
	type(b, "city", "Meknès");
	entry_save(b, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_MERGED);
	CHECK_INT(r.version, 3);
	CHECK(strstr(r.msg, "Merged with") != NULL);
	CHECK(strstr(r.msg, "Phone") != NULL);
	CHECK_STR(text(b, "phone"), "06 22 22 22 22");   /* B now sees it */
	type(a, "notes", "يحتاج إلى شهادة طبية");
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_MERGED);
	CHECK_INT(r.version, 4);
	CHECK(strstr(r.msg, "City") != NULL);
	CHECK_STR(text(a, "city"), "Meknès");
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0622222222' AND city = 'Meknès' AND notes = 'يحتاج إلى شهادة طبية' "
	    "AND version = 4"), 1);
	entry_close(a);
	entry_close(b);
	store_close(st2);
	store_close(st);
}

/* Both change Phone: a conflict, nothing written; mine over theirs is an
 * explicit choice noted in the audit; theirs brings their value in. */
TEST(entry_conflict_is_decided_field_by_field)
{
	store *st = t_db_new("entry4");
	store *st2 = t_db_again(st);
	long long id = t_trainee_add(st, "كريمة", "Karima", "F", "0611111111",
	    "Fès");
	entry_session *a, *b;
	entry_result r;

	t_state_home();
	a = open_rec(st, "trainee", id);
	b = open_rec(st2, "trainee", id);
	type(b, "phone", "0633333333");
	entry_save(b, 0, NULL, &r);
	t_audit_as(st, "karim");
	type(a, "phone", "0644444444");
	type(a, "city", "Safi");
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_CONFLICT);
	CHECK(strstr(r.msg, "karim") != NULL && strstr(r.msg, "Phone") != NULL);
	CHECK_INT(a->nconf, 1);
	if (a->nconf == 1) {
		CHECK_INT(a->conf[0].fi, fld(a, "phone"));
		CHECK_STR(a->conf[0].mine_text, "0644444444");
		CHECK_STR(a->conf[0].theirs_text, "06 33 33 33 33");
		CHECK_STR(a->conf[0].by, "karim");
	}
	CHECK_STR(text(a, "phone"), "0644444444");      /* nothing typed lost */
	CHECK_STR(text(a, "city"), "Safi");
	CHECK_INT(t_sql_int(st, "SELECT version FROM trainee"), 2);
	entry_resolve(a, 0, ENTRY_MINE);
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0644444444' AND city = 'Safi'"), 1);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM audit WHERE note LIKE "
	    "'overwrote karim''s value of phone%'"), 1);

	/* again, and this time theirs */
	type(b, "phone", "0655555555");
	entry_save(b, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_CONFLICT);      /* B's base had karim's phone */
	entry_close(b);
	b = open_rec(st2, "trainee", id);
	type(b, "phone", "0655555555");
	entry_save(b, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	type(a, "phone", "0666666666");
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_CONFLICT);
	entry_resolve(a, 0, ENTRY_THEIRS);
	CHECK_STR(text(a, "phone"), "06 55 55 55 55");
	CHECK(!entry_dirty(a));
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_UNCHANGED);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE phone = "
	    "'0655555555'"), 1);
	entry_close(a);
	entry_close(b);
	store_close(st2);
	store_close(st);
}

TEST(entry_record_deleted_meanwhile_can_be_saved_as_new)
{
	store *st = t_db_new("entry5");
	long long id = t_trainee_add(st, "كريمة", "Karima", "F", NULL, NULL);
	entry_session *a;
	entry_result r;
	dferr e = {0};

	t_state_home();
	a = open_rec(st, "trainee", id);
	type(a, "city", "Tanger");
	store_delete(st, a->ent, id, &e);
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_DELETED);
	CHECK(a->deleted);
	CHECK(strstr(r.msg, "deleted") != NULL);
	CHECK_STR(text(a, "city"), "Tanger");
	entry_as_new(a);
	entry_save(a, ENTRY_DUPLICATES_SEEN, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK(r.id > 0);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE name_ar = "
	    "'كريمة' AND city = 'Tanger'"), 1);
	entry_close(a);
	store_close(st);
}

TEST(entry_unique_taken_and_duplicates)
{
	store *st = t_db_new("entry6");
	long long id = t_trainee_add(st, "مُحَمَّد العَلَوِي", "Mohamed", "M",
	    "0611223344", NULL);
	entry_session *s;
	entry_result r;

	t_state_home();
	t_sql(st, "UPDATE trainee SET cin = 'AB11111'");
	s = open_rec(st, "trainee", 0);
	type(s, "name_ar", "سعاد");
	entry_set(s, fld(s, "gender"), "Female", "F");
	type(s, "cin", "AB11111");
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_TAKEN);
	CHECK_INT(r.field, fld(s, "cin"));
	CHECK_INT(r.id, id);
	type(s, "cin", "AB22222");
	type(s, "phone", "0611223344");         /* the same phone */
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_DUPLICATES);
	CHECK(r.nids == 1 && r.ids[0] == id);
	entry_result_clear(&r);
	entry_save(s, ENTRY_DUPLICATES_SEEN, "saved although it may duplicate #1",
	    &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM audit WHERE note = 'saved "
	    "although it may duplicate #1'"), 1);
	entry_close(s);
	store_close(st);
}

TEST(entry_reload_keeps_what_was_typed)
{
	store *st = t_db_new("entry7");
	long long id = t_trainee_add(st, "كريمة", "Karima", "F", "0611111111",
	    "Fès");
	entry_session *a;
	entry_result r;

	t_state_home();
	a = open_rec(st, "trainee", id);
	type(a, "name_latin", "Karima B.");
	type(a, "phone", "0677777777");
	t_sql(st, "UPDATE trainee SET city = 'Oujda', phone = '0688888888', "
	    "version = version + 1, updated_by = 'karim'");
	entry_reload(a, &r);
	CHECK_STR(text(a, "city"), "Oujda");
	CHECK_STR(text(a, "name_latin"), "Karima B.");
	CHECK_STR(text(a, "phone"), "0677777777");
	CHECK(strstr(r.msg, "1 of them was also changed") != NULL);
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_CONFLICT);      /* the phone, still to decide */
	CHECK(strstr(r.msg, "karim") != NULL);  /* no audit row: the row's */
	entry_resolve(a, 0, ENTRY_MINE);
	entry_save(a, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE city = "
	    "'Oujda' AND phone = '0677777777' AND name_latin = 'Karima B.'"), 1);
	entry_close(a);
	store_close(st);
}

/* Enrollments of one cohort changed together: only the fields changed in
 * the batch form are written; a status someone changed meanwhile is a
 * conflict of that record; keeping theirs leaves it, the others change. */
TEST(entry_batch_status_change_through_the_merge)
{
	store *st = t_db_new("entry8");
	const entity *en = model_entity(store_model(st), "enrollment");
	static const char *const fields[] = {"status", "status_date",
	    "drop_reason", "outcome", NULL};
	long long ids[3];
	entry_session *s;
	entry_result r;
	dferr e = {0};
	int i;

	t_state_home();
	t_trainee_add(st, "أ", "A", "F", NULL, NULL);
	t_trainee_add(st, "ب", "B", "M", NULL, NULL);
	t_trainee_add(st, "ت", "C", "M", NULL, NULL);
	t_sql(st, "INSERT INTO institution(name_ar, kind, created_at, created_by, "
	    "updated_at, updated_by) VALUES ('معهد', 'centre', '', '', '', '');"
	    "INSERT INTO specialty(name_ar, created_at, created_by, updated_at, "
	    "updated_by) VALUES ('زليج', '', '', '', '');"
	    "INSERT INTO cohort(code, institution_id, specialty_id, school_year, "
	    "created_at, created_by, updated_at, updated_by) VALUES ('Z1', 1, 1, "
	    "'2024/2025', '', '', '', '');"
	    "INSERT INTO enrollment(trainee_id, cohort_id, status, enrolled_on, "
	    "notes, created_at, created_by, updated_at, updated_by) VALUES "
	    "(1, 1, 'enrolled', '2024-09-01', 'x', '', '', '', ''), "
	    "(2, 1, 'active', '2024-09-02', 'y', '', '', '', ''), "
	    "(3, 1, 'enrolled', '2024-09-03', 'z', '', '', '', '')");
	for (i = 0; i < 3; i++)
		ids[i] = i + 1;
	CHECK_INT(entry_open_batch(st, en, ids, 3, fields, &s, &e), ST_OK);
	CHECK_STR(text(s, "status"), "");       /* the records differ */
	CHECK(s->f[model_field_index(en, "notes")].hidden);
	CHECK_INT(s->cur, model_field_index(en, "status"));
	entry_set(s, model_field_index(en, "status"), "Completed", "completed");
	t_sql(st, "UPDATE enrollment SET status = 'certified', outcome = "
	    "'diploma', version = 2, updated_by = 'karim' WHERE id = 2");
	entry_set(s, model_field_index(en, "outcome"), "Certificate",
	    "certificate");
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_CONFLICT);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM enrollment WHERE status = "
	    "'completed'"), 0);
	{
		int k, nc = 0;
		for (k = 0; k < s->nconf; k++)
			if (s->conf[k].fate == SF_CONFLICT) {
				CHECK_INT(s->conf[k].id, 2);
				entry_resolve(s, k, ENTRY_THEIRS);
				nc++;
			}
		CHECK_INT(nc, 2);               /* status and outcome of #2 */
	}
	entry_save(s, 0, NULL, &r);
	CHECK_INT(r.kind, ENTRY_SAVED);
	CHECK(strstr(r.msg, "Changed 2 of 3 records") != NULL);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM enrollment WHERE status = "
	    "'completed' AND outcome = 'certificate' AND notes IN ('x', 'z')"), 2);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM enrollment WHERE id = 2 AND "
	    "status = 'certified' AND outcome = 'diploma'"), 1);
	/* the dates nobody typed stay each record's own */
	CHECK_INT(t_sql_int(st, "SELECT count(DISTINCT enrolled_on) FROM "
	    "enrollment"), 3);
	entry_close(s);
	store_close(st);
}
