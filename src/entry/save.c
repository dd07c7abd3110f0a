/* save.c - a session's save: every field checked, a unique value held by
 * another record and possible duplicates found first, then only the
 * changed fields written through the store's field-level merge; the
 * outcome in plain words; conflicts kept for the user to decide field by
 * field; reloading without losing input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entry_int.h"

#define DUP_MAX 20              /* possible duplicates reported at most */

void entry_result_clear(entry_result *r)
{
	free(r->ids);
	memset(r, 0, sizeof *r);
	r->field = -1;
}

void entry_when(const char *utc, char *buf, size_t n)
{
	struct tm tm, loc, today;
	time_t t, now = time(NULL);

	memset(&tm, 0, sizeof tm);
	if (utc == NULL || sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(buf, n, "%s", utc ? utc : "?");
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	localtime_r(&t, &loc);
	localtime_r(&now, &today);
	if (loc.tm_year == today.tm_year && loc.tm_yday == today.tm_yday)
		strftime(buf, n, "%H:%M", &loc);
	else
		strftime(buf, n, "%d/%m/%Y %H:%M", &loc);
}

/* Show record r in the form as its new base (after a save or a reload). */
static void session_rebase(entry_session *s, const record *r)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!s->f[i].hidden)
			session_load_field(s, i, r->v[i]);
	record_free(s->base);
	s->base = record_dup(r);
	s->base_version = r->version;
}

/* After a new record is saved: blank again but for the carry-forward
 * fields; the cursor on the first empty field. */
static void session_carry(entry_session *s)
{
	int i, first = -1;

	s->id = 0;
	s->base_version = 0;
	for (i = 0; i < s->n; i++) {
		entry_field *f = &s->f[i];
		if (!s->ent->fields[i].carry) {
			text_edit_set(&f->ed, "");
			free(f->value);
			f->value = NULL;
		}
		record_set(s->base, i, entry_is_pick(&s->ent->fields[i]) ?
		    f->value : NULL);
		free(f->base_text);
		f->base_text = xstrdup(f->ed.s);
		f->bad = f->overwrite = 0;
		if (first < 0 && f->ed.len == 0 && !f->hidden)
			first = i;
	}
	s->cur = first < 0 ? 0 : first;
}

/* "City, Phone": the labels of the fields others changed in out's list
 * with fate, saved by who; *last gets the newest time among them. */
static void fields_by(const entry_session *s, const store_merge *m,
    enum store_fate fate, const char *who, strbuf *b, const char **last,
    int *count)
{
	int i;

	*count = 0;
	for (i = 0; i < m->nf; i++) {
		const store_field_merge *f = &m->f[i];
		if (f->fate != fate || strcmp(f->by, who) != 0)
			continue;
		sb_addf(b, "%s%s", (*count)++ ? ", " : "",
		    field_label(&s->ent->fields[f->fi]));
		if (*last == NULL || strcmp(f->at, *last) > 0)
			*last = f->at;
	}
}

/* Append to msg, for each user whose change was merged in: "Merged with
 * karim's change to City at 21:40." */
static void merged_words(const entry_session *s, const store_merge *m,
    char *msg, size_t n)
{
	int i, j, count;

	for (i = 0; i < m->nf; i++) {
		strbuf b = {0};
		const char *last = NULL;
		char when[32];
		size_t used = strlen(msg);
		if (m->f[i].fate != SF_THEIRS)
			continue;
		for (j = 0; j < i; j++)         /* each user once */
			if (m->f[j].fate == SF_THEIRS &&
			    strcmp(m->f[j].by, m->f[i].by) == 0)
				break;
		if (j < i)
			continue;
		fields_by(s, m, SF_THEIRS, m->f[i].by, &b, &last, &count);
		entry_when(last, when, sizeof when);
		snprintf(msg + used, n - used, " ");
		used = strlen(msg);
		snprintf(msg + used, n - used, ngettext("Merged with %s's change "
		    "to %s at %s.", "Merged with %s's changes to %s at %s.",
		    (unsigned long)count), m->f[i].by, b.s, when);
		sb_free(&b);
	}
}

/* The conflicts of a refused save, kept in s->conf for the user to
 * decide (the fields merged beside them too, to show). */
