/* test_draft.c - drafts: the format written and read back byte for byte
 * (Arabic with harakat, newlines, quotes, no value), damaged files
 * refused; the journal: written when a field is left and a second after
 * typing (not before), 0600 in a 0700 folder, listed for the next start
 * only once its program is gone, restored as it was (same field, same
 * base version, so the conflict is still found), removed by saving or
 * discarding. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daftar/entry.h"
#include "t.h"
#include "t_db.h"

static const char *const nasty[] = {
	"مُحَمَّدٌ الإِدْرِيسِيّ",                     /* harakat, shadda */
	"سطر أول\nسطر ثانٍ\n",                      /* newlines, tanwin */
	"quote \" back\\slash 12:3 - end\nend",   /* looks like syntax */
	"",
	"ـــ\u200f\u061c",                         /* tatweel, RLM, ALM */
};

static void draft_sample(entry_draft *d)
{
	static entry_draft_field f[5];
	int i;

	memset(d, 0, sizeof *d);
	d->db = "/srv/daftar/سجل.db";
	d->entity = "trainee";
	d->id = 2001;
	d->base_version = 3;
	d->user = "karim";
	d->time = "2026-11-20 21:40:00";
	d->pid = 4242;
	d->cursor = "notes";
	d->cursor_pos = 7;
	for (i = 0; i < 5; i++) {
		memset(&f[i], 0, sizeof f[i]);
		f[i].name = i == 0 ? "name_ar" : i == 1 ? "notes" : i == 2 ?
		    "city" : i == 3 ? "phone" : "name_latin";
		f[i].base = i == 3 ? NULL : (char *)nasty[(i + 1) % 5];
		f[i].text = (char *)nasty[i];
		f[i].value = i == 2 ? "12" : NULL;
		f[i].changed = i & 1;
		f[i].overwrite = i == 3;
	}
	d->fields = f;
	d->nfields = 5;
}

TEST(draft_round_trip_byte_for_byte)
{
	entry_draft d, back;
	strbuf a = {0}, b = {0};
	char err[128];
	int i;

	draft_sample(&d);
	entry_draft_write(&d, &a);
	CHECK_INT(entry_draft_read(a.s, a.len, &back, err, sizeof err), 0);
	CHECK_STR(back.db, d.db);
	CHECK_STR(back.entity, "trainee");
	CHECK_INT(back.id, 2001);
	CHECK_INT(back.base_version, 3);
	CHECK_STR(back.user, "karim");
	CHECK_STR(back.time, d.time);
	CHECK_INT(back.pid, 4242);
	CHECK_STR(back.cursor, "notes");
	CHECK_INT(back.cursor_pos, 7);
	CHECK_INT(back.nfields, 5);
	for (i = 0; i < 5 && i < back.nfields; i++) {
		CHECK_STR(back.fields[i].name, d.fields[i].name);
		CHECK_STR(back.fields[i].base, d.fields[i].base);
		CHECK_STR(back.fields[i].text, d.fields[i].text);
		CHECK_STR(back.fields[i].value, d.fields[i].value);
		CHECK_INT(back.fields[i].changed, d.fields[i].changed);
		CHECK_INT(back.fields[i].overwrite, d.fields[i].overwrite);
	}
	entry_draft_write(&back, &b);
	CHECK_INT(a.len, b.len);
	CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	/* readable as text: the Arabic is there as typed */
	{
		char *line = xasprintf("text %zu:%s\n", strlen(nasty[0]), nasty[0]);
		CHECK(strstr(a.s, line) != NULL);
		free(line);
	}
	entry_draft_free(&back);
	sb_free(&a);
	sb_free(&b);
}

