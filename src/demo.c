/* demo.c - the deterministic demo generator: cohorts for every track and
 * school year, and trainees with their enrollments.  Trainee i is a pure
 * function of (seed, number of trainees, i), so the demo can be made in
 * any order, in passes, or checked by tests without a database.  CINs and
 * Massar codes are unique by construction: each is a keyed permutation of
 * the trainee index, never a random draw that might repeat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/demo.h"
#include "daftar/util.h"

#define NYEARS (DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1)
#define PER_COHORT 25           /* trainees per cohort on average */
#define CIN_NUMS 900000         /* numbers 100000..999999 per letter pair */
#define CIN_SPACE (27LL * CIN_NUMS) /* no second letter, or A..Z */

struct demo_gen {
	uint64_t seed;          /* the --seed value */
	long long n;            /* number of trainees */
	int ncohorts;           /* cohorts over all tracks and years */
	int groups[64];         /* cohorts per school year, by track */
	int base[64][NYEARS];   /* index of a track's first cohort of a year,
	                         * -1 when the track does not run that year */
	int weight_sum;         /* sum of the tracks' weights */
};

uint64_t demo_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform number in [0, n) (n small: the modulo bias is negligible). */
static unsigned below(uint64_t *st, unsigned n)
{
	return (unsigned)(demo_rand(st) % n);
}

/* Keyed bijection on [0, 2^(2*half)): a four-round Feistel network. */
static uint64_t feistel(uint64_t x, int half, uint64_t key)
{
	uint64_t mask = (1ULL << half) - 1, l = x >> half, r = x & mask;
	int round;

	for (round = 0; round < 4; round++) {
		uint64_t k = (key + (uint64_t)round * 0x632BE59BD9B4E019ULL) ^ r;
		uint64_t t = l ^ (demo_rand(&k) & mask);

		l = r;
		r = t;
	}
	return l << half | r;
}

/* Keyed bijection on [0, n), n <= 2^(2*half), by cycle walking. */
static uint64_t permute(uint64_t x, uint64_t n, int half, uint64_t key)
{
	do
		x = feistel(x, half, key);
	while (x >= n);
	return x;
}

/* ---- dates as day numbers (days since 1970-01-01, proleptic Gregorian) */

