"""report.py - the benchmark's budgets and its markdown table."""
import os
import platform
import statistics
import subprocess
import time

KB = 1024
MB = 1024 * 1024

# Screen actions: sample key, what it is, time budget (ms), bytes budget.
SCREEN = [
    ("start", "start to the main menu (1M database)", 50, 4 * KB),
    ("open", "open the trainee list", 30, 4 * KB),
    ("move", "move the selection one row (no scroll)", 2, 64),
    ("scroll", "scroll one row at the bottom of the page", 2, 200),
    ("pgdn_top", "page down at the top", 5, 2560),
    ("pgdn_deep", "page down {depth:,} rows deep (search prefix {prefix})",
     5, 2560),
    ("search1", "search-as-you-type, 1st letter ({w1})", None, None),
    ("search2", "search-as-you-type, 2nd letter ({w2})", None, None),
    ("search3", "search-as-you-type, 3rd letter ({w3})", 20, 2560),
    ("type_ar", "one character typed in a form field (Arabic name)", 2, 64),
    ("type_lat", "one character typed in a form field (Latin name)", 2, 64),
    ("cohort", "open a cohort view: header, counts by status and gender, "
     "roster (issue 5: no visible wait)", 100, None),
    ("agreement", "open the agreement with the most cohorts (6,419; 164,316 "
     "enrollments counted by status) (issue 5: no visible wait)", 100, None),
]