static void conf_add(entry_session *s, long long id, const store_merge *m)
{
	int i;

	for (i = 0; i < m->nf; i++) {
		const store_field_merge *f = &m->f[i];
		const field *fd = &s->ent->fields[f->fi];
		entry_conflict *c;
		if (f->fate == SF_OVERWRITTEN)
			continue;
		s->conf = xreallocarray(s->conf, (size_t)s->nconf + 1,
		    sizeof *s->conf);
		c = &s->conf[s->nconf++];
		memset(c, 0, sizeof *c);
		c->id = id;
		c->fi = f->fi;
		c->fate = f->fate;
		c->mine_text = s->batch ? entry_text_of(s, fd, f->mine) :
		    xstrdup(s->f[f->fi].ed.s);
		c->theirs_text = entry_text_of(s, fd, f->theirs);
		c->theirs = xstrdup(f->theirs);
		c->by = xstrdup(f->by);
		c->at = xstrdup(f->at);
	}
}

/* The message of a refused save: the one conflict named, or a count. */
static void conflict_words(const entry_session *s, entry_result *res)
{
	const entry_conflict *one = NULL;
	char when[32];
	int k, n = 0;

	for (k = 0; k < s->nconf; k++)
		if (s->conf[k].fate == SF_CONFLICT && n++ == 0)
			one = &s->conf[k];
	res->kind = ENTRY_CONFLICT;
	if (one == NULL)
		return;
	entry_when(one->at, when, sizeof when);
	if (n == 1)
		snprintf(res->msg, sizeof res->msg, _("Not saved: %s also changed "
		    "%s (at %s), to another value than yours. Choose which value "
		    "to keep."), one->by, field_label(&s->ent->fields[one->fi]),
		    when);
	else
		snprintf(res->msg, sizeof res->msg, ngettext("Not saved: %d field "
		    "was changed by you and by someone else meanwhile. Choose "
		    "which value to keep.", "Not saved: %d fields were changed by "
		    "you and by someone else meanwhile. Choose which value to "
		    "keep for each.", (unsigned long)n), n);
}

/* The record was deleted meanwhile: what the store knows of it. */
static void deleted_words(entry_session *s, const store_merge *m,
    long long id, entry_result *res)
{
	char when[32];

	s->deleted = s->batch == NULL;
	res->kind = ENTRY_DELETED;
	if (m->by != NULL) {
		entry_when(m->at, when, sizeof when);
		snprintf(res->msg, sizeof res->msg, _("Not saved: %s #%lld was "
		    "deleted by %s at %s. Save again to keep what you see as a new "
		    "record, or leave the form."), entity_label(s->ent), id, m->by,
		    when);
	} else
		snprintf(res->msg, sizeof res->msg, _("Not saved: %s #%lld was "
		    "deleted meanwhile by another user. Save again to keep what you "
		    "see as a new record, or leave the form."),
		    entity_label(s->ent), id);
}

/* A refusal by the database: a unique value taken (found again, since
 * someone may have taken it between the check and the write), a rule, or
 * a fault. */
static void refused_words(entry_session *s, const record *mine, int rc,
    const dferr *e, entry_result *res)
{
	long long other = 0;
	int fi = -1;

	snprintf(res->msg, sizeof res->msg, "%s", e->msg);
	res->code = rc;
	if (rc != ST_INVALID) {
		res->kind = ENTRY_FAULT;
		return;
	}
	res->kind = ENTRY_INVALID;
	if (mine != NULL && store_unique_clash(s->st, s->ent, mine, &fi, &other, NULL) ==
	    ST_OK && fi >= 0) {
		res->kind = ENTRY_TAKEN;
		res->field = fi;
		res->id = other;
		s->cur = fi;
	}
}

/* Before writing: a unique value of mine another record holds (only the
 * fields given in mask, or all when mask is NULL), then for a new record
 * its possible duplicates.  1 when res says so. */
