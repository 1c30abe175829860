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
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

BEGIN = "<!-- begin: bench/scale.py -->"
END = "<!-- end: bench/scale.py -->"
SMALL_RUNNER = "-XX:MaxRAM=2g"
CACHE_NOTE = ("the page cache dropped and the inputs read back in (ext4 steps over recently freed inodes on each "
              "create, looking each up while their inode table is cached: without this, the turn after a removal of a "
              "million files took two to five times as long, by how many removals came before)")
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


def settle(directory, data):
    """Removes a directory's tree and has the kernel write the removal out, so that the next timed run does
    not pay for the one before it. Where this may (root), it then drops the page cache and reads the inputs
    back in: ext4 looks up each recently freed inode it steps over when it creates a file, and with the
    freed inode table still cached that made creating a million files where a million were just deleted
    take two to five times as long, by how many deletions came before. Returns whether the cache was dropped."""
    shutil.rmtree(directory, ignore_errors=True)
    subprocess.run(["sync"], check=False)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as caches:
            caches.write("1\n")
    except OSError:
        return False
    subprocess.run("find . -type f -print0 | xargs -0 cat > /dev/null", shell=True, cwd=data, check=True)
    return True


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

        def parmap_run(properties, check, jvm_options=""):
            if os.path.exists(gc_log):
                os.remove(gc_log)
            run_env = {"MAVEN_OPTS": (jvm_options + " " + env["MAVEN_OPTS"]).strip()}
            run = bench.measure([mvn, "generate-resources", "-Dparmap.workers=" + cores] + properties, project, env=run_env)
            check(run)
            run.heap_after, run.heap_committed = heap_after_gc(gc_log)
            return run

        # The first build and the copy loop take turns, each after the same preparation (settle): the outputs
        # of the turn before removed from target/, where both write, and the inputs in the page cache.
        copy_out = os.path.join(target, "copy-loop-out")
        first, floor_runs = [], []
        for _ in range(slow_reps):
            caches_dropped = settle(target, data)
            floor_runs.append(bench.measure(["java", "-cp", floor, "CopyFloor", data, copy_out, cores], work))
            settle(target, data)
            first.append(parmap_run([], bench.expect_processed(count)))
        noop = [parmap_run([], bench.expect_up_to_date(count)) for _ in range(args.reps)]
        empty = [parmap_run(["-Dparmap.skip=true"], bench.expect_skipped) for _ in range(args.reps)]
        # Size and time of every file, so that find stats each one, as the no-op does (-printf '' would not).
        find = [bench.measure(["find", data, out, "-printf", "%s %T@\n"], work, discard_stdout=True) for _ in range(args.reps)]
        # The same file work as the no-op in a bare JVM under the same default heap sizing: its RSS is the floor.
        noop_floor = [bench.measure(["java", "-cp", floor, "NoopFloor", data, out, cores], work) for _ in range(args.reps)]
        # The same builds with the heap the JVM gives itself on a runner with 2 GB of memory (a quarter of it at
        # most, a 64th to start with), where this machine's 24 GB let it start at 384 MB.
        small_first, small_noop = [], []
        for _ in range(slow_reps):
            settle(target, data)
            small_first.append(parmap_run([], bench.expect_processed(count), SMALL_RUNNER))
            small_noop.append(parmap_run([], bench.expect_up_to_date(count), SMALL_RUNNER))
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
            "slow_reps": slow_reps, "caches_dropped": caches_dropped,
            "small_first_engine": med(small_first, "engine"), "small_first_rss": med(small_first, "rss_kib") / 1024,
            "small_first_heap": med(small_first, "heap_after"), "small_first_committed": med(small_first, "heap_committed"),
            "small_noop_engine": med(small_noop, "engine"), "small_noop_rss": med(small_noop, "rss_kib") / 1024,
            "small_noop_heap": med(small_noop, "heap_after"), "small_noop_committed": med(small_noop, "heap_committed"),
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
             "file). First build: from an empty `target/` (once at 1,000,000 files, else the median of %d), taking turns with the copy loop, "
             "each after the same preparation: the turn before's outputs removed from `target/`, where both write, `sync`, "
             "and %s; no-op: "
             "the build after it; empty: the same project with `-Dparmap.skip=true`; `find`: `find INPUT OUTPUT "
             "-printf '%%s %%T@\\n'` (size and time of every file: the stat walk of both trees); copy loop: `bench/CopyFloor.java`; bare no-op: `bench/NoopFloor.java` (the no-op's walk, sort and output stats in a plain `java` process with the same default heap sizing, no Maven). Peak RSS of the whole "
             "`mvn` process (GNU time); heap after GC: the largest occupancy right after a collection in the JVM's "
             "GC log (an upper bound of the live data: a young collection leaves old garbage in place), beside the "
             "largest committed heap." % (reps, time.strftime("%Y-%m-%d %H:%M"), maven_line, bench.CORES,
                                           bench.machine()["memory"] + " RAM",
                                           reps, CACHE_NOTE if all(r["caches_dropped"] for r in rows)
                                           else "the page cache left as it was (not root: see `settle` in scale.py)"), "",
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
    lines += ["", "The same builds under the heap sizing the JVM picks on a runner with 2 GB of memory (`MAVEN_OPTS=%s`: "
              "a max heap of 512 MB, an initial heap of 32 MB, where this machine's 24 GB start it at 384 MB):" % SMALL_RUNNER, "",
              "| files | first build: engine | peak RSS | heap after GC / committed | no-op: engine | peak RSS | heap after GC / committed |",
              "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append("| {:,} | {:.1f} s | {:.0f} MiB | {:.0f} / {:.0f} MiB | {:.2f} s | {:.0f} MiB | {:.0f} / {:.0f} MiB |".format(
            r["count"], r["small_first_engine"], r["small_first_rss"], r["small_first_heap"], r["small_first_committed"],
            r["small_noop_engine"], r["small_noop_rss"], r["small_noop_heap"], r["small_noop_committed"]))
    lines.append(END)
    return "\n".join(lines) + "\n"


def verdict(passes):
    return "met" if passes else "**missed**"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
