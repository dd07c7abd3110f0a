/* ui.h - the full-screen program's private interface: the app shell, the
 * view interface every screen implements, the key table, drawing helpers.
 * Only src/ui/ includes curses. */
#ifndef DAFTAR_UI_H
#define DAFTAR_UI_H

#include <curses.h>
#include <wchar.h>

#include "daftar/store.h"

/* What a key does; keys are looked up in one table (keys.c). */
enum action {
	ACT_NONE, ACT_QUIT, ACT_BACK, ACT_OPEN, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_SEARCH, ACT_NEW, ACT_DELETE, ACT_SAVE, ACT_HELP, ACT_SORT, ACT_REVERSE,
	ACT_FILTER, ACT_UNFILTER, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_WORD_LEFT,
	ACT_WORD_RIGHT, ACT_LINE_START, ACT_LINE_END, ACT_KILL_END, ACT_KILL_START,
	ACT_DEL_BACK, ACT_DEL_FWD, ACT_PICK, ACT_RELOAD, ACT_REDRAW, ACT_SETTINGS,
	ACT_MARK, ACT_ENROLL, ACT_STATUS, ACT_EXPORT, ACT_EDIT_RECORD, ACT_LINKS,
	ACT_PARENT, ACT_CHILDREN,
	ACT_REPORT_YEAR, ACT_REPORT_REGION, ACT_REPORT_PROGRAMME, ACT_REPORT_ASCII,
	ACT_HISTORY, ACT_HISTORY_RECORD, ACT_DELETED, ACT_RESTORE, ACT_PUT_BACK,
	ACT_NACTIONS
};

/* Contexts a key binding belongs to (bit mask). */
enum ctx {
	CTX_MENU = 1, CTX_LIST = 2, CTX_FORM = 4, CTX_PICKER = 8, CTX_HELP = 16,
	CTX_SEARCH = 32, CTX_SETTINGS = 64, CTX_RECORD = 128, CTX_ALL = 255,
	CTX_REPORT = 256,       /* the Reports screen (rows of its own in keys.c) */
	CTX_SIMILAR = 512,      /* possible duplicates (rows of its own) */
	CTX_TAKEN = 1024,       /* a unique value already used: the holder */
	CTX_PATH = 2048,        /* a file name typed on the Import/Export screen */
	CTX_HISTORY = 4096,     /* a record's history (rows of its own) */
	CTX_HISTORY_GONE = 8192,/* ... of a deleted record: it can be restored */
	CTX_DELETED = 16384     /* an entity's deleted records */
};

/* One row of the key table. */
struct keydef {
	enum action act;        /* the action */
	unsigned ctx;           /* contexts where it applies */
	int keys[4];            /* curses key codes or characters, 0-ended */
	const char *label;      /* how the footer names the keys, e.g. "^S" */
	const char *help;       /* what it does (translated at use) */
	int footer;             /* shown in the footer (order of importance) */
};

extern const struct keydef ui_keys[];
/* The action bound to key in ctx (is_key: a KEY_* code, else a character). */
enum action keys_action(wint_t key, int is_key, unsigned ctx);
/* Footer text for ctx, e.g. "Enter open  n new  / search  Esc back". */
void keys_footer(unsigned ctx, char *buf, size_t n);

struct app;
struct view;

/* The interface of a screen: one file each under src/ui/. */
struct view_ops {
	const char *name;       /* for the header line */
	void (*draw)(struct view *v, struct app *a, WINDOW *w);
	/* Handle a key already mapped to act (ACT_NONE: a plain character in
	 * ch); returns 1 when it used the key. */
	int (*key)(struct view *v, struct app *a, wint_t ch, int is_key,
	    enum action act);
	void (*close)(struct view *v);
};

struct view {
	const struct view_ops *ops;     /* what it is */
	unsigned ctx;                   /* key context (may change: search) */
	char title[128];                /* shown in the header */
	int dirty;                      /* needs drawing */
	int cursor_y, cursor_x;         /* where the terminal cursor goes, -1 none */
};

#define UI_MAX_DEPTH 16

/* The program's state. */
struct app {
	store *st;                      /* the database */
	const char *dbpath;             /* its file name */
	WINDOW *body;                   /* between header and status line */
	struct view *stack[UI_MAX_DEPTH]; /* open views, top last */
	int depth;                      /* how many */
	char status[512];               /* status line text */
	int status_err;                 /* status is an error (shown red/bold) */
	unsigned status_seq;            /* counts app_status calls */
	enum text_bidi_mode bidi;       /* app or terminal */
	enum text_date_style date_style;/* how dates are shown */
	int color;                      /* colours in use */
	int too_small;                  /* terminal below 60x16 */
	int quit;                       /* leave the loop */
	int (*confirm)(struct app *, int yes); /* pending y/n question */
	void *confirm_data;             /* its argument */
};

enum ui_pair { PAIR_HEADER = 1, PAIR_SELECT, PAIR_ERROR, PAIR_LABEL, PAIR_OK };

