/* store_merge.c - field-level saves: write only the fields a user changed,
 * each checked against the value the edit started from, so that a
 * colleague's save in between is kept instead of undone.
 *
 * Inside one BEGIN IMMEDIATE the row is read as it is now; each field is
 * decided (written, kept, already equal, in conflict) before anything is
 * written, so a conflict in any record of a batch writes nothing at all.
 * Who changed a field meanwhile comes from the audit rows written since
 * the base version (the newest one whose old and new values differ
 * there), else from the row's last updater.  The audit row of the save
 * notes each merge and each explicit overwrite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define WHO_SCAN_MAX 500        /* audit rows looked through for "who" */

/* Equal storage values (NULL equals only NULL). */
static int same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

void store_merge_clear(store_merge *m)
{
	int i;

	for (i = 0; i < m->nf; i++) {
		free(m->f[i].base);
		free(m->f[i].mine);
		free(m->f[i].theirs);
		free(m->f[i].by);
		free(m->f[i].at);
	}
	free(m->f);
	record_free(m->now);
	free(m->by);
	free(m->at);
	memset(m, 0, sizeof *m);
}

/* Who and when from the first row of st, if it gives one. */
static int who_row(sqlite3_stmt *st, char **by, char **at)
{
	int found = sqlite3_step(st) == SQLITE_ROW;

	if (found) {
		*by = store_col_text(st, 0);
		*at = store_col_text(st, 1);
	}
	sqlite3_reset(st);
	return found;
}

/* Who gave field fi of record id the value it holds in row: the newest of
 * the last `within` audit rows whose old and new values differ there and
 * whose new value is row's.  Falls back to row's updated_by/at (a change
 * the audit does not show).  Never NULL. */
static void field_changer(store *s, const entity *ent, long long id, int fi,
    long long within, const record *row, char **by, char **at)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT user, at FROM (SELECT id, "
	    "user, at, old, new FROM audit WHERE tbl = ?1 AND record_id = ?2 "
	    "ORDER BY id DESC LIMIT ?3) WHERE json_extract(old, ?4) IS NOT "
	    "json_extract(new, ?4) AND CAST(json_extract(new, ?4) AS TEXT) IS "
	    "?5 ORDER BY id DESC LIMIT 1", NULL);
	char *path = xasprintf("$.\"%s\"", ent->fields[fi].name);

	*by = *at = NULL;
	if (st != NULL) {
		sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, within);
		sqlite3_bind_text(st, 4, path, -1, SQLITE_TRANSIENT);
		if (row != NULL && row->v[fi] != NULL)
			sqlite3_bind_text(st, 5, row->v[fi], -1, SQLITE_TRANSIENT);
		who_row(st, by, at);
	}
	free(path);
	if (*by == NULL || *at == NULL) {
		free(*by);
		free(*at);
		*by = xstrdup(row && row->updated_by ? row->updated_by : "?");
		*at = xstrdup(row && row->updated_at ? row->updated_at : "?");
	}
}

/* Who deleted record id, and when (audit), into out->by/at if known. */
static void deleter(store *s, const entity *ent, long long id, store_merge *out)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT user, at FROM audit WHERE "
	    "tbl = ?1 AND record_id = ?2 AND action = 'delete' ORDER BY id DESC "
	    "LIMIT 1", NULL);

	if (st == NULL)
		return;
	sqlite3_bind_text(st, 1, ent->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	who_row(st, &out->by, &out->at);
}

/* Note field fi's fate in out (who and when from the audit). */
static void merge_add(store *s, const entity *ent, const store_edit *ed,
    store_merge *out, int fi, enum store_fate fate)
{
	store_field_merge *m;
	long long within = -1;

	if (ed->base_version > 0 && out->version > ed->base_version)
		within = out->version - ed->base_version;
	if (within < 0 || within > WHO_SCAN_MAX)
		within = WHO_SCAN_MAX;
	out->f = xreallocarray(out->f, (size_t)out->nf + 1, sizeof *out->f);
	m = &out->f[out->nf++];
	m->fi = fi;
	m->fate = fate;
	m->base = xstrdup(ed->base ? ed->base->v[fi] : out->now->v[fi]);
	m->mine = xstrdup(ed->mine->v[fi]);
	m->theirs = xstrdup(out->now->v[fi]);
	field_changer(s, ent, ed->id, fi, within, out->now, &m->by, &m->at);
	if (fate == SF_CONFLICT)
		out->nconflicts++;
}

/* Decide every field of one edit against the row as it is now, writing
 * nothing: write[i] = 1 for each field to write.  ST_OK, ST_CONFLICT,
 * ST_NOTFOUND, or a fault. */
