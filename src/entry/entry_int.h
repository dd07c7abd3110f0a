/* entry_int.h - the entry layer's private parts, shared by src/entry/. */
#ifndef DAFTAR_ENTRY_INT_H
#define DAFTAR_ENTRY_INT_H

#include "daftar/entry.h"

/* Equal storage values (NULL equals only NULL). */
int entry_same(const char *a, const char *b);
/* A choice or a lookup: a chosen value behind the text. */
int entry_is_pick(const field *f);

/* A blank session of ent (every field empty, base all NULL). */
entry_session *session_new(store *st, const entity *ent);
/* Show stored value v in field i as loaded: text, chosen value, base
 * text; the base value itself is the caller's. */
void session_load_field(entry_session *s, int i, const char *v);
/* Free a session's parts and itself (the journal is the caller's). */
void session_free(entry_session *s);
/* Forget the last save's conflicts. */
void session_conf_clear(entry_session *s);

/* The journal of one session (journal.c). */
void journal_open(entry_session *s);    /* register for the timer */
void journal_close(entry_session *s);   /* unregister; the file stays */
void journal_touch(entry_session *s);   /* input changed: due in 1 s */
void journal_left(entry_session *s);    /* a field was left: write now */
void journal_saved(entry_session *s);   /* saved or discarded: remove */
/* Milliseconds on the journal's clock. */
long long journal_now(void);

#endif
