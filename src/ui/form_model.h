/* form_model.h - a form's values, apart from the screen: what each field
 * shows and holds, what changed, checking, carry-forward.  No curses, no
 * SQL (lookup labels come through a callback), so it is unit-tested and
 * could be saved as a draft. */
#ifndef DAFTAR_FORM_MODEL_H
#define DAFTAR_FORM_MODEL_H

#include "daftar/store.h"

/* One field of the form. */
struct form_field {
	text_edit ed;           /* the text shown and edited */
	char *value;            /* chosen code (choice) or id (lookup), or NULL */
	char *orig;             /* the text as loaded, to see changes */
	int bad;                /* failed its last check */
};

/* The label of record id of ent, for a lookup field (malloc'd or NULL). */
typedef char *(*form_label_fn)(void *ctx, const entity *ent, long long id);

struct form_model {
	const entity *ent;      /* the entity */
	long long id;           /* record id, 0 for a new record */
	long long version;      /* the version being edited */
	struct form_field *f;   /* one per field, in form order */
	int n;                  /* ent->nfields */
	form_label_fn label;    /* lookup labels */
	void *label_ctx;        /* its context */
};

void form_model_init(struct form_model *m, const entity *ent,
    form_label_fn label, void *ctx);
/* Fill from a record (or blank when r is NULL). */
void form_model_load(struct form_model *m, const record *r);
/* Reload from r, keeping the fields the user changed (their text wins). */
void form_model_merge(struct form_model *m, const record *r);
void form_model_free(struct form_model *m);
/* Has anything been changed since loading? */
int form_model_dirty(const struct form_model *m);
/* Set a field's text (and chosen value for choice/lookup). */
void form_model_set(struct form_model *m, int i, const char *text,
    const char *value);
/* Check field i; 0 and *stored (malloc'd or NULL), or -1 with msg. */
int form_model_check(struct form_model *m, int i, char **stored, char *msg,
    size_t n);
/* Check every field into a new record; -1 with *bad = first bad field. */
int form_model_record(struct form_model *m, record **out, int *bad,
    char *msg, size_t n);
/* After saving a new record: blank form keeping carry-forward fields;
 * returns the first empty field. */
int form_model_carry(struct form_model *m);

#endif