static int merge_decide(store *s, const entity *ent, const store_edit *ed,
    store_merge *out, unsigned char *write, dferr *e)
{
	int i, rc;

	rc = store_get(s, ent, ed->id, &out->now, e);
	if (rc == ST_NOTFOUND) {
		deleter(s, ent, ed->id, out);
		return out->rc = ST_NOTFOUND;
	}
	if (rc != ST_OK)
		return rc;
	out->version = out->now->version;
	out->by = xstrdup(out->now->updated_by);
	out->at = xstrdup(out->now->updated_at);
	for (i = 0; i < ent->nfields; i++) {
		const char *cur = out->now->v[i], *mine = ed->mine->v[i];
		const char *base = ed->base ? ed->base->v[i] : cur;
		int theirs = !same(cur, base);

		write[i] = ed->changed[i] && !same(cur, mine) && !theirs;
		if (ed->changed[i] && !same(cur, mine) && theirs)
			merge_add(s, ent, ed, out, i, SF_CONFLICT);
		else if (write[i] && ed->base && ed->overwrite && ed->overwrite[i])
			merge_add(s, ent, ed, out, i, SF_OVERWRITTEN);
		else if (theirs)
			merge_add(s, ent, ed, out, i, ed->changed[i] ? SF_SAME :
			    SF_THEIRS);
	}
	return out->rc = out->nconflicts > 0 ? ST_CONFLICT : ST_OK;
}

/* The audit note of a merged save: "merged with karim's change to city
 * (2026-11-20 21:40:00); overwrote salma's phone (...)", or NULL.  Stored
 * data, not a message: column names, UTC times, never translated. */
static char *merge_note(const entity *ent, const store_merge *out)
{
	strbuf b = {0};
	int i;

	for (i = 0; i < out->nf; i++) {
		const store_field_merge *m = &out->f[i];
		const char *what = m->fate == SF_THEIRS ? "merged with %s's change "
		    "to %s (%s)" : m->fate == SF_OVERWRITTEN ? "overwrote %s's "
		    "value of %s (%s)" : NULL;
		if (what == NULL)
			continue;
		if (b.len > 0)
			sb_adds(&b, "; ");
		sb_addf(&b, what, m->by, ent->fields[m->fi].name, m->at);
	}
	return b.len > 0 ? sb_detach(&b) : NULL;
}

/* Write the decided fields of one edit; *saved gets the row as written
 * (NULL when nothing needed writing).  Inside the caller's transaction. */
