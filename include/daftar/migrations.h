/* migrations.h - the schema files of schemas/, compiled in by tools/embed.c. */
#ifndef DAFTAR_MIGRATIONS_H
#define DAFTAR_MIGRATIONS_H

struct daftar_migration {
	const char *name;       /* file name, e.g. "001_base.sql" */
	const char *sql;        /* its whole text */
};

/* Migration i (0-based) brings the schema to user_version i + 1. */
extern const struct daftar_migration daftar_migrations[];
extern const int daftar_nmigrations;

#endif
