/* io_update.c - import --update: which column is the key (--key FIELD,
 * else the id column an export writes, else its global id column, else
 * the entity's first unique field the file has), the record each row's key names, and the update of
 * that record with only the columns the file has that differ (through
 * store_update_in_batch, in the import's one transaction); a record
 * updated by two rows is refused, a key naming several records too.
 * Without --update, a row whose id names an existing record is refused
 * (it would be a copy). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_import.h"
#include "io_int.h"

/* Choose the key of --update: --key FIELD (or id, or gid), else the id
 * column, else the global id column, else the first unique field the file
 * has.  ST_OK, or ST_INVALID (reported). */
int io_choose_key(struct import *im)
{
	const entity *ent = im->ent;
	strbuf names = {0};
	size_t i;
	int fi;

	im->key_fi = -1;
	im->key_col = -1;
	if (im->o->key != NULL && (strcmp(im->o->key, "id") == 0 ||
	    strcmp(im->o->key, "#") == 0))
		im->key_fi = KEY_ID;
	else if (im->o->key != NULL && strcmp(im->o->key, IO_GID_COLUMN) == 0)
		im->key_fi = KEY_GID;
	else if (im->o->key != NULL &&
	    (im->key_fi = model_field_by_label(ent, im->o->key)) < 0) {
		char *all = io_field_names(ent);
		io_report_problem(im, "", "file", _("--key %s: no such field in %s; the "
		    "fields are: id, gid, %s"), im->o->key, ent->name, all);
		free(all);
		return ST_INVALID;
	}
	for (i = 0; i < im->ncols; i++) {
		const struct column *c = &im->cols[i];
		if (im->key_fi == KEY_ID && c->kind == XC_ID)
			im->key_col = (long)i;
		else if (im->key_fi == KEY_GID && c->kind == XC_GID)
			im->key_col = (long)i;
		else if (im->key_fi >= 0 && c->fi == im->key_fi &&
		    (c->kind == XC_FIELD || c->kind == XC_LINK_ID))
			im->key_col = (long)i;
		else if (im->o->key == NULL && c->kind == XC_ID)
			im->key_col = (long)i, im->key_fi = KEY_ID;
	}
	/* no id column: the global id names the record as well */
	for (i = 0; im->o->key == NULL && im->key_col < 0 && i < im->ncols; i++)
		if (im->cols[i].kind == XC_GID)
			im->key_col = (long)i, im->key_fi = KEY_GID;
	for (i = 0; im->o->key == NULL && im->key_col < 0 && i < im->ncols; i++)
		if ((fi = im->cols[i].fi) >= 0 && im->cols[i].kind == XC_FIELD &&
		    ent->fields[fi].unique)
			im->key_col = (long)i, im->key_fi = fi;
	if (im->key_col >= 0)
		return ST_OK;
	if (im->o->key != NULL)
		io_report_problem(im, "", "file", _("--key %s: the file has no column for "
		    "it"), im->o->key);
	else {
		for (fi = 0; fi < ent->nfields; fi++)
			if (ent->fields[fi].unique)
				sb_addf(&names, ", %s", ent->fields[fi].name);
		io_report_problem(im, "", "file", _("--update needs a key column naming the "
		    "records to change: the id column (#) an export writes%s"),
		    names.s ? names.s : "");
		sb_free(&names);
	}
	return ST_INVALID;
}

/* The first column of kind, -1 when none. */
static long column_kind(const struct import *im, int kind)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].kind == kind)
			return (long)i;
	return -1;
}

