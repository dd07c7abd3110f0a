/* list_model.c - the rows behind a list view: a page fetched by keyset,
 * moved a row or a page at a time, counted within a time bound, and the
 * marked rows; nothing is drawn here. */
#include <stdlib.h>
#include <string.h>

#include "list_int.h"

/* Is row id marked? Returns its index in marks, or -1. */
int list_marked(const struct list *l, long long id)
{
	int i;

	for (i = 0; i < l->nmarks; i++)
		if (l->marks[i] == id)
			return i;
	return -1;
}

/* 'm': mark or unmark the selected row. */
void list_mark(struct list *l)
{
	int k;

	if (l->n == 0)
		return;
	if ((k = list_marked(l, l->rows[l->sel].id)) >= 0)
		l->marks[k] = l->marks[--l->nmarks];
	else {
		l->marks = xreallocarray(l->marks, (size_t)l->nmarks + 1,
		    sizeof *l->marks);
		l->marks[l->nmarks++] = l->rows[l->sel].id;
	}
}

/* Free the rows on screen. */
void list_free_rows(struct list *l)
{
	store_rows_free(&l->q, l->rows, l->n);
	l->rows = NULL;
	l->n = 0;
}

/* Replace the rows with a fresh fetch; anchor NULL: from an end. */
void list_fetch(struct list *l, struct app *a, const list_row *anchor,
    int dir)
{
	list_row *rows;
	int n;
	dferr e;

	if (store_list_page(a->st, &l->q, anchor, dir, l->page, &rows, &n, &e)
	    != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return;
	}
	list_free_rows(l);
	l->rows = rows;
	l->n = n;
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
}

/* Count the matching rows (capped, and bounded in time).  from_top: the
 * rows on screen are the first page, so a short page is the whole count. */
void list_count(struct list *l, struct app *a, int from_top)
{
	dferr e;

	l->count_partial = 0;
	if (from_top && l->n < l->page) {
		l->count = l->n;
		return;
	}
	if (store_list_count_within(a->st, &l->q, COUNT_CAP, COUNT_MS, &l->count,
	    &l->count_partial, &e) != ST_OK)
		app_status(a, 1, "%s", e.msg);
	if (l->count_partial && l->count < l->n)
		l->count = l->n;
}

/* After the query changed: first page, count again. */
void list_requery(struct list *l, struct app *a)
{
	l->q.search = l->search.s;
	l->sel = 0;
	list_fetch(l, a, NULL, 1);
	list_count(l, a, 1);
}

/* Fetch again from the current first row (after an edit elsewhere). */
void list_refill(struct list *l, struct app *a)
{
	list_row *prev;
	int n, sel = l->sel;
	dferr e;

	if (l->n == 0) {
		list_requery(l, a);
		return;
	}
	if (store_list_page(a->st, &l->q, &l->rows[0], -1, 1, &prev, &n, &e)
	    != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return;
	}
	list_fetch(l, a, n ? &prev[0] : NULL, 1);
	store_rows_free(&l->q, prev, n);
	l->sel = sel < l->n ? sel : (l->n ? l->n - 1 : 0);
	list_count(l, a, n == 0);
}

/* Free what one row holds (not the row itself). */
void list_row_clear(const struct list *l, list_row *r)
{
	int j;

	for (j = 0; j < l->ent->nlist; j++)
		free(r->cells[j]);
	free(r->cells);
	free(r->sortval);
}

/* Move by one row, scrolling one row at an edge. */
void list_step(struct list *l, struct app *a, int dir)
{
	list_row *more;
	int n;
	dferr e;

	if (dir > 0 && l->sel + 1 < l->n) {
		l->sel++;
		return;
	}
	if (dir < 0 && l->sel > 0) {
		l->sel--;
		return;
	}
	if (l->n == 0 || store_list_page(a->st, &l->q, dir > 0 ?
	    &l->rows[l->n - 1] : &l->rows[0], dir, 1, &more, &n, &e) != ST_OK)
		return;
	if (n == 0) {
		free(more);
		return;
	}
	if (dir > 0) {          /* drop the first, append */
		list_row_clear(l, &l->rows[0]);
		memmove(l->rows, l->rows + 1, (size_t)(l->n - 1) * sizeof *l->rows);
		l->rows[l->n - 1] = more[0];
	} else {                /* drop the last, prepend */
		list_row_clear(l, &l->rows[l->n - 1]);
		memmove(l->rows + 1, l->rows, (size_t)(l->n - 1) * sizeof *l->rows);
		l->rows[0] = more[0];
	}
	free(more);
}

/* Page down (dir 1) or up (-1); at an end, the last/first page. */
void list_page(struct list *l, struct app *a, int dir)
{
	list_row *rows;
	int n;
	dferr e;

	if (l->n == 0)
		return;
	if (store_list_page(a->st, &l->q, dir > 0 ? &l->rows[l->n - 1] :
	    &l->rows[0], dir, l->page, &rows, &n, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return;
	}
	if (n == l->page) {
		list_free_rows(l);
		l->rows = rows;
		l->n = n;
		return;
	}
	store_rows_free(&l->q, rows, n);
	list_fetch(l, a, NULL, dir > 0 ? -1 : 1);       /* the end page */
	l->sel = dir > 0 ? l->n - 1 : 0;
}
