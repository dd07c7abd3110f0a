/* config.c - per-user settings in $XDG_CONFIG_HOME/daftar/config (else
 * ~/.config/daftar/config): lines "key=value" for bidi, date and colour;
 * and the first-run bidi calibration question. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui.h"

/* The config file's path (malloc'd); mkdirs: create its folders. */
static char *config_path(int mkdirs)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *dir, *path;

	if (x != NULL && x[0] == '/')
		dir = xasprintf("%s/daftar", x);
	else
		dir = xasprintf("%s/.config/daftar", home ? home : ".");
	if (mkdirs) {
		char *parent = xstrdup(dir);
		*strrchr(parent, '/') = '\0';
		mkdir(parent, 0700);
		mkdir(dir, 0700);
		free(parent);
	}
	path = xasprintf("%s/config", dir);
	free(dir);
	return path;
}

static const char *const date_names[] = {"dmy", "iso", "long-ar", "long-fr"};

void config_load(struct ui_config *c)
{
	char *path = config_path(0), line[256], *eq, *v;
	FILE *f = fopen(path, "r");
	size_t i;

	memset(c, 0, sizeof *c);
	c->color = 1;
	c->date_style = DATE_DMY;
	free(path);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || (eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		v = eq + 1;
		if (strcmp(line, "bidi") == 0 && (strcmp(v, "app") == 0 ||
		    strcmp(v, "terminal") == 0)) {
			c->bidi_set = 1;
			c->bidi = strcmp(v, "app") == 0 ? BIDI_APP : BIDI_TERMINAL;
		} else if (strcmp(line, "color") == 0)
			c->color = strcmp(v, "off") != 0;
		else if (strcmp(line, "date") == 0)
			for (i = 0; i < sizeof date_names / sizeof date_names[0]; i++)
				if (strcmp(v, date_names[i]) == 0)
					c->date_style = (enum text_date_style)i;
	}
	fclose(f);
}

int config_save(const struct ui_config *c, char *err, size_t n)
{
	char *path = config_path(1), *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int rc = 0;

	if (f == NULL) {
		snprintf(err, n, _("cannot save settings to %s: %s"), path,
		    strerror(errno));
		rc = -1;
		goto out;
	}
	fprintf(f, "# daftar settings, written by Settings\n");
	if (c->bidi_set)
		fprintf(f, "bidi=%s\n", c->bidi == BIDI_APP ? "app" : "terminal");
	fprintf(f, "date=%s\ncolor=%s\n", date_names[c->date_style],
	    c->color ? "on" : "off");
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, n, _("cannot save settings to %s: %s"), path,
		    strerror(errno));
		rc = -1;
	}
out:
	free(tmp);
	free(path);
	return rc;
}

/* Ask on the plain terminal (before curses): one sample line written in
 * visual order (what app mode sends) and one in logical order (what
 * terminal mode sends); whichever reads right tells who should reorder. */
int calibrate_run(void)
{
	const char *sample = "سلام 123 abc";
	char *vis = text_visual(sample, DIR_AUTO, BIDI_APP, NULL), line[32];
	int answer = -1;

	/* each line written the way its mode would run: line 1 with the
	 * terminal in explicit mode, line 2 in its default implicit mode
	 * (terminals that implement the modes keep them per line) */
	printf("\n%s\n\n", _("daftar: which line reads correctly?"));
	fputs("\033[8l\033[1 k", stdout);
	printf("  1)  %s\n", vis);
	fputs("\033[8h\033[0 k", stdout);
	printf("  2)  %s\n\n", sample);
	printf("%s", _("Type 1 or 2 and Enter (you can change it later in "
	    "Settings): "));
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) != NULL) {
		if (line[0] == '1')
			answer = 0;
		else if (line[0] == '2')
			answer = 1;
	}
	fflush(stdout);
	free(vis);
	return answer;
}
