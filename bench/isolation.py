#!/usr/bin/env python3
"""Process isolation against worker threads, side by side in one run: gzip -6 over the cpu set, copy over
the tiny set with Python's Pool().map copying the same files beside it, and a two-file run whose difference
is what starting two worker JVMs costs. Peak RSS is sampled over the whole process tree (Maven and its worker
JVMs together), not only the largest process. Writes its section of bench/RESULTS.md (between the markers
bench/bench.py keeps when it writes the rest). Usage: bench/isolation.py [--reps N] [--quick]; see
bench/README.md."""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the suite's own helpers: data sets, consumer projects, patterns)

BEGIN = "<!-- begin: bench/isolation.py -->"
END = "<!-- end: bench/isolation.py -->"


def tree_rss_kib(root_pid):
    """The resident memory of a process and all its descendants, from /proc."""
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open("/proc/%s/statm" % entry) as f:
                resident_pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = resident_pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure_tree(command, cwd):
    """Wall time, CPU time (user and system, of the process and every descendant it reaped: Maven reaps its
    worker JVMs) and peak RSS of the whole process tree, sampled every 20 ms, and the command's output."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_kib(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        sys.stdout.write(output)
        raise SystemExit("bench: measured command failed (exit %d): %s" % (process.returncode, " ".join(command)))
    run = bench.Run(wall, usage.ru_utime, usage.ru_stime, peak[0], output)
    run.started, run.ended = time.time() - wall, time.time()
    return run


class Side:
    def __init__(self, key, title, command, cwd, prepare, check):
        self.key, self.title, self.command, self.cwd, self.prepare, self.check = key, title, command, cwd, prepare, check
        self.runs = []

    def once(self, keep=True):
        self.prepare()
        run = measure_tree(self.command, self.cwd)
        self.check(run)
        if keep:
            self.runs.append(run)

    def med(self, attribute):
        return statistics.median(getattr(r, attribute) for r in self.runs)


def main(argv):
    parser = argparse.ArgumentParser(description="parmap's process isolation against worker threads; see bench/README.md.")
    parser.add_argument("--reps", type=int, default=5, help="runs of each workload (default 5)")
    parser.add_argument("--quick", action="store_true", help="the suite's small data sets; prints the section only")
    parser.add_argument("--work", default=os.path.join(bench.BENCH, "work", "isolation"), help="scratch directory")
    args = parser.parse_args(argv)

    shapes = dict(bench.SHAPES["quick" if args.quick else "full"])
    shapes["pair"] = (2, 200, 1)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    version = bench.plugin_version()
    home, maven_line = bench.maven_home()
    mvn = os.path.join(home, "bin", "mvn")
    bench.install(work, version)
    data = {name: bench.generate(work, shapes, name, kind="tiny" if name == "pair" else None) for name in ("cpu", "tiny", "pair")}
    counts = {name: shapes[name][0] for name in data}
    cores = str(bench.CORES)
    projects = {
        "gzip": bench.consumer(work, "gzip-cpu", version, data["cpu"], "gzip", "\n              <parameters><level>6</level></parameters>"),
        "gzip9": bench.consumer(work, "gzip9-cpu", version, data["cpu"], "gzip", "\n              <parameters><level>9</level></parameters>"),
        "copy": bench.consumer(work, "copy-tiny", version, data["tiny"], "copy"),
        "pair": bench.consumer(work, "copy-pair", version, data["pair"], "copy"),
    }
    out = os.path.join(work, "tmp", "out")

    def parmap(key, title, project, isolation, items):
        command = [mvn, "generate-resources", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores,
                   "-Dparmap.isolation=" + isolation]
        return Side(key, title, command, projects[project], bench.remover(os.path.join(projects[project], "target")),
                    bench.expect_processed(items))

    groups = [
        [parmap("gzip-none", "gzip -6 over cpu, worker threads", "gzip", "none", counts["cpu"]),
         parmap("gzip-process", "gzip -6 over cpu, worker JVMs", "gzip", "process", counts["cpu"])],
        [parmap("gzip9-none", "gzip -9 over cpu, worker threads", "gzip9", "none", counts["cpu"]),
         parmap("gzip9-process", "gzip -9 over cpu, worker JVMs", "gzip9", "process", counts["cpu"])],
        [parmap("copy-none", "copy over tiny, worker threads", "copy", "none", counts["tiny"]),
         parmap("copy-process", "copy over tiny, worker JVMs", "copy", "process", counts["tiny"]),
         Side("py-pool-copy", "Python `Pool().map` copying the same files (`bench/py_gzip.py pool --copy`)",
              [sys.executable, os.path.join(bench.BENCH, "py_gzip.py"), "pool", data["tiny"], out, "--copy"], work,
              bench.remover(out), bench.expect_seconds_line)],
        [parmap("pair-none", "copy over 2 files, worker threads", "pair", "none", counts["pair"]),
         parmap("pair-process", "copy over 2 files, worker JVMs", "pair", "process", counts["pair"])],
    ]
    for group in groups:
        bench.log("%s: warm-up" % group[0].key)
        for side in group:
            side.once(keep=False)
        for rep in range(args.reps):
            for side in (group if rep % 2 == 0 else list(reversed(group))):
                side.once()
        bench.log("%s: %s" % (group[0].key, ", ".join("%s %.2f s" % (s.key, s.med("wall")) for s in group)))

    w = {side.key: side for group in groups for side in group}
    section = render(w, counts, args.reps, maven_line)
    if args.quick:
        print(section)
        return 0
    bench.write_section(BEGIN, END, section, "process isolation")
    return 0


def render(w, counts, reps, maven_line):
    lines = [BEGIN, "## Process isolation (issue 13)", "",
             "Written by `bench/isolation.py --reps %d` on %s (%s; %d cores); the rest of this page by `bench/run.sh`. "
             "Worker threads (`isolation=none`) and worker JVMs (`isolation=process`) ran in turn on the same data, "
             "workers = cores, incremental off; medians of %d runs after one warm-up each. Peak RSS is sampled every "
             "20 ms over the whole process tree: Maven and every worker JVM together."
             % (reps, time.strftime("%Y-%m-%d %H:%M"), maven_line, bench.CORES, reps), "",
             "| workload | wall | engine | CPU (user + system), whole tree | peak RSS, whole tree |", "|---|---|---|---|---|"]
    for key, side in w.items():
        engine = "%.2f s" % side.med("engine") if side.runs[0].engine is not None else "%.2f s (its own time)" % side.med("extra")
        lines.append("| %s | %.2f s | %s | %.2f s | %.0f MiB |" % (side.title, side.med("wall"), engine, side.med("cpu"),
                                                              side.med("rss_kib") / 1024))
    gzip_ratio = w["gzip-process"].med("engine") / w["gzip-none"].med("engine")
    startup = w["pair-process"].med("engine") - w["pair-none"].med("engine")
    copy_none, copy_process = w["copy-none"].med("engine"), w["copy-process"].med("engine")
    py = w["py-pool-copy"].med("extra")
    items = counts["tiny"]
    # What worker JVMs add per file beyond their start-up, against everything Python's pool spends per file.
    per_item_process = (copy_process - copy_none - startup) / items * 1e6
    per_item_py = py / items * 1e6
    lines += ["", "| target | measured | value | result |", "|---|---|---|---|",
              "| gzip -6 over cpu: engine time with worker JVMs ≤ 1.10 × worker threads | %.2f s / %.2f s | %.2f | %s |"
              % (w["gzip-process"].med("engine"), w["gzip-none"].med("engine"), gzip_ratio, bench.verdict(gzip_ratio <= 1.10)),
              "| (context) the same with gzip -9, three times the work: worker JVMs / worker threads | %.2f s / %.2f s | %.2f | – |"
              % (w["gzip9-process"].med("engine"), w["gzip9-none"].med("engine"),
                 w["gzip9-process"].med("engine") / w["gzip9-none"].med("engine")),
              "| (context) starting %d worker JVMs, in parallel: engine time over 2 files, worker JVMs − worker threads | "
              "%.2f s − %.2f s | %.2f s | – |" % (bench.CORES, w["pair-process"].med("engine"), w["pair-none"].med("engine"), startup),
              "| copy over tiny: per-item overhead of worker JVMs (engine time with them − with threads − the start-up, "
              "per file) ≤ Python `Pool().map`'s whole time per file | %.1f µs / %.1f µs | %.2f | %s |"
              % (per_item_process, per_item_py, per_item_process / per_item_py, bench.verdict(per_item_process <= per_item_py)),
              "| (context) copy over tiny, whole engine time per file: worker threads; worker JVMs; Python `Pool().map` "
              "(which stages and records nothing) | %.1f µs; %.1f µs; %.1f µs | – | – |"
              % (copy_none / items * 1e6, copy_process / items * 1e6, per_item_py),
              "| copy over tiny: engine time with worker JVMs ≤ worker threads + the start-up | %.2f s / (%.2f s + %.2f s) | "
              "%.2f | %s |" % (copy_process, copy_none, startup, copy_process / (copy_none + startup),
                               bench.verdict(copy_process <= copy_none + startup)),
              "| (context) peak RSS of the whole tree over tiny, worker JVMs / worker threads | %.0f MiB / %.0f MiB | %.2f | – |"
              % (w["copy-process"].med("rss_kib") / 1024, w["copy-none"].med("rss_kib") / 1024,
                 w["copy-process"].med("rss_kib") / w["copy-none"].med("rss_kib")),
              "", END, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