def percentile(xs, p):
    """Nearest-rank percentile (p99 of 100 samples = the largest but one)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def sh(argv):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip()
    except OSError:
        return "?"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(), "cpu": cpu,
        "sqlite": sh(["pkg-config", "--modversion", "sqlite3"]),
        "ncurses": sh(["pkg-config", "--modversion", "ncursesw"]),
        "cc": sh(["cc", "--version"]).split("\n")[0],
        "python": platform.python_version(),
        "commit": sh(["git", "rev-parse", "--short", "HEAD"]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def verdict(ok):
    return "ok" if ok else "**MISS**"


def build(res, wr, imp, vd, ctx):
    """The table (markdown) and the list of budgets missed."""
    m = machine()
    a = ctx["args"]
    w = ctx["word"]
    fmt = {"depth": ctx["depth"], "prefix": ctx["prefix"],
           "w1": w[:1], "w2": w[:2], "w3": w[:3]}
    out, miss = [], []
    out.append("## daftar benchmark, %s, commit %s\n" % (m["date"], m["commit"]))
    out.append("Machine: %s cores (%s); SQLite %s, ncurses %s, %s, Python %s. "
               "Pty 80x24, TERM=%s, DAFTAR_BIDI=app, %d trainees. Each screen "
               "figure is the median of %d program runs (%s samples per run); "
               "time = key sent to the last byte written (the %d ms quiet "
               "period that ends an action is not counted). Load average "
               "at the start and end: %s.\n"
               % (m["cores"], m["cpu"], m["sqlite"], m["ncurses"], m["cc"],
                  m["python"], ctx["term"], a.trainees, a.runs,
                  "up to %d" % max(a.reps, 18), ctx["quiet_ms"],
                  " / ".join(ctx["load"])))
    out.append("| action | time | budget | bytes | budget | result |")
    out.append("|---|---:|---:|---:|---:|---|")
    for key, label, tb, bb in SCREEN:
        acts = res.get(key, [])
        if not acts:
            continue
        t = statistics.median(x.seconds for x in acts) * 1000
        b = statistics.median(x.nbytes for x in acts)
        ok_t = tb is None or t <= tb
        ok_b = bb is None or b <= bb
        name = label.format(**fmt)
        if not ok_t:
            miss.append("%s: %.2f ms > %d ms" % (name, t, tb))
        if not ok_b:
            miss.append("%s: %d B > %d B" % (name, b, bb))
        out.append("| %s | %.2f ms | %s | %d B | %s | %s |" % (
            name, t, "≤ %d ms" % tb if tb else "—", b,
            "≤ %d B" % bb if bb else "—",
            verdict(ok_t and ok_b) if tb or bb else "info"))
    idle = max(res.get("idle", [0]))
    if idle:
        miss.append("idle 2 s: %d B written > 0 B" % idle)
    out.append("| idle for 2 s (largest of the runs) | — | — | %d B | 0 B | %s |"
               % (idle, verdict(idle == 0)))
    saves = [x.seconds * 1000 for x in res.get("save", [])]
    p99 = percentile(saves, 99)
    if not p99 <= 5:
        miss.append("save p99: %.2f ms > 5 ms" % p99)
    out.append("| save one record (form, Ctrl-S), p99 of %d (median %.2f, "
               "p90 %.2f, max %.2f ms) | %.2f ms | ≤ 5 ms | — | — | %s |"
               % (len(saves), percentile(saves, 50), percentile(saves, 90),
                  max(saves) if saves else 0, p99, verdict(p99 <= 5)))
    hwm = statistics.median(res.get("hwm", [0])) / 1024.0
    if hwm > 32:
        miss.append("peak memory: %.1f MB > 32 MB" % hwm)
    out.append("| peak memory (VmHWM), list scrolled, searched and saved | "
               "%.1f MB | ≤ 32 MB | — | — | %s |" % (hwm, verdict(hwm <= 32)))
    busy = wr["counts"].get("busy", 0) + wr["counts"].get("error", 0)
    ok = busy == 0 and wr["p99"] <= 100
    if busy:
        miss.append("writers: %d busy or failed saves > 0" % busy)
    if not wr["p99"] <= 100:
        miss.append("writers: p99 %.1f ms > 100 ms" % wr["p99"])
    out.append("| %d writers x 10 saves/s x %d s: %d saves, p99 (median %.1f "
               "ms); busy/failed %d, conflicts %d | %.1f ms | ≤ 100 ms, 0 busy "
               "| — | — | %s |" % (a.writers, a.writer_seconds, wr["n"],
                                   wr["p50"], busy,
                                   wr["counts"].get("conflict", 0), wr["p99"],
                                   verdict(ok)))
    out.extend(import_rows(imp, miss))
    out.extend(vd_rows(vd, res, hwm))
    out.append("")
    out.append("Whole run: %.0f s. Budgets missed: %s\n" % (
        ctx["elapsed"], "; ".join(miss) if miss else "none"))
    return "\n".join(out) + "\n", miss


def import_rows(imp, miss):
    if imp is None:
        return ["| import: not yet (bench/import_rate.sh does not exist) | — "
                "| — | — | — | skipped |"]
    if "error" in imp:
        miss.append("import: bench/import_rate.sh failed")
        return ["| import: bench/import_rate.sh failed: %s | — | ratio ≥ 0.5 "
                "| — | — | **MISS** |" % imp["error"].replace("|", "/")]
    r = imp["ratio"]
    if r < 0.5:
        miss.append("import: %.2f x sqlite3 .import < 0.5" % r)
    rows = ["| import %.0f rows/s vs sqlite3 .import into a plain table %.0f "
            "rows/s (export %.1f s) | ratio %.2f | ≥ 0.5 | — | — | %s |"
            % (imp.get("import_rows_per_s", 0), imp.get("sqlite_rows_per_s", 0),
               imp.get("export_s", 0), r, verdict(r >= 0.5))]
    if "same_table_ratio" in imp:
        q = imp["same_table_ratio"]
        if q < 0.5:
            miss.append("import: %.2f x sqlite3 alone into the same table < 0.5"
                        % q)
        rows.append("| import vs sqlite3 alone loading the same file into "
                    "daftar's trainee table and indexes, no checks: %.0f rows/s "
                    "| ratio %.2f | ≥ 0.5 | — | — | %s |"
                    % (imp.get("same_table_rows_per_s", 0), q, verdict(q >= 0.5)))
    return rows


def vd_rows(vd, res, hwm):
    if vd is None:
        return ["| VisiData: skipped (not installed: `apt-get install "
                "visidata`, or --no-visidata) | — | — | — | — | skipped |"]
    ours = (statistics.median(x.seconds for x in res["start"]) +
            statistics.median(x.seconds for x in res["open"]))
    rows = []
    for what, label in (("csv", "the 1M-row CSV"),
                        ("sqlite", "the trainee table of the database")):
        secs, kb = vd[what]
        rows.append("| VisiData %s loading %s (median of %d): %.1f s, "
                    "%.0f MB; daftar start + open list %.0f ms, %.1f MB | %.0fx time, %.0fx "
                    "memory | — | — | — | info |"
                    % (vd["version"], label, vd["runs"], secs, kb / 1024.0,
                       ours * 1000,
                       hwm, secs / ours, kb / 1024.0 / hwm))
    return rows
