#!/usr/bin/env python3
"""bench.py - daftar's benchmark suite (issue 7): speed, memory and bytes on
the wire on 1,000,000 trainees, against sqlite3 and VisiData.

    python3 bench/bench.py --daftar build/daftar --writer build/bench_writer

Generates the demo database and its trainee table as CSV, drives the real
program in an 80x24 pseudo-terminal (bench/harness.py), runs concurrent
writers (bench/writer.c), the import comparison (bench/import_rate.sh, when
it exists) and VisiData (when installed).  Prints one markdown table (each
figure the median of several runs), writes it to bench/results.md, and
exits 1 naming every budget missed.  Only the Python standard library.

bench/import_rate.sh, when present, runs from the repository root with
DAFTAR (the binary), BENCH_DB, BENCH_CSV (the trainee table as CSV) and
BENCH_DIR (a scratch directory) in its environment, and prints
"import_rows_per_s=N sqlite_rows_per_s=M ratio=R same_table_rows_per_s=W
same_table_ratio=Q export_s=S" (W: sqlite3 alone loading the file into
daftar's own trainee table and indexes).
Options: --workdir DIR --reuse keeps and reuses the generated data;
--no-visidata; --runs, --reps, --saves set the sample counts.
"""
import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness                                    # noqa: E402
import report                                     # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PAGE = 19               # list rows on an 80x24 screen (24 - 3 - 2)


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def run(argv, **kw):
    """Run a command, fail loudly."""
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, **kw)
    if r.returncode != 0:
        raise harness.HarnessError("%s failed (%d): %s" % (
            " ".join(argv), r.returncode, r.stderr.strip()[-500:]))
    return r.stdout


# ---- data ------------------------------------------------------------------

def make_data(args, work):
    """The 1M demo database and the trainee table as CSV (reused with
    --reuse when present)."""
    db = os.path.join(work, "bench.db")
    csv = os.path.join(work, "trainee.csv")
    if not (args.reuse and os.path.exists(db)):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        log("generating %d trainees (about a minute)" % args.trainees)
        t = time.perf_counter()
        run([args.daftar, "-d", db, "demo", "--trainees", str(args.trainees)])
        log("demo database in %.1f s" % (time.perf_counter() - t))
    if not (args.reuse and os.path.exists(csv)):
        t = time.perf_counter()
        with open(csv, "w") as out:
            if shutil.which("sqlite3"):
                subprocess.run(["sqlite3", "-csv", "-header", db,
                                "SELECT * FROM trainee"], stdout=out, check=True)
            else:
                import csv as csvmod
                con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
                cur = con.execute("SELECT * FROM trainee")
                w = csvmod.writer(out)
                w.writerow([d[0] for d in cur.description])
                w.writerows(cur)
                con.close()
        log("CSV in %.1f s" % (time.perf_counter() - t))
    # write back what generating left dirty: else the saves measured next
    # wait behind the kernel's flush of half a gigabyte
    os.sync()
    return db, csv


