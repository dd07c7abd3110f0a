/* main.c - argument parsing and dispatch (placeholder until the CLI lands). */
#include <stdio.h>
#include <string.h>

#include "daftar/util.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("daftar %s\n", DAFTAR_VERSION);
		return 0;
	}
	fprintf(stderr, "daftar: not built yet\n");
	return 2;
}
