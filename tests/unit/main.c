/* main.c - runs the unit tests registered with TEST(). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <unistd.h>

#include "t.h"

#define T_MAX 1024

static struct {
	const char *name;       /* test function name */
	void (*fn)(void);       /* the test */
} tests[T_MAX];
static int ntests;
static int failed_checks;       /* failures in the running test */
static char tmpdir[64];

void t_register(const char *name, void (*fn)(void))
{
	if (ntests < T_MAX) {
		tests[ntests].name = name;
		tests[ntests].fn = fn;
		ntests++;
	}
}

int t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (failed_checks++ == 0) {
		printf("  check failed at %s:%d: ", file, line);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	} else if (failed_checks < 6) {
		printf("     also %s:%d: ", file, line);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
	return 0;
}

const char *t_tmpdir(void)
{
	return tmpdir;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void cleanup(void)
{
	char cmd[128];

	if (tmpdir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

int main(int argc, char **argv)
{
	int i, pass = 0, fail = 0;

	setlocale(LC_ALL, "C.UTF-8");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/daftar-unit.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	atexit(cleanup);
	qsort(tests, ntests, sizeof tests[0], by_name);
	for (i = 0; i < ntests; i++) {
		if (argc > 1 && strstr(tests[i].name, argv[1]) == NULL)
			continue;
		failed_checks = 0;
		/* FAIL lines name the test after the fact: print it first. */
		printf("# %s\n", tests[i].name);
		fflush(stdout);
		tests[i].fn();
		if (failed_checks == 0) {
			printf("PASS unit:%s\n", tests[i].name);
			pass++;
		} else {
			printf("FAIL unit:%s (%d failed checks)\n", tests[i].name,
			    failed_checks);
			fail++;
		}
		fflush(stdout);
	}
	fprintf(stderr, "unit: %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