def deep_prefix(db, depth):
    """A two-letter search prefix whose first row is about depth rows deep
    in the search-key order (a prefix search lists in key order), and that
    row's real depth."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        key, = con.execute("SELECT search_key FROM trainee ORDER BY "
                           "search_key, id LIMIT 1 OFFSET ?", (depth,)).fetchone()
        prefix = key[:2]
        at, = con.execute("SELECT count(*) FROM trainee WHERE search_key < ?",
                          (prefix,)).fetchone()
    finally:
        con.close()
    return prefix, at


def record_version(db, rid):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute("SELECT version FROM trainee WHERE id = ?",
                           (rid,)).fetchone()[0]
    finally:
        con.close()


# ---- the program in a pty ---------------------------------------------------

def ui_env(term, home):
    env = {"LANG": "C.UTF-8", "TERM": term, "HOME": home,
           "PATH": "/usr/bin:/bin", "DAFTAR_BIDI": "app",
           "XDG_CONFIG_HOME": os.path.join(home, "config"),
           "XDG_DATA_HOME": os.path.join(home, "data")}
    os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
    return env


def ui_session(args, db, env, K, prefix, word, res):
    """One run of every screen action; appends samples to res[name]."""
    def add(name, act):
        res.setdefault(name, []).append(act)

    t = harness.Term([os.path.abspath(args.daftar), "-d", db], env)
    try:
        add("start", t.wait_start(b"Main menu"))
        add("open", t.send(b"1", expect=b"rows"))
        for _ in range(PAGE - 1):               # row 0 -> 18: no scroll
            add("move", t.send(K["down"]))
        for _ in range(args.reps):              # at the bottom: scrolls
            add("scroll", t.send(K["down"]))
        for _ in range(args.reps):              # page down from the top
            t.send(K["home"])
            add("pgdn_top", t.send(K["pgdn"]))
        for _ in range(3):                      # search as you type
            t.send(b"/")
            add("search1", t.send(word[0].encode()))
            add("search2", t.send(word[1].encode()))
            add("search3", t.send(word[2].encode()))
            t.send(K["esc"], quiet=0.15)        # clears the search
        t.send(b"/")                            # deep: a prefix search
        for ch in prefix:
            t.send(ch.encode())
        t.send(K["enter"], need_output=False, quiet=0.1)
        for _ in range(args.reps):
            add("pgdn_deep", t.send(K["pgdn"]))
        t.send(K["esc"], quiet=0.15)
        t.send(K["home"], need_output=False, quiet=0.1)
        add_form(t, K, add, args)
        t.send(K["home"], need_output=False, quiet=0.1)
        t.send(K["enter"], expect=b"#")         # trainee #1 in its form
        t.send(K["tab"])                        # to the Latin name
        v0 = record_version(db, 1)
        for i in range(args.saves):
            t.send(b"x" if i % 2 == 0 else K["bksp"])
            add("save", t.send(K["ctrl_s"], expect=b"Saved" if i == 0 else None))
        if record_version(db, 1) != v0 + args.saves:
            raise harness.HarnessError("the saves did not all reach the "
                                       "database (version %d -> %d, %d saves)"
                                       % (v0, record_version(db, 1), args.saves))
        t.send(K["esc"], quiet=0.15)            # back to the list
        res.setdefault("idle", []).append(t.idle(2.0))
        res.setdefault("hwm", []).append(t.status("VmHWM"))
        record_views(t, K, add)
    finally:
        t.close()


def record_views(t, K, add):
    """From the trainee list: open the first cohort's view (header, counts
    by status and gender, roster), then the agreement with the most
    cohorts (REH-2021-CADRE: 6,000+ cohorts, 160,000+ enrollments counted
    by status for target against actual)."""
    t.send(K["esc"], quiet=0.15)
    t.send(b"2", expect=b"rows")
    add("cohort", t.send(K["enter"], expect=b"Cohort "))
    t.send(K["esc"], expect=b"rows", quiet=0.15)
    t.send(K["esc"], quiet=0.15)
    t.send(b"3", expect=b"rows")
    t.send(b"/")
    for ch in "reh 2021 cadre":
        t.send(ch.encode())
    t.send(K["enter"], need_output=False, quiet=0.1)
    add("agreement", t.send(K["enter"], expect=b"Beneficiaries"))
    t.send(K["esc"], quiet=0.15)
    t.send(K["esc"], quiet=0.15)


def add_form(t, K, add, args):
    """Typing into a new trainee form: Arabic name, then Latin name."""
    t.send(b"n", expect=b"new record")
    for ch in "عبد الرحيم"[:args.reps]:
        add("type_ar", t.send(ch.encode()))
    t.send(K["tab"])
    for ch in "Abderrahim"[:args.reps]:
        add("type_lat", t.send(ch.encode()))
    t.send(K["esc"], expect=b"(y/n)", quiet=0.15)
    t.send(b"y", quiet=0.1)


# ---- concurrent writers ------------------------------------------------------

def writers(args, db):
    """N writer processes at R saves/s for S seconds on one database."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    maxid, = con.execute("SELECT max(id) FROM trainee").fetchone()
    con.close()
    procs = [subprocess.Popen([args.writer, db, str(args.writer_seconds),
                               "10", str(maxid), str(i + 1)],
                              stdout=subprocess.PIPE, text=True)
             for i in range(args.writers)]
    lat, counts = [], {}
    for p in procs:
        out, _ = p.communicate()
        for line in out.splitlines():
            us, what = line.split()
            lat.append(int(us) / 1000.0)
            counts[what] = counts.get(what, 0) + 1
        if p.returncode != 0:
            counts["error"] = counts.get("error", 0) + 1
    return {"n": len(lat), "p99": report.percentile(lat, 99),
            "p50": report.percentile(lat, 50), "counts": counts}


# ---- import and VisiData ----------------------------------------------------

