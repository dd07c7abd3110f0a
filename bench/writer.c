/* writer.c - one of the concurrent writers of the benchmark (bench.py
 * starts 20): for SECONDS seconds, RATE times a second on a fixed
 * schedule, do what a clerk's Ctrl-S does in a trainee form: store_update
 * of one random trainee (its notes changed), then store_get to show the
 * saved record.  Prints one line per save, "LATENCY_US RESULT", where
 * RESULT is ok, conflict (someone saved that trainee meanwhile: a normal
 * outcome the form handles), busy (the database stayed locked: the error
 * a user would see) or error.
 *
 *   bench_writer DB SECONDS RATE MAX_ID SEED
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daftar/store.h"
#include "daftar/util.h"

/* Monotonic time in microseconds. */
static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleep until the monotonic time at (microseconds). */
static void sleep_until(long long at)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(at / 1000000);
	ts.tv_nsec = (long)(at % 1000000) * 1000;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/* One save of trainee id: get, change notes, update, get again.  Returns
 * the result word for the output line. */
static const char *save_one(store *s, const entity *ent, int notes,
    long long id, int k, dferr *e)
{
	record *r = NULL, *fresh = NULL;
	const char *res = "ok";
	char text[64];
	int rc;

	if ((rc = store_get(s, ent, id, &r, e)) == ST_NOTFOUND)
		return "ok";    /* deleted: nothing to save (not a failure) */
	if (rc == ST_OK) {
		snprintf(text, sizeof text, "bench writer save %d", k);
		record_set(r, notes, text);
		rc = store_update(s, ent, r, 0, e);
		if (rc == ST_OK)
			rc = store_get(s, ent, id, &fresh, e);
	}
	if (rc == ST_CONFLICT)
		res = "conflict";
	else if (rc != ST_OK)
		res = strstr(e->msg, "locked") != NULL ? "busy" : "error";
	record_free(r);
	record_free(fresh);
	return res;
}

int main(int argc, char **argv)
{
	store *s = NULL;
	const entity *ent;
	dferr e = {0};
	long long seconds, rate, maxid, t0, at, t;
	int notes, k, rc = 1;
	const char *res;

	if (argc != 6) {
		fprintf(stderr, "usage: bench_writer DB SECONDS RATE MAX_ID SEED\n");
		return 2;
	}
	seconds = atoll(argv[2]);
	rate = atoll(argv[3]);
	maxid = atoll(argv[4]);
	srand((unsigned)atoi(argv[5]));
	if (seconds < 1 || rate < 1 || maxid < 1) {
		fprintf(stderr, "bench_writer: SECONDS, RATE and MAX_ID must be > 0\n");
		return 2;
	}
	if (store_open(argv[1], 0, &s, &e) != ST_OK) {
		fprintf(stderr, "bench_writer: %s\n", e.msg);
		return 1;
	}
	ent = model_entity(store_model(s), "trainee");
	notes = ent ? model_field_index(ent, "notes") : -1;
	if (notes < 0) {
		fprintf(stderr, "bench_writer: no trainee notes field\n");
		goto out;
	}
	/* a random phase, so the writers do not all fire at once */
	t0 = now_us() + rand() % (1000000 / rate);
	for (k = 0; k < seconds * rate; k++) {
		at = t0 + k * 1000000 / rate;
		sleep_until(at);
		t = now_us();
		res = save_one(s, ent, notes, 1 + (long long)rand() % maxid, k, &e);
		printf("%lld %s\n", now_us() - t, res);
	}
	rc = 0;
out:
	store_close(s);
	return rc;
}
