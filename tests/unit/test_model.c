/* test_model.c - the one validation path: model_check per field type. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daftar/store.h"
#include "t.h"

/* Check value v against ent.field; want NULL = refused. */
static void expect(const entity *ent, const char *fname, const char *v,
    const char *want, int line)
{
	int fi = model_field_index(ent, fname);
	char *out = NULL, msg[256] = "";
	int rc;

	if (fi < 0) {
		t_fail(__FILE__, line, "no field %s", fname);
		return;
	}
	rc = model_check(&ent->fields[fi], v, &out, msg, sizeof msg);
	if (want == NULL && rc == 0)
		t_fail(__FILE__, line, "%s=\"%s\" accepted as \"%s\"", fname, v,
		    out ? out : "(empty)");
	else if (want != NULL && rc != 0)
		t_fail(__FILE__, line, "%s=\"%s\" refused: %s", fname, v, msg);
	else if (want != NULL && strcmp(want, out ? out : "") != 0)
		t_fail(__FILE__, line, "%s=\"%s\" gave \"%s\", want \"%s\"", fname, v,
		    out ? out : "", want);
	free(out);
}

#define OK(e, f, v, w) expect(e, f, v, w, __LINE__)
#define BAD(e, f, v) expect(e, f, v, NULL, __LINE__)

TEST(model_check_every_type)
{
	char *p = xasprintf("%s/model.db", t_tmpdir());
	store *s = NULL;
	dferr e;
	const entity *t, *a, *ins;
	char *out, msg[256];

	unlink(p);
	CHECK_INT(store_open(p, STORE_CREATE, &s, &e), ST_OK);
	t = model_entity(store_model(s), "trainee");
	a = model_entity(store_model(s), "agreement");
	ins = model_entity(store_model(s), "institution");
	OK(t, "name_ar", "  أحمد\x1b[31m  ", "أحمد");
	BAD(t, "name_ar", "");
	BAD(t, "name_ar", "\xff");
	OK(t, "name_latin", "", "");
	OK(t, "birth_date", "٢٢/٠٩/٢٠٠٥", "2005-09-22");
	OK(t, "birth_date", "01022003", "2003-02-01");
	BAD(t, "birth_date", "31/02/2005");
	BAD(t, "birth_date", "01/01/1900");             /* before 1940 */
	OK(t, "gender", "f", "F");
	OK(t, "gender", "أنثى", "F");
	OK(t, "gender", "homme", "M");
	BAD(t, "gender", "x");
	OK(t, "cin", "ab 123456", "AB123456");
	OK(t, "cin", "J١٢٣٤٥", "J12345");
	BAD(t, "cin", "ABC12345");
	BAD(t, "cin", "1234");
	OK(t, "massar", "J130012345", "J130012345");
	BAD(t, "massar", "J13001");
	OK(t, "phone", "06 12 34 56 78", "0612345678");
	OK(t, "phone", "+212 6-12-34-56-78", "0612345678");
	OK(t, "phone", "00212712345678", "0712345678");
	OK(t, "phone", "٠٦١٢٣٤٥٦٧٨", "0612345678");
	BAD(t, "phone", "12345");
	OK(ins, "capacity", "١٬٢٠٠", "1200");
	BAD(ins, "capacity", "-5");
	BAD(ins, "capacity", "beaucoup");
	OK(a, "joint_committee", "oui", "1");
	OK(a, "joint_committee", "لا", "0");
	BAD(a, "joint_committee", "maybe");
	OK(a, "joint_committee", "", "0");     /* empty yes/no is no: the column is NOT NULL */
	OK(a, "school_year", "2024/2025", "2024/2025");
	BAD(a, "school_year", "2024-2025");
	OK(a, "kind", "Convention-cadre", "framework");
	OK(t, "region_id", "3", "3");
	BAD(t, "region_id", "Fès");
	/* messages name the field and the value */
	CHECK(model_check(&t->fields[model_field_index(t, "birth_date")],
	    "31/02/2005", &out, msg, sizeof msg) != 0);
	CHECK_STR(msg, "Birth date: \"31/02/2005\" is not a date (day/month/year)");
	CHECK_INT(model_field_by_label(t, "Date de naissance"),
	    model_field_index(t, "birth_date"));
	CHECK_INT(model_field_by_label(t, "الاسم بالعربية"),
	    model_field_index(t, "name_ar"));
	CHECK_INT(model_field_by_label(t, "cin"), model_field_index(t, "cin"));
	CHECK_INT(model_field_by_label(t, "shoe size"), -1);
	store_close(s);
	free(p);
}