static int save_blocked(entry_session *s, const record *mine,
    const unsigned char *mask, unsigned flags, entry_result *res)
{
	record *probe = record_dup(mine);
	long long other = 0, ids[DUP_MAX];
	int i, fi = -1, n = 0;
	dferr e;

	for (i = 0; mask != NULL && i < s->n; i++)
		if (!mask[i])
			record_set(probe, i, NULL);
	if (store_unique_clash(s->st, s->ent, probe, &fi, &other, &e) == ST_OK &&
	    fi >= 0) {
		res->kind = ENTRY_TAKEN;
		res->field = s->cur = fi;
		res->id = other;
		snprintf(res->msg, sizeof res->msg, _("Not saved: %s %s is already "
		    "used by #%lld."), field_label(&s->ent->fields[fi]), mine->v[fi],
		    other);
	} else if (mine->id == 0 && !(flags & ENTRY_DUPLICATES_SEEN) &&
	    store_similar(s->st, s->ent, mine, ids, DUP_MAX, &n, &e) == ST_OK &&
	    n > 0) {
		res->kind = ENTRY_DUPLICATES;
		res->ids = xcalloc((size_t)n, sizeof *res->ids);
		memcpy(res->ids, ids, (size_t)n * sizeof *ids);
		res->nids = n;
		snprintf(res->msg, sizeof res->msg, ngettext("Already recorded? %d "
		    "record shares values with this one.", "Already recorded? %d "
		    "records share values with this one.", (unsigned long)n), n);
	}
	record_free(probe);
	return res->kind == ENTRY_TAKEN || res->kind == ENTRY_DUPLICATES;
}

/* Insert the form's new record. */
static void save_new(entry_session *s, record *mine, unsigned flags,
    const char *note, entry_result *res)
{
	dferr e;
	int rc;

	if (save_blocked(s, mine, NULL, flags, res))
		return;
	if ((rc = store_insert(s->st, s->ent, mine, note, &e)) != ST_OK) {
		refused_words(s, mine, rc, &e, res);
		return;
	}
	res->kind = ENTRY_SAVED;
	res->id = mine->id;
	res->version = mine->version;
	s->saved++;
	journal_saved(s);
	session_carry(s);
	snprintf(res->msg, sizeof res->msg, _("Saved #%lld. Next record "
	    "(carried-forward fields kept); Esc to leave."), mine->id);
}

/* Write the changed fields of the form's record. */
static void save_fields(entry_session *s, record *mine, entry_result *res)
{
	unsigned char *changed = xcalloc((size_t)s->n + 1, 1);
	unsigned char *over = xcalloc((size_t)s->n + 1, 1);
	store_edit ed = {0};
	store_merge m = {0};
	int i, k = 0, rc;
	dferr e;

	for (i = 0; i < s->n; i++) {
		changed[i] = !s->f[i].hidden && !entry_same(mine->v[i], s->base->v[i]);
		over[i] = changed[i] && s->f[i].overwrite;
		k += changed[i];
	}
	if (k == 0) {           /* retyped as it was: nothing to write */
		for (i = 0; i < s->n; i++)
			if (!s->f[i].hidden)
				session_load_field(s, i, s->base->v[i]);
		journal_saved(s);
		res->kind = ENTRY_UNCHANGED;
		snprintf(res->msg, sizeof res->msg, "%s", _("Nothing to save: no "
		    "field was changed."));
		goto out;
	}
	if (save_blocked(s, mine, changed, 0, res))
		goto out;
	ed.id = s->id;
	ed.base_version = s->base_version;
	ed.base = s->base;
	ed.mine = mine;
	ed.changed = changed;
	ed.overwrite = over;
	rc = store_save_fields(s->st, s->ent, &ed, &m, &e);
	if (rc == ST_CONFLICT) {
		conf_add(s, s->id, &m);
		conflict_words(s, res);
	} else if (rc == ST_NOTFOUND)
		deleted_words(s, &m, s->id, res);
	else if (rc != ST_OK)
		refused_words(s, mine, rc, &e, res);
	else {
		s->saved++;
		session_rebase(s, m.now);
		journal_saved(s);
		res->id = s->id;
		res->version = m.version;
		res->kind = ENTRY_SAVED;
		snprintf(res->msg, sizeof res->msg, _("Saved (version %lld)"),
		    m.version);
		for (i = 0; i < m.nf; i++)
			if (m.f[i].fate == SF_THEIRS)
				res->kind = ENTRY_MERGED;
		merged_words(s, &m, res->msg, sizeof res->msg);
	}
out:
	store_merge_clear(&m);
	free(changed);
	free(over);
}

/* Leave record k out of a batch (deleted meanwhile). */
static void batch_drop(entry_session *s, int k)
{
	size_t n = (size_t)s->n, rest = (size_t)(s->nbatch - k - 1);

	record_free(s->batch_base[k]);
	memmove(&s->batch[k], &s->batch[k + 1], rest * sizeof *s->batch);
	memmove(&s->batch_base[k], &s->batch_base[k + 1],
	    rest * sizeof *s->batch_base);
	memmove(s->batch_keep + k * n, s->batch_keep + (k + 1) * n, rest * n);
	memmove(s->batch_over + k * n, s->batch_over + (k + 1) * n, rest * n);
	s->nbatch--;
}

