#!/usr/bin/env python3
"""Memory and time per file as the data set grows: parmap's copy over 20,000, 200,000 and 1,000,000 files of
200 bytes (incremental on, workers = cores, Maven's default heap sizing), first build and no-op rebuild, beside
an empty build of the same project (-Dparmap.skip), `find` stat-walking inputs and outputs, and the bare Java
copy loop (bench/CopyFloor.java). Peak RSS of the whole mvn process from GNU time; the heap after GC from the
JVM's own GC log. Writes its section of bench/RESULTS.md (between markers bench/bench.py keeps). bench/run.sh
runs it after the suite unless --quick or --no-scale. Usage: bench/scale.py [--reps N] [--sizes 20000,...]."""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

BEGIN = "<!-- begin: bench/scale.py -->"
END = "<!-- end: bench/scale.py -->"
GC_AFTER = re.compile(r"Pause .*?(\d+)M->(\d+)M\((\d+)M\)")


def heap_after_gc(log_path):
    """The largest heap occupancy right after a collection, and the largest committed heap, in MiB."""
    after, committed = 0, 0
    try:
        with open(log_path) as f:
            for line in f:
                match = GC_AFTER.search(line)
                if match:
                    after = max(after, int(match.group(2)))
                    committed = max(committed, int(match.group(3)))
    except FileNotFoundError:
        pass
    return after, committed


