/* journal.c - drafts on disk: a form with unsaved input is written to
 * $XDG_STATE_HOME/daftar/ (directory 0700, files 0600) when a field is
 * left and at most a second after the first keystroke not yet written,
 * atomically (temporary file, fsync, rename, fsync of the directory).
 *
 * A draft is named HASH-OWNER-SEQ.draft: HASH of the database's real path,
 * OWNER the process that writes it ("pid.start"), SEQ the session.  Each
 * process holds a lock on OWNER.lock while it runs, so a draft whose
 * owner's lock is free belongs to a daftar that is gone: those are the
 * drafts offered on the next start.  Restoring one renames it to the new
 * owner's name, so two programs cannot both take it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "entry_int.h"

#define DRAFT_DELAY_MS 1000     /* longest time typing stays off disk */
#define DRAFT_FILE_MAX (64 << 20) /* larger files are not drafts */

/* One session's draft. */
struct entry_journal {
	char *path;             /* its file once named (then fixed) */
	int pending;            /* input not yet on disk */
	long long since;        /* when the oldest input not on disk came */
	int on_disk;            /* the file holds this session's input */
};

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static entry_session *open_sessions;    /* every open session */
static long long (*clock_fn)(void) = mono_ms;
static char problem[640];               /* the last failure to write */
static int problem_new;                 /* not yet reported */
static char owner[48];                  /* this process: "pid.start" */
static int lock_fd = -1;                /* held on OWNER.lock */
static unsigned next_seq;               /* sessions named so far */

long long journal_now(void)
{
	return clock_fn();
}

void entry_journal_clock(long long (*now_ms)(void))
{
	clock_fn = now_ms != NULL ? now_ms : mono_ms;
}

const char *entry_journal_problem(void)
{
	if (!problem_new)
		return NULL;
	problem_new = 0;
	return problem;
}

const char *entry_journal_dir(void)
{
	static char dir[PATH_MAX];
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		snprintf(dir, sizeof dir, "%s/daftar", x);
	else
		snprintf(dir, sizeof dir, "%s/.local/state/daftar",
		    home != NULL && home[0] != '\0' ? home : ".");
	return dir;
}

/* mkdir -p path, each new directory 0700; the last one ours and 0700. */
static int make_dirs(const char *path)
{
	char *p = xstrdup(path), *q;
	struct stat sb;
	int rc = 0;

	for (q = p + 1; rc == 0 && (q = strchr(q, '/')) != NULL; q++) {
		*q = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*q = '/';
	}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	if (rc == 0 && (lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != getuid())) {
		errno = ENOTDIR;
		rc = -1;
	}
	if (rc == 0 && (sb.st_mode & 077) != 0)
		rc = chmod(p, 0700);
	free(p);
	return rc;
}

/* Name this process and take its lock (once). */
static int owner_lock(const char *dir)
{
	struct timespec ts;
	char *path;

	if (lock_fd >= 0)
		return 0;
	if (owner[0] == '\0') {
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(owner, sizeof owner, "%ld.%llx", (long)getpid(),
		    (unsigned long long)ts.tv_sec * 1000000000ULL +
		    (unsigned long long)ts.tv_nsec);
	}
	path = xasprintf("%s/%s.lock", dir, owner);
	lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(path);
	if (lock_fd < 0)
		return -1;
	if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		close(lock_fd);
		lock_fd = -1;
		return -1;
	}
	return 0;
}

/* Is the daftar that wrote drafts as own (a "pid.start") still running?
 * A dead one's lock file is removed. */
static int owner_alive(const char *dir, const char *own)
{
	char *path = xasprintf("%s/%s.lock", dir, own);
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW), alive = 0;

	if (fd >= 0) {
		alive = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
		if (!alive)
			unlink(path);
		close(fd);
	}
	free(path);
	return alive;
}

/* The real path of st's database (else the path as given). */
static char *db_real(store *st)
{
	char buf[PATH_MAX];

	if (realpath(store_path(st), buf) != NULL)
		return xstrdup(buf);
	return xstrdup(store_path(st));
}

/* The first part of a draft's name: FNV-1a of the database's real path. */
static void db_prefix(const char *real, char *buf, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)real; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	snprintf(buf, n, "%016llx-", h);
}

/* Set the problem reported once to the user. */
static void journal_problem(const char *dir, int err)
{
	snprintf(problem, sizeof problem, _("Drafts cannot be written in %s "
	    "(%s): what you type is not kept if the connection drops; save "
	    "often."), dir, strerror(err));
	problem_new = 1;
}

