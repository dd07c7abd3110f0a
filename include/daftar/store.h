/* store.h - the only place SQL lives.
 *
 * Opens the database (WAL, foreign keys, busy timeout 10 s), applies the
 * compiled-in migrations of schemas/ in one transaction, loads the field
 * metadata into a model, hands out list rows a page at a time by keyset,
 * and writes records: every write in a BEGIN IMMEDIATE transaction with an
 * audit row (table, id, action, OS user, time, old and new values as JSON)
 * and an optimistic version check.  No read transaction is left open
 * between calls.
 */
#ifndef DAFTAR_STORE_H
#define DAFTAR_STORE_H

#include "daftar/model.h"
#include "daftar/util.h"

/* Return codes (also put in dferr.code). */
enum store_rc {
	ST_OK = 0,
	ST_ERROR,       /* I/O or unexpected SQLite failure */
	ST_INVALID,     /* a value or constraint refused the record */
	ST_CONFLICT,    /* stale version: someone else saved it meanwhile */
	ST_REFERENCED,  /* delete refused: other records point to it */
	ST_NOTFOUND,    /* no such record */
	ST_NOTDAFTAR,   /* the file is not a daftar database */
	ST_TOONEW,      /* the database is newer than this program */
	ST_READONLY,    /* the file or its directory cannot be written */
	ST_CORRUPT,     /* the file is damaged */
	ST_STOPPED      /* the user stopped it (an import or export) */
};

typedef struct store store;

/* What an audit row records (its action; store_audit.c writes them). */
enum audit_action {
	AUDIT_CREATED,          /* a record keyed in and saved */
	AUDIT_CHANGED,          /* fields of a record saved */
	AUDIT_DELETED,          /* a record deleted ("old" holds its values) */
	AUDIT_MERGED,           /* saved with another user's change kept */
	AUDIT_RESTORED,         /* a deleted record brought back */
	AUDIT_IMPORTED,         /* one record that came in with an import */
	AUDIT_BATCH,            /* a whole import or demo batch (no record) */
	AUDIT_NACTIONS
};

enum store_open_flags {
	STORE_CREATE = 1,       /* create the file if missing and migrate */
	STORE_MIGRATE = 2       /* upgrade an older schema (else refuse) */
};

/* Open path.  Without STORE_CREATE a missing file is an error; without
 * STORE_MIGRATE an older schema is an error naming `daftar init`. */
int store_open(const char *path, int flags, store **out, dferr *e);
void store_close(store *s);

const model *store_model(const store *s);
const char *store_path(const store *s);
int store_schema_version(store *s);     /* PRAGMA user_version */
int store_latest_version(void);         /* highest compiled-in migration */

/* Integrity check, foreign-key check and schema version; each problem is
 * written as one line to report (a strbuf).  Returns the problem count. */
int store_check(store *s, strbuf *report, dferr *e);

/* ---- lists (keyset pagination) ------------------------------------- */

/* What a list shows. */
typedef struct list_query {
	const entity *ent;      /* the entity listed */
	const char *search;     /* typed search text (folded inside), or NULL */
	int sort;               /* field index to sort by, -1 = by id */
	int desc;               /* descending */
	int filter_field;       /* field index to filter on, -1 = none */
	const char *filter_value; /* stored value that field must equal */
} list_query;

/* One row of a list page. */
typedef struct list_row {
	long long id;           /* record id */
	char **cells;           /* ent->nlist display strings (lookups show the
	                         * target's display field, choices their label,
	                         * dates in the date style), NULL = empty; NOT
	                         * sanitised: the UI sanitises before drawing */
	char *sortval;          /* raw sort-column value (keyset anchor) */
} list_row;

/* Fetch up to limit rows after (dir = +1) or before (dir = -1) anchor, in
 * list order; anchor NULL means the first (dir +1) or last (dir -1) page.
 * Rows come back in list order whichever the direction.  Search: a folded
 * query of fewer than 3 characters matches search keys by prefix (index),
 * longer ones by substring.  Returns ST_OK with *rows malloc'd. */