TEST(draft_reader_refuses_damage)
{
	static const char *const bad[] = {
		"",
		"daftar-draft",
		"daftar-draft 1\n",                     /* no end */
		"daftar-draft 1\nend\n",               /* no db, no entity */
		"daftar-draft 2\ndb 1:x\nentity 1:y\nend\n",
		"daftar-draft 1\ndb 5:x\nentity 1:y\nend\n",     /* cut value */
		"daftar-draft 1\ndb 1:x\nentity 1:y\ntext 1:z\nend\n",
		"daftar-draft 1\ndb 1:x\nentity 1:y\nrecord 1:z\nend\n",
		"daftar-draft 1\ndb 1:x\nentity 1:y\nend\nmore",
		"daftar-draft 1\ndb 99999999999999999999:x\nentity 1:y\nend\n",
	};
	entry_draft d;
	char err[128];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		if (entry_draft_read(bad[i], strlen(bad[i]), &d, err,
		    sizeof err) == 0)
			t_fail(__FILE__, __LINE__, "accepted bad draft %zu", i);
		CHECK(err[0] != '\0');
		entry_draft_free(&d);
	}
	/* a key of a later version 1 is skipped */
	{
		static const char later[] = "daftar-draft 1\ndb 1:x\nentity 1:y\n"
		    "colour 3:red\nlater 7\nend\n";
		CHECK_INT(entry_draft_read(later, strlen(later), &d, err,
		    sizeof err), 0);
	}
	entry_draft_free(&d);
}

/* A clock the test moves. */
static long long fake_now;
static long long fake_clock(void)
{
	return fake_now;
}

/* The draft files in the journal folder: how many, the first's name. */
static int drafts_on_disk(char *first, size_t n)
{
	DIR *dp = opendir(entry_journal_dir());
	struct dirent *de;
	int count = 0;

	while (dp != NULL && (de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 6 && strcmp(de->d_name + len - 6, ".draft") == 0 &&
		    count++ == 0 && first != NULL)
			snprintf(first, n, "%s/%s", entry_journal_dir(), de->d_name);
	}
	if (dp != NULL)
		closedir(dp);
	return count;
}

/* Move a draft of ours to the name a program that died would have left:
 * another owner, without a lock. */
static void as_if_dead(const char *path)
{
	const char *base = strrchr(path, '/') + 1, *dash = strchr(base, '-');
	char *dead = xasprintf("%s/%.*s-1.deadbeef-1.draft", entry_journal_dir(),
	    (int)(dash - base), base);

	CHECK_INT(rename(path, dead), 0);
	free(dead);
}

static void type(entry_session *s, const char *name, const char *text)
{
	int i = model_field_index(s->ent, name);

	text_edit_set(entry_editor(s, i), text);
	entry_edited(s, i);
}

