/* store_errors.c - constraint failures turned into sentences that name the
 * field, the value and the record in the way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Named CHECK constraints of the schema and what they mean. */
static const struct {
	const char *name;       /* CONSTRAINT name in schemas/ */
	const char *msg;        /* the sentence shown */
} named_checks[] = {
	{"end_after_start", N_("the end date is before the start date")},
	{"parent_only_for_specific", N_("only a specific agreement can have a "
	    "framework agreement above it")},
	{"dropout_needs_date_and_reason", N_("dropped out needs a status date "
	    "and a reason")},
	{"completion_needs_outcome", N_("completed or certified needs an outcome "
	    "(diploma or certificate)")},
};

/* The field of ent named by "table.column" at p (up to a comma or end). */
static int field_at(const entity *ent, const char *p)
{
	const char *dot = strchr(p, '.'), *end;
	char name[64];
	size_t n;

	if (dot == NULL)
		return -1;
	dot++;
	end = dot + strcspn(dot, ", ");
	n = (size_t)(end - dot);
	if (n >= sizeof name)
		return -1;
	memcpy(name, dot, n);
	name[n] = '\0';
	return model_field_index(ent, name);
}

static int unique_msg(store *s, const entity *ent, const record *r,
    const char *cols, dferr *e)
{
	int fi = field_at(ent, cols), rc;
	char *label = NULL;
	long long other = 0;

	if (store_gid_clash(s, ent, r->gid, &other)) {
		if (other > 0)
			store_label(s, ent, other, &label, NULL);
		rc = dferr_set(e, ST_INVALID, _("global id %s is already that of "
		    "%s #%lld (%s): this is that record, not a new one"), r->gid,
		    entity_label(ent), other, label ? label : "?");
		free(label);
		return rc;
	}

	if (fi < 0 || strchr(cols, ',') != NULL)
		return dferr_set(e, ST_INVALID, _("this %s already exists (same %s)"),
		    entity_label(ent), cols);
	store_unique_holder(s, ent, fi, r->v[fi], r->id, &other, NULL);
	if (other > 0)
		store_label(s, ent, other, &label, NULL);
	rc = dferr_set(e, ST_INVALID, _("%s %s is already used by %s #%lld (%s)"),
	    field_label(&ent->fields[fi]), r->v[fi] ? r->v[fi] : "",
	    entity_label(ent), other, label ? label : "?");
	free(label);
	return rc;
}

/* Which lookup of r points nowhere. */
static int fk_msg(store *s, const entity *ent, const record *r, dferr *e)
{
	int i;

	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		char *label = NULL;
		long long id;
		if (f->type != FT_LOOKUP || r->v[i] == NULL ||
		    text_parse_int(r->v[i], &id) != 0)
			continue;
		if (store_label(s, f->target_ent, id, &label, NULL) != ST_OK)
			return dferr_set(e, ST_INVALID, _("%s: there is no record "
			    "#%lld"), field_label(f), id);
		free(label);
	}
	return dferr_set(e, ST_INVALID, _("a linked record does not exist any "
	    "more"));
}

int store_constraint_msg(store *s, const entity *ent, const record *r,
    dferr *e)
{
	int code = sqlite3_extended_errcode(s->db), fi;
	const char *msg = sqlite3_errmsg(s->db), *p = strstr(msg, ": ");
	size_t i;

	p = p ? p + 2 : "";
	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return unique_msg(s, ent, r, p, e);
	case SQLITE_CONSTRAINT_NOTNULL:
		fi = field_at(ent, p);
		return dferr_set(e, ST_INVALID, _("%s is required"),
		    fi >= 0 ? field_label(&ent->fields[fi]) : p);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return fk_msg(s, ent, r, e);
	case SQLITE_CONSTRAINT_CHECK:
		for (i = 0; i < sizeof named_checks / sizeof named_checks[0]; i++)
			if (strcmp(p, named_checks[i].name) == 0)
				return dferr_set(e, ST_INVALID, "%s: %s",
				    entity_label(ent), _(named_checks[i].msg));
		for (fi = 0; fi < ent->nfields; fi++)
			if (strstr(p, ent->fields[fi].name) != NULL)
				return dferr_set(e, ST_INVALID, _("%s: the value \"%s\" "
				    "is not allowed"), field_label(&ent->fields[fi]),
				    r->v[fi] ? r->v[fi] : "");
		break;
	default:
		break;
	}
	return dferr_set(e, ST_INVALID, _("%s refused: %s"), entity_label(ent), msg);
}
