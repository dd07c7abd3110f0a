/* view_settings.c - bidi mode, date format, colour; saved per user. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct settings {
	struct view v;          /* base */
	struct ui_config cfg;   /* being edited */
	int sel;                /* selected line */
};

static const char *const date_labels[] = {
	N_("day/month/year (22/09/2025)"), N_("ISO (2025-09-22)"),
	N_("Arabic months (22 شتنبر 2025)"), N_("French months (22 septembre 2025)")
};

static void settings_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct settings *s = (struct settings *)v;
	char buf[3][200];
	char *sample = text_visual("سلام 123 abc", DIR_AUTO, BIDI_APP, NULL);
	int i;

	snprintf(buf[0], sizeof buf[0], "%-22s %s", _("Arabic display (bidi)"),
	    s->cfg.bidi == BIDI_APP ? _("app: daftar reorders") :
	    _("terminal: the terminal reorders"));
	snprintf(buf[1], sizeof buf[1], "%-22s %s", _("Dates"),
	    _(date_labels[s->cfg.date_style]));
	snprintf(buf[2], sizeof buf[2], "%-22s %s", _("Colour"),
	    s->cfg.color ? _("on") : _("off"));
	for (i = 0; i < 3; i++) {
		if (i == s->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		ui_text(a, w, 1 + i, 2, getmaxx(w) - 4, buf[i], DIR_LTR, TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
	ui_text(a, w, 5, 2, getmaxx(w) - 4, _("Enter changes the selected "
	    "setting; Esc saves and goes back."), DIR_LTR, TEXT_LEFT);
	ui_text(a, w, 7, 2, getmaxx(w) - 4, _("Which line reads correctly on "
	    "this terminal?"), DIR_LTR, TEXT_LEFT);
	mvwaddstr(w, 8, 4, "app:      ");
	waddstr(w, sample);
	mvwaddstr(w, 9, 4, "terminal: ");
	waddstr(w, "سلام 123 abc");
	free(sample);
}

static int settings_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct settings *s = (struct settings *)v;
	char err[256];

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		s->sel = (s->sel + 2) % 3;
		return 1;
	case ACT_DOWN:
		s->sel = (s->sel + 1) % 3;
		return 1;
	case ACT_OPEN:
		if (s->sel == 0) {
			s->cfg.bidi = s->cfg.bidi == BIDI_APP ? BIDI_TERMINAL : BIDI_APP;
			s->cfg.bidi_set = 1;
			app_set_bidi(a, s->cfg.bidi);
		} else if (s->sel == 1)
			s->cfg.date_style = (enum text_date_style)((s->cfg.date_style + 1) % 4);
		else
			s->cfg.color = !s->cfg.color;
		return 1;
	case ACT_BACK:
		if (config_save(&s->cfg, err, sizeof err) != 0)
			app_status(a, 1, "%s", err);
		else
			app_status(a, 0, "%s", _("Settings saved; colour applies "
			    "from the next start"));
		a->date_style = s->cfg.date_style;
		store_set_date_style(a->st, a->date_style);
		app_pop(a);
		return 1;
	default:
		return 0;
	}
}

static void settings_close(struct view *v)
{
	free(v);
}

static const struct view_ops settings_ops = {"settings", settings_draw,
    settings_key, settings_close};

struct view *settings_open(struct app *a)
{
	struct settings *s = xcalloc(1, sizeof *s);

	s->v.ops = &settings_ops;
	s->v.ctx = CTX_SETTINGS;
	snprintf(s->v.title, sizeof s->v.title, "%s", _("Settings"));
	config_load(&s->cfg);
	if (!s->cfg.bidi_set)
		s->cfg.bidi = a->bidi;
	return &s->v;
}
