/* cli_history.c - `daftar history ENTITY ID|GID [--tsv]`: a record's
 * history, newest step first, as the history screen shows it (when, who,
 * what, each field's value before and after); also for a deleted record.
 * `daftar history ENTITY --deleted [--tsv]`: the deleted records of an
 * entity, to restore.  `daftar restore ENTITY ID`: bring one back.
 *
 * Output is for people and scripts alike, one stable layout: values are
 * sanitised (no control or bidi-override character reaches the
 * terminal).  --tsv: one line per changed field (or per step that
 * changed none), tab-separated, stored values, tab/newline/backslash
 * escaped as \t \n \\, with a header line.  Exit 0, 1 when there is no
 * such record or the restore is refused, 2 for bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/cli.h"
#include "daftar/io.h"
#include "daftar/store.h"
#include "daftar/text.h"
#include "daftar/util.h"

#define HISTORY_USAGE "history ENTITY ID|GID [--tsv] | history ENTITY " \
	"--deleted [--tsv]"
#define RESTORE_USAGE "restore ENTITY ID"
#define LABEL_COLS 28           /* widest field label column */
#define DELETED_PAGE 500        /* deleted records read at a time */

static int usage(const char *cmd, const char *use, const char *why,
    const char *arg)
{
	fprintf(stderr, "daftar %s: ", cmd);
	fprintf(stderr, why, arg);
	fprintf(stderr, _("; usage: daftar [-d FILE] %s\n"), use);
	return EXIT_USAGE;
}

/* Print s sanitised (NULL as empty). */
static void put_clean(const char *s)
{
	char *c = text_sanitize(s ? s : "", 0);

	fputs(c, stdout);
	free(c);
}

/* Print s for a TSV cell: sanitised, then tab, newline and backslash
 * escaped. */
static void put_cell(const char *s)
{
	char *c = text_sanitize(s ? s : "", 1), *p;

	for (p = c; *p; p++)
		if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*p);
	free(c);
}

/* A value in quotes, sanitised, or "(empty)". */
static void put_value(const char *v)
{
	if (v == NULL) {
		fputs(_("(empty)"), stdout);
		return;
	}
	putchar('"');
	put_clean(v);
	putchar('"');
}

/* A field's label for the history, from the model or its column name. */
static const char *change_label(const history *h, const history_change *c)
{
	return c->field >= 0 ? field_label(&h->ent->fields[c->field]) : c->name;
}

/* "  Label:   before -> after" with the labels of a step in one column. */
static void print_change(const history *h, const history_change *c,
    int cols)
{
	char *lab = xasprintf("%s:", change_label(h, c));
	char *fit = text_fit(lab, cols + 1, TEXT_LEFT);

	printf("    %s ", fit);
	put_value(c->before_text);
	fputs(" -> ", stdout);
	put_value(c->after_text);
	putchar('\n');
	free(fit);
	free(lab);
}

static void print_text(const history *h)
{
	int i, k, cols;

	printf("%s #%lld", entity_label(h->ent), h->id);
	if (h->label != NULL) {
		fputs(" \"", stdout);
		put_clean(h->label);
		putchar('"');
	}
	printf(_(", global id %s, %s\n"), h->gid ? h->gid : "-",
	    h->now ? _("present") : _("deleted"));
	for (i = 0; i < h->n; i++) {
		const history_step *p = &h->steps[i];
		printf("%s UTC  ", p->at);
		put_clean(p->user);
		printf("  %s", store_action_label(p->action));
		if (p->note != NULL) {
			fputs(" (", stdout);
			put_clean(p->note);
			putchar(')');
		}
		printf("  [audit #%lld]\n", p->audit_id);
		for (k = 0, cols = 0; k < p->nchanges; k++) {
			int w = text_width(change_label(h, &p->changes[k]));
			cols = w > cols ? w : cols;
		}
		cols = cols > LABEL_COLS ? LABEL_COLS : cols;
		for (k = 0; k < p->nchanges; k++)
			print_change(h, &p->changes[k], cols);
	}
	if (h->unaudited_start) {
		printf("%s UTC  ", h->created_at ? h->created_at : "?");
		put_clean(h->created_by);
		printf("  %s\n", _("created (no values recorded: a batch or older "
		    "data)"));
	}
	if (h->truncated)
		printf("%s\n", _("(older steps left out)"));
}

static void print_tsv(const history *h)
{
	int i, k;

	fputs("audit_id\tat\tuser\taction\tfield\tbefore\tafter\tnote\n", stdout);
	for (i = 0; i < h->n; i++) {
		const history_step *p = &h->steps[i];
		for (k = 0; k == 0 || k < p->nchanges; k++) {
			printf("%lld\t%s\t", p->audit_id, p->at);
			put_cell(p->user);
			printf("\t%s\t", store_action_name(p->action));
			if (k < p->nchanges) {
				put_cell(p->changes[k].name);
				putchar('\t');
				put_cell(p->changes[k].before);
				putchar('\t');
				put_cell(p->changes[k].after);
			} else
				fputs("\t\t", stdout);
			putchar('\t');
			put_cell(p->note);
			putchar('\n');
		}
	}
}