/* Whether id was already updated by an earlier row (and note it). */
static int seen_before(struct import *im, long long id, long long line,
    long long *first)
{
	size_t h, i;

	if (im->nseen * 2 >= im->capseen) {     /* grow and rehash */
		size_t cap = im->capseen ? im->capseen * 2 : 1024;
		struct seen_id *t = xcalloc(cap, sizeof *t);
		for (i = 0; i < im->capseen; i++)
			if (im->seen[i].id != 0) {
				for (h = (size_t)im->seen[i].id * 2654435761u % cap;
				    t[h].id != 0; h = (h + 1) % cap)
					;
				t[h] = im->seen[i];
			}
		free(im->seen);
		im->seen = t;
		im->capseen = cap;
	}
	for (h = (size_t)id * 2654435761u % im->capseen; im->seen[h].id != 0;
	    h = (h + 1) % im->capseen)
		if (im->seen[h].id == id) {
			*first = im->seen[h].line;
			return 1;
		}
	im->seen[h].id = id;
	im->seen[h].line = line;
	im->nseen++;
	return 0;
}

/* The record row pr's key names: *id (0: none, the row is new).  0, -1
 * refused (reported), -2 database failure. */
int io_find_keyed(struct import *im, const struct prow *pr,
    long long *id)
{
	const entity *ent = im->ent;
	const char *v = im->key_fi == KEY_ID ? pr->rid : im->key_fi == KEY_GID ?
	    im->r->gid : im->r->v[im->key_fi];
	char at[128];
	long long n;
	int count;

	*id = 0;
	if (v == NULL)
		return 0;
	io_where(im, pr->line, im->key_col, at, sizeof at);
	if (im->key_fi == KEY_GID) {    /* none holds it: a new record */
		if (store_bulk_gid_holder(im->bulk, v, id, im->e) != ST_OK)
			return -2;
		if (*id != 0 && pr->rid != NULL && atoll(pr->rid) != *id) {
			io_report_problem(im, at, im->cols[im->key_col].name,
			    _("global id %s is %s #%lld, but the # column says #%s: "
			    "correct one of them"), v, ent->name, *id, pr->rid);
			return -1;
		}
		return 0;
	}
	if (im->key_fi == KEY_ID) {
		if (text_parse_int(v, &n) != 0 || n <= 0) {
			io_report_problem(im, at, im->cols[im->key_col].name, _("\"%s\" is not a "
			    "record number"), v);
			return -1;
		}
		if (store_find_by(im->s, ent, -1, v, id, &count, im->e) != ST_OK)
			return -2;
		if (*id == 0) {
			io_report_problem(im, at, im->cols[im->key_col].name, _("there is no %s "
			    "#%lld (deleted since the file was exported?): empty the "
			    "cell to add the row as a new record"), ent->name, n);
			return -1;
		}
		return 0;
	}
	if (store_find_by(im->s, ent, im->key_fi, v, id, &count, im->e) != ST_OK)
		return -2;
	if (count > 1) {
		io_report_problem(im, at, im->cols[im->key_col].name, _("%s \"%s\" "
		    "is held by several %s: choose a key that names one record "
		    "(--key id)"),
		    field_label(&ent->fields[im->key_fi]), v, entity_label(ent));
		return -1;
	}
	if (*id != 0 && pr->rid != NULL && atoll(pr->rid) != *id) {
		io_report_problem(im, at, im->cols[im->key_col].name, _("%s %s is %s #%lld, "
		    "but the # column says #%s: correct one of them"),
		    field_label(&ent->fields[im->key_fi]), v, ent->name, *id,
		    pr->rid);
		return -1;
	}
	return 0;
}

/* Whether two stored values differ (NULL is empty). */
static int differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/* Row pr updates record id: the columns the file has that differ are
 * written.  0, -1 refused, -2 database failure. */
