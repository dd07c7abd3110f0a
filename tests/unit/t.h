/* t.h - the project's own unit-test harness.  A test is a function made
 * with TEST(name); it fails when any CHECK in it fails.  build/unit runs
 * every test (or those whose name contains argv[1]) and prints one line per
 * test, "PASS name" or "FAIL name: file:line: what", read by tests/run.sh. */
#ifndef DAFTAR_T_H
#define DAFTAR_T_H

#include <stddef.h>

void t_register(const char *name, void (*fn)(void));
/* Record a failed check (first one per test is printed). */
int t_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Scratch directory for this run (removed at exit). */
const char *t_tmpdir(void);

#define TEST(name)                                                         \
	static void name(void);                                            \
	__attribute__((constructor)) static void name##_register(void)     \
	{ t_register(#name, name); }                                       \
	static void name(void)

#define CHECK(cond)                                                        \
	((cond) ? 1 : t_fail(__FILE__, __LINE__, "%s", #cond))

#define CHECK_INT(a, b) do {                                               \
	long long t_a_ = (long long)(a), t_b_ = (long long)(b);            \
	if (t_a_ != t_b_)                                                  \
		t_fail(__FILE__, __LINE__, "%s == %lld, expected %lld",    \
		    #a, t_a_, t_b_);                                       \
} while (0)

#define CHECK_STR(a, b) do {                                               \
	const char *t_a_ = (a), *t_b_ = (b);                               \
	if (t_a_ == NULL || t_b_ == NULL ? t_a_ != t_b_                    \
	    : strcmp(t_a_, t_b_) != 0)                                     \
		t_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"",\
		    #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)");   \
} while (0)

#endif
