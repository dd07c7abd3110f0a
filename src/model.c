/* model.c - entities and fields as data: lookups by name or label, the
 * one validation path (form, import, demo) and display formatting.  Pure:
 * no SQL, no curses. */
#include <ctype.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/model.h"
#include "daftar/util.h"

const entity *model_entity(const model *m, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < m->nents; i++)
		if (strcmp(m->ents[i].name, name) == 0)
			return &m->ents[i];
	return NULL;
}

int model_field_index(const entity *e, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

int model_field_by_label(const entity *e, const char *text)
{
	char *key = text_fold(text), *k;
	int i, l, found = -1;

	for (i = 0; found < 0 && i < e->nfields; i++) {
		if (strcmp(e->fields[i].name, text) == 0) {
			found = i;
			break;
		}
		for (l = 0; found < 0 && l < LANG_N; l++) {
			k = text_fold(e->fields[i].label[l]);
			if (key[0] != '\0' && strcmp(k, key) == 0)
				found = i;
			free(k);
		}
	}
	free(key);
	return found;
}

int model_link_name(const entity *t, enum lang lang)
{
	int i;

	if (t->fields[t->display].type == FT_LOOKUP)
		return -1;
	for (i = 0; lang != LANG_AR && i < t->nfields; i++) {
		const field *f = &t->fields[i];
		if (i != t->display && f->type == FT_TEXT && f->searchable &&
		    !f->unique && f->dir == DIR_LTR && t->fields[t->display].dir ==
		    DIR_RTL)
			return i;
	}
	return t->display;
}

int model_link_key(const entity *t)
{
	int i, name = model_link_name(t, LANG_AR);

	if (name >= 0 && t->fields[name].unique)
		return -1;
	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].unique && t->fields[i].type != FT_LOOKUP)
			return i;
	return -1;
}

enum lang model_lang(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES",
	    "LANG"};
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		if (strncmp(v, "ar", 2) == 0)
			return LANG_AR;
		if (strncmp(v, "fr", 2) == 0)
			return LANG_FR;
		return LANG_EN;
	}
	return LANG_EN;
}

const char *field_label(const field *f)
{
	const char *l = f->label[model_lang()];

	return l != NULL && l[0] != '\0' ? l : f->label[LANG_EN];
}

const char *entity_label(const entity *e)
{
	const char *l = e->label[model_lang()];

	return l != NULL && l[0] != '\0' ? l : e->label[LANG_EN];
}

/* Keep only ASCII letters (upper-cased) and digits of any script. */
static char *compact_id(const char *s)
{
	char *k = text_fold(s), *o = xmalloc(strlen(k) + 1);
	size_t i, n = 0;

	for (i = 0; k[i]; i++) {
		if (isalpha((unsigned char)k[i]) && (unsigned char)k[i] < 0x80)
			o[n++] = (char)toupper((unsigned char)k[i]);
		else if (isdigit((unsigned char)k[i]))
			o[n++] = k[i];
		else if (k[i] != ' ') {
			n = 0;          /* anything else: not an ID */
			o[n++] = '?';
			break;
		}
	}
	o[n] = '\0';
	free(k);
	return o;
}

/* A Moroccan phone number as 0XXXXXXXXX, or +DIGITS for a foreign one. */
static int check_phone(const char *in, char **out)
{
	char d[32];
	size_t n = 0;
	const char *p;
	int plus = 0;
	char *k = text_fold(in);       /* digits of any script -> ASCII */

	for (p = in; *p == ' '; p++)
		;
	plus = *p == '+';
	for (p = k; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof d) {
				free(k);
				return -1;
			}
			d[n++] = *p;
		} else if (*p != ' ') {
			free(k);
			return -1;
		}
	}
	free(k);
	d[n] = '\0';
	if (!plus && n > 2 && d[0] == '0' && d[1] == '0') {
		memmove(d, d + 2, n - 1);
		n -= 2;
		plus = 1;
	}
	if (plus && n == 12 && memcmp(d, "212", 3) == 0) {
		*out = xasprintf("0%s", d + 3);         /* +212 6.. -> 06.. */
		return 0;
	}
	if (plus && n >= 8 && n <= 15) {
		*out = xasprintf("+%s", d);
		return 0;
	}
	if (!plus && n == 10 && d[0] == '0' && strchr("5678", d[1])) {
		*out = xstrdup(d);
		return 0;
	}
	return -1;
}

