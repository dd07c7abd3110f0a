/* store_io.c - the SQL behind import and export: which record holds a
 * unique value, which one a name or reference names, and full records a
 * page at a time for export. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_unique_holder(store *s, const entity *ent, int fi, const char *v,
    long long not_id, long long *holder, dferr *e)
{
	const field *f = &ent->fields[fi];
	char *sql = xasprintf("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 AND "
	    "id IS NOT ?2 LIMIT 1", ent->name, f->name);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	free(sql);
	*holder = 0;
	if (st == NULL)
		return ST_ERROR;
	store_bind_value(s, st, 1, f, v, NULL);
	if (not_id > 0)
		sqlite3_bind_int64(st, 2, not_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*holder = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK :
	    store_fail(s, rc, "looking for the record holding a value", e);
}

int store_unique_clash(store *s, const entity *ent, const record *r,
    int *fi, long long *other, dferr *e)
{
	int i, rc = ST_OK;

	*fi = -1;
	*other = 0;
	for (i = 0; i < ent->nfields && *fi < 0 && rc == ST_OK; i++) {
		if (!ent->fields[i].unique || r->v[i] == NULL)
			continue;
		rc = store_unique_holder(s, ent, i, r->v[i], r->id, other, e);
		if (rc == ST_OK && *other > 0)
			*fi = i;
	}
	return rc;
}

/* SELECT every field of ent, then for each lookup the name of the record
 * it points to (in the interface language, else its display field) and
 * its key (model_link_key), of the row with id = ?1. */
static char *export_sql(const store *s, const entity *ent)
{
	strbuf b = {0};
	int i, nf, kf;

	sb_addf(&b, "SELECT %s, ", s->has_gid ? "t.gid" : "NULL");
	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, "%st.\"%s\"", i ? ", " : "", ent->fields[i].name);
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		const entity *te = f->target_ent;
		if (f->type != FT_LOOKUP)
			continue;
		nf = te ? model_link_name(te, model_lang()) : -1;
		kf = te ? model_link_key(te) : -1;
		if (nf < 0)
			sb_adds(&b, ", NULL");
		else
			sb_addf(&b, ", (SELECT COALESCE(x.\"%s\", x.\"%s\") FROM "
			    "\"%s\" AS x WHERE x.id = t.\"%s\")", te->fields[nf].name,
			    te->fields[te->display].name, te->name, f->name);
		if (kf < 0)
			sb_adds(&b, ", NULL");
		else
			sb_addf(&b, ", (SELECT x.\"%s\" FROM \"%s\" AS x WHERE x.id = "
			    "t.\"%s\")", te->fields[kf].name, te->name, f->name);
	}
	sb_addf(&b, " FROM \"%s\" AS t WHERE t.id = ?1", ent->name);
	return sb_detach(&b);
}

/* An export's snapshot and statement. */
struct store_export {
	store *s;               /* the database */
	const entity *ent;      /* what is exported */
	sqlite3_stmt *get;      /* export_sql(s, ent), private to the export */
};

int store_export_open(store *s, const entity *ent, store_export **out,
    dferr *e)
{
	store_export *x = xcalloc(1, sizeof *x);
	char *sql = export_sql(s, ent);
	int rc;

	*out = NULL;
	x->s = s;
	x->ent = ent;
	/* a read-only snapshot (a savepoint outside a transaction starts a
	 * deferred one); nothing is written under it */
	if ((rc = store_exec(s, "SAVEPOINT export", e)) != ST_OK) {
		free(sql);
		free(x);
		return rc;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &x->get, NULL) != SQLITE_OK) {
		rc = store_fail(s, sqlite3_errcode(s->db), "preparing the export", e);
		free(sql);
		store_export_close(x);
		return rc;
	}
	free(sql);
	*out = x;
	return ST_OK;
}

void store_export_close(store_export *x)
{
	if (x == NULL)
		return;
	sqlite3_finalize(x->get);
	store_exec(x->s, "RELEASE export", NULL);
	free(x);
}

int store_export_get(store_export *x, long long id, record *r, char **refs,
    dferr *e)
{
	const entity *ent = x->ent;
	sqlite3_stmt *st = x->get;
	int i, k, rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->id = id;
		free(r->gid);
		r->gid = store_col_text(st, 0);
		for (i = 0, k = ent->nfields + 1; i < ent->nfields; i++) {
			free(r->v[i]);
			r->v[i] = store_col_text(st, i + 1);
			free(refs[2 * i]);
			free(refs[2 * i + 1]);
			refs[2 * i] = refs[2 * i + 1] = NULL;
			if (ent->fields[i].type == FT_LOOKUP) {
				refs[2 * i] = store_col_text(st, k++);
				refs[2 * i + 1] = store_col_text(st, k++);
			}
		}
		rc = ST_OK;
	} else
		rc = rc == SQLITE_DONE ? dferr_set(e, ST_NOTFOUND,
		    _("%s #%lld is missing from the export snapshot"), ent->name,
		    id) : store_fail(x->s, rc, "exporting", e);
	sqlite3_reset(st);
	return rc;
}

int store_resolve(store *s, const entity *ent, const char *text,
    long long *id, dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	long long n, found[2];
	int i, nfound = 0, rc, terms = 0;

	if (text_parse_int(text, &n) == 0 && n > 0) {
		char *label = NULL;
		rc = store_label(s, ent, n, &label, e);
		free(label);
		if (rc == ST_OK)
			*id = n;
		return rc;
	}
	/* a unique field (CIN, code, reference) names one record by itself,
	 * through its index: an import of a million rows giving trainees by
	 * CIN must not scan the table once per row */
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		if (f->type == FT_LOOKUP || !f->unique)
			continue;
		if ((rc = store_unique_holder(s, ent, i, text, 0, &n, e)) != ST_OK)
			return rc;
		if (n > 0) {
			*id = n;
			return ST_OK;
		}
	}
	sb_addf(&b, "SELECT id FROM \"%s\" WHERE ", ent->name);
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		if (f->type == FT_LOOKUP || f->unique || !(i == ent->display ||
		    f->searchable))
			continue;
		sb_addf(&b, "%s\"%s\" = ?1", terms++ ? " OR " : "", f->name);
	}
	sb_adds(&b, terms ? " LIMIT 2" : "0");
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nfound < 2)
		found[nfound++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (nfound == 0)
		return dferr_set(e, ST_NOTFOUND, _("no %s named \"%s\""),
		    entity_label(ent), text);
	if (nfound > 1)
		return dferr_set(e, ST_INVALID, _("\"%s\" names several %s "
		    "(#%lld, #%lld, ...): give the number instead"), text,
		    entity_label(ent), found[0], found[1]);
	*id = found[0];
	return ST_OK;
}

int store_name_is(store *s, const entity *ent, long long id, const char *text,
    int *yes, dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st;
	int i, rc;

	*yes = 0;
	sb_addf(&b, "SELECT 1 FROM \"%s\" WHERE id = ?1 AND (0", ent->name);
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		if (f->type != FT_LOOKUP && (i == ent->display || f->searchable ||
		    f->unique))
			sb_addf(&b, " OR \"%s\" = ?2", f->name);
	}
	sb_adds(&b, ")");
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK :
	    store_fail(s, rc, "checking a name", e);
}

int store_key_holder(store *s, const entity *ent, int fi, const char *v,
    long long *holder, dferr *e)
{
	return store_unique_holder(s, ent, fi, v, 0, holder, e);
}
