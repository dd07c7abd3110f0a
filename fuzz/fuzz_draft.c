/* fuzz_draft.c - libFuzzer target over the draft reader.
 * Invariants: any bytes are read without crashing (a draft file may be
 * damaged by a full disk or edited by hand); a draft that reads is written
 * and read back to the same values, and writing that gives the same bytes
 * again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Are two drafts the same values? */
static int drafts_equal(const entry_draft *a, const entry_draft *b)
{
	int i;

	if (!same(a->db, b->db) || !same(a->entity, b->entity) ||
	    a->id != b->id || a->base_version != b->base_version ||
	    !same(a->user, b->user) || !same(a->time, b->time) ||
	    a->pid != b->pid || !same(a->cursor, b->cursor) ||
	    a->cursor_pos != b->cursor_pos || a->nfields != b->nfields)
		return 0;
	for (i = 0; i < a->nfields; i++) {
		const entry_draft_field *x = &a->fields[i], *y = &b->fields[i];
		if (!same(x->name, y->name) || !same(x->base, y->base) ||
		    !same(x->text, y->text) || !same(x->value, y->value) ||
		    x->changed != y->changed || x->overwrite != y->overwrite)
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	entry_draft d, back;
	strbuf a = {0}, b = {0};
	char err[256];

	if (entry_draft_read((const char *)data, size, &d, err, sizeof err) != 0) {
		if (err[0] == '\0')
			abort();        /* a refusal always says why */
		entry_draft_free(&d);
		return 0;
	}
	entry_draft_write(&d, &a);
	if (entry_draft_read(a.s, a.len, &back, err, sizeof err) != 0 ||
	    !drafts_equal(&d, &back))
		abort();
	entry_draft_write(&back, &b);
	if (a.len != b.len || memcmp(a.s, b.s, a.len) != 0)
		abort();
	entry_draft_free(&d);
	entry_draft_free(&back);
	sb_free(&a);
	sb_free(&b);
	return 0;
}