static int check_bool(const char *v, char **out)
{
	static const char *const yes[] = {"1", "yes", "y", "true", "oui", "o",
	    "x", "نعم"};
	static const char *const no[] = {"0", "no", "n", "false", "non", "لا"};
	char *k = text_fold(v);
	size_t i;
	int rc = -1;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(k, yes[i]) == 0)
			*out = xstrdup("1"), rc = 0;
	for (i = 0; rc < 0 && i < sizeof no / sizeof no[0]; i++)
		if (strcmp(k, no[i]) == 0)
			*out = xstrdup("0"), rc = 0;
	free(k);
	return rc;
}

static int check_choice(const field *f, const char *v, char **out)
{
	char *key, *k;
	int i, l, rc = -1;

	/* the stored code itself (exports, the picker) needs no folding */
	for (i = 0; i < f->nchoices; i++)
		if (strcmp(f->choices[i].code, v) == 0) {
			*out = xstrdup(v);
			return 0;
		}
	key = text_fold(v);
	for (i = 0; rc < 0 && i < f->nchoices; i++) {
		if (strcmp(f->choices[i].code, v) == 0) {
			rc = i;
			break;
		}
		k = text_fold(f->choices[i].code);
		if (strcmp(k, key) == 0)
			rc = i;
		free(k);
		for (l = 0; rc < 0 && l < LANG_N; l++) {
			k = text_fold(f->choices[i].label[l]);
			if (strcmp(k, key) == 0)
				rc = i;
			free(k);
		}
	}
	free(key);
	if (rc < 0)
		return -1;
	*out = xstrdup(f->choices[rc].code);
	return 0;
}

/* "a, b, c" of the choice labels, for messages. */
static void choice_list(const field *f, char *buf, size_t n)
{
	size_t used = 0;
	int i;
	enum lang lg = model_lang();

	buf[0] = '\0';
	for (i = 0; i < f->nchoices && used + 1 < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
		    i ? ", " : "", f->choices[i].label[lg]);
}

int model_check(const field *f, const char *input, char **out, char *msg,
    size_t msgsz)
{
	char *v = NULL, *res = NULL, tmp[256];
	size_t bad = 0, *st;
	long long n;
	int y, mo, d, rc = -1;

	*out = NULL;
	if (input == NULL)
		input = "";
	if (text_filter(input, strlen(input), f->type == FT_LONGTEXT, &v,
	    &bad) != 0) {
		snprintf(msg, msgsz, _("%s: the text is not valid UTF-8 (byte %zu)"),
		    field_label(f), bad);
		return -1;
	}
	if (v[0] == '\0') {
		free(v);
		if (f->required) {
			snprintf(msg, msgsz, _("%s is required"), field_label(f));
			return -1;
		}
		if (f->type == FT_BOOL)         /* a yes/no left empty is no */
			*out = xstrdup("0");
		return 0;
	}
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
		/* a cluster is at least one byte: short texts need no count */
		if (f->maxlen > 0 && strlen(v) > (size_t)f->maxlen) {
			if ((int)text_clusters(v, &st) > f->maxlen) {
				free(st);
				snprintf(msg, msgsz, _("%s: at most %d characters"),
				    field_label(f), f->maxlen);
				goto done;
			}
			free(st);
		}
		res = v;        /* the filtered text is the value */
		v = NULL;
		break;
	case FT_INT:
		if (text_parse_int(v, &n) != 0) {
			snprintf(msg, msgsz, _("%s: \"%s\" is not a whole number"),
			    field_label(f), v);
			goto done;
		}
		if ((f->has_min && n < f->min) || (f->has_max && n > f->max)) {
			snprintf(msg, msgsz, _("%s must be between %lld and %lld"),
			    field_label(f), f->min, f->max);
			goto done;
		}
		res = xasprintf("%lld", n);
		break;
	case FT_DATE:
		if (text_parse_date(v, &y, &mo, &d) != 0) {
			snprintf(msg, msgsz, _("%s: \"%s\" is not a date "
			    "(day/month/year)"), field_label(f), v);
			goto done;
		}
		n = (long long)y * 10000 + mo * 100 + d;
		if ((f->has_min && n < f->min) || (f->has_max && n > f->max)) {
			snprintf(msg, msgsz, _("%s: %02d/%02d/%04d is out of range "
			    "(%02lld/%02lld/%04lld to %02lld/%02lld/%04lld)"), field_label(f), d,
			    mo, y, f->min % 100, f->min / 100 % 100, f->min / 10000,
			    f->max % 100, f->max / 100 % 100, f->max / 10000);
			goto done;
		}
		res = xasprintf("%04d-%02d-%02d", y, mo, d);
		break;
	case FT_CHOICE:
		if (check_choice(f, v, &res) != 0) {
			choice_list(f, tmp, sizeof tmp);
			snprintf(msg, msgsz, _("%s: \"%s\" is not one of: %s"), field_label(f),
			    v, tmp);
			goto done;
		}
		break;
	case FT_LOOKUP:
		if (text_parse_int(v, &n) != 0 || n <= 0) {
			snprintf(msg, msgsz, _("%s: choose a record from the list "
			    "(\"%s\" is not a record number)"), field_label(f), v);
			goto done;
		}
		res = xasprintf("%lld", n);
		break;
	case FT_BOOL:
		if (check_bool(v, &res) != 0) {
			snprintf(msg, msgsz, _("%s: answer yes or no"), field_label(f));
			goto done;
		}
		break;
	case FT_PHONE:
		if (check_phone(v, &res) != 0) {
			snprintf(msg, msgsz, _("%s: \"%s\" is not a phone number "
			    "(e.g. 0612345678 or +212 612 345678)"), field_label(f), v);
			goto done;
		}
		break;
	case FT_CIN: {
		static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
		size_t a, b;
		res = compact_id(v);
		a = strspn(res, letters);
		b = strspn(res + a, "0123456789");
		if (a < 1 || a > 2 || b < 1 || b > 6 || res[a + b] != '\0') {
			snprintf(msg, msgsz, _("%s: \"%s\" is not a national ID card "
			    "number (1 or 2 letters and up to 6 digits, e.g. AB123456)"),
			    field_label(f), v);
			free(res);
			res = NULL;
			goto done;
		}
		break;
	}
	}
	if (f->regex != NULL && regexec(f->regex, res, 0, NULL, 0) != 0) {
		snprintf(msg, msgsz, _("%s: \"%s\" is not in the expected form%s%s"),
		    field_label(f), v, f->help ? ": " : "", f->help ? _(f->help) : "");
		free(res);
		res = NULL;
		goto done;
	}
	*out = res;
	rc = 0;
