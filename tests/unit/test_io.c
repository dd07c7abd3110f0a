/* test_io.c - hidden controls, and the import engine through its
 * callbacks: header mapping by label, problems by line and column, all or
 * nothing, dry run, lookups by name, duplicates in the file. */
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

/* Problems collected as "LINE:FIELD:msg\n". */
static void collect(void *ctx, const char *file, long long line,
    const char *col, const char *msg)
{
	(void)file;
	sb_addf(ctx, "%lld:%s:%s\n", line, col, msg);
}

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
	CHECK_INT(io_import(s, t, good, 1, &rep, &res, &e), ST_OK);
	CHECK_INT(res.rows, 2);
	CHECK_INT(count(s, t), 0);              /* dry run: nothing */
	CHECK_INT(io_import(s, t, good, 0, &rep, &res, &e), ST_OK);
	CHECK_INT(count(s, t), 2);
	CHECK_STR(errs.s, NULL);
	CHECK_INT(io_import(s, t, bad, 0, &rep, &res, &e), ST_INVALID);
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