def import_rate(args, db, csv, work):
    script = os.path.join(HERE, "import_rate.sh")
    if not os.path.exists(script):
        return None
    env = dict(os.environ, DAFTAR=os.path.abspath(args.daftar), BENCH_DB=db,
               BENCH_CSV=csv, BENCH_DIR=work)
    r = subprocess.run(["bash", script], cwd=ROOT, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    vals = {}
    for tok in r.stdout.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            try:
                vals[k] = float(v)
            except ValueError:
                pass
    if r.returncode != 0 or "ratio" not in vals:
        vals["error"] = (r.stderr.strip() or r.stdout.strip())[-300:]
    return vals


def vd_run(cmdlog, work):
    """Replay a VisiData command log in batch mode: wall time, peak RSS."""
    path = os.path.join(work, "load.vd")
    with open(path, "w") as f:
        f.write("sheet\tcol\trow\tlongname\tinput\tkeystrokes\tcomment\n")
        for line in cmdlog:
            f.write("\t".join(line) + "\n")
    t = time.perf_counter()
    p = subprocess.Popen(["vd", "-b", "-p", path], cwd=work,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if status != 0 or "replay complete" not in err:
        raise harness.HarnessError("VisiData failed: " + err[-300:])
    return secs, ru.ru_maxrss


def visidata(db, csv, work, runs):
    """VisiData loading the CSV and the trainee table: (median seconds,
    median peak kB) of runs runs each."""
    if shutil.which("vd") is None:
        return None
    stem = os.path.splitext(os.path.basename(csv))[0]
    out = {"version": run(["vd", "--version"]).strip().split()[-1],
           "runs": runs}
    # VisiData 2.11's index sheet opens every row of sqlite_master that is
    # not an index as a table, triggers included, and fails on ours: it
    # gets the same trainee table copied into a database of its own
    vddb = os.path.join(work, "vd_trainee.db")
    if not os.path.exists(vddb):
        con = sqlite3.connect("file:%s" % vddb, uri=True)
        con.execute("ATTACH DATABASE ? AS src", ("file:%s?mode=ro" % db,))
        con.execute("CREATE TABLE trainee AS SELECT * FROM src.trainee")
        con.commit()
        con.close()
    db = vddb
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    names = [n for (n,) in con.execute("SELECT name FROM sqlite_master "
                                       "WHERE type != 'index'")]
    con.close()
    dbstem = os.path.splitext(os.path.basename(db))[0]
    logs = {"csv": [("", "", "", "open-file", csv, "o", ""),
                    (stem, "", "", "quit-all", "", "", "")],
            "sqlite": [("", "", "", "open-file", db, "o", ""),
                       (dbstem, "", str(names.index("trainee")),
                        "open-row", "", "^J", ""),
                       ("trainee", "", "", "quit-all", "", "", "")]}
    for what, cmdlog in logs.items():
        got = [vd_run(cmdlog, work) for _ in range(runs)]
        out[what] = (statistics.median(g[0] for g in got),
                     statistics.median(g[1] for g in got))
    return out


# ---- main --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--daftar", default="build/daftar")
    ap.add_argument("--writer", default="build/bench_writer")
    ap.add_argument("--trainees", type=int, default=1000000)
    ap.add_argument("--runs", type=int, default=5, help="program runs")
    ap.add_argument("--reps", type=int, default=8, help="samples per run")
    ap.add_argument("--saves", type=int, default=30, help="saves per run")
    ap.add_argument("--writers", type=int, default=20)
    ap.add_argument("--writer-seconds", type=int, default=30)
    ap.add_argument("--workdir", help="keep the data here (default: a "
                    "temporary directory, removed at the end)")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the database and CSV in --workdir")
    ap.add_argument("--no-visidata", action="store_true")
    ap.add_argument("--vd-runs", type=int, default=3,
                    help="VisiData loads of each kind")
    ap.add_argument("--results", default=os.path.join(HERE, "results.md"))
    args = ap.parse_args()

    t_all = time.perf_counter()
    load = ["%.1f" % os.getloadavg()[0]]
    work = args.workdir or tempfile.mkdtemp(prefix="daftar-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        db, csv = make_data(args, work)
        term = harness.pick_term()
        keys = harness.key_strings(term)
        prefix, depth = deep_prefix(db, args.trainees // 2)
        word = "محم"                            # the start of محمد
        env = ui_env(term, os.path.join(work, "home"))
        res = {}
        log("screen actions: %d runs in an 80x24 pty (TERM=%s)"
            % (args.runs, term))
        for _ in range(args.runs):
            ui_session(args, db, env, keys, prefix, word, res)
        log("%d writers x 10 saves/s x %d s" % (args.writers,
                                                args.writer_seconds))
        os.sync()
        wr = writers(args, db)
        log("import rate")
        imp = import_rate(args, db, csv, work)
        vd = None
        if not args.no_visidata:
            log("VisiData")
            vd = visidata(db, csv, work, args.vd_runs)
        ctx = {"term": term, "prefix": prefix, "depth": depth, "word": word,
               "args": args, "elapsed": time.perf_counter() - t_all,
               "load": load + ["%.1f" % os.getloadavg()[0]],
               "quiet_ms": int(harness.QUIET * 1000)}
        table, misses = report.build(res, wr, imp, vd, ctx)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(table)
    with open(args.results, "w") as f:
        f.write(table)
    if misses:
        print("bench: budget missed: " + "; ".join(misses), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.HarnessError as e:
        print("bench: " + str(e), file=sys.stderr)
        sys.exit(2)