/* Open a view on top of the stack. */
void app_push(struct app *a, struct view *v);
/* Close the top view. */
void app_pop(struct app *a);
/* Set the status line (printf style); err: shown as an error. */
void app_status(struct app *a, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Ask a yes/no question in the status line; fn runs with the answer. */
void app_ask(struct app *a, int (*fn)(struct app *, int yes), void *data,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Switch the bidi mode now (terminal modes and a full repaint). */
void app_set_bidi(struct app *a, enum text_bidi_mode mode);
/* Attribute of a colour pair, or the monochrome fallback. */
attr_t app_attr(const struct app *a, enum ui_pair p);

/* Draw text from the database or the user at (y, x) in exactly cols
 * columns: sanitised, fitted, and in app bidi mode reordered and shaped. */
void ui_text(struct app *a, WINDOW *w, int y, int x, int cols,
    const char *s, enum text_dir dir, enum text_align align);

/* Views. */
struct view *menu_open(struct app *a);
struct view *list_open(struct app *a, const entity *ent);
struct view *form_open(struct app *a, const entity *ent, long long id);
struct view *help_open(struct app *a, unsigned ctx);
struct view *settings_open(struct app *a);
struct view *report_open(struct app *a);
/* Import/Export; from a list: ent, its query (search, filter) and the
 * filter as the list shows it (or NULL). */
struct view *io_open(struct app *a, const entity *ent, const list_query *q,
    const char *filter_label);
/* A record's history (view_history.c): newest step first, each field's
 * value before and after; u puts a field back, r restores a deleted
 * record.  notify (or NULL): a list to refresh when it changed a record. */
struct view *history_open(struct app *a, const entity *ent, long long id,
    struct view *notify);
/* The deleted records of ent (view_deleted.c), to see and restore; those
 * whose field fi was value when deleted (fi -1: all). */
struct view *deleted_open(struct app *a, const entity *ent, int fi,
    const char *value, struct view *notify);
/* Restore deleted record id of ent, saying how it went in the status line
 * (and refreshing notify, if not NULL); 1 when restored. */
int deleted_restore(struct app *a, const entity *ent, long long id,
    struct view *notify);
/* A picker over the choices of f or the records of its target; on Enter
 * it calls done(data, value, label) and closes. */
struct view *picker_open(struct app *a, const field *f, const char *query,
    void (*done)(void *data, const char *value, const char *label),
    void *data);

/* A record view: lines drawn above a list of the records that point to
 * the record (a cohort over its roster, an agreement over its parties),
 * with keys of its own. */
struct list_panel {
	int height;             /* lines above the list */
	/* draw the lines 0..height-1 of w */
	void (*draw)(void *d, struct app *a, WINDOW *w, int cols);
	/* a key first offered to the panel; 1 when used */
	int (*key)(void *d, struct app *a, struct view *list, wint_t ch,
	    int is_key, enum action act);
	void (*changed)(void *d, struct app *a); /* data changed: reload */
	void (*free)(void *d);  /* free d */
};
/* The list of ent's records whose lookup field points to id, under an
 * optional panel (data: its state, freed by panel->free). */
struct view *list_open_related(struct app *a, const entity *ent, int fi,
    long long id, const char *title, const struct list_panel *panel,
    void *data);
/* The marked rows' ids, or the selected row's when none is marked
 * (malloc'd; *n is 0 when the list is empty). */
long long *list_chosen(struct view *list, int *n);
/* The rows changed: refetch (and forget the marks). */
void list_changed(struct view *list, int clear_marks);
/* Open a record: its record view when it has one, else its form. */
struct view *record_open(struct app *a, const entity *ent, long long id);
struct view *cohort_open(struct app *a, const entity *ent, long long id);
struct view *agreement_open(struct app *a, const entity *ent, long long id);
/* How a stored value of f reads (a lookup by its record's label; malloc'd,
 * NULL for NULL). */
char *record_value_text(struct app *a, const field *f, const char *v);
/* "Label: value" of field name of r appended to b (lookups by label). */
void record_header_add(struct app *a, const entity *ent, const record *r,
    strbuf *b, const char *name);
/* Count ent's rows whose filter path is id, grouped by the group path,
 * appended to b as "Enrolled 12 · Active 3"; returns the total (an error
 * goes to the status line and counts 0). */
long long record_counts_add(struct app *a, const entity *ent,
    const char *filter, long long id, const char *group, strbuf *b);
/* The entities whose records point to (ent, id), to open one's list. */
struct view *links_open(struct app *a, const entity *ent, long long id);
/* Save form's record now, with note in the audit row (after the user saw
 * its possible duplicates and chose to save anyway). */
void form_save_noted(struct view *form, struct app *a, const char *note);
/* Before form saves r: a unique value another record holds (refused; the
 * field's index goes to *focus), or for a new record the records it may
 * duplicate (asked).  Opens the screen that shows them beside r and
 * returns 1; 0 when there is nothing to show. */
int similar_check(struct app *a, struct view *form, const entity *ent,
    const record *r, int *focus);
/* Fill field fi of a new record's form (a lookup by id) as if loaded. */
void form_preset(struct view *form, int fi, const char *value);
/* A form changing the named fields of several records at once. */
struct view *form_open_batch(struct app *a, const entity *ent,
    const long long *ids, int n, const char *const *fields,
    struct view *notify);
/* Multi-select picker: Tab marks, Enter chooses the marked (or current),
 * each through done(), then calls done(data, NULL, NULL) once. */
struct view *picker_open_multi(struct app *a, const field *f,
    void (*done)(void *data, const char *value, const char *label),
    void *data);

/* Per-user settings (config.c): read at start, written by Settings. */
struct ui_config {
	int bidi_set;                   /* a bidi mode was chosen */
	enum text_bidi_mode bidi;       /* which */
	enum text_date_style date_style;/* date format */
	int color;                      /* colours on */
};
void config_load(struct ui_config *c);
int config_save(const struct ui_config *c, char *err, size_t n);
/* Bidi calibration: shows the sample both ways, returns the choice or -1. */
int calibrate_run(void);

#endif
