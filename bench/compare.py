#!/usr/bin/env python3
"""Before and after, side by side in one run: installs the plugin from two revisions of this repository into
two bench-local Maven repositories, and runs the suite's parmap workloads (gzip over cpu, copy over tiny with
state, the no-op rebuild of tiny) on the same data, alternating between the two builds, so that drift on a
shared machine hits both alike. Usage: bench/compare.py BEFORE [AFTER] [--reps N] [--quick]; AFTER defaults to
the working tree. See bench/README.md."""

import argparse
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the suite's own helpers: data sets, consumer projects, measuring)


def checkout(revision, where):
    """The sources of a revision in a directory of their own; None stands for the working tree."""
    if revision is None:
        return bench.REPO
    if os.path.isdir(where):
        subprocess.run(["git", "worktree", "remove", "--force", where], cwd=bench.REPO, capture_output=True)
    bench.run_quiet(["git", "worktree", "add", "--detach", where, revision], cwd=bench.REPO, what="git worktree add")
    return where


def install(source, work):
    bench.log("installing the plugin from %s into %s/m2" % (source, work))
    bench.run_quiet([os.path.join(bench.REPO, "mvnw"), "-B", "-q", "-f", os.path.join(source, "pom.xml"), "install",
                     "-DskipTests", "-Dinvoker.skip=true"] + bench.repository_flags(work), cwd=source, what="plugin install")


def main(argv):
    parser = argparse.ArgumentParser(description="parmap before and after, side by side; see bench/README.md.")
    parser.add_argument("before", help="the revision to compare against, such as main~3 or a commit id")
    parser.add_argument("after", nargs="?", help="the revision under test (default: the working tree)")
    parser.add_argument("--reps", type=int, default=5, help="runs of each workload and side (default 5)")
    parser.add_argument("--quick", action="store_true", help="the suite's small data sets")
    parser.add_argument("--work", default=os.path.join(bench.BENCH, "work", "compare"), help="scratch directory")
    args = parser.parse_args(argv)

    shapes = bench.SHAPES["quick" if args.quick else "full"]
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    version = bench.plugin_version()
    home, maven_line = bench.maven_home()
    mvn = os.path.join(home, "bin", "mvn")
    data = {name: bench.generate(work, shapes, name) for name in ("cpu", "tiny")}
    cores = str(bench.CORES)

    sides = {}
    for side, revision in (("before", args.before), ("after", args.after)):
        side_work = os.path.join(work, side)
        install(checkout(revision, os.path.join(work, "src-" + side)), side_work)
        gzip = bench.consumer(side_work, "gzip-cpu", version, data["cpu"], "gzip",
                              "\n              <parameters><level>6</level></parameters>")
        copy = bench.consumer(side_work, "copy-tiny", version, data["tiny"], "copy")
        files = {"cpu": shapes["cpu"][0], "tiny": shapes["tiny"][0]}
        sides[side] = [
            bench.Workload("gzip-wN", "gzip -6 over cpu, workers=cores, incremental off",
                           [mvn, "generate-resources", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores], gzip,
                           files["cpu"], prepare=bench.remover(os.path.join(gzip, "target")),
                           check=bench.expect_processed(files["cpu"])),
            bench.Workload("copy-state", "copy over tiny, incremental on and forced",
                           [mvn, "generate-resources", "-Dparmap.force=true", "-Dparmap.workers=" + cores], copy,
                           files["tiny"], prepare=bench.remover(os.path.join(copy, "target")),
                           check=bench.expect_processed(files["tiny"])),
            bench.Workload("noop-tiny", "no-op rebuild of tiny",
                           [mvn, "generate-resources", "-Dparmap.workers=" + cores], copy, files["tiny"],
                           check=bench.expect_up_to_date(files["tiny"])),
        ]

    for index in range(len(sides["before"])):
        pair = [sides["before"][index], sides["after"][index]]
        bench.log("%s: warm-up" % pair[0].key)
        for workload in pair:
            workload.once(keep=False)
        for rep in range(args.reps):
            for workload in (pair if rep % 2 == 0 else reversed(pair)):
                workload.once()
        if pair[0].key == "copy-state":  # leave a recorded state behind for the no-op rebuilds
            for workload in pair:
                workload.once(keep=False)

    print("\nparmap %s (before) and %s (after), %d runs each, alternating; %s; %d cores" % (
        args.before, args.after or "working tree", args.reps, maven_line, bench.CORES))
    print("| workload | before: wall (engine) | after: wall (engine) | after/before wall | after/before engine |")
    print("|---|---|---|---|---|")
    for before, after in zip(sides["before"], sides["after"]):
        wb, wa = statistics.median(r.wall for r in before.runs), statistics.median(r.wall for r in after.runs)
        eb, ea = statistics.median(r.engine for r in before.runs), statistics.median(r.engine for r in after.runs)
        print("| %s | %.2f s (%.2f s) | %.2f s (%.2f s) | %.2f | %.2f |" % (before.key, wb, eb, wa, ea, wa / wb, ea / eb))
    for side in ("before", "after"):
        where = os.path.join(work, "src-" + side)
        if os.path.isdir(where):
            subprocess.run(["git", "worktree", "remove", "--force", where], cwd=bench.REPO, capture_output=True)


if __name__ == "__main__":
    main(sys.argv[1:])