int store_list_page(store *s, const list_query *q, const list_row *anchor,
    int dir, int limit, list_row **rows, int *nrows, dferr *e);
void store_rows_free(const list_query *q, list_row *rows, int nrows);
/* Count matching rows, stopping at cap (so "1,000+" is cheap). */
int store_list_count(store *s, const list_query *q, long long cap,
    long long *count, dferr *e);
/* The same, but giving up after about max_ms milliseconds (0: never):
 * then *count is the matches found so far, *partial (if not NULL) is 1,
 * and the return is ST_OK.  Keeps a search over a million rows from
 * holding up the keystroke that started it. */
int store_list_count_within(store *s, const list_query *q, long long cap,
    int max_ms, long long *count, int *partial, dferr *e);
/* ---- counts (record views) ------------------------------------------ */

/* One group of a count. */
typedef struct count_row {
	char *value;            /* stored value grouped on, NULL = not set */
	char *label;            /* how to show it (choice label, yes/no) */
	long long n;            /* rows in the group */
} count_row;

/* Count ent's rows whose filter path equals value, grouped by the group
 * path, largest first.  A path is a field of ent ("status") or of the
 * record one lookup away ("trainee_id.gender", "cohort_id.agreement_id"). */
int store_count_by(store *s, const entity *ent, const char *filter,
    const char *value, const char *group, count_row **rows, int *n, dferr *e);
void store_counts_free(count_row *rows, int n);

/* Date style used for list cells and record display (settings). */
void store_set_date_style(store *s, enum text_date_style style);

/* ---- records ---------------------------------------------------------- */

/* A record's values in storage form, one per field of its entity. */
typedef struct record {
	long long id;           /* 0 for a new record */
	long long version;      /* version the edit started from */
	int n;                  /* number of values (= ent->nfields) */
	char **v;               /* storage values, NULL = empty */
	char *updated_by;       /* who saved it last (read only) */
	char *updated_at;       /* when (read only) */
	char *gid;              /* global id, never changed (read only; NULL
	                         * for a new record) */
} record;

record *record_new(const entity *ent);
void record_set(record *r, int fi, const char *value);  /* copies */
record *record_dup(const record *r);
void record_free(record *r);

int store_get(store *s, const entity *ent, long long id, record **out,
    dferr *e);
/* Insert r (id and version are set on success).  note, if not NULL, goes
 * into the audit row (e.g. "saved despite possible duplicate").  r->gid,
 * when set (store_gid_new, kept with the form's draft), is the new
 * record's global id; when a record already holds it, that record is r
 * saved by an earlier attempt whose acknowledgement was lost: ST_OK with
 * r->id and r->version set to it and nothing written (compare its values
 * if r may have changed since). */
int store_insert(store *s, const entity *ent, record *r, const char *note,
    dferr *e);
/* Update r from r->version.  ST_CONFLICT (message names who and when)
 * when the row changed meanwhile, unless force.  On success r->version is
 * the new version. */
int store_update(store *s, const entity *ent, record *r, int force,
    dferr *e);
/* Insert or update n records in one transaction: all saved, or none (the
 * message names the failing record's problem; ids/versions unchanged). */
int store_insert_many(store *s, const entity *ent, record **rs, int n,
    const char *note, dferr *e);
int store_update_many(store *s, const entity *ent, record **rs, int n,
    int force, dferr *e);
/* Delete; ST_REFERENCED with a message such as "3 enrollments and
 * 1 cohort still point to this trainee" when others refer to it. */
int store_delete(store *s, const entity *ent, long long id, dferr *e);

/* ---- field-level saves (store_merge.c) ------------------------------- */

/* One record's field-level save: only the fields this user changed are
 * written, each checked against the value the edit started from, inside
 * one BEGIN IMMEDIATE.  For each changed field: the row still holds the
 * base value: mine is written; it already holds mine: nothing to do; it
 * holds a third value: a conflict (nothing of the record is written).
 * Fields only others changed are kept.  Arrays have ent->nfields slots. */
