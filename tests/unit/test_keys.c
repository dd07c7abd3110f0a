/* test_keys.c - the key table: every function key has a Ctrl- or letter
 * twin in the same binding (some SSH clients swallow F-keys). */
#include <stdio.h>
#include <string.h>

#include "../../src/ui/ui.h"
#include "t.h"

TEST(keys_every_fkey_has_a_twin)
{
	const struct keydef *k;
	int i, fkey, other;

	for (k = ui_keys; k->act != ACT_NONE; k++) {
		fkey = other = 0;
		for (i = 0; i < 4 && k->keys[i] != 0; i++) {
			if (k->keys[i] >= KEY_F(1) && k->keys[i] <= KEY_F(12))
				fkey = k->keys[i];
			else
				other = 1;
		}
		if (fkey && !other)
			t_fail(__FILE__, __LINE__, "F%d (%s) has no twin",
			    fkey - KEY_F(0), k->label);
	}
}

TEST(keys_form_links_ctrl_o)
{
	CHECK_INT(keys_action(KEY_F(5), 1, CTX_FORM), ACT_LINKS);
	CHECK_INT(keys_action('o' & 0x1f, 0, CTX_FORM), ACT_LINKS);
	CHECK_INT(keys_action('x', 0, CTX_REPORT), ACT_EXPORT);
}
