/* test_io.c - hidden controls, and the import engine through its
 * callbacks: header mapping by label, problems by line and column, all or
 * nothing, dry run, lookups by name, duplicates in the file. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daftar/io.h"
#include "daftar/store.h"
#include "daftar/text.h"
#include "t.h"

TEST(text_hidden_finds_what_the_filter_would_hide)
{
	uint32_t cp = 0;
	size_t at = 0;

	CHECK_INT(text_hidden("محمد Alaoui\tx", strlen("محمد Alaoui\tx"), &cp,
	    &at), TEXT_HIDDEN_NONE);
	CHECK_INT(text_hidden("ab\x1b[31mc", 8, &cp, &at), TEXT_HIDDEN_ESCAPE);
	CHECK_INT(cp, 0x1b);
	CHECK_INT(at, 2);
	CHECK_INT(text_hidden("علي\xe2\x80\xae", 9, &cp, &at), TEXT_HIDDEN_BIDI);
	CHECK_INT(cp, 0x202e);
	CHECK_INT(at, 3);
	CHECK_INT(text_hidden("x\xe2\x81\xa6y", 5, NULL, NULL), TEXT_HIDDEN_BIDI);
	CHECK_INT(text_hidden("a\x07", 2, &cp, NULL), TEXT_HIDDEN_CONTROL);
	CHECK_INT(text_hidden("a\xc2\x85", 3, &cp, NULL), TEXT_HIDDEN_CONTROL);
	/* marks the filter drops quietly are not reported */
	CHECK_INT(text_hidden("a\xe2\x80\x8f", 4, NULL, NULL), TEXT_HIDDEN_NONE);
}

/* Problems collected as "WHERE:FIELD:msg\n". */
static void collect(void *ctx, const char *file, const char *where,
    const char *col, const char *msg)
{
	(void)file;
	sb_addf(ctx, "%s:%s:%s\n", where, col, msg);
}

/* Imports that check only, and that write. */
static const io_import_opts dry = {1, 0, NULL, NULL, IO_DMY};
static const io_import_opts wet = {0, 0, NULL, NULL, IO_DMY};

static char *write_file(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", t_tmpdir(), name);
	FILE *f = fopen(p, "w");

	fputs(text, f);
	fclose(f);
	return p;
}

static long long count(store *s, const entity *ent)
{
	list_query q = {ent, NULL, -1, 0, -1, NULL};
	long long n = -1;

	store_list_count(s, &q, 1000000, &n, NULL);
	return n;
}

TEST(io_import_all_or_nothing)
{
	char *db = xasprintf("%s/io.db", t_tmpdir());
	char *good = write_file("good.csv", "\xef\xbb\xbfNom (arabe),Name (Latin),"
	    "sexe,CIN,الجهة\r\nمحمد,Mohamed,M,AB1,فاس مكناس\r\n"
	    "\"سلمى\",\"Salma \"\"S\"\"\",أنثى,ab 2,4\r\n");
	char *bad = write_file("bad.csv", "name_ar,gender,cin,region_id\n"
	    "ا,M,K1,1\nب,X,K2,1\nج,M,K1,1\nد,F,K3,Atlantis\nه,F\n");
	const entity *t;
	io_report rep = {collect, NULL, NULL};
	io_result res;
	strbuf errs = {0};
	dferr e = {0};
	store *s = NULL;

	unlink(db);
	CHECK_INT(store_open(db, STORE_CREATE, &s, &e), ST_OK);
	t = model_entity(store_model(s), "trainee");
	rep.ctx = &errs;
	CHECK_INT(io_import(s, t, good, &dry, &rep, &res, &e), ST_OK);
	CHECK_INT(res.rows, 2);
	CHECK_INT(count(s, t), 0);              /* dry run: nothing */
	CHECK_INT(io_import(s, t, good, &wet, &rep, &res, &e), ST_OK);
	CHECK_INT(count(s, t), 2);
	CHECK_STR(errs.s, NULL);
	CHECK_INT(io_import(s, t, bad, &wet, &rep, &res, &e), ST_INVALID);
	CHECK_INT(res.errors, 4);
	CHECK_INT(count(s, t), 2);              /* nothing of bad.csv */
	CHECK(errs.s && strstr(errs.s, "3:gender:") != NULL);
	CHECK(errs.s && strstr(errs.s, "4:cin:") && strstr(errs.s, "line 2"));
	CHECK(errs.s && strstr(errs.s, "5:region_id:") != NULL);
	CHECK(errs.s && strstr(errs.s, "6:row:2 fields") != NULL);
	store_close(s);
	sb_free(&errs);
	free(db);
	free(good);
	free(bad);
}

/* Progress calls seen: the reading phase counted, the saving phase as
 * "step/steps " in order. */
struct seen {
	int reading;            /* calls with bytes >= 0 */
	strbuf steps;           /* "1/6 2/6 ..." */
	long long stop_at;      /* ask to stop once this many rows are done */
};

static int on_progress(void *ctx, long long rows, long long bytes,
    long long total)
{
	struct seen *p = ctx;

	(void)rows;
	if (bytes >= 0)
		p->reading++;
	else
		sb_addf(&p->steps, "%lld/%lld ", -bytes, total);
	return rows >= p->stop_at;
}