typedef struct store_edit {
	long long id;                   /* the record */
	long long base_version;         /* version base was read at; 0: unknown
	                                 * (only used to tell who changed what) */
	const record *base;             /* values the edit started from, storage
	                                 * form; NULL: the row as it is now, so
	                                 * nothing conflicts (an import's update
	                                 * by key: last writer wins per field) */
	const record *mine;             /* the values wanted */
	const unsigned char *changed;   /* 1: this field is mine to write */
	const unsigned char *overwrite; /* 1: base[i] is a colleague's value the
	                                 * user saw and chose to replace (noted in
	                                 * the audit row); still refused if the
	                                 * row changed again since; NULL: none */
	const char *note;               /* for the audit row, e.g. "import
	                                 * FILE --update", "put back from the
	                                 * history", or NULL */
} store_edit;

/* What became of a field someone else changed since base. */
enum store_fate {
	SF_THEIRS,      /* only they changed it: their value kept (merged) */
	SF_SAME,        /* both changed it to the same value: nothing to write */
	SF_CONFLICT,    /* both changed it, to different values: nothing saved */
	SF_OVERWRITTEN  /* mine replaced a colleague's value by the user's choice */
};

/* One field others changed meanwhile (or one overwritten). */
typedef struct store_field_merge {
	int fi;                 /* field index */
	enum store_fate fate;   /* what became of it */
	char *base;             /* value the edit started from, or NULL */
	char *mine;             /* value wanted, or NULL */
	char *theirs;           /* value found in the row, or NULL */
	char *by;               /* who saved theirs (audit; else the row's
	                         * last updater), never NULL */
	char *at;               /* when, UTC "YYYY-MM-DD HH:MM:SS", never NULL */
} store_field_merge;

/* The outcome of one record's field-level save. */
typedef struct store_merge {
	int rc;                 /* ST_OK, ST_CONFLICT, ST_NOTFOUND (deleted
	                         * meanwhile), ST_INVALID, or not tried (-1) */
	int written;            /* fields written (0: the row already held them) */
	long long version;      /* the row's version now */
	record *now;            /* the row now (after the save, or as found), or
	                         * NULL when deleted */
	char *by, *at;          /* who saved the row before this save (or
	                         * deleted it: NULL if the audit cannot tell),
	                         * and when (UTC) */
	store_field_merge *f;   /* fields others changed since base, and the
	                         * fields overwritten, in field order */
	int nf;                 /* how many */
	int nconflicts;         /* how many of them are SF_CONFLICT */
} store_merge;

/* Save one record field by field (see store_edit).  ST_OK (out->f says
 * what was merged), ST_CONFLICT (nothing written; out->f lists each field
 * with base, mine, theirs, who and when), ST_NOTFOUND (deleted meanwhile;
 * out->by/at say who and when if the audit knows), ST_INVALID (a
 * constraint refused the merged row; the message names the field), or a
 * fault.  The audit row is an update, or notes each merge and overwrite. */
int store_save_fields(store *s, const entity *ent, const store_edit *ed,
    store_merge *out, dferr *e);
/* The same for n records in one transaction, all or none (bulk status
 * changes): outs[k] for each; the return is the first failure's code and
 * every conflict of every record is listed before anything is written. */
/* store_save_fields inside the caller's open transaction (an import's
 * batch, store_bulk_begin): the same decisions and writes, nothing
 * committed or rolled back here. */
int store_save_fields_in_batch(store *s, const entity *ent,
    const store_edit *ed, store_merge *out, dferr *e);
int store_save_fields_many(store *s, const entity *ent, const store_edit *eds,
    int n, store_merge *outs, dferr *e);
void store_merge_clear(store_merge *m);        /* free its parts, zero it */

/* The display text of a record of ent (its display field), for lookups. */
int store_label(store *s, const entity *ent, long long id, char **label,
    dferr *e);
/* Find the id of a record of ent by id, by its display field or by any
 * unique field equal to text (import lookups).  ST_NOTFOUND, or
 * ST_INVALID when the text names several records. */
int store_resolve(store *s, const entity *ent, const char *text,
    long long *id, dferr *e);

/* ---- bulk writing (demo, import) -------------------------------------- */

