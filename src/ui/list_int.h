/* list_int.h - the list view's state, shared by view_list.c (drawing,
 * keys) and list_model.c (rows, counts, marks: no drawing). */
#ifndef DAFTAR_LIST_INT_H
#define DAFTAR_LIST_INT_H

#include "ui.h"

struct list {
	struct view v;          /* base */
	const entity *ent;      /* what is listed */
	list_query q;           /* search, sort, filter */
	text_edit search;       /* the search text being typed */
	char filter_value[64];  /* q.filter_value points here */
	char filter_label[160]; /* "Gender = Female" */
	list_row *rows;         /* the rows on screen, in order */
	int n;                  /* how many */
	int sel;                /* selected row index */
	int page;               /* rows that fit */
	long long count;        /* matching rows, capped at 1001 */
	int count_partial;      /* counting ran out of time: count is "N+" */
	int stale;              /* refetch before drawing (after a form) */
	int pending_filter;     /* field whose filter value is being picked */
	const struct list_panel *panel; /* record view above the list, or NULL */
	void *panel_data;       /* the panel's state */
	long long *marks;       /* ids of marked rows ('m') */
	int nmarks;             /* how many */
	unsigned base_ctx;      /* key context when not searching */
};

#define COUNT_CAP 1000
/* Columns before the first list column: the selected row's marker.  Only
 * the marker shows the selection (not a highlighted row), so moving it
 * rewrites two cells instead of two whole rows: about 40 bytes a key
 * instead of 260 over a slow SSH link (bench/, issue 7). */
#define GUTTER 1
/* Longest a count may hold up a key (a substring search over a million
 * rows reads them all); then the list says "N+ rows". */
#define COUNT_MS 8

/* Is row id marked? Returns its index in marks, or -1. */
int list_marked(const struct list *l, long long id);
/* 'm': mark or unmark the selected row. */
void list_mark(struct list *l);
/* Free the rows on screen. */
void list_free_rows(struct list *l);
/* Replace the rows with a fresh fetch; anchor NULL: from an end. */
void list_fetch(struct list *l, struct app *a, const list_row *anchor, int dir);
/* Count the matching rows (capped, and bounded in time).  from_top: the
 * rows on screen are the first page, so a short page is the whole count. */
void list_count(struct list *l, struct app *a, int from_top);
/* After the query changed: first page, count again. */
void list_requery(struct list *l, struct app *a);
/* Fetch again from the current first row (after an edit elsewhere). */
void list_refill(struct list *l, struct app *a);
/* Free what one row holds (not the row itself). */
void list_row_clear(const struct list *l, list_row *r);
/* Move by one row, scrolling one row at an edge. */
void list_step(struct list *l, struct app *a, int dir);
/* Page down (dir 1) or up (-1); at an end, the last/first page. */
void list_page(struct list *l, struct app *a, int dir);

#endif