/* A batch form: the changed fields onto every record, all or none. */
static void save_batch(entry_session *s, record *mine, entry_result *res)
{
	size_t n = (size_t)s->n;
	unsigned char *changed = xcalloc((size_t)s->nbatch * n + 1, 1);
	store_edit *eds = xcalloc((size_t)s->nbatch + 1, sizeof *eds);
	store_merge *ms = xcalloc((size_t)s->nbatch + 1, sizeof *ms);
	record **mines = xcalloc((size_t)s->nbatch + 1, sizeof *mines);
	int i, k, any = 0, merged = 0, written = 0, rc;
	dferr e;

	for (i = 0; i < s->n; i++)
		any |= !s->f[i].hidden && !entry_same(mine->v[i], s->base->v[i]);
	if (!any) {
		res->kind = ENTRY_UNCHANGED;
		snprintf(res->msg, sizeof res->msg, "%s", _("Nothing to save: no "
		    "field was changed."));
		goto out;
	}
	for (k = 0; k < s->nbatch; k++) {
		mines[k] = record_dup(s->batch_base[k]);
		for (i = 0; i < s->n; i++) {
			unsigned char *ch = &changed[(size_t)k * n + (size_t)i];
			*ch = !s->f[i].hidden && !entry_same(mine->v[i],
			    s->base->v[i]) && !s->batch_keep[(size_t)k * n + (size_t)i];
			if (*ch)
				record_set(mines[k], i, mine->v[i]);
		}
		eds[k].id = s->batch[k];
		eds[k].base_version = s->batch_base[k]->version;
		eds[k].base = s->batch_base[k];
		eds[k].mine = mines[k];
		eds[k].changed = changed + (size_t)k * n;
		eds[k].overwrite = s->batch_over + (size_t)k * n;
	}
	rc = store_save_fields_many(s->st, s->ent, eds, s->nbatch, ms, &e);
	if (rc == ST_CONFLICT) {
		for (k = 0; k < s->nbatch; k++)
			if (ms[k].rc == ST_CONFLICT)
				conf_add(s, s->batch[k], &ms[k]);
		conflict_words(s, res);
	} else if (rc == ST_NOTFOUND) {
		for (k = s->nbatch - 1; k >= 0; k--)
			if (ms[k].rc == ST_NOTFOUND) {
				deleted_words(s, &ms[k], s->batch[k], res);
				batch_drop(s, k);
			}
		snprintf(res->msg, sizeof res->msg, ngettext("Not saved: a record "
		    "was deleted meanwhile and is left out; save again to change "
		    "the %d other record.", "Not saved: a record was deleted "
		    "meanwhile and is left out; save again to change the %d other "
		    "records.", (unsigned long)s->nbatch), s->nbatch);
	} else if (rc != ST_OK)
		refused_words(s, mine, rc, &e, res);
	else {
		for (k = 0; k < s->nbatch; k++) {
			for (i = 0; i < ms[k].nf; i++)
				merged += ms[k].f[i].fate == SF_THEIRS;
			written += ms[k].written > 0;
			record_free(s->batch_base[k]);
			s->batch_base[k] = record_dup(ms[k].now);
		}
		memset(s->batch_keep, 0, (size_t)s->nbatch * n);
		memset(s->batch_over, 0, (size_t)s->nbatch * n);
		s->saved += s->nbatch;
		journal_saved(s);
		res->kind = merged ? ENTRY_MERGED : ENTRY_SAVED;
		if (written == s->nbatch)
			snprintf(res->msg, sizeof res->msg, ngettext("Changed %d "
			    "record", "Changed %d records", (unsigned long)written),
			    written);
		else
			snprintf(res->msg, sizeof res->msg, ngettext("Changed %d of "
			    "%d record (the others already held these values, or keep "
			    "a colleague's)", "Changed %d of %d records (the others "
			    "already held these values, or keep a colleague's)",
			    (unsigned long)s->nbatch), written, s->nbatch);
	}
out:
	for (k = 0; k < s->nbatch; k++) {
		record_free(mines[k]);
		store_merge_clear(&ms[k]);
	}
	free(mines);
	free(ms);
	free(eds);
	free(changed);
}

