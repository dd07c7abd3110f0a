/* view_menu.c - the main menu: the entities in menu order with digit
 * hotkeys, then Reports, Import/Export, Settings, Quit. */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* One menu line. */
struct item {
	char key;               /* hotkey */
	const char *label;      /* shown */
	const entity *ent;      /* list to open, or NULL for the others */
};

struct menu {
	struct view v;          /* base */
	struct item items[20];  /* the lines */
	int n;                  /* how many */
	int sel;                /* selected line */
};

static void menu_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct menu *m = (struct menu *)v;
	int i, y0 = 1, x = 4, cols = getmaxx(w) - 8;
	char buf[160];

	for (i = 0; i < m->n; i++) {
		snprintf(buf, sizeof buf, " %c  %s", m->items[i].key, m->items[i].label);
		if (i == m->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		ui_text(a, w, y0 + i, x, cols < 40 ? cols : 40, buf, DIR_LTR, TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
}

/* Do what line i says. */
static void menu_choose(struct menu *m, struct app *a, int i)
{
	m->sel = i;
	if (m->items[i].ent != NULL) {
		app_push(a, list_open(a, m->items[i].ent));
		return;
	}
	switch (m->items[i].key) {
	case 'S':
		app_push(a, settings_open(a));
		break;
	case 'R':
		app_push(a, report_open(a));
		break;
	case 'I':
		app_push(a, io_open(a, NULL, NULL, NULL));
		break;
	case 'Q':
		a->quit = 1;
		break;
	default:
		app_status(a, 0, _("%s: not available yet in this version"),
		    m->items[i].label);
		break;
	}
}

static int menu_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct menu *m = (struct menu *)v;
	int i;

	if (!is_key && ch < 128)
		for (i = 0; i < m->n; i++)
			if (m->items[i].key == (char)ch ||
			    (ch >= 'a' && ch <= 'z' && m->items[i].key == (char)(ch - 32))) {
				menu_choose(m, a, i);
				return 1;
			}
	switch (act) {
	case ACT_UP:
		m->sel = (m->sel + m->n - 1) % m->n;
		return 1;
	case ACT_DOWN:
		m->sel = (m->sel + 1) % m->n;
		return 1;
	case ACT_OPEN:
		menu_choose(m, a, m->sel);
		return 1;
	default:
		return 0;
	}
}

static void menu_close(struct view *v)
{
	free(v);
}

static const struct view_ops menu_ops = {"menu", menu_draw, menu_key, menu_close};

struct view *menu_open(struct app *a)
{
	struct menu *m = xcalloc(1, sizeof *m);
	const model *mo = store_model(a->st);
	int i;

	m->v.ops = &menu_ops;
	m->v.ctx = CTX_MENU;
	snprintf(m->v.title, sizeof m->v.title, "%s", _("Main menu"));
	for (i = 0; i < mo->nents && m->n < 9; i++) {
		if (mo->ents[i].menu_order < 1 || mo->ents[i].menu_order > 9)
			continue;
		m->items[m->n].key = (char)('0' + mo->ents[i].menu_order);
		m->items[m->n].label = entity_label(&mo->ents[i]);
		m->items[m->n].ent = &mo->ents[i];
		m->n++;
	}
	m->items[m->n++] = (struct item){'R', _("Reports"), NULL};
	m->items[m->n++] = (struct item){'I', _("Import/Export"), NULL};
	m->items[m->n++] = (struct item){'S', _("Settings"), NULL};
	m->items[m->n++] = (struct item){'Q', _("Quit"), NULL};
	return &m->v;
}
