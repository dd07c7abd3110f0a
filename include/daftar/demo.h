/* demo.h - demo data: the organisations, people, programmes, institutions,
 * agreements and events of the seed articles (shared/seeds/), described as
 * field/value pairs, and a deterministic generator of cohorts, trainees and
 * enrollments.  Pure: no SQL, no I/O; `daftar demo` (src/cli/cli_demo.c)
 * feeds what it describes to the store. */
#ifndef DAFTAR_DEMO_H
#define DAFTAR_DEMO_H

#include <stdint.h>

/* ---- seed records (demo_data.c) ------------------------------------- */

/* One record from the articles.  A value "@KEY" stands for the id of the
 * seed record with that key; "@region/N" for the region with code N. */
struct demo_seed {
	const char *ent;        /* entity (table) name, e.g. "partner" */
	const char *key;        /* handle other records use ("@KEY"), or NULL */
	const char *const *kv;  /* field, value, field, value, ..., NULL */
};

extern const struct demo_seed demo_seeds[];
extern const int demo_nseeds;

/* Index of the seed record with key, or -1. */
int demo_seed_find(const char *key);
/* The value of field in seed record i, or NULL. */
const char *demo_seed_value(int i, const char *field);

/* A cohort track: an institution teaching a specialty, year after year,
 * to one target group, possibly under a programme and an agreement. */
struct demo_track {
	const char *code;       /* cohort code prefix, e.g. "FES-ZEL" */
	const char *inst;       /* seed key of the institution */
	const char *spec;       /* seed key of the specialty */
	const char *prog;       /* seed key of the programme, or NULL */
	const char *agr;        /* seed key of the agreement, or NULL */
	const char *target;     /* target_group code */
	int region;             /* region code of the trainees' cities */
	int first_year;         /* first school year it runs (2024 = 2024/2025) */
	int weight;             /* relative share of the trainees */
	int female_pct;         /* share of women among its trainees, percent */
	int months;             /* course length in months */
};

extern const struct demo_track demo_tracks[];
extern const int demo_ntracks;

#define DEMO_FIRST_YEAR 2021    /* 2021/2022 */
#define DEMO_LAST_YEAR 2025     /* 2025/2026 */
#define DEMO_MAX_TRAINEES 10000000LL
#define DEMO_MAX_ENROL 2        /* enrollments per trainee, at most */

/* ---- names (demo_names.c) ------------------------------------------- */

/* A name with its usual spellings: ar[0] and latin[0] are the common ones;
 * the others (NULL when none) are variants clerks really type: harakat,
 * hamza dropped (أ/إ -> ا), ة written ه, ى written ي; Latin transcriptions. */
struct demo_name {
	const char *ar[3];      /* Arabic spellings */
	const char *latin[2];   /* Latin spellings */
};

extern const struct demo_name demo_male[], demo_female[], demo_family[];
extern const int demo_nmale, demo_nfemale, demo_nfamily;

/* Cities of a region (Arabic), for trainees' addresses. */
const char *const *demo_region_cities(int region, int *n);

/* ---- generator (demo.c) ----------------------------------------------- */

/* splitmix64: the demo's only source of randomness (never rand()). */
uint64_t demo_rand(uint64_t *state);

/* One generated cohort. */
struct demo_cohort {
	int track;              /* index into demo_tracks */
	int year;               /* first calendar year of its school year */
	int group;              /* 1, 2, ... within track and year */
	char code[48];          /* e.g. "FES-ZEL-2024-1" */
	char school_year[10];   /* "2024/2025" */
	char start[11];         /* YYYY-MM-DD */
	char end[11];           /* YYYY-MM-DD */
	int capacity;           /* places */
};

/* One generated enrollment of a trainee. */
struct demo_enrol {
	int cohort;             /* index into the generator's cohorts */
	const char *status;     /* enrollment_status code */
	char enrolled_on[11];   /* YYYY-MM-DD */
	char status_date[11];   /* YYYY-MM-DD, "" when none */
	const char *drop_reason; /* for dropped_out, else NULL */
	const char *outcome;    /* outcome code for completed/certified, or NULL */
};

/* One generated trainee, in storage form (what model_check gives). */
struct demo_trainee {
	char name_ar[160];      /* Arabic name, sometimes with harakat or
	                         * hamza/ta marbuta/alef maqsura variants */
	char name_latin[160];   /* Latin name, some with French accents */
	char gender[2];         /* "F" or "M" */
	char birth_date[11];    /* YYYY-MM-DD */
	char cin[10];           /* national ID, unique per generator index */
	char massar[11];        /* Massar code, unique, "" when none */
	char phone[11];         /* 06/07 + 8 digits, "" when none */
	const char *city;       /* city (Arabic) */
	int region;             /* region code */
	const char *target;     /* target_group code */
	int nenrol;             /* enrollments used in enrol[] */
	struct demo_enrol enrol[DEMO_MAX_ENROL]; /* in school-year order */
};

typedef struct demo_gen demo_gen;

/* A generator for ntrainees trainees from seed; the cohorts it makes
 * depend on ntrainees (about 25 trainees per cohort). */
demo_gen *demo_gen_new(uint64_t seed, long long ntrainees);
void demo_gen_free(demo_gen *g);
int demo_gen_ncohorts(const demo_gen *g);
void demo_gen_cohort(const demo_gen *g, int i, struct demo_cohort *c);
/* Trainee i (0 <= i < ntrainees): a pure function of (seed, ntrainees, i). */
void demo_gen_trainee(const demo_gen *g, long long i, struct demo_trainee *t);

#endif