TEST(io_import_saving_steps)
{
	char *db = xasprintf("%s/steps.db", t_tmpdir());
	char *f = write_file("steps.csv", "name_ar,gender\nأ,M\nب,F\n");
	io_report rep = {NULL, on_progress, NULL};
	struct seen seen = {0, {0}, 1000000};
	char line[160];
	io_result res;
	dferr e = {0};
	store *s = NULL;

	unlink(db);
	CHECK_INT(store_open(db, STORE_CREATE, &s, &e), ST_OK);
	rep.ctx = &seen;
	CHECK_INT(io_import(s, model_entity(store_model(s), "trainee"), f, &wet,
	    &rep, &res, &e), ST_OK);
	CHECK(seen.reading > 0);
	/* a small table: its five secondary indexes and its global ids'
	 * rebuilt, then an audit row for each record, then the write */
	CHECK_STR(seen.steps.s, "1/8 2/8 3/8 4/8 5/8 6/8 7/8 8/8 ");
	io_progress_text(line, sizeof line, 2, -3, 6, 1.0);
	CHECK_STR(line, "2 rows read; building indexes and saving: step 3 of 6...");
	io_progress_text(line, sizeof line, 2, -1, 1, 1.0);
	CHECK_STR(line, "2 rows read; saving...");
	io_progress_text(line, sizeof line, 500, 250, 1000, 2.0);
	CHECK_STR(line, " 25%  500 rows  250 rows/s  0:06 left");
	store_close(s);
	sb_free(&seen.steps);
	free(db);
	free(f);
}

/* Whether the file at p holds exactly text. */
static int file_is(const char *p, const char *text)
{
	char buf[64] = "";
	FILE *f = fopen(p, "r");
	size_t n;

	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strcmp(buf, text) == 0;
}

/* Files in the scratch directory whose names start with prefix. */
static int leftovers(const char *prefix)
{
	DIR *d = opendir(t_tmpdir());
	struct dirent *de;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	if (d != NULL)
		closedir(d);
	return n;
}

TEST(io_stopped_writes_nothing)
{
	char *db = xasprintf("%s/stop.db", t_tmpdir());
	char *out = write_file("stop-out.csv", "old\n");
	strbuf rows = {0};
	io_report rep = {NULL, on_progress, NULL};
	io_export_opts o = {IO_CSV, 0, NULL, -1, NULL};
	struct seen seen = {0, {0}, 1};
	const entity *t;
	char *f;
	long long n;
	io_result res;
	dferr e = {0};
	store *s = NULL;
	int i;

	sb_adds(&rows, "name_ar,gender\n");
	for (i = 0; i < 1000; i++)
		sb_addf(&rows, "اسم %d,F\n", i);
	f = write_file("stop.csv", rows.s);
	unlink(db);
	CHECK_INT(store_open(db, STORE_CREATE, &s, &e), ST_OK);
	t = model_entity(store_model(s), "trainee");
	rep.ctx = &seen;
	/* stopped after the first batch: nothing written, no saving phase */
	CHECK_INT(io_import(s, t, f, &wet, &rep, &res, &e), ST_STOPPED);
	CHECK(strstr(e.msg, "nothing was imported") != NULL);
	CHECK_INT(count(s, t), 0);
	CHECK_STR(seen.steps.s, NULL);
	seen.stop_at = 1000000;
	CHECK_INT(io_import(s, t, f, &wet, &rep, &res, &e), ST_OK);
	CHECK_INT(count(s, t), 1000);
	/* an export stopped leaves the file of that name as it was */
	seen.stop_at = 1;
	CHECK_INT(io_export(s, t, out, &o, &rep, &n, &e), ST_STOPPED);
	CHECK(file_is(out, "old\n"));
	CHECK(strstr(e.msg, "no file written") != NULL);
	CHECK_INT(leftovers("stop-out.csv."), 0);       /* temporary removed */
	seen.stop_at = 1000000;
	CHECK_INT(io_export(s, t, out, &o, &rep, &n, &e), ST_OK);
	CHECK_INT(n, 1000);
	CHECK(!file_is(out, "old\n"));
	store_close(s);
	sb_free(&rows);
	sb_free(&seen.steps);
	free(db);
	free(out);
	free(f);
}

TEST(text_encoding_tells_files_apart)
{
	/* "ليلى" in Windows-1256, three names of it */
	const char cp1256[] = "name_ar\n\xe1\xed\xe1\xec\n\xe1\xed\xe1\xec\n"
	    "\xe1\xed\xe1\xec\n";
	const char utf8_one_bad[] = "name_ar\nليلى\nسعاد \xff\xfe\nكريم\n";
	size_t bad = 0;

	CHECK_INT(text_encoding("name\nx\n", 7, &bad), TEXT_ENC_UTF8);
	CHECK_INT(text_encoding("\xef\xbb\xbfليلى", 11, &bad), TEXT_ENC_UTF8);
	CHECK_INT(text_encoding(utf8_one_bad, sizeof utf8_one_bad - 1, &bad),
	    TEXT_ENC_UTF8);
	CHECK_INT(text_encoding(cp1256, sizeof cp1256 - 1, &bad),
	    TEXT_ENC_LEGACY);
	CHECK_INT(bad, 8);                      /* the first Arabic byte */
	CHECK_INT(text_encoding("\xff\xfen\0a\0", 6, NULL), TEXT_ENC_UTF16);
	CHECK_INT(text_encoding("\0n\0a\0m\0e", 8, NULL), TEXT_ENC_UTF16);
	/* a UTF-8 sequence cut by the end of the sample is not held against it */
	CHECK_INT(text_encoding("ab\xd9", 3, NULL), TEXT_ENC_UTF8);
}
