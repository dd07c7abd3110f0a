/* model.h - entities and fields as data, and the validation rules.
 *
 * The field metadata lives in the schema (tables meta_entity, meta_field,
 * meta_choice, created by schemas/001_*.sql); store_open() loads it into a
 * model.  Forms, lists, import and export all read this one description.
 * This module is pure: no SQL, no curses.
 */
#ifndef DAFTAR_MODEL_H
#define DAFTAR_MODEL_H

#include "daftar/text.h"

enum field_type {
	FT_TEXT,        /* one line of text */
	FT_LONGTEXT,    /* several lines, wrapped */
	FT_INT,         /* integer, stored as INTEGER */
	FT_DATE,        /* date, stored as TEXT 'YYYY-MM-DD' */
	FT_CHOICE,      /* one code of a meta_choice list, stored as TEXT */
	FT_LOOKUP,      /* id of a record of another entity, INTEGER FK */
	FT_BOOL,        /* 0/1 */
	FT_PHONE,       /* Moroccan phone, stored as 0XXXXXXXXX or +... */
	FT_CIN          /* Moroccan national ID card number, e.g. AB123456 */
};

enum lang { LANG_AR, LANG_FR, LANG_EN, LANG_N };

/* One value of a choice list. */
typedef struct choice {
	char *code;             /* stored value, ASCII */
	char *label[LANG_N];    /* shown value per language */
} choice;

struct entity;

/* One field of an entity, as meta_field describes it. */
typedef struct field {
	char *name;             /* column name */
	char *label[LANG_N];    /* label per language */
	enum field_type type;   /* how it is edited, checked and stored */
	int required;           /* must not be empty */
	int maxlen;             /* max length in grapheme clusters, 0 = none */
	int has_min, has_max;   /* whether min/max apply (INT; DATE as yyyymmdd) */
	long long min, max;     /* range of an INT field */
	char *pattern;          /* POSIX ERE the stored value must match, or NULL */
	char *target;           /* FT_LOOKUP: entity name; FT_CHOICE: list name */
	struct entity *target_ent; /* FT_LOOKUP: resolved target entity */
	choice *choices;        /* FT_CHOICE: the list's values */
	int nchoices;           /* number of choices */
	int list_width;         /* column width in the list view, 0 = not shown */
	int list_order;         /* column order in the list view */
	int form_order;         /* order in the form (array order follows it) */
	int carry;              /* value carries forward to the next new record */
	int searchable;         /* part of the entity's folded search key */
	int unique;             /* UNIQUE in the table (CIN, Massar, reference) */
	int similar;            /* duplicate rule it belongs to, 0 = none: a
	                         * record matching another on every field of
	                         * one rule is a possible duplicate */
	enum text_dir dir;      /* base direction for display and editing */
	char *help;             /* one-line hint shown in the form, or NULL */
	void *regex;            /* compiled pattern (regex_t *), or NULL */
} field;

/* One entity (one table). */
typedef struct entity {
	char *name;             /* table name, singular: "trainee" */
	char *label[LANG_N];    /* plural label per language */
	field *fields;          /* in form order */
	int nfields;            /* number of fields */
	int *list_cols;         /* field indexes shown in the list, in order */
	int nlist;              /* number of list columns */
	int display;            /* field index naming a record to the user */
	int has_search;         /* table has a search_key column */
	int menu_order;         /* position in the main menu, 0 = not listed */
} entity;

/* The whole description. */
typedef struct model {
	entity *ents;           /* every entity, menu order first */
	int nents;              /* number of entities */
} model;

/* Lookups by name; NULL / -1 when absent. */
const entity *model_entity(const model *m, const char *name);
int model_field_index(const entity *e, const char *name);
/* A field by its name or by any of its labels (for import headers);
 * case- and accent-insensitive (folded); -1 when absent. */
int model_field_by_label(const entity *e, const char *text);

/* The UI language, from the locale (LANG_EN unless LC_MESSAGES says ar/fr). */
enum lang model_lang(void);
const char *field_label(const field *f);     /* in model_lang(), else English */
const char *entity_label(const entity *e);

/* How a link to a record of target is written for people (exports): the
 * field giving its name in lang (the display field, or in French and
 * English the first left-to-right searchable text field, e.g. name_fr or
 * name_latin), and the unique field that identifies it when that name
 * does not (a trainee's CIN, a region's code), or -1. */
int model_link_name(const entity *target, enum lang lang);
int model_link_key(const entity *target);

/* Check one value as typed or imported and turn it into its storage form.
 * The same code path for form, import and demo.  Empty input gives
 * *out = NULL (an error only when the field is required).  FT_LOOKUP
 * values must already be a record id (resolving names is the store's job).
 * Returns 0 and sets *out (malloc'd or NULL), or -1 with a plain-words
 * message in msg, e.g. "date: 31/02/2025 is not a date (day/month/year)". */
int model_check(const field *f, const char *input, char **out, char *msg,
    size_t msgsz);

/* The text a user sees for a stored value (dates formatted per style,
 * choices labelled, booleans yes/no).  FT_LOOKUP: the id as is (the store
 * resolves names).  Never NULL. */
char *model_display(const field *f, const char *stored,
    enum text_date_style style);

/* Free everything a model holds (store_close does this). */
void model_free(model *m);

#endif