TEST(draft_journal_write_list_restore)
{
	store *st = t_db_new("draft1");
	long long id = t_trainee_add(st, "كريمة", "Karima", "F", "0611111111",
	    "Fès");
	const entity *t = model_entity(store_model(st), "trainee");
	entry_session *s, *r;
	entry_draft_info *list;
	entry_result res;
	char path[512], msg[256];
	struct stat sb;
	int n;
	dferr e = {0};

	t_state_home();
	entry_journal_clock(fake_clock);
	fake_now = 100000;
	CHECK_INT(entry_open(st, t, id, &s, &e), ST_OK);
	CHECK_INT(entry_journal_due(), -1);
	type(s, "notes", nasty[1]);
	CHECK_INT(entry_journal_due(), 1000);
	fake_now += 400;
	type(s, "notes", nasty[0]);             /* still due 1 s after the first */
	CHECK_INT(entry_journal_due(), 600);
	entry_journal_flush(0);
	CHECK_INT(drafts_on_disk(NULL, 0), 0);
	fake_now += 600;
	entry_journal_flush(0);
	CHECK_INT(drafts_on_disk(path, sizeof path), 1);
	CHECK_INT(entry_journal_due(), -1);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(stat(entry_journal_dir(), &sb) == 0 && (sb.st_mode & 0777) == 0700);
	/* a field left: written at once */
	type(s, "city", "Taza");
	entry_focus(s, model_field_index(t, "phone"), msg, sizeof msg);
	CHECK_INT(entry_journal_due(), -1);
	/* while this program runs, its drafts are not offered */
	entry_drafts_list(st, &list, &n);
	CHECK_INT(n, 0);
	entry_drafts_free(list, n);
	/* someone saves the record meanwhile */
	t_sql(st, "UPDATE trainee SET city = 'Oujda', version = 2, updated_by = "
	    "'karim' WHERE id = 1");
	/* the program dies (its session gone, the file left) */
	entry_close(s);
	drafts_on_disk(path, sizeof path);
	as_if_dead(path);
	entry_drafts_list(st, &list, &n);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(list[0].entity, "trainee");
		CHECK_INT(list[0].id, id);
		CHECK_INT(list[0].changed, 2);
		CHECK_STR(list[0].label, "كريمة");
		CHECK_INT(entry_restore(st, list[0].path, &r, &e), ST_OK);
		CHECK_STR(r->f[model_field_index(t, "notes")].ed.s, nasty[0]);
		CHECK_STR(r->f[model_field_index(t, "city")].ed.s, "Taza");
		CHECK_INT(r->cur, model_field_index(t, "phone"));
		CHECK_INT(r->base_version, 1);
		/* taken over: not offered twice, one file */
		CHECK_INT(entry_restore(st, list[0].path, &s, &e), ST_NOTFOUND);
		CHECK_INT(drafts_on_disk(NULL, 0), 1);
		/* the same base: karim's City is a conflict, not overwritten */
		entry_save(r, 0, NULL, &res);
		CHECK_INT(res.kind, ENTRY_CONFLICT);
		CHECK(strstr(res.msg, "City") != NULL);
		CHECK_INT(drafts_on_disk(NULL, 0), 1);  /* kept until saved */
		entry_resolve(r, 0, ENTRY_MINE);
		entry_save(r, 0, NULL, &res);
		CHECK_INT(res.kind, ENTRY_SAVED);
		CHECK_INT(drafts_on_disk(NULL, 0), 0);  /* saved: removed */
		entry_close(r);
	}
	entry_drafts_free(list, n);
	CHECK_INT(t_sql_int(st, "SELECT count(*) FROM trainee WHERE city = 'Taza' "
	    "AND notes = 'مُحَمَّدٌ الإِدْرِيسِيّ'"), 1);
	entry_journal_clock(NULL);
	store_close(st);
}

/* A new record's draft keeps its carried and preset fields too; a
 * discarded draft is gone; a form with nothing changed has none. */
TEST(draft_journal_new_record_and_discard)
{
	store *st = t_db_new("draft2");
	const entity *t = model_entity(store_model(st), "trainee");
	entry_session *s, *r = NULL;
	entry_draft_info *list;
	entry_draft_info one;
	char path[512];
	int n;
	dferr e = {0};

	t_state_home();
	CHECK_INT(entry_open(st, t, 0, &s, &e), ST_OK);
	entry_preset(s, model_field_index(t, "gender"), "F");
	entry_journal_flush(1);
	CHECK_INT(drafts_on_disk(NULL, 0), 0);  /* nothing typed */
	type(s, "name_ar", "سُعاد");
	type(s, "phone", "0612345678");
	entry_journal_flush(1);
	CHECK_INT(drafts_on_disk(path, sizeof path), 1);
	entry_close(s);
	as_if_dead(path);
	entry_drafts_list(st, &list, &n);
	CHECK_INT(n, 1);
	CHECK(n == 1 && list[0].id == 0 && list[0].filled == 3);
	CHECK_INT(entry_draft_find(st, t, 0, &one), -1);        /* new: no id */
	if (n == 1 && entry_restore(st, list[0].path, &r, &e) == ST_OK) {
		CHECK_STR(r->f[model_field_index(t, "gender")].value, "F");
		CHECK_STR(r->f[model_field_index(t, "name_ar")].ed.s, "سُعاد");
		CHECK(entry_dirty(r));
		entry_discard(r);
	}
	entry_drafts_free(list, n);
	CHECK_INT(drafts_on_disk(NULL, 0), 0);
	store_close(st);
}
