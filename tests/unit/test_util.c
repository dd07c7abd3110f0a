/* test_util.c - strbuf and helpers. */
#include <string.h>
#include <stdlib.h>

#include "daftar/util.h"
#include "t.h"

TEST(util_strbuf_grows_and_detaches)
{
	strbuf b = {0};
	char *s;
	int i;

	for (i = 0; i < 1000; i++)
		sb_addf(&b, "%d,", i % 10);
	CHECK_INT(b.len, 2000);
	CHECK(strncmp(b.s, "0,1,2,", 6) == 0);
	s = sb_detach(&b);
	CHECK(b.s == NULL && b.len == 0);
	CHECK_INT(strlen(s), 2000);
	free(s);
}

TEST(util_dferr_formats_message)
{
	dferr e;

	CHECK_INT(dferr_set(&e, 3, "field %s: %d", "cin", 7), 3);
	CHECK_STR(e.msg, "field cin: 7");
	CHECK_INT(e.code, 3);
}
