/* io_links.c - the links of an imported row: a link field may come in
 * three columns (io_columns.c): the id of the record it points to
 * (region_id, also taking a name as before), that record's key
 * (trainee.cin) and its name (region).  The first given names the record
 * (each text resolved once per column: a cache), the others must agree
 * with it; in an update whose id cell is as it was, an edited name or key
 * names the record to link to instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_import.h"
#include "io_int.h"

/* FNV-1a, for the caches of resolved texts. */
static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The record a link column's text names: a key by the target's key
 * field, an id or a name through store_resolve.  0 and *id, -1 with msg
 * for a text naming no single record, -2 when the database failed. */
static int resolve(struct import *im, struct column *c, const char *text,
    long long *id, char *msg, size_t msgsz)
{
	const entity *t = im->ent->fields[c->fi].target_ent;
	size_t h = hash(text) & (LOOKUP_SLOTS - 1);
	dferr le = {0};
	int rc;

	while (c->cache[h].text != NULL) {
		if (strcmp(c->cache[h].text, text) == 0) {
			*id = c->cache[h].id;
			return 0;
		}
		h = (h + 1) & (LOOKUP_SLOTS - 1);
	}
	if (c->kind == XC_LINK_KEY) {
		rc = store_key_holder(im->s, t, c->kfi, text, id, &le);
		if (rc == ST_OK && *id == 0)
			rc = dferr_set(&le, ST_NOTFOUND, _("no %s with %s %s"),
			    entity_label(t), field_label(&t->fields[c->kfi]), text);
	} else
		rc = store_resolve(im->s, t, text, id, &le);
	if (rc == ST_NOTFOUND || rc == ST_INVALID) {
		snprintf(msg, msgsz, "%s", le.msg);
		return -1;
	}
	if (rc != ST_OK) {
		*im->e = le;
		return -2;
	}
	if (c->ncached < LOOKUP_SLOTS / 2) {     /* keep probing short */
		c->cache[h].text = xstrdup(text);
		c->cache[h].id = *id;
		c->ncached++;
	}
	return 0;
}

/* The column of kind holding field fi, -1 when none. */
static long link_column(const struct import *im, int fi, int kind)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].fi == fi && im->cols[i].kind == kind)
			return (long)i;
	return -1;
}

/* Whether the text of link column ci names record id: 0 with *yes, -2
 * when the database failed. */
static int agrees(struct import *im, long ci, const char *text, long long id,
    int *yes)
{
	struct column *c = &im->cols[ci];
	const entity *t = im->ent->fields[c->fi].target_ent;
	char msg[512];
	long long other;
	int rc;

	rc = resolve(im, c, text, &other, msg, sizeof msg);
	if (rc == -2)
		return -2;
	if ((*yes = rc == 0 && other == id) || c->kind == XC_LINK_KEY)
		return 0;
	/* a name several records share, one of them this one */
	return store_name_is(im->s, t, id, text, yes, im->e) == ST_OK ? 0 : -2;
}

/* Link field fi of row pr from its columns (id, key, name), into
 * im->r->v[fi] as the form's value.  cur: the record the row updates, or
 * NULL.  0 ok, -1 refused (reported), -2 database failure. */
static int resolve_link(struct import *im, const struct prow *pr, int fi,
    const record *cur)
{
	long ci[3] = {link_column(im, fi, XC_LINK_ID), link_column(im, fi,
	    XC_LINK_KEY), link_column(im, fi, XC_LINK_NAME)};
	const char *text[3] = {im->r->v[fi], pr->ext[2 * fi + 1],
	    pr->ext[2 * fi]};
	char msg[512], idbuf[24], at[128], *out;
	long long id = 0, alt;
	int p, k, rc, yes;

	for (p = 0; p < 3 && (text[p] == NULL || ci[p] < 0); p++)
		;
	if (p == 3)
		return 0;               /* no link */
	rc = resolve(im, &im->cols[ci[p]], text[p], &id, msg, sizeof msg);
	if (rc == -2)
		return -2;
	if (rc == -1) {
		io_report_problem(im, io_where(im, pr->line, ci[p], at, sizeof at),
		    im->cols[ci[p]].name, "%s", msg);
		return -1;
	}
	for (k = p + 1; k < 3; k++) {   /* the others must agree */
		if (text[k] == NULL || ci[k] < 0)
			continue;
		if ((rc = agrees(im, ci[k], text[k], id, &yes)) == -2)
			return -2;
		if (yes)
			continue;
		/* an update whose id cell is as it was: the name or key cell
		 * was edited, and names the record to link to */
		if (cur != NULL && cur->v[fi] != NULL && p == 0 &&
		    atoll(cur->v[fi]) == id && resolve(im, &im->cols[ci[k]],
		    text[k], &alt, msg, sizeof msg) == 0) {
			id = alt;
			break;
		}
		io_report_problem(im, io_where(im, pr->line, ci[k], at, sizeof at),
		    im->cols[ci[k]].name, _("\"%s\" does not name %s #%lld, which "
		    "column %s gives: correct one of the two, or empty the %s cell "
		    "to link by the other"), text[k],
		    entity_label(im->ent->fields[fi].target_ent), id,
		    im->cols[ci[p]].name, im->cols[ci[p]].name);
		return -1;
	}
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	/* the form's check, on the record number found */
	if (model_check(&im->ent->fields[fi], idbuf, &out, msg, sizeof msg) !=
	    0) {
		io_report_problem(im, io_where(im, pr->line, ci[p], at, sizeof at),
		    im->cols[ci[p]].name, "%s", io_unlabel(&im->ent->fields[fi],
		    msg));
		return -1;
	}
	free(im->r->v[fi]);
	im->r->v[fi] = out;
	return 0;
}

int io_resolve_links(struct import *im, const struct prow *pr,
    const record *cur)
{
	int fi, ok = 0, rc;

	for (fi = 0; fi < im->ent->nfields; fi++) {
		if (im->ent->fields[fi].type != FT_LOOKUP || !pr->given[fi])
			continue;
		if ((rc = resolve_link(im, pr, fi, cur)) == -2)
			return -2;
		if (rc < 0)
			ok = -1;
	}
	return ok;
}