def main(argv):
    parser = argparse.ArgumentParser(description="parmap's memory and time per file as the data set grows; see bench/README.md.")
    parser.add_argument("--reps", type=int, default=3, help="no-op, empty-build and find runs per size (default 3); the "
                        "first build and the copy loop run once per size at 1,000,000 files, --reps times below")
    parser.add_argument("--sizes", default="20000,200000,1000000", help="file counts, comma-separated")
    parser.add_argument("--work", default=os.path.join(bench.BENCH, "work", "scale"), help="scratch directory")
    parser.add_argument("--keep", action="store_true", help="keep the data sets for the next run")
    args = parser.parse_args(argv)

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    version = bench.plugin_version()
    home, maven_line = bench.maven_home()
    mvn = os.path.join(home, "bin", "mvn")
    bench.install(work, version)
    floor = os.path.join(work, "floor")
    bench.run_quiet(["javac", "-d", floor, os.path.join(bench.BENCH, "CopyFloor.java"), os.path.join(bench.BENCH, "NoopFloor.java")],
                    what="javac CopyFloor.java NoopFloor.java")
    cores = str(bench.CORES)
    rows = []
    for count in (int(size) for size in args.sizes.split(",")):
        name = "tiny%d" % count
        shapes = {name: (count, 200, max(1, min(1000, count // 200)))}
        data = bench.generate(work, shapes, name, kind="tiny")
        project = bench.consumer(work, "copy-" + name, version, data, "copy")
        target = os.path.join(project, "target")
        out = os.path.join(target, "generated-resources", "parmap")
        gc_log = os.path.join(work, "gc.log")
        env = {"MAVEN_OPTS": "-Xlog:gc:file=%s" % gc_log}
        slow_reps = 1 if count >= 1_000_000 else args.reps

        def parmap_run(properties, check):
            if os.path.exists(gc_log):
                os.remove(gc_log)
            run = bench.measure([mvn, "generate-resources", "-Dparmap.workers=" + cores] + properties, project, env=env)
            check(run)
            run.heap_after, run.heap_committed = heap_after_gc(gc_log)
            return run

        first = []
        for _ in range(slow_reps):
            shutil.rmtree(target, ignore_errors=True)
            first.append(parmap_run([], bench.expect_processed(count)))
        noop = [parmap_run([], bench.expect_up_to_date(count)) for _ in range(args.reps)]
        empty = [parmap_run(["-Dparmap.skip=true"], bench.expect_skipped) for _ in range(args.reps)]
        # Size and time of every file, so that find stats each one, as the no-op does (-printf '' would not).
        find = [bench.measure(["find", data, out, "-printf", "%s %T@\n"], work, discard_stdout=True) for _ in range(args.reps)]
        # The same file work as the no-op in a bare JVM under the same default heap sizing: its RSS is the floor.
        noop_floor = [bench.measure(["java", "-cp", floor, "NoopFloor", data, out, cores], work) for _ in range(args.reps)]
        copy_out = os.path.join(work, "floor-out")
        floor_runs = []
        for _ in range(slow_reps):
            shutil.rmtree(copy_out, ignore_errors=True)
            floor_runs.append(bench.measure(["java", "-cp", floor, "CopyFloor", data, copy_out, cores], work))
        shutil.rmtree(copy_out, ignore_errors=True)
        med = lambda runs, attribute: statistics.median(getattr(r, attribute) for r in runs)  # noqa: E731
        rows.append({
            "count": count, "first_engine": med(first, "engine"), "first_wall": med(first, "wall"),
            "first_rss": med(first, "rss_kib") / 1024, "first_heap": med(first, "heap_after"),
            "first_committed": med(first, "heap_committed"),
            "noop_engine": med(noop, "engine"), "noop_wall": med(noop, "wall"), "noop_rss": med(noop, "rss_kib") / 1024,
            "noop_heap": med(noop, "heap_after"), "noop_committed": med(noop, "heap_committed"),
            "empty_wall": med(empty, "wall"), "empty_rss": med(empty, "rss_kib") / 1024,
            "find": med(find, "wall"), "floor_wall": med(floor_runs, "wall"), "floor_rss": med(floor_runs, "rss_kib") / 1024,
            "noop_floor_wall": med(noop_floor, "wall"), "noop_floor_rss": med(noop_floor, "rss_kib") / 1024,
            "slow_reps": slow_reps,
        })
        r = rows[-1]
        bench.log("%d files: first %.1f s engine, %.0f MiB; no-op %.2f s engine, %.0f MiB; find %.2f s; floor %.1f s"
                  % (count, r["first_engine"], r["first_rss"], r["noop_engine"], r["noop_rss"], r["find"], r["floor_wall"]))
        if not args.keep:
            shutil.rmtree(target, ignore_errors=True)
            bench.remove_data(work, name)
    bench.write_section(BEGIN, END, render(rows, args.reps, maven_line), "scale")
    return 0


def render(rows, reps, maven_line):
    lines = [BEGIN, "## Memory and time per file as the data set grows (issue 16)", "",
             "Written by `bench/scale.py --reps %d` on %s (%s; %d cores; %s). parmap `copy` over N files of 200 bytes, "
             "incremental on, workers = cores, the JVM's default heap sizing (no `MAVEN_OPTS` but `-Xlog:gc` to a "
             "file). First build: from an empty `target/` (once at 1,000,000 files, else the median of %d); no-op: "
             "the build after it; empty: the same project with `-Dparmap.skip=true`; `find`: `find INPUT OUTPUT "
             "-printf '%%s %%T@\\n'` (size and time of every file: the stat walk of both trees); copy loop: `bench/CopyFloor.java`; bare no-op: `bench/NoopFloor.java` (the no-op's walk, sort and output stats in a plain `java` process with the same default heap sizing, no Maven). Peak RSS of the whole "
             "`mvn` process (GNU time); heap after GC: the largest occupancy right after a collection in the JVM's "
             "GC log (an upper bound of the live data: a young collection leaves old garbage in place), beside the "
             "largest committed heap." % (reps, time.strftime("%Y-%m-%d %H:%M"), maven_line, bench.CORES,
                                           bench.machine()["memory"] + " RAM",
                                           reps), "",
             "| files | first build: engine (files/s) | copy loop (files/s) | ratio (target ≥ 0.9) | first build: peak RSS "
             "(target ≤ 400 MiB) | copy loop: peak RSS | heap after GC / committed | no-op: engine | no-op net of empty build, against find "
             "(target ≤ 1.2 at 1M, ≤ 1.5 at 20k) | no-op: peak RSS (target ≤ 400 MiB) | bare no-op: wall, peak RSS | heap after GC / committed "
             "| empty build: wall, RSS | RSS per file, first / no-op (net of empty) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        count = r["count"]
        first_rate, floor_rate = count / r["first_engine"], count / r["floor_wall"]
        noop_net = r["noop_wall"] - r["empty_wall"]
        limit = 1.2 if count >= 1_000_000 else 1.5 if count <= 20_000 else None
        noop_ratio = noop_net / r["find"]
        lines.append("| {:,} | {:.1f} s ({:,.0f}) | {:.1f} s ({:,.0f}) | {:.2f} {} | {:.0f} MiB {} | {:.0f} MiB | {:.0f} / {:.0f} MiB | {:.2f} s | "
                     "{:.2f} s / {:.2f} s = {:.2f} {} | {:.0f} MiB {} | {:.2f} s, {:.0f} MiB | {:.0f} / {:.0f} MiB | {:.2f} s, {:.0f} MiB | {:.0f} B / {:.0f} B |".format(
                         count, r["first_engine"], first_rate, r["floor_wall"], floor_rate, first_rate / floor_rate,
                         verdict(first_rate / floor_rate >= 0.9), r["first_rss"], verdict(r["first_rss"] <= 400), r["floor_rss"],
                         r["first_heap"], r["first_committed"], r["noop_engine"], noop_net, r["find"], noop_ratio,
                         verdict(noop_ratio <= limit) if limit else "(no target)", r["noop_rss"], verdict(r["noop_rss"] <= 400),
                         r["noop_floor_wall"], r["noop_floor_rss"], r["noop_heap"], r["noop_committed"], r["empty_wall"], r["empty_rss"],
                         (r["first_rss"] - r["empty_rss"]) * 1048576 / count, (r["noop_rss"] - r["empty_rss"]) * 1048576 / count))
    lines.append(END)
    return "\n".join(lines) + "\n"


def verdict(passes):
    return "met" if passes else "**missed**"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
