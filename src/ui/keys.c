/* keys.c - the one key table: action <-> keys, per context.  The footer
 * and the help screen are generated from it.  Every F-key has a Ctrl- or
 * letter twin, because some SSH clients swallow F-keys. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

#define CTRL(c) ((c) & 0x1f)

const struct keydef ui_keys[] = {
	{ACT_OPEN, CTX_MENU | CTX_LIST | CTX_PICKER | CTX_SEARCH | CTX_SETTINGS, {'\n', '\r', KEY_ENTER}, "Enter", N_("open"), 1},
	{ACT_NEXT, CTX_FORM | CTX_PATH, {'\n', '\r', '\t', KEY_ENTER}, "Enter/Tab", N_("next field"), 1},
	{ACT_PREV, CTX_FORM | CTX_PATH, {KEY_BTAB, KEY_UP}, "S-Tab/Up", N_("previous field"), 0},
	{ACT_SAVE, CTX_FORM, {CTRL('s')}, "^S", N_("save"), 2},
	{ACT_NEW, CTX_LIST, {'n'}, "n", N_("new record"), 2},
	{ACT_SEARCH, CTX_LIST, {'/'}, "/", N_("search"), 3},
	{ACT_DELETE, CTX_LIST, {'d', KEY_DC}, "d", N_("delete"), 6},
	{ACT_SORT, CTX_LIST, {'s'}, "s", N_("sort by next column"), 7},
	{ACT_REVERSE, CTX_LIST, {'r'}, "r", N_("reverse the order"), 0},
	{ACT_FILTER, CTX_LIST, {'f'}, "f", N_("filter by a field"), 8},
	{ACT_UNFILTER, CTX_LIST, {'F'}, "F", N_("clear the filter"), 0},
	{ACT_PICK, CTX_FORM, {KEY_F(2), CTRL('p')}, "F2/^P", N_("choose from a list"), 3},
	{ACT_RELOAD, CTX_FORM, {CTRL('r')}, "^R", N_("reload, keeping your edits"), 0},
	{ACT_UP, CTX_MENU | CTX_LIST | CTX_HELP | CTX_SETTINGS, {KEY_UP, 'k'}, "Up", N_("move up"), 0},
	{ACT_DOWN, CTX_MENU | CTX_LIST | CTX_HELP | CTX_SETTINGS, {KEY_DOWN, 'j'}, "Down", N_("move down"), 0},
	{ACT_PGUP, CTX_LIST | CTX_HELP, {KEY_PPAGE, CTRL('b')}, "PgUp/^B", N_("page up"), 0},
	{ACT_PGDN, CTX_LIST | CTX_HELP, {KEY_NPAGE, CTRL('f'), ' '}, "PgDn/^F", N_("page down"), 0},
	{ACT_HOME, CTX_LIST | CTX_HELP, {KEY_HOME, 'g'}, "Home/g", N_("first row"), 0},
	{ACT_END, CTX_LIST | CTX_HELP, {KEY_END, 'G'}, "End/G", N_("last row"), 0},
	/* where letters are typed (form, search, picker): arrows only */
	{ACT_UP, CTX_PICKER | CTX_SEARCH, {KEY_UP}, "Up", N_("move up"), 0},
	{ACT_DOWN, CTX_PICKER | CTX_SEARCH | CTX_FORM | CTX_PATH, {KEY_DOWN}, "Down", N_("move down"), 0},
	{ACT_PGUP, CTX_PICKER | CTX_SEARCH, {KEY_PPAGE}, "PgUp", N_("page up"), 0},
	{ACT_PGDN, CTX_PICKER | CTX_SEARCH, {KEY_NPAGE}, "PgDn", N_("page down"), 0},
	{ACT_LEFT, CTX_FORM | CTX_SEARCH | CTX_PICKER | CTX_PATH, {KEY_LEFT}, "Left", N_("previous character on screen"), 0},
	{ACT_RIGHT, CTX_FORM | CTX_SEARCH | CTX_PICKER | CTX_PATH, {KEY_RIGHT}, "Right", N_("next character on screen"), 0},
	{ACT_LINE_START, CTX_FORM | CTX_SEARCH | CTX_PATH, {KEY_HOME, CTRL('a')}, "Home/^A", N_("start of the field"), 0},
	{ACT_LINE_END, CTX_FORM | CTX_SEARCH | CTX_PATH, {KEY_END, CTRL('e')}, "End/^E", N_("end of the field"), 0},
	{ACT_WORD_LEFT, CTX_FORM | CTX_SEARCH, {CTRL('w')}, "^W", N_("previous word"), 0},
	{ACT_KILL_END, CTX_FORM | CTX_SEARCH | CTX_PATH, {CTRL('k')}, "^K", N_("delete to the end"), 0},
	{ACT_KILL_START, CTX_FORM | CTX_SEARCH | CTX_PICKER | CTX_PATH, {CTRL('u')}, "^U", N_("delete to the start"), 0},
	{ACT_DEL_BACK, CTX_FORM | CTX_SEARCH | CTX_PICKER | CTX_PATH, {KEY_BACKSPACE, 127, CTRL('h')}, "Bksp", N_("delete before the cursor"), 0},
	{ACT_DEL_FWD, CTX_FORM | CTX_SEARCH | CTX_PATH, {KEY_DC, CTRL('d')}, "Del/^D", N_("delete at the cursor"), 0},
	{ACT_HELP, CTX_MENU | CTX_LIST | CTX_HELP | CTX_SETTINGS, {KEY_F(1), '?'}, "F1/?", N_("help"), 9},
	{ACT_HELP, CTX_FORM | CTX_PICKER | CTX_SEARCH | CTX_PATH, {KEY_F(1), CTRL('g')}, "F1/^G", N_("help"), 9},
	{ACT_SETTINGS, CTX_MENU, {'s', 'S'}, "S", N_("settings"), 0},
	{ACT_REDRAW, CTX_ALL | CTX_PATH, {CTRL('l')}, "^L", N_("redraw the screen"), 0},
	{ACT_BACK, (CTX_ALL & ~CTX_MENU) | CTX_PATH, {27, KEY_F(10)}, "Esc", N_("back"), 10},
	{ACT_QUIT, CTX_MENU, {'q', 'Q', 27, KEY_F(10)}, "q", N_("quit"), 10},
	{ACT_MARK, CTX_RECORD, {'m'}, "m", N_("mark or unmark the row"), 4},
	{ACT_MARK, CTX_PICKER, {'\t'}, "Tab", N_("mark several (enrolling)"), 0},
	{ACT_ENROLL, CTX_RECORD, {'e'}, "e", N_("enroll trainees (cohort)"), 3},
	{ACT_STATUS, CTX_RECORD, {'t'}, "t", N_("change status of marked rows"), 3},
	{ACT_EDIT_RECORD, CTX_RECORD, {'E'}, "E", N_("edit the record itself"), 5},
	{ACT_PARENT, CTX_RECORD, {'p'}, "p", N_("framework agreement above"), 0},
	{ACT_CHILDREN, CTX_RECORD, {'c'}, "c", N_("cohorts / specific agreements"), 0},
	{ACT_LINKS, CTX_LIST, {'l', KEY_F(5)}, "l/F5", N_("records linked to this one"), 0},
	{ACT_LINKS, CTX_FORM, {KEY_F(5), CTRL('o')}, "F5/^O", N_("records linked to this one"), 0},
	/* the Reports screen */
	{ACT_UP, CTX_REPORT, {KEY_UP, 'k'}, "Up", N_("previous report"), 0},
	{ACT_DOWN, CTX_REPORT, {KEY_DOWN, 'j'}, "Down", N_("next report"), 0},
	{ACT_PGUP, CTX_REPORT, {KEY_PPAGE, CTRL('b')}, "PgUp/^B", N_("scroll the table up"), 0},
	{ACT_PGDN, CTX_REPORT, {KEY_NPAGE, CTRL('f'), ' '}, "PgDn/^F", N_("scroll the table down"), 0},
	{ACT_REPORT_YEAR, CTX_REPORT, {'y'}, "y", N_("school year"), 2},
	{ACT_REPORT_REGION, CTX_REPORT, {'r'}, "r", N_("region"), 3},
	{ACT_REPORT_PROGRAMME, CTX_REPORT, {'p'}, "p", N_("programme"), 4},
	{ACT_UNFILTER, CTX_REPORT, {'F'}, "F", N_("clear the filters"), 5},
	{ACT_REPORT_ASCII, CTX_REPORT, {'a'}, "a", N_("bars in ASCII or in blocks"), 0},
	{ACT_EXPORT, CTX_REPORT, {'x'}, "x", N_("write the table and its chart to an XLSX file"), 6},
	{ACT_HELP, CTX_REPORT, {KEY_F(1), '?'}, "F1/?", N_("help"), 9},
	{ACT_REDRAW, CTX_REPORT, {CTRL('l')}, "^L", N_("redraw the screen"), 0},
	{ACT_BACK, CTX_REPORT, {27, KEY_F(10)}, "Esc", N_("back"), 10},
	{ACT_EXPORT, CTX_LIST, {'x'}, "x", N_("export this list (search and filter applied)"), 0},
	/* history and undo */
	{ACT_HISTORY, CTX_LIST, {'h'}, "h", N_("history of the record (undo, restore)"), 0},
	{ACT_HISTORY, CTX_FORM, {KEY_F(6), CTRL('t')}, "F6/^T", N_("history of this record (undo)"), 0},
	{ACT_HISTORY_RECORD, CTX_RECORD, {'H'}, "H", N_("history of the cohort or agreement itself"), 0},
	{ACT_DELETED, CTX_LIST, {'D'}, "D", N_("deleted records (to restore)"), 0},
	{ACT_UP, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_UP, 'k'}, "Up", N_("move up"), 0},
	{ACT_DOWN, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_DOWN, 'j'}, "Down", N_("move down"), 0},
	{ACT_PGUP, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_PPAGE, CTRL('b')}, "PgUp/^B", N_("page up"), 0},
	{ACT_PGDN, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_NPAGE, CTRL('f'), ' '}, "PgDn/^F", N_("page down"), 0},
	{ACT_HOME, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_HOME, 'g'}, "Home/g", N_("newest"), 0},
	{ACT_END, CTX_HISTORY | CTX_HISTORY_GONE, {KEY_END, 'G'}, "End/G", N_("oldest"), 0},
	{ACT_PUT_BACK, CTX_HISTORY, {'u'}, "u", N_("put the field back as it was before"), 2},
	{ACT_RESTORE, CTX_HISTORY_GONE | CTX_DELETED, {'r'}, "r", N_("restore the deleted record"), 2},
	{ACT_OPEN, CTX_DELETED, {'\n', '\r', KEY_ENTER}, "Enter", N_("its history"), 1},
	{ACT_HELP, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {KEY_F(1), '?'}, "F1/?", N_("help"), 9},
	{ACT_REDRAW, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {CTRL('l')}, "^L", N_("redraw the screen"), 0},
	{ACT_BACK, CTX_HISTORY | CTX_HISTORY_GONE | CTX_DELETED, {27, KEY_F(10)}, "Esc", N_("back"), 10},
	/* possible duplicates of a record being saved */
	{ACT_OPEN, CTX_SIMILAR | CTX_TAKEN, {'\n', '\r', KEY_ENTER}, "Enter", N_("open the existing record"), 1},
	{ACT_SAVE, CTX_SIMILAR, {CTRL('s')}, "^S", N_("save anyway (noted in the audit)"), 2},
	{ACT_SAVE, CTX_TAKEN, {CTRL('s')}, "^S", N_("refused while the value is taken"), 0},
	{ACT_LEFT, CTX_SIMILAR, {KEY_LEFT, KEY_UP}, "Left", N_("previous existing record"), 0},
	{ACT_RIGHT, CTX_SIMILAR, {KEY_RIGHT, KEY_DOWN}, "Right", N_("next existing record"), 0},
	{ACT_HELP, CTX_SIMILAR | CTX_TAKEN, {KEY_F(1), '?'}, "F1/?", N_("help"), 9},
	{ACT_REDRAW, CTX_SIMILAR | CTX_TAKEN, {CTRL('l')}, "^L", N_("redraw the screen"), 0},
	{ACT_BACK, CTX_SIMILAR | CTX_TAKEN, {27, KEY_F(10)}, "Esc", N_("back to the form"), 10},
	{ACT_NONE, 0, {0}, NULL, NULL, 0},
};

enum action keys_action(wint_t key, int is_key, unsigned ctx)
{
	const struct keydef *k;
	int i;

	for (k = ui_keys; k->act != ACT_NONE; k++) {
		if (!(k->ctx & ctx))
			continue;
		for (i = 0; i < 4 && k->keys[i] != 0; i++) {
			int code = k->keys[i];
			/* KEY_* codes are >= KEY_MIN; characters below */
			if ((code >= KEY_MIN) == (is_key != 0) && (wint_t)code == key)
				return k->act;
		}
	}
	return ACT_NONE;
}

void keys_footer(unsigned ctx, char *buf, size_t n)
{
	const struct keydef *k;
	size_t used = 0;
	int rank;

	buf[0] = '\0';
	for (rank = 1; rank <= 10; rank++)
		for (k = ui_keys; k->act != ACT_NONE; k++)
			if (k->footer == rank && (k->ctx & ctx) && used + 1 < n)
				used += (size_t)snprintf(buf + used, n - used, "%s%s %s",
				    used ? "  " : "", k->label, _(k->help));
}
