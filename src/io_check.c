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
#include "io_int.h"
#include "io_sheet.h"

const char *io_unlabel(const field *f, const char *msg)
{
	const char *l = field_label(f);
	size_t n = strlen(l);

	return strncmp(msg, l, n) == 0 && strncmp(msg + n, ": ", 2) == 0 ?
	    msg + n + 2 : msg;
}

/* Where a value is: its row and column, named by the source only when a
 * problem needs it. */
struct at {
	const struct source *src; /* names it */
	long long line;         /* row or line */
	long col;               /* column, -1 = the whole row */
};

/* Note a problem of row pr at a. */
static void add_prob(struct prow *pr, const struct at *a, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_prob(struct prow *pr, const struct at *a, const char *col,
    const char *fmt, ...)
{
	char msg[1024], where[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	a->src->ops->where(a->src, a->line, a->col, where, sizeof where);
	sb_add(&pr->probs, where, strlen(where) + 1);
	sb_add(&pr->probs, col, strlen(col) + 1);
	sb_add(&pr->probs, msg, strlen(msg) + 1);
	pr->nprobs++;
}

/* A text whose letters were lost: only '?' and spaces, two '?' at least
 * (what a program writes for each letter its code page lacks). */
static int lost_letters(const char *v)
{
	int q = 0;

	for (; *v; v++) {
		if (*v == '?')
			q++;
		else if (*v != ' ')
			return 0;
	}
	return q >= 2;
}

/* An all-digit value that could be an Excel serial day number; its date
 * as day/month/year into buf. */
static int serial_like(const char *v, char *buf, size_t n)
{
	char iso[40];
	int y, m, d;

	if (v[0] == '\0' || strspn(v, "0123456789") != strlen(v) ||
	    strlen(v) > 6 || sheet_serial_date(atof(v), 0, iso, sizeof iso) != 0 ||
	    sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
	return 1;
}

/* Up to two digits at *p into *n; 0 when there is none. */
static int two_digits(const char **p, int *n)
{
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return 0;
	*n = *s++ - '0';
	if (*s >= '0' && *s <= '9')
		*n = *n * 10 + (*s++ - '0');
	*p = s;
	return 1;
}

/* A date written a/b/yyyy (separators / - .): 1 with a and b. */
static int two_part_date(const char *v, int *a, int *b, char *sep)
{
	const char *p = v;

	if (!two_digits(&p, a) || (*p != '/' && *p != '-' && *p != '.'))
		return 0;
	*sep = *p++;
	if (!two_digits(&p, b) || *p++ != *sep)
		return 0;
	return strlen(p) == 4 && strspn(p, "0123456789") == 4;
}

/* Spreadsheet CSV as daftar writes it (export --excel): a cell that
 * would run as a formula has an apostrophe before it, and a number kept
 * as text is written ="0612345678"; give the value back. */
static const char *unescape(const char *v, char *buf, size_t n)
{
	size_t len = strlen(v);

	if (v[0] == '\'' && v[1] != '\0' && strchr("=+-@\t\r", v[1]))
		return v + 1;
	if (len >= 3 && len < n + 3 && v[0] == '=' && v[1] == '"' &&
	    v[len - 1] == '"' && memchr(v + 2, '"', len - 3) == NULL) {
		memcpy(buf, v + 2, len - 3);
		buf[len - 3] = '\0';
		return buf;
	}
	return v;
}

/* Check one value (cell of kind) of column c into pr->v. */
static void check_value(const struct pipe *p, const struct column *c,
    const struct at *where, const char *v, size_t len, enum cell_kind kind,
    struct prow *pr)
{
	const field *f = &p->ent->fields[c->fi];
	static const char *const hidden_msg[] = {
		[TEXT_HIDDEN_ESCAPE] = N_("contains a terminal escape sequence "
		    "(U+%04X at character %zu): remove it"),
		[TEXT_HIDDEN_CONTROL] = N_("contains the control character "
		    "U+%04X at character %zu: remove it"),
		[TEXT_HIDDEN_BIDI] = N_("contains a bidi control (U+%04X at "
		    "character %zu) that would show the text in a misleading "
		    "order: remove it"),
	};
	char msg[512], buf[64], date[24], *out = NULL, sep;
	enum text_hidden_kind k;
	uint32_t cp;
	size_t at;
	int a, b;

	pr->given[c->fi] = 1;
	if (kind == CELL_ERROR) {
		add_prob(pr, where, c->name, _("the cell shows the error %s: "
		    "correct it in the spreadsheet, or empty the cell"), v);
		return;
	}
	if (kind == CELL_FORMULA) {
		add_prob(pr, where, c->name, _("the cell holds a formula (%s) "
		    "without a saved result: open the file in Excel or LibreOffice "
		    "and save it again, or replace the formula by its value"), v);
		return;
	}
	if ((k = text_hidden(v, len, &cp, &at)) != TEXT_HIDDEN_NONE) {
		add_prob(pr, where, c->name, _(hidden_msg[k]), (unsigned)cp, at + 1);
		return;
	}
	if (p->src->unescape && kind == CELL_TEXT)
		v = unescape(v, buf, sizeof buf);
	if ((f->type == FT_TEXT || f->type == FT_LONGTEXT) && kind == CELL_TEXT &&
	    lost_letters(v)) {
		add_prob(pr, where, c->name, _("\"%s\" is only question marks: its "
		    "letters were lost when the file was saved in an encoding "
		    "without them (LibreOffice's default CSV export does this); "
		    "export the file again as UTF-8 (\"CSV UTF-8\", .xlsx or "
		    ".ods)"), v);
		return;
	}
	if (f->type == FT_DATE && kind == CELL_NUMBER) {
		if (serial_like(v, date, sizeof date))
			add_prob(pr, where, c->name, _("the cell is a number, not a "
			    "date (%s would be %s as an Excel date): format the "
			    "column as a date, or type dates as day/month/year"), v,
			    date);
		else
			add_prob(pr, where, c->name, _("the cell is a number (%s), "
			    "not a date: type the date as day/month/year"), v);
		return;
	}
	if (f->type == FT_DATE && kind == CELL_DATE && len > 10) {
		add_prob(pr, where, c->name, _("the cell holds a date and a time "
		    "of day (%s): a date field takes the date only"), v);
		return;
	}
	if (f->type == FT_PHONE && kind == CELL_NUMBER && len == 9 &&
	    strchr("5678", v[0]) && strspn(v, "0123456789") == 9) {
		snprintf(buf, sizeof buf, "0%s", v);    /* 612345678: 0 lost */
		v = buf;
		pr->phones_fixed++;
	}
	if (f->type == FT_DATE && kind == CELL_TEXT &&
	    two_part_date(v, &a, &b, &sep)) {
		if (a <= 12 && b <= 12 && a != b && pr->ambiguous++ == 0)
			snprintf(pr->ambiguous_example,
			    sizeof pr->ambiguous_example, "%.15s", v);
		if (p->dates == IO_MDY) {       /* month first: swap */
			snprintf(buf, sizeof buf, "%d%c%d%c%s", b, sep, a, sep,
			    strrchr(v, sep) + 1);
			v = buf;
		}
	}
	if (f->type == FT_LOOKUP) {     /* the writer resolves it */
		if (len > 0 && text_filter(v, strlen(v), 0, &out, NULL) == 0 &&
		    out[0] != '\0')
			pr->v[c->fi] = out;
		else
			free(out);
		return;
	}
	if (model_check(f, v, &out, msg, sizeof msg) == 0) {
		pr->v[c->fi] = out;
		return;
	}
	if (f->type == FT_DATE && kind == CELL_TEXT && serial_like(v, date,
	    sizeof date))
		add_prob(pr, where, c->name, _("\"%s\" looks like an Excel date "
		    "serial (%s = %s): format the column as a date in the "
		    "spreadsheet, or export the file again"), v, v, date);
	else if (f->type == FT_DATE && kind == CELL_TEXT && p->dates == IO_DMY &&
	    two_part_date(v, &a, &b, &sep) && a <= 12 && b > 12)
		add_prob(pr, where, c->name, _("%s (%d cannot be a month: if the "
		    "dates of this file are month/day/year, import it with "
		    "--dates mdy)"), io_unlabel(f, msg), b);
	else
		add_prob(pr, where, c->name, "%s", io_unlabel(f, msg));
}

/* The global id a row gives into pr->gid, in lower case (empty: the
 * record gets a new one). */
static void check_gid(const struct pipe *p, const struct column *c,
    const struct at *where, const char *v, struct prow *pr)
{
	char *text = NULL, gid[STORE_GID_SIZE];

	(void)p;
	if (v[0] == '\0')
		return;
	if (text_filter(v, strlen(v), 0, &text, NULL) == 0 && text[0] == '\0') {
		free(text);
		return;
	}
	if (text != NULL && store_gid_parse(text, gid) == 0)
		pr->gid = xstrdup(gid);
	else
		add_prob(pr, where, c->name, _("\"%s\" is not a global id (32 "
		    "hexadecimal digits in groups of 8-4-4-4-12, as daftar exports "
		    "them): leave it empty for a new record"), text ? text : "?");
	free(text);
}

/* Read row into pr: its values checked, its problems noted. */
static void check_row(const struct pipe *p, const struct src_row *row,
    struct prow *pr)
{
	struct at at = {p->src, row->line, -1};
	char ubuf[64];
	size_t i;

	pr->line = row->line;
	pr->nprobs = 0;
	free(pr->rid);
	pr->rid = NULL;
	free(pr->gid);
	pr->gid = NULL;
	for (i = 0; i < 2 * (size_t)p->ent->nfields; i++) {
		free(pr->ext[i]);
		pr->ext[i] = NULL;
	}
	pr->ambiguous = pr->phones_fixed = 0;
	memset(pr->given, 0, (size_t)p->ent->nfields);
	sb_clear(&pr->probs);
	if (row->err != CSV_OK) {
		for (i = 0; i < row->n && row->err == CSV_EUTF8; i++)
			if (u8_check((const uint8_t *)row->f[i], row->len[i]))
				break;  /* name the column holding the bad bytes */
		at.line = row->err_line;
		add_prob(pr, &at, i < p->ncols && row->err == CSV_EUTF8 ?
		    p->cols[i].name : "row", p->src->sheet ? "%s" :
		    _("%s (byte %lld of the file)"), csv_strerror(row->err),
		    row->err_offset);
		return;
	}
	if (row->n != p->ncols && !p->src->sheet) {
		add_prob(pr, &at, "row", _("%zu fields, but the header has %zu"),
		    row->n, p->ncols);
		return;
	}
	for (i = 0; i < p->ncols || i < row->n; i++) {
		const char *v = i < row->n ? row->f[i] : "";
		size_t len = i < row->n ? row->len[i] : 0;
		enum cell_kind kind = row->kind && i < row->n ? row->kind[i] :
		    CELL_TEXT;
		at.col = (long)i;
		if (i < p->ncols && (p->cols[i].kind == XC_ID ||
		    p->cols[i].kind == XC_LINK_NAME ||
		    p->cols[i].kind == XC_LINK_KEY)) {
			char **slot = p->cols[i].kind == XC_ID ? &pr->rid :
			    &pr->ext[2 * p->cols[i].fi + (p->cols[i].kind ==
			    XC_LINK_KEY)];
			if (p->src->unescape)
				v = unescape(v, ubuf, sizeof ubuf);
			if (len > 0 && text_filter(v, strlen(v), 0, slot, NULL) == 0 &&
			    (*slot)[0] == '\0') {
				free(*slot);
				*slot = NULL;
			}
			if (p->cols[i].kind != XC_ID)
				pr->given[p->cols[i].fi] = 1;
		} else if (i < p->ncols && p->cols[i].kind == XC_GID)
			check_gid(p, &p->cols[i], &at, p->src->unescape ? unescape(v,
			    ubuf, sizeof ubuf) : v, pr);
		else if (i < p->ncols && p->cols[i].fi >= 0)
			check_value(p, &p->cols[i], &at, v, len, kind, pr);
		else if (len > 0 || kind != CELL_TEXT)
			add_prob(pr, &at, "row", _("a value in column %zu, which has "
			    "no name in the header"), i + 1);
	}
}

/* The thread: fill free slots with checked rows until the input ends. */
static void *pipe_main(void *arg)
{
	struct pipe *p = arg;
	struct pbatch *b;
	struct src_row row;
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
		b->failed = 0;
		while (b->n < PIPE_ROWS) {
			if ((rc = p->src->ops->read(p->src, &row, &b->fail)) <= 0) {
				last = 1;
				b->failed = rc < 0;
				break;
			}
			if (row.n > 0)          /* not a blank line */
				check_row(p, &row, &b->row[b->n++]);
		}
		b->last = last;
		b->bytes = p->src->ops->bytes(p->src);
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->count++;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

int pipe_start(struct pipe *p, struct source *src, const entity *ent,
    const struct column *cols, size_t ncols, enum io_date_order dates)
{
	int i, j;

	memset(p, 0, sizeof *p);
	p->src = src;
	p->dates = dates;
	p->ent = ent;
	p->cols = cols;
	p->ncols = ncols;
	p->slot = xcalloc(PIPE_SLOTS, sizeof *p->slot);
	for (i = 0; i < PIPE_SLOTS; i++)
		for (j = 0; j < PIPE_ROWS; j++) {
			p->slot[i].row[j].v = xcalloc((size_t)ent->nfields + 1,
			    sizeof (char *));
			p->slot[i].row[j].given = xcalloc((size_t)ent->nfields + 1,
			    1);
			p->slot[i].row[j].ext = xcalloc(2 * (size_t)ent->nfields + 1,
			    sizeof (char *));
		}
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
			for (k = 0; k < 2 * p->ent->nfields; k++)
				free(pr->ext[k]);
			free(pr->ext);
			free(pr->rid);
			free(pr->gid);
			free(pr->v);
			free(pr->given);
			sb_free(&pr->probs);
		}
	free(p->slot);
	p->slot = NULL;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->drained);
}
