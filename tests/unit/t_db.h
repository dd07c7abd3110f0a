/* t_db.h - database fixtures shared by the store and entry tests. */
#ifndef DAFTAR_T_DB_H
#define DAFTAR_T_DB_H

#include "daftar/store.h"

/* A fresh database NAME.db in the scratch directory, opened. */
store *t_db_new(const char *name);
/* A second connection to the same file (another user's program). */
store *t_db_again(store *s);
/* One integer answer of sql, read through a connection of its own. */
long long t_sql_int(store *s, const char *sql);
/* One text answer (malloc'd, NULL for none). */
char *t_sql_text(store *s, const char *sql);
/* Run sql through a connection of its own (what another program does). */
void t_sql(store *s, const char *sql);
/* A trainee with these values saved in s; its id. */
long long t_trainee_add(store *s, const char *ar, const char *latin,
    const char *gender, const char *phone, const char *city);
/* Make the newest audit row another user's, as if they had saved. */
void t_audit_as(store *s, const char *user);

/* XDG_STATE_HOME set to a scratch folder of its own (drafts go there). */
const char *t_state_home(void);

#endif