static int merge_write(store *s, const entity *ent, const store_edit *ed,
    const store_merge *out, const unsigned char *write, record **saved,
    dferr *e)
{
	strbuf b = {0};
	sqlite3_stmt *st = NULL;
	record *r = NULL;
	char *old = NULL, *note = NULL, now[32];
	int i, k = 0, rc = ST_OK;

	*saved = NULL;
	for (i = 0; i < ent->nfields; i++)
		k += write[i];
	if (k == 0)
		goto out;
	r = record_dup(out->now);
	sb_addf(&b, "UPDATE \"%s\" SET ", ent->name);
	for (i = 0, k = 0; i < ent->nfields; i++)
		if (write[i]) {
			record_set(r, i, ed->mine->v[i]);
			sb_addf(&b, "\"%s\" = ?%d, ", ent->fields[i].name, ++k);
		}
	sb_addf(&b, "search_key = ?%d, updated_at = ?%d, updated_by = ?%d, "
	    "version = version + 1 WHERE id = ?%d", k + 1, k + 2, k + 3, k + 4);
	old = store_row_json(s, ent, ed->id);
	if ((st = store_prepare(s, b.s, e)) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	for (i = 0, k = 0; i < ent->nfields; i++)
		if (write[i] && (rc = store_bind_value(s, st, ++k, &ent->fields[i],
		    r->v[i], e)) != ST_OK)
			goto out;
	util_now(now, sizeof now);
	sqlite3_bind_text(st, k + 1, store_search_key(ent, r), -1, free);
	sqlite3_bind_text(st, k + 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, k + 3, util_user(), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, k + 4, ed->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_CONSTRAINT ?
		    store_constraint_msg(s, ent, r, e) : store_fail(s, rc, "saving", e);
		goto out;
	}
	note = merge_note(ent, out);
	if (ed->note != NULL) {         /* the caller's words first */
		char *both = note ? xasprintf("%s; %s", ed->note, note) :
		    xstrdup(ed->note);
		free(note);
		note = both;
	}
	if ((rc = store_audit_record(s, ent, ed->id, AUDIT_CHANGED, old, note,
	    e)) != ST_OK)
		goto out;
	r->version = out->version + 1;
	free(r->updated_by);
	free(r->updated_at);
	r->updated_by = xstrdup(util_user());
	r->updated_at = xstrdup(now);
	*saved = r;
	r = NULL;
out:
	sb_free(&b);
	record_free(r);
	free(old);
	free(note);
	return rc;
}

/* The message of a refused batch: the first record's problem. */
static int merge_refusal(const entity *ent, const store_edit *eds, int n,
    store_merge *outs, dferr *e)
{
	int k;

	for (k = 0; k < n; k++) {
		const store_merge *o = &outs[k];
		if (o->rc == ST_NOTFOUND)
			return o->by ? dferr_set(e, ST_NOTFOUND, _("%s #%lld was "
			    "deleted meanwhile by %s at %s UTC: save it as a new "
			    "record if it is still needed"), entity_label(ent),
			    eds[k].id, o->by, o->at) : dferr_set(e, ST_NOTFOUND,
			    _("%s #%lld was deleted meanwhile by another user: save "
			    "it as a new record if it is still needed"),
			    entity_label(ent), eds[k].id);
		if (o->rc == ST_CONFLICT) {
			const store_field_merge *m = o->f;
			while (m->fate != SF_CONFLICT)
				m++;
			return dferr_set(e, ST_CONFLICT, _("Not saved: %s of %s #%lld "
			    "was changed meanwhile by %s at %s UTC, and you changed it "
			    "too: choose which value to keep"),
			    field_label(&ent->fields[m->fi]), entity_label(ent),
			    eds[k].id, m->by, m->at);
		}
	}
	return dferr_set(e, ST_ERROR, "%s", _("Not saved"));
}

int store_save_fields_many(store *s, const entity *ent, const store_edit *eds,
    int n, store_merge *outs, dferr *e)
{
	size_t nf = (size_t)ent->nfields;
	unsigned char *write = xcalloc((size_t)n * nf + 1, 1);
	record **saved = xcalloc((size_t)n + 1, sizeof *saved);
	int k, rc, refused = 0;

	for (k = 0; k < n; k++) {
		memset(&outs[k], 0, sizeof outs[k]);
		outs[k].rc = -1;
	}
	if ((rc = store_exec(s, "BEGIN IMMEDIATE", e)) != ST_OK)
		goto out;
	for (k = 0; k < n && rc == ST_OK; k++) {
		int r = merge_decide(s, ent, &eds[k], &outs[k], write + k * nf, e);
		if (r == ST_CONFLICT || r == ST_NOTFOUND)
			refused = 1;
		else
			rc = r;
	}
	if (rc == ST_OK && refused)
		rc = merge_refusal(ent, eds, n, outs, e);
	for (k = 0; k < n && rc == ST_OK; k++)
		if ((rc = merge_write(s, ent, &eds[k], &outs[k], write + k * nf,
		    &saved[k], e)) != ST_OK && n > 1) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e ? e->msg : "");
			dferr_set(e, rc, _("%s (record #%lld)"), why, eds[k].id);
			outs[k].rc = rc;
		}
	if (rc == ST_OK && (rc = store_exec(s, "COMMIT", e)) == ST_OK) {
		for (k = 0; k < n; k++) {
			if (saved[k] == NULL)
				continue;
			for (size_t i = 0; i < nf; i++)
				outs[k].written += write[k * nf + i];
			record_free(outs[k].now);
			outs[k].now = saved[k];
			outs[k].version = saved[k]->version;
			saved[k] = NULL;
		}
		goto out;
	}
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
out:
	for (k = 0; k < n; k++)
		record_free(saved[k]);
	free(saved);
	free(write);
	return rc;
}

int store_save_fields(store *s, const entity *ent, const store_edit *ed,
    store_merge *out, dferr *e)
{
	return store_save_fields_many(s, ent, ed, 1, out, e);
}

int store_save_fields_in_batch(store *s, const entity *ent,
    const store_edit *ed, store_merge *out, dferr *e)
{
	unsigned char *write = xcalloc((size_t)ent->nfields + 1, 1);
	record *saved = NULL;
	int i, rc;

	memset(out, 0, sizeof *out);
	out->rc = -1;
	rc = merge_decide(s, ent, ed, out, write, e);
	if (rc == ST_CONFLICT || rc == ST_NOTFOUND)
		rc = merge_refusal(ent, ed, 1, out, e);
	if (rc == ST_OK)
		rc = merge_write(s, ent, ed, out, write, &saved, e);
	if (rc == ST_OK && saved != NULL) {
		for (i = 0; i < ent->nfields; i++)
			out->written += write[i];
		record_free(out->now);
		out->now = saved;
		out->version = saved->version;
	}
	free(write);
	return rc;
}
