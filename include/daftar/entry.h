/* entry.h - form sessions: one open form's values, apart from the screen
 * and the SQL (src/entry/).
 *
 * A session holds what a form shows and what it started from: each
 * field's text and chosen value, the base (the record's version and
 * values when the edit began), which fields this user changed, the cursor
 * field.  Saving checks every field, looks for a unique value held by
 * another record and for possible duplicates, then writes only the
 * changed fields through the store's field-level merge: a colleague's
 * save in between is kept, and only a field both changed to different
 * values is a conflict, resolved field by field (mine or theirs).  The
 * outcome says what happened in plain words.
 *
 * Drafts: a session with unsaved input is journaled to a file under
 * $XDG_STATE_HOME/daftar/ (mode 0600, written atomically) when a field is
 * left and at most a second after a keystroke; the program flushes every
 * draft before it exits on a signal or a lost terminal.  On the next
 * start, drafts of the same database are listed and can be restored (the
 * form as it was: same base, so a conflict is still found at save) or
 * discarded.  A draft is removed only when its record is saved or the
 * user discards it.
 *
 * No curses, no SQL: the view (src/ui/view_form.c) draws a session and
 * turns keys into these calls; unit tests drive it without a terminal.
 */
#ifndef DAFTAR_ENTRY_H
#define DAFTAR_ENTRY_H

#include "daftar/store.h"

/* One field of a session. */
typedef struct entry_field {
	text_edit ed;           /* the text shown and edited */
	char *value;            /* chosen code (choice) or id (lookup), or NULL */
	char *base_text;        /* the text of the base value */
	int bad;                /* failed its last check */
	int hidden;             /* not part of this form (batch form) */
	int overwrite;          /* the user chose this value over a colleague's */
} entry_field;

/* What a save (or a reload) came to. */
enum entry_outcome {
	ENTRY_SAVED,            /* written (a new record, or the changes) */
	ENTRY_MERGED,           /* written, keeping others' changes to other
	                         * fields (msg names who changed what, when) */
	ENTRY_UNCHANGED,        /* nothing to save */
	ENTRY_INVALID,          /* a value or a rule refused it: field, msg */
	ENTRY_CONFLICT,         /* fields both changed: see s->conf */
	ENTRY_DUPLICATES,       /* a new record like existing ones: ids */
	ENTRY_TAKEN,            /* a unique value another record holds */
	ENTRY_DELETED,          /* the record was deleted meanwhile */
	ENTRY_FAULT             /* the database failed: msg, code */
};

/* A field someone else changed since the base: in conflict, or merged. */
typedef struct entry_conflict {
	long long id;           /* the record (a batch form has several) */
	int fi;                 /* the field */
	enum store_fate fate;   /* SF_CONFLICT, SF_THEIRS, SF_SAME */
	char *mine_text;        /* my value as shown */
	char *theirs_text;      /* theirs as shown */
	char *theirs;           /* theirs in storage form, or NULL */
	char *by;               /* who saved theirs */
	char *at;               /* when, UTC */
	int choice;             /* ENTRY_MINE, ENTRY_THEIRS, or 0: not chosen */
} entry_conflict;

enum entry_choice { ENTRY_MINE = 1, ENTRY_THEIRS = 2 };

/* The outcome of entry_save / entry_reload. */
typedef struct entry_result {
	enum entry_outcome kind;        /* what happened */
	int field;                      /* INVALID, TAKEN: the field to fix, or
	                                 * -1 (a rule over several fields) */
	long long id;                   /* SAVED, MERGED: the record saved;
	                                 * TAKEN: the record holding the value */
	long long version;              /* SAVED, MERGED: its version now */
	long long *ids;                 /* DUPLICATES: records it may duplicate */
	int nids;                       /* how many */
	int code;                       /* FAULT: the store's code (ST_*) */
	char msg[640];                  /* what happened and what to do */
} entry_result;

struct entry_journal;

