/* io_columns.c - the columns of an entity's files, the same for export
 * and import: the record's id, then its fields, a link written three
 * ways: the id of the record it points to (region_id), that record's name
 * in the interface language (region), and its unique key when the name is
 * not unique (trainee.cin), so that a person reads names and codes and an
 * import back links by id and checks the name agrees; last, the record's
 * global id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_int.h"

#define ID_WIDTH 8              /* a record number's column */

/* Column width when the list metadata gives none, by field type. */
static const int type_width[] = {
	[FT_TEXT] = 24, [FT_LONGTEXT] = 40, [FT_INT] = 10, [FT_DATE] = 12,
	[FT_CHOICE] = 16, [FT_LOOKUP] = 24, [FT_BOOL] = 8, [FT_PHONE] = 14,
	[FT_CIN] = 11,
};

/* The global id column's label for people, per language. */
static const char *const gid_labels[LANG_N] = {
	[LANG_AR] = "المعرّف العام", [LANG_FR] = "Identifiant global",
	[LANG_EN] = "Global id",
};

static int width_of(const field *f)
{
	return f->list_width > 0 ? f->list_width : type_width[f->type];
}

/* The name of a link's name column: "region_id" -> "region", unless
 * another field has that name ("city" -> "city.name"). */
static char *link_base(const entity *ent, const field *f)
{
	size_t n = strlen(f->name);
	char *base;

	if (n > 3 && strcmp(f->name + n - 3, "_id") == 0) {
		base = xstrndup(f->name, n - 3);
		if (model_field_index(ent, base) < 0)
			return base;
		free(base);
	}
	return xasprintf("%s.name", f->name);
}

static struct xcol *add(struct xcol **c, int *n, enum xcol_kind kind, int fi,
    const field *tf, char *name, int width)
{
	struct xcol *x;

	*c = xreallocarray(*c, (size_t)*n + 1, sizeof **c);
	x = &(*c)[(*n)++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->fi = fi;
	x->tf = tf;
	x->name = name;
	x->width = width;
	return x;
}

struct xcol *io_columns(const entity *ent, int *n)
{
	struct xcol *c = NULL, *x;
	int i, l, nf, kf;
	char *base;

	*n = 0;
	x = add(&c, n, XC_ID, -1, NULL, xstrdup("id"), ID_WIDTH);
	for (l = 0; l < LANG_N; l++)
		x->label[l] = xstrdup("#");
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		const entity *t = f->target_ent;
		if (f->type != FT_LOOKUP || t == NULL) {
			x = add(&c, n, XC_FIELD, i, NULL, xstrdup(f->name),
			    width_of(f));
			for (l = 0; l < LANG_N; l++)
				x->label[l] = xstrdup(f->label[l]);
			continue;
		}
		x = add(&c, n, XC_LINK_ID, i, NULL, xstrdup(f->name), ID_WIDTH);
		for (l = 0; l < LANG_N; l++)
			x->label[l] = xasprintf("%s #", f->label[l]);
		if ((nf = model_link_name(t, model_lang())) < 0)
			continue;
		base = link_base(ent, f);
		x = add(&c, n, XC_LINK_NAME, i, &t->fields[nf], xstrdup(base),
		    width_of(&t->fields[t->display]));
		for (l = 0; l < LANG_N; l++)
			x->label[l] = xstrdup(f->label[l]);
		if ((kf = model_link_key(t)) >= 0) {
			x = add(&c, n, XC_LINK_KEY, i, &t->fields[kf], xasprintf("%s.%s",
			    strchr(base, '.') ? f->name : base, t->fields[kf].name),
			    width_of(&t->fields[kf]));
			for (l = 0; l < LANG_N; l++)
				x->label[l] = xasprintf("%s: %s", f->label[l],
				    t->fields[kf].label[l]);
		}
		free(base);
	}
	/* the global id (schema 006): last, out of the way of people; an
	 * import keeps it and refuses one a record already has */
	x = add(&c, n, XC_GID, -1, NULL, xstrdup(IO_GID_COLUMN), 38);
	for (l = 0; l < LANG_N; l++)
		x->label[l] = xstrdup(gid_labels[l]);
	return c;
}

void io_columns_free(struct xcol *c, int n)
{
	int i, l;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		for (l = 0; l < LANG_N; l++)
			free(c[i].label[l]);
	}
	free(c);
}

int io_column_find(const struct xcol *c, int n, const char *header)
{
	char *key = text_fold(header), *k;
	int i, l, found = -1;

	for (i = 0; i < n && found < 0; i++)
		if (strcmp(c[i].name, header) == 0)
			found = i;
	for (i = 0; i < n && found < 0; i++)
		for (l = 0; l < LANG_N && found < 0; l++)
			if (c[i].label[l] && strcmp(c[i].label[l], header) == 0)
				found = i;
	/* folded, "Region #" and "Region" stay apart: folding drops '#' */
	for (i = 0; i < n && found < 0 && key[0] != '\0'; i++)
		for (l = 0; l < LANG_N && found < 0; l++) {
			k = text_fold(c[i].label[l] ? c[i].label[l] : "");
			if (strcmp(k, key) == 0 && (strchr(c[i].label[l], '#') ==
			    NULL) == (strchr(header, '#') == NULL))
				found = i;
			free(k);
		}
	if (found < 0 && strcmp(header, "#") == 0)
		found = 0;              /* the id column's label */
	free(key);
	return found;
}

const char *io_column_label(const struct xcol *c)
{
	const char *l = c->label[model_lang()];

	return l != NULL && l[0] != '\0' ? l : c->label[LANG_EN];
}