/* Write buf atomically as path (temporary file, fsync, rename). */
static int write_atomic(const char *dir, const char *path, const char *buf,
    size_t n)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd, rc = -1, err = 0;
	size_t off = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0)
		goto out;
	while (off < n) {
		ssize_t w = write(fd, buf + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto out;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
		fd = -1;
	}
	rc = 0;
out:
	err = errno;
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	errno = err;
	return rc;
}

/* The draft of session s as data (strings borrowed from s but db). */
static void journal_fill(entry_session *s, entry_draft *d, char *now)
{
	int i, k = 0;

	memset(d, 0, sizeof *d);
	d->db = db_real(s->st);
	d->entity = s->ent->name;
	d->id = s->id;
	d->base_version = s->base_version;
	d->user = (char *)util_user();
	util_now(now, 32);
	d->time = now;
	d->pid = (long long)getpid();
	d->cursor = s->ent->fields[s->cur].name;
	d->cursor_pos = (long long)s->f[s->cur].ed.cur;
	d->fields = xcalloc((size_t)s->n + 1, sizeof *d->fields);
	for (i = 0; i < s->n; i++) {
		entry_draft_field *f = &d->fields[k];
		if (s->f[i].hidden)
			continue;
		f->name = s->ent->fields[i].name;
		f->base = s->base->v[i];
		f->text = s->f[i].ed.s;
		f->value = s->f[i].value;
		f->changed = entry_changed(s, i);
		f->overwrite = s->f[i].overwrite;
		k++;
	}
	d->nfields = k;
}

/* Write session s's draft now (or remove it: nothing left to keep). */
static void journal_write(entry_session *s)
{
	struct entry_journal *j = s->j;
	const char *dir = entry_journal_dir();
	entry_draft d;
	strbuf b = {0};
	char now[32], prefix[24];

	j->pending = 0;
	if (!entry_dirty(s) || s->batch != NULL) {
		if (j->on_disk && j->path != NULL)
			unlink(j->path);
		j->on_disk = 0;
		return;
	}
	if (make_dirs(dir) != 0 || owner_lock(dir) != 0) {
		journal_problem(dir, errno);
		j->pending = 1;         /* try again in a second */
		j->since = journal_now();
		return;
	}
	journal_fill(s, &d, now);
	if (j->path == NULL) {
		db_prefix(d.db, prefix, sizeof prefix);
		j->path = xasprintf("%s/%s%s-%u.draft", dir, prefix, owner,
		    ++next_seq);
	}
	entry_draft_write(&d, &b);
	if (write_atomic(dir, j->path, b.s, b.len) != 0) {
		journal_problem(dir, errno);
		j->pending = 1;
		j->since = journal_now();
	} else
		j->on_disk = 1;
	sb_free(&b);
	free(d.db);
	free(d.fields);
}

void journal_open(entry_session *s)
{
	s->j = xcalloc(1, sizeof *s->j);
	s->next = open_sessions;
	open_sessions = s;
}

