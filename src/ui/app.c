/* app.c - the app shell: one event loop over a stack of views; header,
 * status line and footer; redraw from dirty flags with werase/wnoutrefresh/
 * doupdate; KEY_RESIZE and the too-small screen in one place; signals that
 * leave the terminal restored; the terminal's bidi mode. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "daftar/cli.h"
#include "ui.h"

#define MIN_COLS 60
#define MIN_LINES 16

static volatile sig_atomic_t got_term;  /* SIGTERM/SIGHUP: leave */
static volatile sig_atomic_t got_tstp;  /* Ctrl-Z: suspend */
static volatile sig_atomic_t got_int;   /* Ctrl-C: explain, don't die */
static int bidi_explicit;               /* we switched the terminal */
static int curses_up;                   /* initscr done, endwin not */

/* Tell the terminal to show cells as written (app mode) or go back to its
 * default: CSI 8 l / CSI 1 SP k and CSI 8 h / CSI 0 SP k. */
static void bidi_terminal(int explicit)
{
	if (explicit == bidi_explicit)
		return;
	fputs(explicit ? "\033[8l\033[1 k" : "\033[8h\033[0 k", stdout);
	fflush(stdout);
	bidi_explicit = explicit;
}

void app_set_bidi(struct app *a, enum text_bidi_mode mode)
{
	a->bidi = mode;
	bidi_terminal(mode == BIDI_APP);
	clearok(curscr, TRUE);          /* every cell again, in the new order */
}

/* Ctrl-S saves and Ctrl-Q is free: take XON/XOFF away from the tty
 * driver (it would freeze the screen, worst over SSH) in program mode. */
static void no_flow_control(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();        /* refresh after endwin restores this */
	}
}

/* Restore the terminal: used on exit, by the fatal hook, on suspend. */
static void app_restore(void)
{
	if (curses_up) {
		bidi_terminal(0);
		endwin();
		curses_up = 0;
	}
}

