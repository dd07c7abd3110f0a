/* store_gid.c - global ids (schema 006): a new one made here in C for a
 * record whose identity must be known before it is saved (a form keeps
 * it in its draft, so a save retried after a lost acknowledgement finds
 * the record saved instead of making a second one), the form checked on
 * the way in (imports), and the record holding one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void store_gid_new(char out[STORE_GID_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	int i, k;

	sqlite3_randomness((int)sizeof b, b);   /* ChaCha20, seeded by the OS */
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* variant 10 */
	for (i = 0, k = 0; i < 16; i++) {       /* a million an import */
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[b[i] >> 4];
		out[k++] = hex[b[i] & 15];
	}
	out[k] = '\0';
}

int store_gid_parse(const char *in, char out[STORE_GID_SIZE])
{
	int i;

	if (in == NULL || strlen(in) != STORE_GID_SIZE - 1)
		return -1;
	for (i = 0; i < STORE_GID_SIZE - 1; i++) {
		char c = in[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return -1;
			out[i] = c;
		} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
			out[i] = c;
		else if (c >= 'A' && c <= 'F')
			out[i] = (char)(c - 'A' + 'a');
		else
			return -1;
	}
	out[i] = '\0';
	return 0;
}

int store_gid_clash(store *s, const entity *ent, const char *gid,
    long long *holder)
{
	char *sql;
	sqlite3_stmt *st;
	const char *msg;

	*holder = 0;
	if (gid == NULL ||
	    sqlite3_extended_errcode(s->db) != SQLITE_CONSTRAINT_UNIQUE ||
	    (msg = strstr(sqlite3_errmsg(s->db), ".gid")) == NULL ||
	    (msg[4] != '\0' && msg[4] != ','))
		return 0;
	sql = xasprintf("SELECT id FROM \"%s\" WHERE gid = ?1", ent->name);
	st = store_prepare(s, sql, NULL);
	free(sql);
	if (st == NULL)
		return 1;
	sqlite3_bind_text(st, 1, gid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*holder = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 1;
}

int store_find_gid(store *s, const entity *ent, const char *gid,
    long long *id, dferr *e)
{
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!s->has_gid)
		return dferr_set(e, ST_NOTFOUND, _("this database has no global "
		    "ids yet: upgrade it with `daftar init`"));
	sql = xasprintf("SELECT id FROM \"%s\" WHERE gid = ?1 UNION ALL "
	    "SELECT record_id FROM (SELECT record_id FROM audit WHERE tbl = ?2 "
	    "AND gid = ?1 ORDER BY id DESC LIMIT 1) LIMIT 1", ent->name);
	st = store_prepare(s, sql, e);
	free(sql);
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_text(st, 1, gid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, ent->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "looking up a global id", e);
	return dferr_set(e, ST_NOTFOUND, _("no %s has or had the global id %s"),
	    entity_label(ent), gid);
}


/* ---- a set of global ids (an import with the gid index dropped) ---- */

/* One slot: a global id and the record holding it. */
struct gid_slot {
	char gid[STORE_GID_SIZE]; /* "" = free */
	long long id;           /* the record */
};

struct gid_set {
	struct gid_slot *slot;  /* open addressing, a power of two */
	size_t cap;             /* slots */
	size_t n;               /* used */
};

/* The slot of gid: where it is, or the free one where it would go. */
static struct gid_slot *gid_slot(const struct gid_set *g, const char *gid)
{
	size_t h = 2166136261u, i;
	const char *p;

	for (p = gid; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = h & (g->cap - 1); g->slot[i].gid[0] != '\0' &&
	    strcmp(g->slot[i].gid, gid) != 0; i = (i + 1) & (g->cap - 1))
		;
	return &g->slot[i];
}

struct gid_set *gid_set_new(void)
{
	struct gid_set *g = xcalloc(1, sizeof *g);

	g->cap = 1024;
	g->slot = xcalloc(g->cap, sizeof *g->slot);
	return g;
}

long long gid_set_find(const struct gid_set *g, const char *gid)
{
	return gid_slot(g, gid)->id;
}

void gid_set_add(struct gid_set *g, const char *gid, long long id)
{
	struct gid_slot *sl;
	size_t i;

	if (2 * (g->n + 1) > g->cap) {  /* grow: half full at most */
		struct gid_set big = {xcalloc(2 * g->cap, sizeof *g->slot),
		    2 * g->cap, 0};
		for (i = 0; i < g->cap; i++)
			if (g->slot[i].gid[0] != '\0')
				*gid_slot(&big, g->slot[i].gid) = g->slot[i];
		free(g->slot);
		g->slot = big.slot;
		g->cap = big.cap;
	}
	sl = gid_slot(g, gid);
	if (sl->gid[0] == '\0') {
		snprintf(sl->gid, sizeof sl->gid, "%s", gid);
		g->n++;
	}
	sl->id = id;
}

void gid_set_free(struct gid_set *g)
{
	if (g == NULL)
		return;
	free(g->slot);
	free(g);
}