void journal_close(entry_session *s)
{
	entry_session **p;

	for (p = &open_sessions; *p != NULL; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	if (s->j != NULL)
		free(s->j->path);
	free(s->j);
	s->j = NULL;
}

void journal_touch(entry_session *s)
{
	if (s->j != NULL && !s->j->pending) {
		s->j->pending = 1;
		s->j->since = journal_now();
	}
}

void journal_left(entry_session *s)
{
	if (s->j != NULL && (s->j->pending || s->j->on_disk))
		journal_write(s);
}

void journal_saved(entry_session *s)
{
	if (s->j == NULL)
		return;
	if (s->j->on_disk && s->j->path != NULL)
		unlink(s->j->path);
	s->j->on_disk = 0;
	s->j->pending = 0;
}

int entry_journal_due(void)
{
	long long now = journal_now(), best = -1, left;
	entry_session *s;

	for (s = open_sessions; s != NULL; s = s->next) {
		if (!s->j->pending)
			continue;
		left = s->j->since + DRAFT_DELAY_MS - now;
		if (left < 0)
			left = 0;
		if (best < 0 || left < best)
			best = left;
	}
	return (int)best;
}

void entry_journal_flush(int all)
{
	long long now = journal_now();
	entry_session *s;

	for (s = open_sessions; s != NULL; s = s->next)
		if (s->j->pending && (all || now - s->j->since >= DRAFT_DELAY_MS))
			journal_write(s);
}

/* ---- finding, restoring, discarding ----------------------------------- */

/* Read the draft file at path (not a symlink, not huge). */
static int draft_load(const char *path, entry_draft *d, char *err, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), rc = -1;
	struct stat sb;
	char *buf = NULL;
	size_t got = 0;

	memset(d, 0, sizeof *d);
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > DRAFT_FILE_MAX) {
		snprintf(err, n, "%s", fd < 0 ? strerror(errno) :
		    _("not a draft file"));
		goto out;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	rc = entry_draft_read(buf, got, d, err, n);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

void entry_draft_info_free(entry_draft_info *d)
{
	free(d->path);
	free(d->entity);
	free(d->time);
	free(d->label);
	memset(d, 0, sizeof *d);
}

void entry_drafts_free(entry_draft_info *d, int n)
{
	int i;

	for (i = 0; i < n; i++)
		entry_draft_info_free(&d[i]);
	free(d);
}

/* What the list says of draft d found at path. */
static void info_fill(store *st, const entry_draft *d, const char *path,
    entry_draft_info *o)
{
	const entity *ent = model_entity(store_model(st), d->entity);
	int i;

	memset(o, 0, sizeof *o);
	o->path = xstrdup(path);
	o->entity = xstrdup(d->entity);
	o->id = d->id;
	o->time = xstrdup(d->time ? d->time : "");
	for (i = 0; i < d->nfields; i++) {
		const entry_draft_field *f = &d->fields[i];
		o->filled += f->text != NULL && f->text[0] != '\0';
		o->changed += f->changed;
		if (ent != NULL && o->label == NULL && f->text != NULL &&
		    strcmp(f->name, ent->fields[ent->display].name) == 0)
			o->label = xstrdup(f->text);
	}
}

static int by_time(const void *a, const void *b)
{
	const entry_draft_info *x = a, *y = b;

	return strcmp(x->time, y->time);
}

/* Is this directory entry a leftover of a dead owner's write?  Then it
 * goes. */
static void sweep_tmp(const char *dir, const char *name, const char *prefix)
{
	size_t n = strlen(name);
	char own[64], *path;
	const char *o = name + strlen(prefix), *dash;

	if (n < 11 || strcmp(name + n - 10, ".draft.tmp") != 0 ||
	    (dash = strchr(o, '-')) == NULL || (size_t)(dash - o) >= sizeof own)
		return;
	memcpy(own, o, (size_t)(dash - o));
	own[dash - o] = '\0';
	if (strcmp(own, owner) == 0 || owner_alive(dir, own))
		return;
	path = xasprintf("%s/%s", dir, name);
	unlink(path);
	free(path);
}

void entry_drafts_list(store *st, entry_draft_info **out, int *n)
{
	const char *dir = entry_journal_dir();
	char *real = db_real(st), prefix[24], own[64], err[256];
	const char *o, *dash;
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t len;

	*out = NULL;
	*n = 0;
	db_prefix(real, prefix, sizeof prefix);
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		entry_draft d;
		char *path;
		len = strlen(de->d_name);
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		sweep_tmp(dir, de->d_name, prefix);
		if (len < 7 || strcmp(de->d_name + len - 6, ".draft") != 0)
			continue;
		o = de->d_name + strlen(prefix);
		if ((dash = strchr(o, '-')) == NULL ||
		    (size_t)(dash - o) >= sizeof own)
			continue;
		memcpy(own, o, (size_t)(dash - o));
		own[dash - o] = '\0';
		if (strcmp(own, owner) == 0 || owner_alive(dir, own))
			continue;       /* open in a running daftar */
		path = xasprintf("%s/%s", dir, de->d_name);
		if (draft_load(path, &d, err, sizeof err) == 0 &&
		    strcmp(d.db, real) == 0 && d.user != NULL &&
		    strcmp(d.user, util_user()) == 0) {
			*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
			info_fill(st, &d, path, &(*out)[(*n)++]);
		}
		entry_draft_free(&d);
		free(path);
	}
	if (dp != NULL)
		closedir(dp);
	free(real);
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof **out, by_time);
}

int entry_draft_find(store *st, const entity *ent, long long id,
    entry_draft_info *out)
{
	entry_draft_info *all;
	int i, n, found = -1;

	memset(out, 0, sizeof *out);
	entry_drafts_list(st, &all, &n);
	for (i = n - 1; i >= 0 && found < 0; i--)       /* the newest */
		if (id > 0 && all[i].id == id && strcmp(all[i].entity,
		    ent->name) == 0) {
			*out = all[i];
			memset(&all[i], 0, sizeof all[i]);
			found = 0;
		}
	entry_drafts_free(all, n);
	return found;
}