/* One transaction for many inserts; secondary indexes of ent may be
 * dropped at begin and rebuilt at commit.  Commit writes an audit row for
 * each record (action "import", its values) and audit_note: one row for
 * the whole batch naming it (e.g. "import trainees.csv: 1000000 rows"). */
typedef struct store_bulk store_bulk;
int store_bulk_begin(store *s, const entity *ent, store_bulk **out, dferr *e);
/* Insert one record (values already checked); sets r->id. */
int store_bulk_add(store_bulk *b, record *r, dferr *e);
int store_bulk_commit(store_bulk *b, const char *audit_note, dferr *e);
/* Have commit call fn before each of its steps (each index rebuilt, then
 * the write itself): done steps so far, of steps in all. */
void store_bulk_on_step(store_bulk *b, void (*fn)(void *ctx, int done,
    int steps), void *ctx);
void store_bulk_abort(store_bulk *b);   /* roll back, free */
/* The record holding global id gid: one already there or one this batch
 * added (*id), or 0. */
int store_bulk_gid_holder(store_bulk *b, const char *gid, long long *id,
    dferr *e);
/* Whether commit writes an audit row per record (on by default; the demo
 * turns it off: generated data, its batch row says so). */
void store_bulk_audit_each(store_bulk *b, int on);

/* The record of ent whose field fi (-1: its id) holds v (*id, 0 when
 * none); *n: how many records hold it (0, 1, or 2 for "several"). */
int store_find_by(store *s, const entity *ent, int fi, const char *v,
    long long *id, int *n, dferr *e);

/* The highest id ent's table holds (0 when empty). */
int store_max_id(store *s, const entity *ent, long long *max, dferr *e);

/* Possible duplicates of r (store_similar.c): ids of the records (not r
 * itself) matching it on every field of one of the entity's "similar"
 * rules, at most max of them in ids, *n found. */
int store_similar(store *s, const entity *ent, const record *r,
    long long *ids, int max, int *n, dferr *e);

/* ---- history, deleted records, undo (store_history.c, store_undo.c) --- */

/* One field a step of a history changed. */
typedef struct history_change {
	int field;              /* index in the entity, -1: a field no longer
	                         * in the schema (name says which) */
	char *name;             /* the field's column name */
	char *before, *after;   /* stored values, NULL = empty */
	char *before_text;      /* the values as a user reads them (choice */
	char *after_text;       /* labels, dates in the date style, a link by
	                         * its record's name); NULL = empty; NOT
	                         * sanitised */
} history_change;

/* One step of a record's history: one audit row. */
typedef struct history_step {
	long long audit_id;     /* the audit row */
	char *at;               /* UTC 'YYYY-MM-DD HH:MM:SS' */
	char *user;             /* who (OS user) */
	enum audit_action action; /* what */
	char *note;             /* the row's note (an import's: its file), or
	                         * NULL */
	history_change *changes; /* the fields it changed, in form order */
	int nchanges;           /* how many */
} history_step;

/* A record's history, newest step first. */
typedef struct history {
	const entity *ent;      /* the entity */
	long long id;           /* the record's id */
	char *gid;              /* its global id (NULL before schema 006) */
	record *now;            /* the record as it is, NULL when deleted */
	char *label;            /* its name (display field), or NULL */
	history_step *steps;    /* newest first */
	int n;                  /* how many */
	int truncated;          /* older steps than these were left out */
	int unaudited_start;    /* the record was made without an audit row
	                         * of its own (demo data, a batch before
	                         * schema 006): created_at/by say when */
	char *created_at;       /* the record's own columns, when it is there */
	char *created_by;
} history;

/* The history of record id of ent: of the record holding the id now, or
 * when it was deleted of the last one that held it; gid (or NULL) picks
 * which record, for an id given twice before schema 006.  ST_NOTFOUND
 * when there is neither a record nor a history. */
int store_history(store *s, const entity *ent, long long id,
    const char *gid, history **out, dferr *e);
void history_free(history *h);
/* ---- global ids (store_gid.c) ---- */

#define STORE_GID_SIZE 37       /* a global id and its NUL */
/* A new global id, random, in the form of a UUID version 4 (lower case). */
void store_gid_new(char out[STORE_GID_SIZE]);
/* in in the form of a UUID (any case) into out in lower case: 0; -1 when
 * it is not one. */
