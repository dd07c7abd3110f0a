/* view_help.c - every key of the key table, by context, and the notes on
 * bidi modes, PuTTY and tmux. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct help {
	struct view v;          /* base */
	char **lines;           /* the text */
	int n;                  /* line count */
	int top;                /* first line shown */
};

static void help_add(struct help *h, const char *s)
{
	h->lines = xreallocarray(h->lines, (size_t)h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = xstrdup(s);
}

static void help_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct help *h = (struct help *)v;
	int i, rows = getmaxy(w);

	for (i = 0; i < rows && h->top + i < h->n; i++)
		ui_text(a, w, i, 1, getmaxx(w) - 2, h->lines[h->top + i], DIR_LTR,
		    TEXT_LEFT);
}

static int help_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct help *h = (struct help *)v;
	int page = getmaxy(a->body) - 1;

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		h->top -= h->top > 0;
		return 1;
	case ACT_DOWN:
		h->top += h->top + page < h->n;
		return 1;
	case ACT_PGUP:
		h->top = h->top > page ? h->top - page : 0;
		return 1;
	case ACT_PGDN:
		if (h->top + page < h->n)
			h->top += page;
		return 1;
	case ACT_HOME:
		h->top = 0;
		return 1;
	case ACT_END:
		h->top = h->n > page ? h->n - page : 0;
		return 1;
	case ACT_HELP:
		return 1;
	default:
		return 0;
	}
}

static void help_close(struct view *v)
{
	struct help *h = (struct help *)v;
	int i;

	for (i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static const struct view_ops help_ops = {"help", help_draw, help_key, help_close};

struct view *help_open(struct app *a, unsigned ctx)
{
	static const struct { unsigned ctx; const char *name; } sections[] = {
		{CTX_MENU, N_("Main menu")}, {CTX_LIST, N_("Lists")},
		{CTX_SEARCH, N_("Searching a list")}, {CTX_FORM, N_("Forms")},
		{CTX_PICKER, N_("Choosing from a list")},
		{CTX_RECORD, N_("Cohort and agreement views")},
		{CTX_SIMILAR | CTX_TAKEN, N_("Possible duplicates (when saving)")},
		{CTX_SETTINGS | CTX_PATH, N_("Settings, Import/Export (PgUp/PgDn "
		    "scroll its problem list)")},
		{CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, N_("History (h, "
		    "F6 in a form) and deleted records (D)")},
		{CTX_REPORT, N_("Reports")},
	};
	struct help *h = xcalloc(1, sizeof *h);
	const struct keydef *k;
	char buf[256];
	size_t s;

	(void)a;
	h->v.ops = &help_ops;
	h->v.ctx = CTX_HELP;
	snprintf(h->v.title, sizeof h->v.title, "%s", _("Help"));
	for (s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		snprintf(buf, sizeof buf, "%s%s", _(sections[s].name),
		    sections[s].ctx & ctx ? _("  (this screen)") : "");
		help_add(h, buf);
		for (k = ui_keys; k->act != ACT_NONE; k++) {
			if (!(k->ctx & sections[s].ctx))
				continue;
			snprintf(buf, sizeof buf, "  %-12s %s", k->label, _(k->help));
			help_add(h, buf);
		}
		help_add(h, "");
	}
	/* lines of at most 76 columns: nothing cut on an 80-column screen */
	help_add(h, _("Arabic display (Settings, --bidi, $DAFTAR_BIDI):"));
	help_add(h, _("  app: daftar orders and shapes Arabic itself and switches "
	    "the terminal"));
	help_add(h, _("       to explicit mode. PuTTY needs Window > Translation: "
	    "tick"));
	help_add(h, _("       \"Disable bidirectional text display\" and "
	    "\"Disable Arabic text"));
	help_add(h, _("       shaping\"."));
	help_add(h, _("  terminal: text goes out in logical order and the terminal "
	    "reorders it"));
	help_add(h, _("       (PuTTY, Konsole, mlterm, macOS Terminal at their "
	    "defaults)."));
	help_add(h, _("  Inside tmux, the mode switch reaches your terminal only "
	    "with:"));
	help_add(h, "       set -g allow-passthrough on");
	return &h->v;
}