/* The deleted records of ent, newest delete first. */
static int print_deleted(store *s, const entity *ent, int tsv)
{
	deleted_row *rows;
	long long before = 0, total = 0;
	dferr e = {0, ""};
	int n, i;

	if (tsv)
		fputs("id\tgid\tdeleted_at\tdeleted_by\tname\n", stdout);
	do {
		if (store_deleted_page(s, ent, -1, NULL, before, DELETED_PAGE,
		    &rows, &n, &e) != ST_OK) {
			fprintf(stderr, "daftar history: %s\n", e.msg);
			return EXIT_REFUSED;
		}
		for (i = 0; i < n; i++, total++) {
			if (tsv) {
				printf("%lld\t%s\t%s\t", rows[i].id, rows[i].gid ?
				    rows[i].gid : "", rows[i].at);
				put_cell(rows[i].user);
				putchar('\t');
				put_cell(rows[i].label);
			} else {
				printf("%s #%lld  ", entity_label(ent), rows[i].id);
				putchar('"');
				put_clean(rows[i].label);
				printf(_("\"  deleted %s UTC by "), rows[i].at);
				put_clean(rows[i].user);
				printf(_("  global id %s"), rows[i].gid ? rows[i].gid :
				    "-");
			}
			putchar('\n');
		}
		if (n > 0)
			before = rows[n - 1].audit_id;
		store_deleted_free(rows, n);
	} while (n == DELETED_PAGE);
	if (!tsv)
		fprintf(stderr, ngettext("%lld deleted %s record to restore "
		    "(daftar restore %s ID)\n", "%lld deleted %s records to "
		    "restore (daftar restore %s ID)\n", (unsigned long)total),
		    total, ent->name, ent->name);
	return EXIT_DONE;
}

/* The record named by text: a number, or a global id. */
static int record_id(store *s, const entity *ent, const char *text,
    long long *id, const char **gid)
{
	dferr e = {0, ""};

	*gid = NULL;
	if (text_parse_int(text, id) == 0 && *id > 0)
		return EXIT_DONE;
	if (strlen(text) == 36 && strchr(text, '-') != NULL) {
		if (store_find_gid(s, ent, text, id, &e) != ST_OK) {
			fprintf(stderr, "daftar history: %s\n", e.msg);
			return EXIT_REFUSED;
		}
		*gid = text;
		return EXIT_DONE;
	}
	return usage("history", HISTORY_USAGE, _("'%s' is neither a record "
	    "number nor a global id"), text);
}

static int cmd_history(int argc, char **argv, const struct cli_globals *g)
{
	const char *ename = NULL, *which = NULL, *gid;
	int tsv = 0, deleted = 0, i, rc;
	const entity *ent;
	history *h = NULL;
	dferr e = {0, ""};
	store *s = NULL;
	long long id;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--tsv") == 0)
			tsv = 1;
		else if (strcmp(argv[i], "--deleted") == 0)
			deleted = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage("history", HISTORY_USAGE, _("unknown option %s"),
			    argv[i]);
		else if (ename == NULL)
			ename = argv[i];
		else if (which == NULL)
			which = argv[i];
		else
			return usage("history", HISTORY_USAGE,
			    _("unexpected argument '%s'"), argv[i]);
	if (ename == NULL || (which == NULL) != deleted)
		return usage("history", HISTORY_USAGE, deleted ? _("--deleted "
		    "lists an entity's deleted records: give no record%s") :
		    _("name an entity and a record%s"), "");
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	if ((ent = io_entity(store_model(s), ename)) == NULL) {
		store_close(s);
		return usage("history", HISTORY_USAGE, _("there is nothing called "
		    "'%s'"), ename);
	}
	if (deleted)
		rc = print_deleted(s, ent, tsv);
	else if ((rc = record_id(s, ent, which, &id, &gid)) == EXIT_DONE) {
		if (store_history(s, ent, id, gid, &h, &e) != ST_OK) {
			fprintf(stderr, "daftar history: %s\n", e.msg);
			rc = EXIT_REFUSED;
		} else if (tsv)
			print_tsv(h);
		else
			print_text(h);
	}
	history_free(h);
	store_close(s);
	return rc;
}

static int cmd_restore(int argc, char **argv, const struct cli_globals *g)
{
	const entity *ent;
	dferr e = {0, ""};
	store *s = NULL;
	char *dropped = NULL;
	long long id;
	int rc;

	if (argc != 3)
		return usage("restore", RESTORE_USAGE, _("name an entity and a "
		    "record number%s"), "");
	if (text_parse_int(argv[2], &id) != 0 || id <= 0)
		return usage("restore", RESTORE_USAGE, _("'%s' is not a record "
		    "number"), argv[2]);
	if ((rc = cli_open(g, 0, &s)) != EXIT_DONE)
		return rc;
	if ((ent = io_entity(store_model(s), argv[1])) == NULL) {
		store_close(s);
		return usage("restore", RESTORE_USAGE, _("there is nothing called "
		    "'%s'"), argv[1]);
	}
	if (store_restore(s, ent, id, &dropped, &e) != ST_OK) {
		fprintf(stderr, "daftar restore: %s\n", e.msg);
		rc = EXIT_REFUSED;
	} else {
		printf(_("restored %s #%lld\n"), ent->name, id);
		if (dropped != NULL)
			fprintf(stderr, _("daftar restore: links to records deleted "
			    "since were left empty: %s\n"), dropped);
	}
	free(dropped);
	store_close(s);
	return rc;
}

CLI_COMMAND(history, "history", cmd_history, HISTORY_USAGE,
    N_("a record's history (when, who, what, each field before and after), "
    "deleted records too; --deleted lists those of an entity"))
CLI_COMMAND(restore, "restore", cmd_restore, RESTORE_USAGE,
    N_("bring back a deleted record with its id and global id"))