/* An open form. */
typedef struct entry_session {
	store *st;              /* the database */
	const entity *ent;      /* the entity */
	long long id;           /* the record, 0 for a new one */
	long long base_version; /* version the edit started from */
	record *base;           /* the values it started from (storage form) */
	entry_field *f;         /* one per field of ent, in form order */
	int n;                  /* ent->nfields */
	int cur;                /* the cursor field */
	int saved;              /* records saved from this session */
	/* a batch form: the same change to several records */
	long long *batch;       /* the records, or NULL */
	int nbatch;             /* how many */
	record **batch_base;    /* each one's values when the form opened */
	unsigned char *batch_keep; /* [k * n + i]: keep theirs in record k */
	unsigned char *batch_over; /* [k * n + i]: overwrite theirs, chosen */
	/* the last save's conflicts (and the fields merged beside them) */
	entry_conflict *conf;   /* entries, in record then field order */
	int nconf;              /* how many */
	int deleted;            /* the record was deleted meanwhile */
	struct entry_journal *j;/* its draft (journal.c) */
	struct entry_session *next; /* the open sessions (journal timer) */
} entry_session;

/* ---- sessions (session.c) ------------------------------------------- */

/* Open a form on record id of ent (0: a new, blank record). */
int entry_open(store *st, const entity *ent, long long id,
    entry_session **out, dferr *e);
/* A batch form: the named fields (NULL-ended) of records ids, the same
 * change to each; a field shows the records' common value, or nothing
 * when they differ, and only the fields the user changes are written. */
int entry_open_batch(store *st, const entity *ent, const long long *ids,
    int n, const char *const *fields, entry_session **out, dferr *e);
/* Close: free it.  A draft with unsaved input stays on disk. */
void entry_close(entry_session *s);
/* The user drops what was typed: the draft is removed (then close). */
void entry_discard(entry_session *s);

/* Anything changed since the base?  Field i changed? */
int entry_dirty(const entry_session *s);
int entry_changed(const entry_session *s, int i);
/* Set field i's text and chosen value (a picker's answer). */
void entry_set(entry_session *s, int i, const char *text, const char *value);
/* Fill field i of a new record with stored value v as if loaded (a
 * lookup preset by the view that opened the form): not a change. */
void entry_preset(entry_session *s, int i, const char *v);
/* The editor of field i: edit it, then call entry_edited. */
text_edit *entry_editor(entry_session *s, int i);
/* Field i was edited by hand: its chosen value is gone, the draft due. */
void entry_edited(entry_session *s, int i);
/* Check field i: 0 and *stored (malloc'd or NULL; stored may be NULL),
 * or -1 with a plain-words message. */
int entry_check(entry_session *s, int i, char **stored, char *msg,
    size_t n);
/* Move the cursor to field i (wrapping, skipping hidden fields) after
 * checking the field left (its draft is written now); returns that
 * check's result (msg filled on -1). */
int entry_focus(entry_session *s, int i, char *msg, size_t n);
/* The form's values as checked (a bad field's value left empty), for
 * showing beside possible duplicates; record_free it. */
record *entry_values(entry_session *s);
/* The text of stored value v of field f as the form shows it (a lookup by
 * its record's label); malloc'd. */
char *entry_text_of(const entry_session *s, const field *f, const char *v);

/* ---- saving (save.c) ------------------------------------------------ */

enum entry_save_flags {
	ENTRY_DUPLICATES_SEEN = 1       /* saving despite possible duplicates */
};

/* Save.  note (or NULL) goes into an insert's audit row.  After a new
 * record is saved, the form is blank again but for its carry-forward
 * fields, cursor on the first empty field; after an update the form shows
 * the record as saved (others' merged changes included). */
void entry_save(entry_session *s, unsigned flags, const char *note,
    entry_result *res);
/* Take others' saves into the form, keeping this user's changed fields;
 * a field both changed stays in conflict (reported, decided at save). */
void entry_reload(entry_session *s, entry_result *res);
/* Decide conflict k: ENTRY_MINE (my value replaces theirs, noted in the
 * audit row) or ENTRY_THEIRS (their value comes into the form). */