int entry_draft_remove(const char *path)
{
	return unlink(path);
}

/* Put draft d into session s (fields by name); the names of fields the
 * entity no longer has, with their text, go to lost. */
static void restore_fields(entry_session *s, const entry_draft *d,
    strbuf *lost)
{
	int i, k;

	for (k = 0; k < d->nfields; k++)
		if ((i = model_field_index(s->ent, d->fields[k].name)) >= 0)
			record_set(s->base, i, d->fields[k].base);
	for (i = 0; i < s->n; i++)
		session_load_field(s, i, s->base->v[i]);
	for (k = 0; k < d->nfields; k++) {
		const entry_draft_field *df = &d->fields[k];
		entry_field *f;
		if ((i = model_field_index(s->ent, df->name)) < 0) {
			if (df->changed && df->text != NULL && df->text[0] != '\0')
				sb_addf(lost, "%s%s \"%s\"", lost->len ? ", " : "",
				    df->name, df->text);
			continue;
		}
		f = &s->f[i];
		if (!df->changed && s->id != 0)
			continue;       /* as the record has it: shown fresh */
		text_edit_set(&f->ed, df->text ? df->text : "");
		free(f->value);
		f->value = entry_is_pick(&s->ent->fields[i]) ? xstrdup(df->value) :
		    NULL;
		f->overwrite = df->overwrite;
		if (!df->changed) {     /* a new record's carried or preset field */
			free(f->base_text);
			f->base_text = xstrdup(f->ed.s);
		}
	}
}

/* The cursor where the draft had it (on a cluster boundary). */
static void restore_cursor(entry_session *s, const entry_draft *d)
{
	int i = d->cursor ? model_field_index(s->ent, d->cursor) : -1;
	size_t *starts, n, k;
	text_edit *ed;

	s->cur = i >= 0 ? i : 0;
	ed = &s->f[s->cur].ed;
	if (d->cursor_pos < 0 || (size_t)d->cursor_pos >= ed->len)
		return;                 /* at the end, as text_edit_set left it */
	n = text_clusters(ed->s, &starts);
	for (k = 0; k < n; k++)
		if (starts[k] == (size_t)d->cursor_pos)
			ed->cur = starts[k];
	free(starts);
}

int entry_restore(store *st, const char *path, entry_session **out,
    dferr *e)
{
	const char *dir = entry_journal_dir();
	entry_session *s = NULL;
	const entity *ent;
	entry_draft d;
	strbuf lost = {0};
	char err[256], prefix[24], *real = db_real(st);
	int rc = ST_OK;

	*out = NULL;
	if (draft_load(path, &d, err, sizeof err) != 0) {
		rc = dferr_set(e, errno == ENOENT ? ST_NOTFOUND : ST_INVALID,
		    _("The draft %s cannot be read: %s"), path, err);
		goto out;
	}
	if ((ent = model_entity(store_model(st), d.entity)) == NULL ||
	    strcmp(d.db, real) != 0) {
		rc = dferr_set(e, ST_NOTFOUND, _("The draft %s is not of this "
		    "database, or of something it no longer has (%s)"), path,
		    d.entity);
		goto out;
	}
	s = session_new(st, ent);
	s->id = d.id;
	s->base_version = d.base_version;
	restore_fields(s, &d, &lost);
	restore_cursor(s, &d);
	journal_open(s);
	if (make_dirs(dir) != 0 || owner_lock(dir) != 0) {
		rc = dferr_set(e, ST_ERROR, _("The draft cannot be taken over in %s "
		    "(%s)"), dir, strerror(errno));
		goto out;
	}
	db_prefix(real, prefix, sizeof prefix);
	s->j->path = xasprintf("%s/%s%s-%u.draft", dir, prefix, owner,
	    ++next_seq);
	if (rename(path, s->j->path) != 0) {
		rc = dferr_set(e, ST_NOTFOUND, _("The draft %s was restored or "
		    "discarded meanwhile by another daftar"), path);
		goto out;
	}
	s->j->on_disk = 1;
	if (lost.len > 0)
		dferr_set(e, ST_OK, _("Restored, but this database no longer has "
		    "these fields of the draft: %s"), lost.s);
	*out = s;
	s = NULL;
out:
	if (s != NULL)
		entry_close(s);
	entry_draft_free(&d);
	sb_free(&lost);
	free(real);
	return rc;
}
