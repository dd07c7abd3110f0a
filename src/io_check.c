/* io_check.c - the reading side of an import: a thread reads CSV rows and
 * runs the form's checks on them (hidden controls, text_filter and
 * model_check through the model; nothing that needs the database), a
 * batch at a time, ahead of the writer.  Only pure, thread-safe layers are
 * called here; lookups are resolved by the writer, which owns the store. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "io_import.h"

const char *io_unlabel(const field *f, const char *msg)
{
	const char *l = field_label(f);
	size_t n = strlen(l);

	return strncmp(msg, l, n) == 0 && strncmp(msg + n, ": ", 2) == 0 ?
	    msg + n + 2 : msg;
}

/* Note a problem of row pr. */
static void add_prob(struct prow *pr, long long line, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_prob(struct prow *pr, long long line, const char *col,
    const char *fmt, ...)
{
	char msg[1024], num[24];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(num, sizeof num, "%lld", line);
	sb_add(&pr->probs, num, strlen(num) + 1);
	sb_add(&pr->probs, col, strlen(col) + 1);
	sb_add(&pr->probs, msg, strlen(msg) + 1);
	pr->nprobs++;
}

/* Check one value of column c into pr->v. */
static void check_value(const entity *ent, const struct column *c,
    long long line, const char *v, size_t len, struct prow *pr)
{
	const field *f = &ent->fields[c->fi];
	static const char *const hidden_msg[] = {
		[TEXT_HIDDEN_ESCAPE] = N_("contains a terminal escape sequence "
		    "(U+%04X at character %zu): remove it"),
		[TEXT_HIDDEN_CONTROL] = N_("contains the control character "
		    "U+%04X at character %zu: remove it"),
		[TEXT_HIDDEN_BIDI] = N_("contains a bidi control (U+%04X at "
		    "character %zu) that would show the text in a misleading "
		    "order: remove it"),
	};
	char msg[512], *out = NULL;
	enum text_hidden_kind k;
	uint32_t cp;
	size_t at;

	if ((k = text_hidden(v, len, &cp, &at)) != TEXT_HIDDEN_NONE) {
		add_prob(pr, line, c->name, _(hidden_msg[k]), (unsigned)cp, at + 1);
		return;
	}
	if (f->type == FT_LOOKUP) {     /* the writer resolves it */
		if (len > 0 && text_filter(v, len, 0, &out, NULL) == 0 &&
		    out[0] != '\0')
			pr->v[c->fi] = out;
		else
			free(out);
		return;
	}
	if (model_check(f, v, &out, msg, sizeof msg) != 0)
		add_prob(pr, line, c->name, "%s", io_unlabel(f, msg));
	else
		pr->v[c->fi] = out;
}

/* The global id a row gives (empty: the record gets a new one). */
static void check_gid(const struct column *c, long long line, const char *v,
    size_t len, struct prow *pr)
{
	char *text = NULL;

	if (len == 0)
		return;
	if (text_filter(v, len, 0, &text, NULL) != 0 ||
	    (text[0] != '\0' && store_gid_parse(text, pr->gid) != 0))
		add_prob(pr, line, c->name, _("\"%s\" is not a global id (32 "
		    "hexadecimal digits in groups of 8-4-4-4-12, as daftar exports "
		    "them): leave it empty for a new record"), text ? text : "?");
	free(text);
}

/* Read row into pr: its values checked, its problems noted. */
static void check_row(const struct pipe *p, const csv_row *row,
    struct prow *pr)
{
	size_t i;

	pr->line = row->line;
	pr->nprobs = 0;
	pr->gid[0] = '\0';
	sb_clear(&pr->probs);
	if (row->err != CSV_OK) {
		for (i = 0; i < row->n && row->err == CSV_EUTF8; i++)
			if (u8_check((const uint8_t *)row->f[i], row->len[i]))
				break;  /* name the column holding the bad bytes */
		add_prob(pr, row->err_line, i < p->ncols && row->err == CSV_EUTF8 ?
		    p->cols[i].name : "row", _("%s (byte %lld of the file)"),
		    csv_strerror(row->err), row->err_offset);
		return;
	}
	if (row->n != p->ncols) {
		add_prob(pr, row->line, "row", _("%zu fields, but the header has "
		    "%zu"), row->n, p->ncols);
		return;
	}
	for (i = 0; i < p->ncols; i++) {
		if (p->cols[i].fi >= 0)
			check_value(p->ent, &p->cols[i], row->line, row->f[i],
			    row->len[i], pr);
		else if (p->cols[i].fi == COL_GID)
			check_gid(&p->cols[i], row->line, row->f[i], row->len[i],
			    pr);
		else if (row->len[i] > 0)
			add_prob(pr, row->line, "row", _("a value in column %zu, "
			    "which has no name in the header"), i + 1);
	}
}

/* The thread: fill free slots with checked rows until the input ends. */
static void *pipe_main(void *arg)
{
	struct pipe *p = arg;
	struct pbatch *b;
	csv_row row;
	int rc, last = 0;

	while (!last) {
		pthread_mutex_lock(&p->mu);
		while (p->count == PIPE_SLOTS && !p->stop)
			pthread_cond_wait(&p->drained, &p->mu);
		b = p->stop ? NULL : &p->slot[p->head];
		pthread_mutex_unlock(&p->mu);
		if (b == NULL)
			break;
		b->n = 0;
		b->ioerr = 0;
		while (b->n < PIPE_ROWS) {
			if ((rc = csv_read(p->csv, &row)) <= 0) {
				last = 1;
				b->ioerr = rc < 0 ? (errno ? errno : EIO) : 0;
				break;
			}
			if (row.n > 0)          /* not a blank line */
				check_row(p, &row, &b->row[b->n++]);
		}
		b->last = last;
		b->bytes = csv_reader_bytes(p->csv);
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->count++;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

int pipe_start(struct pipe *p, csv_reader *csv, const entity *ent,
    const struct column *cols, size_t ncols)
{
	int i, j;

	memset(p, 0, sizeof *p);
	p->csv = csv;
	p->ent = ent;
	p->cols = cols;
	p->ncols = ncols;
	p->slot = xcalloc(PIPE_SLOTS, sizeof *p->slot);
	for (i = 0; i < PIPE_SLOTS; i++)
		for (j = 0; j < PIPE_ROWS; j++)
			p->slot[i].row[j].v = xcalloc((size_t)ent->nfields + 1,
			    sizeof (char *));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->drained, NULL);
	if (pthread_create(&p->th, NULL, pipe_main, p) != 0)
		return -1;
	p->started = 1;
	return 0;
}

struct pbatch *pipe_next(struct pipe *p)
{
	struct pbatch *b;

	pthread_mutex_lock(&p->mu);
	while (p->count == 0)
		pthread_cond_wait(&p->filled, &p->mu);
	b = &p->slot[p->tail];
	pthread_mutex_unlock(&p->mu);
	return b;
}

void pipe_done(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->tail = (p->tail + 1) % PIPE_SLOTS;
	p->count--;
	pthread_cond_signal(&p->drained);
	pthread_mutex_unlock(&p->mu);
}

void pipe_stop(struct pipe *p)
{
	int i, j, k;

	if (p->slot == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->drained);
	pthread_mutex_unlock(&p->mu);
	if (p->started)
		pthread_join(p->th, NULL);
	for (i = 0; i < PIPE_SLOTS; i++)
		for (j = 0; j < PIPE_ROWS; j++) {
			struct prow *pr = &p->slot[i].row[j];
			for (k = 0; k < p->ent->nfields; k++)
				free(pr->v[k]);
			free(pr->v);
			sb_free(&pr->probs);
		}
	free(p->slot);
	p->slot = NULL;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->drained);
}