void entry_save(entry_session *s, unsigned flags, const char *note,
    entry_result *res)
{
	record *mine = record_new(s->ent);
	int i;

	memset(res, 0, sizeof *res);
	res->field = -1;
	session_conf_clear(s);
	mine->id = s->id;
	mine->version = s->base_version;
	for (i = 0; i < s->n; i++) {
		if (s->f[i].hidden)
			continue;
		if (entry_check(s, i, &mine->v[i], res->msg, sizeof res->msg) != 0) {
			res->kind = ENTRY_INVALID;
			res->field = s->cur = i;
			goto out;
		}
	}
	if (s->batch != NULL)
		save_batch(s, mine, res);
	else if (s->id == 0)
		save_new(s, mine, flags, note, res);
	else
		save_fields(s, mine, res);
out:
	record_free(mine);
}

void entry_reload(entry_session *s, entry_result *res)
{
	record *now = NULL;
	char *v, msg[512];
	int i, rc, both = 0;
	dferr e;

	memset(res, 0, sizeof *res);
	res->field = -1;
	res->kind = ENTRY_UNCHANGED;
	if (s->id == 0 || s->batch != NULL)
		return;
	if ((rc = store_get(s->st, s->ent, s->id, &now, &e)) != ST_OK) {
		store_merge m = {0};
		if (rc == ST_NOTFOUND)
			deleted_words(s, &m, s->id, res);
		else
			refused_words(s, NULL, rc, &e, res);
		return;
	}
	for (i = 0; i < s->n; i++) {
		if (!entry_changed(s, i)) {
			session_load_field(s, i, now->v[i]);
			record_set(s->base, i, now->v[i]);
			continue;
		}
		if (entry_same(now->v[i], s->base->v[i]))
			continue;               /* nobody else touched it */
		v = NULL;
		if (entry_check(s, i, &v, msg, sizeof msg) == 0 &&
		    entry_same(v, now->v[i])) {     /* they typed the same */
			session_load_field(s, i, now->v[i]);
			record_set(s->base, i, now->v[i]);
		} else
			both++;                 /* decided at save */
		free(v);
	}
	if (both == 0)
		s->base_version = now->version;
	record_free(now);
	journal_touch(s);
	if (both == 0)
		snprintf(res->msg, sizeof res->msg, "%s", _("Reloaded; your changed "
		    "fields are kept: Ctrl-S saves them"));
	else
		snprintf(res->msg, sizeof res->msg, ngettext("Reloaded; your changed "
		    "fields are kept. %d of them was also changed by someone else: "
		    "Ctrl-S will ask which value to keep.", "Reloaded; your changed "
		    "fields are kept. %d of them were also changed by someone else: "
		    "Ctrl-S will ask which value to keep.", (unsigned long)both),
		    both);
}

void entry_resolve(entry_session *s, int k, enum entry_choice pick)
{
	entry_conflict *c;
	int kk, fi;

	if (k < 0 || k >= s->nconf || s->conf[k].fate != SF_CONFLICT)
		return;
	c = &s->conf[k];
	fi = c->fi;
	c->choice = pick;
	if (s->batch != NULL) {         /* per record: keep theirs, or mine */
		size_t n = (size_t)s->n;
		for (kk = 0; kk < s->nbatch && s->batch[kk] != c->id; kk++)
			;
		if (kk == s->nbatch)
			return;
		record_set(s->batch_base[kk], fi, c->theirs);
		s->batch_keep[(size_t)kk * n + (size_t)fi] = pick == ENTRY_THEIRS;
		s->batch_over[(size_t)kk * n + (size_t)fi] = pick == ENTRY_MINE;
		return;
	}
	/* the base becomes theirs: the user has seen it */
	record_set(s->base, fi, c->theirs);
	free(s->f[fi].base_text);
	s->f[fi].base_text = xstrdup(c->theirs_text);
	if (pick == ENTRY_THEIRS) {
		text_edit_set(&s->f[fi].ed, c->theirs_text);
		free(s->f[fi].value);
		s->f[fi].value = entry_is_pick(&s->ent->fields[fi]) ?
		    xstrdup(c->theirs) : NULL;
	}
	s->f[fi].overwrite = pick == ENTRY_MINE;
	s->f[fi].bad = 0;
	journal_touch(s);
}

void entry_as_new(entry_session *s)
{
	int i;

	s->id = 0;
	s->base_version = 0;
	s->deleted = 0;
	for (i = 0; i < s->n; i++) {
		record_set(s->base, i, NULL);
		free(s->f[i].base_text);
		s->f[i].base_text = xstrdup("");
		s->f[i].overwrite = 0;
	}
	session_conf_clear(s);
	journal_touch(s);
}