void entry_resolve(entry_session *s, int k, enum entry_choice pick);
/* The record was deleted meanwhile: make the form a new record holding
 * everything it shows, to save it again. */
void entry_as_new(entry_session *s);
void entry_result_clear(entry_result *r);       /* frees ids */

/* "21:40" today, else "20/11/2026 21:40", local time, from a UTC
 * "YYYY-MM-DD HH:MM:SS" (copied as is when it is not one). */
void entry_when(const char *utc, char *buf, size_t n);

/* ---- drafts on disk (draft_file.c: the format, pure) ----------------- */

/* One field of a draft. */
typedef struct entry_draft_field {
	char *name;             /* the field's column name */
	char *base;             /* its base value (storage form), or NULL */
	char *text;             /* the text shown */
	char *value;            /* chosen code or id, or NULL */
	int changed;            /* changed by the user */
	int overwrite;          /* chosen over a colleague's value */
} entry_draft_field;

/* A draft as written to disk. */
typedef struct entry_draft {
	char *db;               /* the database's real path */
	char *entity;           /* entity name */
	long long id;           /* record id, 0 = a new record */
	long long base_version; /* the version the edit started from */
	char *user;             /* who typed it */
	char *time;             /* when written, UTC "YYYY-MM-DD HH:MM:SS" */
	long long pid;          /* the process that wrote it */
	char *cursor;           /* the cursor field's name, or NULL */
	long long cursor_pos;   /* the text cursor's byte offset in it */
	entry_draft_field *fields; /* every field of the form */
	int nfields;            /* how many */
} entry_draft;

#define ENTRY_DRAFT_FORMAT 1    /* version written in the first line */

/* The draft as bytes (text, versioned, self-describing): appended to out. */
void entry_draft_write(const entry_draft *d, strbuf *out);
/* Parse a draft from any bytes; 0, or -1 with why in err.  Free with
 * entry_draft_free (also after a failure). */
int entry_draft_read(const char *buf, size_t n, entry_draft *d, char *err,
    size_t errn);
void entry_draft_free(entry_draft *d);

/* ---- the journal (journal.c) ----------------------------------------- */

/* A draft found on disk. */
typedef struct entry_draft_info {
	char *path;             /* its file */
	char *entity;           /* entity name */
	long long id;           /* record, 0 = new */
	int filled;             /* fields holding text */
	int changed;            /* fields changed by the user */
	char *time;             /* when written, UTC */
	char *label;            /* the text of the entity's display field */
} entry_draft_info;

/* The directory of drafts: $XDG_STATE_HOME/daftar, else
 * ~/.local/state/daftar (static storage). */
const char *entry_journal_dir(void);
/* This user's drafts of st's database that no running daftar holds,
 * oldest first; *out malloc'd (free with entry_drafts_free). */
void entry_drafts_list(store *st, entry_draft_info **out, int *n);
/* The newest waiting draft of record id of ent: 0 and *out filled (free
 * with entry_draft_info_free), or -1 when there is none. */
int entry_draft_find(store *st, const entity *ent, long long id,
    entry_draft_info *out);
void entry_draft_info_free(entry_draft_info *d);
void entry_drafts_free(entry_draft_info *d, int n);
/* Reopen a draft as a session (the form as it was); it takes the draft
 * over.  ST_NOTFOUND when it was restored or removed meanwhile.  On ST_OK
 * e->msg (if e was zeroed) may name fields of the draft the database no
 * longer has, with their text. */
int entry_restore(store *st, const char *path, entry_session **out,
    dferr *e);
/* Remove a draft the user discarded (0, or -1 with errno). */
int entry_draft_remove(const char *path);

/* Milliseconds until an open session's draft is due (-1: none). */
int entry_journal_due(void);
/* Write the drafts that are due; all: every session's unsaved input now
 * (the program is leaving). */
void entry_journal_flush(int all);
/* The last problem writing a draft ("cannot write ... : disk full"), once,
 * or NULL. */
const char *entry_journal_problem(void);
/* Tests: the clock (milliseconds, monotonic) the journal uses. */
void entry_journal_clock(long long (*now_ms)(void));

#endif