static void on_signal(int sig)
{
	if (sig == SIGTSTP)
		got_tstp = 1;
	else if (sig == SIGINT)
		got_int = 1;
	else
		got_term = 1;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;      /* no SA_RESTART: reads return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

attr_t app_attr(const struct app *a, enum ui_pair p)
{
	if (a->color)
		return COLOR_PAIR(p) | (p == PAIR_ERROR || p == PAIR_HEADER ?
		    A_BOLD : 0);
	switch (p) {
	case PAIR_HEADER:
	case PAIR_SELECT:
		return A_REVERSE;
	case PAIR_ERROR:
		return A_BOLD;
	default:
		return A_NORMAL;
	}
}

void app_status(struct app *a, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_err = err;
	a->status_seq++;
}

void app_ask(struct app *a, int (*fn)(struct app *, int yes), void *data,
    const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	n = strlen(a->status);
	snprintf(a->status + n, sizeof a->status - n, " %s", _("(y/n)"));
	a->status_err = 0;
	a->confirm = fn;
	a->confirm_data = data;
}

void app_push(struct app *a, struct view *v)
{
	if (v == NULL)
		return;
	if (a->depth == UI_MAX_DEPTH) {
		v->ops->close(v);
		app_status(a, 1, "%s", _("Too many screens open: press Esc to go back"));
		return;
	}
	a->stack[a->depth++] = v;
	v->dirty = 1;
}

void app_pop(struct app *a)
{
	struct view *v;

	if (a->depth == 0)
		return;
	v = a->stack[--a->depth];
	v->ops->close(v);
	if (a->depth > 0)
		a->stack[a->depth - 1]->dirty = 1;
	else
		a->quit = 1;
}

void ui_text(struct app *a, WINDOW *w, int y, int x, int cols,
    const char *s, enum text_dir dir, enum text_align align)
{
	char *san, *fit, *vis;

	if (cols <= 0)
		return;
	san = text_sanitize(s, 0);
	fit = text_fit(san, cols, align);
	vis = a->bidi == BIDI_APP ? text_visual(fit, dir, BIDI_APP, NULL) : fit;
	mvwaddstr(w, y, x, vis);
	if (vis != fit)
		free(vis);
	free(fit);
	free(san);
}

/* (Re)make the body window for the current size. */
static void app_layout(struct app *a)
{
	a->too_small = COLS < MIN_COLS || LINES < MIN_LINES;
	if (a->body != NULL)
		delwin(a->body);
	a->body = a->too_small ? NULL : newwin(LINES - 3, COLS, 1, 0);
	if (a->body != NULL)
		keypad(a->body, TRUE);
}

/* Header, status line and footer on stdscr; the top view in the body. */
static void app_draw(struct app *a)
{
	struct view *v = a->stack[a->depth - 1];
	char buf[512];
	const char *db = strrchr(a->dbpath, '/');

	werase(stdscr);
	if (a->too_small) {
		mvaddstr(0, 0, _("Terminal too small"));
		snprintf(buf, sizeof buf, _("need %dx%d, have %dx%d"), MIN_COLS,
		    MIN_LINES, COLS, LINES);
		mvaddstr(1, 0, buf);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	snprintf(buf, sizeof buf, " daftar | %s | %s | %s", db ? db + 1 : a->dbpath,
	    util_user(), v->title);
	attrset(app_attr(a, PAIR_HEADER));
	mvhline(0, 0, ' ', COLS);
	ui_text(a, stdscr, 0, 0, COLS, buf, DIR_LTR, TEXT_LEFT);
	attrset(a->status_err ? app_attr(a, PAIR_ERROR) : A_NORMAL);
	ui_text(a, stdscr, LINES - 2, 0, COLS, a->status, DIR_AUTO, TEXT_LEFT);
	attrset(app_attr(a, PAIR_HEADER));
	keys_footer(v->ctx, buf, sizeof buf);
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_text(a, stdscr, LINES - 1, 0, COLS - 1, buf, DIR_LTR, TEXT_LEFT);
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	werase(a->body);
	v->cursor_y = v->cursor_x = -1;
	v->ops->draw(v, a, a->body);
	if (v->cursor_y >= 0) {
		wmove(a->body, v->cursor_y, v->cursor_x);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(a->body);
	doupdate();
	v->dirty = 0;
}

/* Ctrl-Z: give the terminal back, stop, and take it again on return. */
static void app_suspend(struct app *a)
{
	app_restore();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* continued (SIGCONT) */
	install_signals();
	refresh();
	curses_up = 1;
	bidi_terminal(a->bidi == BIDI_APP);
	clearok(curscr, TRUE);
}

static void app_colors(struct app *a, int want)
{
	const char *nc = getenv("NO_COLOR");

	a->color = want && has_colors() && (nc == NULL || nc[0] == '\0');
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_LABEL, COLOR_CYAN, -1);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
}

/* Which bidi mode: --bidi, $DAFTAR_BIDI, the config file, else ask. */
static int choose_bidi(const struct cli_globals *g, struct ui_config *cfg,
    enum text_bidi_mode *mode)
{
	const char *m = g->bidi ? g->bidi : getenv("DAFTAR_BIDI");
	char err[256];
	int c;

	if (m != NULL && m[0] != '\0') {
		if (strcmp(m, "app") != 0 && strcmp(m, "terminal") != 0) {
			fprintf(stderr, _("daftar: bidi mode must be app or terminal, "
			    "not \"%s\"\n"), m);
			return -1;
		}
		*mode = strcmp(m, "app") == 0 ? BIDI_APP : BIDI_TERMINAL;
		return 0;
	}
	if (cfg->bidi_set) {
		*mode = cfg->bidi;
		return 0;
	}
	if (!isatty(STDIN_FILENO) || (c = calibrate_run()) < 0) {
		*mode = BIDI_APP;
		return 0;
	}
	cfg->bidi = *mode = c ? BIDI_TERMINAL : BIDI_APP;
	cfg->bidi_set = 1;
	if (config_save(cfg, err, sizeof err) != 0)
		fprintf(stderr, "daftar: %s\n", err);
	return 0;
}

static void app_key_dispatch(struct app *a, struct view *v, wint_t ch,
    int is_key, enum action act);

/* Handle one key: a pending question first, then the top view, then the
 * keys that work everywhere. */
static void app_key(struct app *a, wint_t ch, int is_key)
{
	struct view *v = a->stack[a->depth - 1];
	enum action act = keys_action(ch, is_key, v->ctx);
	unsigned seq = a->status_seq;
	int depth = a->depth;

	app_key_dispatch(a, v, ch, is_key, act);
	/* a message belongs to the view it was said in: going to another
	 * view by this key, without a new message, clears it */
	if (a->depth != depth && a->status_seq == seq)
		a->status[0] = '\0';
}

/* Mark the view now on top for drawing (the one that took a key may have
 * closed itself meanwhile). */
static void top_dirty(struct app *a)
{
	if (a->depth > 0)
		a->stack[a->depth - 1]->dirty = 1;
}

/* app_key's work: a pending question, the top view, then the keys that
 * work everywhere. */
static void app_key_dispatch(struct app *a, struct view *v, wint_t ch,
    int is_key, enum action act)
{
	if (a->confirm != NULL) {
		int (*fn)(struct app *, int) = a->confirm;
		a->confirm = NULL;
		a->status[0] = '\0';
		fn(a, !is_key && (ch == 'y' || ch == 'Y' || ch == L'ن'));
		top_dirty(a);
		return;
	}
	if (v->ops->key(v, a, ch, is_key, act)) {
		top_dirty(a);   /* v itself may have closed (a picker's Enter) */
		return;
	}
	switch (act) {
	case ACT_HELP:
		app_push(a, help_open(a, v->ctx));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		v->dirty = 1;
		break;
	case ACT_BACK:
	case ACT_QUIT:
		app_pop(a);
		break;
	default:
		break;
	}
}

static int ui_main(int argc, char **argv, const struct cli_globals *g)
{
	struct app a;
	struct ui_config cfg;
	dferr e = {0};
	wint_t ch;
	int rc;

	(void)argc;
	(void)argv;
	memset(&a, 0, sizeof a);
	a.dbpath = g->db_path;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("daftar: the full-screen program needs a "
		    "terminal; use a command instead (see daftar --help)\n"));
		return EXIT_USAGE;
	}
	if (store_open(g->db_path, STORE_CREATE | STORE_MIGRATE, &a.st, &e) != ST_OK) {
		fprintf(stderr, "daftar: %s\n", e.msg);
		return EXIT_REFUSED;
	}
	config_load(&cfg);
	if (choose_bidi(g, &cfg, &a.bidi) != 0) {
		store_close(a.st);
		return EXIT_USAGE;
	}
	a.date_style = cfg.date_style;
	store_set_date_style(a.st, a.date_style);
	install_signals();
	util_set_fatal_hook(app_restore);
	initscr();
	curses_up = 1;
	cbreak();
	no_flow_control();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(100);     /* ESC alone vs a key sequence split by a slow link */
	app_colors(&a, cfg.color);
	refresh();                      /* enter the alternate screen first */
	bidi_terminal(a.bidi == BIDI_APP);
	app_layout(&a);
	app_push(&a, menu_open(&a));
	while (!a.quit && !got_term) {
		if (a.stack[a.depth - 1]->dirty || a.too_small)
			app_draw(&a);
		rc = wget_wch(stdscr, &ch);
		if (got_tstp) {
			got_tstp = 0;
			app_suspend(&a);
			a.stack[a.depth - 1]->dirty = 1;
			continue;
		}
		if (got_int) {
			got_int = 0;
			app_status(&a, 0, "%s", _("To leave, go back to the main menu "
			    "(Esc) and press q"));
			a.stack[a.depth - 1]->dirty = 1;
			continue;
		}
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			app_layout(&a);
			a.stack[a.depth - 1]->dirty = 1;
			continue;
		}
		if (a.too_small)
			continue;
		app_key(&a, ch, rc == KEY_CODE_YES);
	}
	while (a.depth > 0)
		app_pop(&a);
	if (a.body != NULL)
		delwin(a.body);
	app_restore();
	util_set_fatal_hook(NULL);
	store_close(a.st);
	return EXIT_DONE;
}

CLI_COMMAND(ui, "ui", ui_main, "ui", N_("the full-screen program (the default)"))