done:
	free(v);
	return rc;
}

char *model_display(const field *f, const char *stored,
    enum text_date_style style)
{
	char buf[64];
	int y, m, d, i;

	if (stored == NULL || stored[0] == '\0')
		return xstrdup("");
	switch (f->type) {
	case FT_DATE:
		if (sscanf(stored, "%d-%d-%d", &y, &m, &d) == 3) {
			text_format_date(y, m, d, style, buf, sizeof buf);
			return xstrdup(buf);
		}
		break;
	case FT_CHOICE:
		for (i = 0; i < f->nchoices; i++)
			if (strcmp(f->choices[i].code, stored) == 0)
				return xstrdup(f->choices[i].label[model_lang()]);
		break;
	case FT_BOOL:
		return xstrdup(strcmp(stored, "0") == 0 ? _("no") : _("yes"));
	case FT_PHONE:
		if (strlen(stored) == 10 && stored[0] == '0')
			return xasprintf("%.2s %.2s %.2s %.2s %.2s", stored,
			    stored + 2, stored + 4, stored + 6, stored + 8);
		break;
	default:
		break;
	}
	return xstrdup(stored);
}

void model_free(model *m)
{
	int i, j, k, l;

	for (i = 0; i < m->nents; i++) {
		entity *e = &m->ents[i];
		for (j = 0; j < e->nfields; j++) {
			field *f = &e->fields[j];
			free(f->name);
			free(f->target);
			free(f->pattern);
			free(f->help);
			if (f->regex != NULL) {
				regfree(f->regex);
				free(f->regex);
			}
			for (l = 0; l < LANG_N; l++)
				free(f->label[l]);
			for (k = 0; k < f->nchoices; k++) {
				free(f->choices[k].code);
				for (l = 0; l < LANG_N; l++)
					free(f->choices[k].label[l]);
			}
			free(f->choices);
		}
		for (l = 0; l < LANG_N; l++)
			free(e->label[l]);
		free(e->fields);
		free(e->list_cols);
		free(e->name);
	}
	free(m->ents);
	m->ents = NULL;
	m->nents = 0;
}