static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Write day number z as YYYY-MM-DD into out (11 bytes). */
static void civil_from_days(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/* The day the demo's statuses are computed for: mid school year 2025/26. */
static long today(void)
{
	return days_from_civil(2026, 1, 15);
}

/* Start and end day of track t's cohorts of school year y. */
static void cohort_days(int t, int y, long *start, long *end)
{
	const struct demo_track *tr = &demo_tracks[t];
	int m = 10 + tr->months - 1, ey = y + (m - 1) / 12;

	*start = days_from_civil(y, 10, 1) + (t % 3) * 7;
	m = (m - 1) % 12 + 1;
	/* the last day of month m of year ey */
	*end = days_from_civil(m == 12 ? ey + 1 : ey, m == 12 ? 1 : m + 1, 1) - 1;
}

demo_gen *demo_gen_new(uint64_t seed, long long ntrainees)
{
	demo_gen *g = xcalloc(1, sizeof *g);
	int t, y;

	g->seed = seed;
	g->n = ntrainees;
	if (demo_ntracks > 64)
		util_fatal("demo: more than 64 cohort tracks");
	for (t = 0; t < demo_ntracks; t++)
		g->weight_sum += demo_tracks[t].weight;
	for (t = 0; t < demo_ntracks; t++) {
		const struct demo_track *tr = &demo_tracks[t];
		int years = DEMO_LAST_YEAR - tr->first_year + 1;
		double share = (double)ntrainees * tr->weight / g->weight_sum
		    / years / PER_COHORT;

		g->groups[t] = share < 1 ? 1 : (int)(share + 0.5);
		for (y = 0; y < NYEARS; y++) {
			if (DEMO_FIRST_YEAR + y < tr->first_year) {
				g->base[t][y] = -1;
				continue;
			}
			g->base[t][y] = g->ncohorts;
			g->ncohorts += g->groups[t];
		}
	}
	return g;
}

void demo_gen_free(demo_gen *g)
{
	free(g);
}

int demo_gen_ncohorts(const demo_gen *g)
{
	return g->ncohorts;
}

void demo_gen_cohort(const demo_gen *g, int i, struct demo_cohort *c)
{
	int t, y;
	long start, end;

	memset(c, 0, sizeof *c);
	for (t = 0; t < demo_ntracks; t++)
		for (y = 0; y < NYEARS; y++)
			if (g->base[t][y] >= 0 && i >= g->base[t][y]
			    && i < g->base[t][y] + g->groups[t])
				goto found;
	return;
found:
	c->track = t;
	c->year = DEMO_FIRST_YEAR + y;
	c->group = i - g->base[t][y] + 1;
	snprintf(c->code, sizeof c->code, "%s-%d-%d", demo_tracks[t].code,
	    c->year, c->group);
	snprintf(c->school_year, sizeof c->school_year, "%04u/%04u",
	    (unsigned)c->year % 10000u, (unsigned)(c->year + 1) % 10000u);
	cohort_days(t, c->year, &start, &end);
	civil_from_days(start, c->start);
	civil_from_days(end, c->end);
	c->capacity = PER_COHORT + 5;
}

/* Why trainees drop out, as clerks write it. */
static const char *const drop_reasons[] = {
	"الانتقال إلى مدينة أخرى", "ظروف صحية", "ظروف عائلية",
	"الحصول على عمل", "بعد مقر التكوين عن السكن", "الزواج",
	"Départ pour une autre ville", "Raisons de santé",
};

/* Fill enrollment e of trainee t into cohort (track tr, school year y,
 * group grp), with a status that fits the cohort's dates. */
static void enrol(const demo_gen *g, uint64_t *st, int tr, int y, int grp,
    struct demo_enrol *e)
{
	long start, end, now = today(), on, last;
	unsigned r = below(st, 100);

	cohort_days(tr, y, &start, &end);
	e->cohort = g->base[tr][y - DEMO_FIRST_YEAR] + grp;
	on = start - (long)below(st, 21);
	civil_from_days(on, e->enrolled_on);
	e->status_date[0] = '\0';
	e->drop_reason = NULL;
	e->outcome = NULL;
	if (end < now) {
		e->status = r < 58 ? "certified" : r < 82 ? "completed"
		    : "dropped_out";
	} else if (start <= now) {
		e->status = r < 80 ? "active" : r < 92 ? "enrolled"
		    : "dropped_out";
	} else {
		e->status = "enrolled";
	}
	if (strcmp(e->status, "dropped_out") == 0) {
		last = end < now ? end : now;
		civil_from_days(start + (long)below(st,
		    (unsigned)(last - start + 1)), e->status_date);
		e->drop_reason = drop_reasons[below(st,
		    sizeof drop_reasons / sizeof drop_reasons[0])];
	} else if (strcmp(e->status, "certified") == 0) {
		civil_from_days(end, e->status_date);
		e->outcome = demo_tracks[tr].months >= 18 ? "diploma"
		    : "certificate";
	} else if (strcmp(e->status, "completed") == 0) {
		civil_from_days(end, e->status_date);
		e->outcome = "attestation";
	}
}

/* One spelling of name n: the usual one most of the time. */
static const char *spell(uint64_t *st, const char *const *v, int nv)
{
	int k = 0, avail = 1;

	while (avail < nv && v[avail] != NULL)
		avail++;
	if (avail > 1 && below(st, 100) < 22)
		k = 1 + (int)below(st, (unsigned)(avail - 1));
	return v[k];
}

/* Another trade at the same institution running in school year y, for a
 * trainee who finished track tr; -1 when there is none. */
static int next_track(uint64_t *st, int tr, int y)
{
	int cand[64], n = 0, k;

	if (y > DEMO_LAST_YEAR)
		return -1;
	for (k = 0; k < demo_ntracks; k++)
		if (k != tr && demo_tracks[k].first_year <= y
		    && strcmp(demo_tracks[k].inst, demo_tracks[tr].inst) == 0
		    && strcmp(demo_tracks[k].spec, demo_tracks[tr].spec) != 0)
			cand[n++] = k;
	return n == 0 ? -1 : cand[below(st, (unsigned)n)];
}

/* Age range at enrollment for a target group. */
static void age_range(const char *target, int *lo, int *hi)
{
	if (strcmp(target, "pupils") == 0)
		*lo = 13, *hi = 17;
	else if (strcmp(target, "out_of_school") == 0)
		*lo = 13, *hi = 20;
	else if (strcmp(target, "women") == 0)
		*lo = 18, *hi = 45;
	else if (strcmp(target, "artisans") == 0)
		*lo = 20, *hi = 50;
	else if (strcmp(target, "kidney_failure") == 0)
		*lo = 16, *hi = 30;
	else
		*lo = 16, *hi = 26;
}

/* Letters of the CIN by region (the first letter follows the issuing
 * city's prefix: C Fès, E Marrakech, J Agadir; A elsewhere). */
static char cin_letter(int region)
{
	return region == 3 ? 'C' : region == 7 ? 'E' : region == 9 ? 'J' : 'A';
}

void demo_gen_trainee(const demo_gen *g, long long i, struct demo_trainee *t)
{
	uint64_t st = g->seed ^ 0xD1B54A32D192ED03ULL * (uint64_t)(i + 1);
	unsigned pick = 0, w;
	int tr, y, grp, lo, hi, age, ncity;
	const struct demo_name *first, *family;
	const char *const *cities;
	const char *a1, *a2;    /* first and family name as spelt */
	long birth, start, end;

	demo_rand(&st);
	/* the track, weighted, then a school year and a group */
	w = below(&st, (unsigned)g->weight_sum);
	for (tr = 0; tr < demo_ntracks - 1; tr++) {
		pick += (unsigned)demo_tracks[tr].weight;
		if (w < pick)
			break;
	}
	y = demo_tracks[tr].first_year + (int)below(&st,
	    (unsigned)(DEMO_LAST_YEAR - demo_tracks[tr].first_year + 1));
	grp = (int)below(&st, (unsigned)g->groups[tr]);

	memset(t, 0, sizeof *t);
	t->gender[0] = below(&st, 100) < (unsigned)demo_tracks[tr].female_pct
	    ? 'F' : 'M';
	first = t->gender[0] == 'F' ? &demo_female[below(&st, (unsigned)demo_nfemale)]
	    : &demo_male[below(&st, (unsigned)demo_nmale)];
	family = &demo_family[below(&st, (unsigned)demo_nfamily)];
	/* one spelling per statement: the order of a call's arguments is
	 * unspecified, and gcc and clang draw them in opposite orders */
	a1 = spell(&st, first->ar, 3);
	a2 = spell(&st, family->ar, 3);
	snprintf(t->name_ar, sizeof t->name_ar, "%s %s", a1, a2);
	a1 = spell(&st, first->latin, 2);
	a2 = spell(&st, family->latin, 2);
	snprintf(t->name_latin, sizeof t->name_latin, "%s %s", a1, a2);

	t->target = demo_tracks[tr].target;
	t->region = demo_tracks[tr].region;
	cities = demo_region_cities(t->region, &ncity);
	t->city = cities[below(&st, (unsigned)ncity)];
	age_range(t->target, &lo, &hi);
	age = lo + (int)below(&st, (unsigned)(hi - lo + 1));
	cohort_days(tr, y, &start, &end);
	birth = start - (long)(age * 365.25) - (long)below(&st, 365);
	civil_from_days(birth, t->birth_date);

	/* the CIN is issued at 18: younger trainees have none yet */
	if (today() - birth >= (long)(18 * 365.25)) {
		uint64_t x = permute((uint64_t)i, CIN_SPACE, 13, g->seed);
		int second = (int)(x / CIN_NUMS);

		if (second == 0)
			snprintf(t->cin, sizeof t->cin, "%c%d",
			    cin_letter(t->region), (int)(100000 + x % CIN_NUMS));
		else
			snprintf(t->cin, sizeof t->cin, "%c%c%d",
			    cin_letter(t->region), 'A' + second - 1,
			    (int)(100000 + x % CIN_NUMS));
	}
	/* Massar (since 2013) for those who were at school then */
	if (birth >= days_from_civil(1996, 1, 1) && below(&st, 100) < 85) {
		static const char letters[] = "DFGJKMNPRS";
		uint64_t x = permute((uint64_t)i, 1000000000ULL, 15,
		    g->seed ^ 0x5EEDULL);

		snprintf(t->massar, sizeof t->massar, "%c%09llu",
		    letters[below(&st, sizeof letters - 1)],
		    (unsigned long long)x);
	}
	if (below(&st, 100) < 90) {
		char net = below(&st, 100) < 70 ? '6' : '7';
		unsigned num = 10000000u + below(&st, 90000000u);
		snprintf(t->phone, sizeof t->phone, "0%c%08u", net, num);
	}

	t->nenrol = 1;
	enrol(g, &st, tr, y, grp, &t->enrol[0]);
	/* some go on to the next school year's cohort of the same track */
	if (t->enrol[0].outcome != NULL && below(&st, 100) < 8) {
		/* the school year starting in the autumn after it ended */
		int ny = atoi(t->enrol[0].status_date);

		int next = next_track(&st, tr, ny);

		if (next >= 0) {
			enrol(g, &st, next, ny, (int)below(&st,
			    (unsigned)g->groups[next]), &t->enrol[1]);
			t->nenrol = 2;
		}
	}
}