int store_gid_parse(const char *in, char out[STORE_GID_SIZE]);
/* The id of the record of ent that has (or had, deleted) global id gid. */
int store_find_gid(store *s, const entity *ent, const char *gid,
    long long *id, dferr *e);
/* An action as scripts name it ("created", "changed", "merged",
 * "deleted", "restored", "imported"), never translated; and as people
 * read it, translated. */
const char *store_action_name(enum audit_action a);
const char *store_action_label(enum audit_action a);
/* How a stored value of f reads (see history_change); malloc'd, NULL for
 * NULL; f NULL: the value as is. */
char *store_value_text(store *s, const field *f, const char *v);

/* One deleted record (its last delete), for the deleted-records screen. */
typedef struct deleted_row {
	long long audit_id;     /* the delete's audit row (paging anchor) */
	long long id;           /* the record's id */
	char *gid;              /* its global id */
	char *at;               /* when it was deleted */
	char *user;             /* by whom */
	char *label;            /* its name as it was; NOT sanitised */
} deleted_row;

/* Deleted records of ent not brought back, newest delete first, from
 * before the audit row `before` (0: the newest), at most limit; only
 * those whose field fi held value (stored form) when deleted, unless fi
 * is -1. */
int store_deleted_page(store *s, const entity *ent, int fi,
    const char *value, long long before, int limit, deleted_row **rows,
    int *n, dferr *e);
void store_deleted_free(deleted_row *rows, int n);

/* Bring back record id of ent, deleted: the same id and global id and the
 * values it had, audited "restore".  A link to a record deleted since is
 * left empty when the field is optional (*dropped, if not NULL: malloc'd
 * field labels, e.g. "Region, Programme", or NULL when none); refused
 * (ST_INVALID, the message naming the linked record to restore first)
 * when it is required; refused when a unique value it had is now another
 * record's, or when the record is there. */
int store_restore(store *s, const entity *ent, long long id, char **dropped,
    dferr *e);
/* Put field fi of record seen back to value (stored form; NULL = empty):
 * an ordinary save of that one field through the merge rules
 * (store_save_fields, base = seen, the record as the user saw it), note in
 * the audit row; fields others changed since are kept.  Refused
 * (ST_CONFLICT, naming who changed the field, when, and its value now)
 * when the field changed since seen; ST_INVALID when it already holds
 * value; ST_NOTFOUND when the record is gone. */
int store_put_back(store *s, const entity *ent, const record *seen, int fi,
    const char *value, const char *note, dferr *e);

/* ---- import and export (store_io.c) ----------------------------------- */

/* After a refused insert of r: which single-column unique field of r
 * (*fi, -1 when none) has a value another record (*other) already holds. */
int store_unique_clash(store *s, const entity *ent, const record *r,
    int *fi, long long *other, dferr *e);

/* Whether record id of ent is named text: its display field, a
 * searchable or a unique field equals it (an import checking that a
 * link's name column agrees with its id column). */
int store_name_is(store *s, const entity *ent, long long id, const char *text,
    int *yes, dferr *e);
/* The record of ent whose unique field fi holds v (*holder, 0: none). */
int store_key_holder(store *s, const entity *ent, int fi, const char *v,
    long long *holder, dferr *e);

/* An export in progress: one read snapshot from open to close, so the
 * pages of store_list_page and the records fetched agree even while
 * others write. */
typedef struct store_export store_export;
int store_export_open(store *s, const entity *ent, store_export **out,
    dferr *e);
/* Record id: its global id and values in storage form into r (made by
 * record_new(ent); old values freed), and for each lookup field i, of the
 * record it points to, into refs[2i] its name (model_link_name in the
 * interface language, else its display field; NULL when empty or when
 * that display is itself a lookup) and into refs[2i+1] its key
 * (model_link_key, or NULL); refs has 2 * ent->nfields slots, old entries
 * freed. */
int store_export_get(store_export *x, long long id, record *r, char **refs,
    dferr *e);
void store_export_close(store_export *x);

#endif