int io_update_row(struct import *im, struct prow *pr, long long id)
{
	const entity *ent = im->ent;
	record *cur = NULL;
	store_edit ed = {0};
	store_merge out;
	dferr le = {0};
	char at[128], *note;
	long long first;
	int i, n = 0, rc;

	if (seen_before(im, id, pr->line, &first)) {
		io_where(im, pr->line, im->key_col, at, sizeof at);
		io_report_problem(im, at, im->cols[im->key_col].name, _("%s #%lld "
		    "is updated twice: by this row and by the one at %lld"),
		    ent->name, id, first);
		return -1;
	}
	if ((rc = store_get(im->s, ent, id, &cur, im->e)) != ST_OK)
		return -2;
	if (im->r->gid != NULL && cur->gid != NULL &&
	    strcmp(im->r->gid, cur->gid) != 0) {
		io_report_problem(im, io_where(im, pr->line, -1, at, sizeof at),
		    IO_GID_COLUMN, _("global id %s is not that of %s #%lld (%s): "
		    "a record's global id never changes; correct the row"),
		    im->r->gid, ent->name, id, cur->gid);
		record_free(cur);
		return -1;
	}
	if ((rc = io_resolve_links(im, pr, cur)) != 0) {
		record_free(cur);
		return rc;
	}
	for (i = 0; i < ent->nfields; i++) {
		im->changed[i] = pr->given[i] && differs(cur->v[i], im->r->v[i]);
		n += im->changed[i];
		if (!pr->given[i]) {            /* columns the file lacks stay */
			free(im->r->v[i]);
			im->r->v[i] = xstrdup(cur->v[i]);
		}
	}
	record_free(cur);
	if (n == 0) {
		im->res->unchanged++;
		return 0;
	}
	ed.id = id;
	ed.mine = im->r;
	ed.changed = im->changed;
	ed.note = note = xasprintf("import %s --update", im->file);
	rc = store_save_fields_in_batch(im->s, ent, &ed, &out, &le);
	free(note);
	store_merge_clear(&out);
	if (rc == ST_INVALID || rc == ST_NOTFOUND) {
		io_report_problem(im, io_where(im, pr->line, -1, at, sizeof at),
		    "row", "%s", le.msg);
		return -1;
	}
	if (rc != ST_OK) {
		*im->e = le;
		return -2;
	}
	im->res->changed++;
	for (i = 0; i < ent->nfields; i++)
		im->nchanged[i] += im->changed[i];
	return 0;
}

/* A new row of an --update import must have what a new record needs. */
int io_new_row_complete(struct import *im, const struct prow *pr)
{
	const entity *ent = im->ent;
	char at[128];
	int i, ok = 0;

	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].required && !pr->given[i]) {
			io_report_problem(im, io_where(im, pr->line, -1, at, sizeof at),
			    ent->fields[i].name, _("the row names no existing %s, so "
			    "it would be a new one, and %s is required but the file has "
			    "no column for it"), ent->name, field_label(&ent->fields[i]));
			ok = -1;
		}
	return ok;
}

/* "Phone 3, City 1": how many records each field changed in. */
char *io_changed_summary(const struct import *im)
{
	strbuf b = {0};
	int i;

	for (i = 0; i < im->ent->nfields; i++)
		if (im->nchanged[i] > 0)
			sb_addf(&b, "%s%s %lld", b.len ? ", " : "",
			    field_label(&im->ent->fields[i]), im->nchanged[i]);
	return b.len ? sb_detach(&b) : NULL;
}

/* Without --update, a row whose id column names an existing record would
 * be a copy of it: refused.  An id no record has is not kept (ids are
 * never reused): the record gets a new one. */
int io_existing_id(struct import *im, const struct prow *pr)
{
	char at[128];
	long long id;
	int n;

	if (pr->rid == NULL || atoll(pr->rid) > im->max_id)
		return 0;               /* beyond every id the table had */
	if (store_find_by(im->s, im->ent, -1, pr->rid, &id, &n, im->e) != ST_OK)
		return -2;
	if (id == 0)
		return 0;
	io_where(im, pr->line, column_kind(im, XC_ID), at, sizeof at);
	io_report_problem(im, at, im->cols[column_kind(im, XC_ID)].name,
	    _("%s #%lld already exists: "
	    "import with --update to change it, or empty the cell to add the row "
	    "as a new record"), im->ent->name, id);
	return -1;
}
