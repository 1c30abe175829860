#!/usr/bin/env python3
"""The compressing built-ins against the command-line tools, side by side in one run, on a web-asset set:
text assets of many sizes, images and fonts that are compressed already, and tiny files. For gzip -6,
brotli -q 11 and zstd -19, the engine (bench/EngineDriver.java, the built-in over the set) and the tool over
the same files with `xargs -P<cores>`: wall and CPU time, and the bytes written. Writes its section of
bench/RESULTS.md (between the markers bench/bench.py keeps). Usage: bench/compressors.py [--reps N] [--quick];
see bench/README.md."""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the suite's own helpers: install, Maven home, logging)
from isolation import measure_tree  # noqa: E402

BEGIN = "<!-- begin: bench/compressors.py -->"
END = "<!-- end: bench/compressors.py -->"

WORDS = ["<div class=\"card\">", "</div>", "<span>", "</span>", "function", "return", "const", "let", "=>", "{", "}",
         "margin: 0;", "padding: 4px;", "color: #333;", "import", "export default", "document.querySelector(", ");",
         "<a href=\"/docs/", "\">", "</a>", "this.state", "props.", "null", "true", "false", "await fetch(", "width: 100%;"]


def web_assets(directory, scale, seed=20261203):
    """Writes the asset set, the same bytes for the same seed: text files of 200 B to 400 KB, files that are
    compressed already (random bytes under .png/.woff2/.jpg names), and files of a few bytes."""
    if os.path.isdir(directory):
        return directory
    rng = random.Random(seed)
    for i in range(int(120 * scale)):
        size = int(200 * (2000 ** rng.random()))  # log-uniform, 200 B to 400 KB
        words = []
        length = 0
        identifiers = ["id%d" % rng.randrange(400) for _ in range(60)]
        while length < size:
            word = rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(identifiers)
            if rng.random() < 0.08:
                word += "\n"
            words.append(word)
            length += len(word) + 1
        ext = rng.choice([".html", ".css", ".js", ".svg", ".json"])
        write(directory, "assets/%02d/text-%03d%s" % (i % 7, i, ext), " ".join(words)[:size].encode())
    for i in range(int(40 * scale)):
        size = int(2000 * (250 ** rng.random()))  # 2 KB to 500 KB
        ext = rng.choice([".png", ".woff2", ".jpg"])
        write(directory, "static/bin-%03d%s" % (i, ext), rng.randbytes(size))
    for i in range(int(40 * scale)):
        write(directory, "tiny/t%03d.css" % i, ("a{color:#%03x}" % rng.randrange(4096))[: rng.randrange(5, 14)].encode())
    return directory


def write(directory, relative, data):
    path = os.path.join(directory, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def files_under(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = os.path.getsize(path)
    return found


FORMATS = [
    # built-in, level parameter, extension, the tool's command for a batch of files (it keeps the inputs)
    ("gzip", "6", ".gz", ["gzip", "-k", "-n", "-6"]),
    ("brotli", "11", ".br", ["brotli", "-k", "-q", "11"]),
    ("zstd", "19", ".zst", ["zstd", "-q", "-k", "-19"]),
]


def main(argv):
    parser = argparse.ArgumentParser(description="parmap's compressors against gzip, brotli and zstd; see bench/README.md.")
    parser.add_argument("--reps", type=int, default=5, help="runs of each side (default 5)")
    parser.add_argument("--quick", action="store_true", help="a quarter of the set, prints the section only")
    parser.add_argument("--work", default=os.path.join(bench.BENCH, "work", "compressors"), help="scratch directory")
    args = parser.parse_args(argv)

    missing = [tool for tool in ("gzip", "brotli", "zstd") if shutil.which(tool) is None]
    if missing:
        raise SystemExit("bench: compressors.py compares with the command-line tools; install %s (Debian: apt-get install %s)"
                         % (", ".join(missing), " ".join(missing)))
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    version = bench.plugin_version()
    _, maven_line = bench.maven_home()
    bench.install(work, version)
    plugin_jar = os.path.join(work, "m2", "io", "github", "parmap", "parmap-maven-plugin", version,
                              "parmap-maven-plugin-%s.jar" % version)
    classes = os.path.join(work, "driver")
    bench.run_quiet(["javac", "-d", classes, "-cp", plugin_jar, os.path.join(bench.BENCH, "EngineDriver.java")], what="javac EngineDriver")
    classpath = os.pathsep.join([classes, plugin_jar] + dependency_jars(work))
    data = web_assets(os.path.join(work, "assets-quick" if args.quick else "assets"), 0.25 if args.quick else 1)
    inputs = files_under(data)
    cores = str(bench.CORES)

    rows = []
    for builtin, level, extension, tool in FORMATS:
        engine_out = os.path.join(work, "engine-" + builtin)
        tool_tree = os.path.join(work, "tool-" + builtin)
        engine_runs, tool_runs = [], []
        # Two runs in each engine JVM, the first to load and compile the code: the second is the one timed.
        engine = ["java", "-cp", classpath, "EngineDriver", "builtin:" + builtin, data, engine_out, cores, "2", "level=" + level]
        batch = ["find", ".", "-type", "f", "!", "-name", "*" + extension, "-print0"]
        xargs = "%s | xargs -0 -P%s -n 8 %s" % (" ".join(shell(w) for w in batch), cores, " ".join(tool))

        def tool_once():
            # The tool writes its outputs beside the inputs: a fresh copy of the set each time, not timed.
            shutil.rmtree(tool_tree, ignore_errors=True)
            shutil.copytree(data, tool_tree)
            tool_runs.append(measure_tree(["bash", "-c", xargs], tool_tree))

        def engine_once():
            run = measure_tree(engine, work)
            run.figures = dict(line.split("=", 1) for line in run.output.split() if "=" in line)
            engine_runs.append(run)

        for rep in range(args.reps):  # in turn, so that the load on a shared machine hits both alike
            for side in ((tool_once, engine_once) if rep % 2 == 0 else (engine_once, tool_once)):
                side()
        figures = {key: statistics.median(float(r.figures[key]) for r in engine_runs) for key in ("seconds", "cpu", "cold")}
        run = engine_runs[-1]
        run.cpu_median = statistics.median(r.cpu for r in engine_runs)
        kept = {rel[: -len(extension)]: size for rel, size in files_under(os.path.join(engine_out, "out")).items()}
        by_tool = {rel[: -len(extension)]: size for rel, size in files_under(tool_tree).items() if rel.endswith(extension)}
        same_files_tool = sum(by_tool[rel] for rel in kept)
        rows.append({
            "builtin": builtin, "level": level, "tool": " ".join(tool), "files": len(inputs),
            "input_bytes": sum(inputs.values()),
            "tool_wall": statistics.median(r.wall for r in tool_runs), "tool_cpu": statistics.median(r.cpu for r in tool_runs),
            "engine_wall": figures["seconds"], "engine_cpu": figures["cpu"], "engine_cold": figures["cold"],
            "jvm_cpu": run.cpu_median, "kept": len(kept), "kept_bytes": sum(kept.values()), "tool_same_bytes": same_files_tool,
            "tool_all_bytes": sum(by_tool.values()), "tool_outputs": len(by_tool),
        })
        bench.log("%s: tool %.2f s wall, %.2f s CPU; engine %.2f s wall, %.2f s CPU; %d of %d kept"
                  % (builtin, rows[-1]["tool_wall"], rows[-1]["tool_cpu"], rows[-1]["engine_wall"], rows[-1]["engine_cpu"],
                     len(kept), len(inputs)))

    section = render(rows, args.reps, maven_line, inputs)
    if args.quick:
        print(section)
        return 0
    bench.write_section(BEGIN, END, section, "compressors")
    return 0


def dependency_jars(work):
    """zstd-jni and brotli4j (with its native part for this machine), from the plugin's own build."""
    listing = os.path.join(work, "classpath.txt")
    bench.run_quiet([os.path.join(bench.REPO, "mvnw"), "-B", "-q", "dependency:build-classpath", "-Dmdep.includeScope=runtime",
                     "-Dmdep.outputFile=" + listing], cwd=bench.REPO, what="dependency:build-classpath")
    with open(listing) as f:
        return [entry for entry in f.read().strip().split(os.pathsep) if entry]


def shell(word):
    return "'" + word.replace("'", "'\\''") + "'" if any(c in word for c in " *!$") else word


def render(rows, reps, maven_line, inputs):
    lines = [BEGIN, "## Compressors against the command-line tools (issue 15)", "",
             "Written by `bench/compressors.py --reps %d` on %s (%s; %d cores). The set: %d files, %.1f MB: text assets "
             "from 200 B to 400 KB, files that are compressed already (images, fonts) and files of a few bytes. "
             "The tool: `find . -type f -print0 | xargs -0 -P%d -n 8 TOOL` over a fresh copy of the set, medians of %d "
             "runs, CPU = user + system of the whole tree. The engine: `bench/EngineDriver.java builtin:NAME` (the "
             "engine without Maven, %d workers, incremental off), the warm median of %d runs in one JVM, CPU = the "
             "JVM's CPU time during each run. Sizes: the engine keeps a sibling only if it is at most 0.8 of its file "
             "(`minRatio`, the default); the tool writes one for every file."
             % (reps, time.strftime("%Y-%m-%d %H:%M"), maven_line, bench.CORES, len(inputs), sum(inputs.values()) / 1e6,
                bench.CORES, reps, bench.CORES, reps), "",
             "| format | tool | wall: tool / engine | CPU: tool / engine | CPU ratio engine / tool (target ≤ 1.10) "
             "| bytes of the kept siblings: engine / tool, same files | size ratio (target ≤ 1.005) | siblings: engine / tool "
             "| all the tool's siblings |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cpu_ratio = r["engine_cpu"] / r["tool_cpu"]
        size_ratio = r["kept_bytes"] / r["tool_same_bytes"] if r["tool_same_bytes"] else float("nan")
        lines.append("| %s -%s | `%s` | %.2f s / %.2f s | %.2f s / %.2f s | %.2f %s | %s / %s | %.4f %s | %d / %d | %s |" % (
            r["builtin"], r["level"], r["tool"], r["tool_wall"], r["engine_wall"], r["tool_cpu"], r["engine_cpu"], cpu_ratio,
            "met" if cpu_ratio <= 1.10 else "missed", f"{r['kept_bytes']:,}", f"{r['tool_same_bytes']:,}", size_ratio,
            "met" if size_ratio <= 1.005 else "missed", r["kept"], r["tool_outputs"], f"{r['tool_all_bytes']:,}"))
    lines += ["", "The engine's first run in its JVM (class loading, JIT) took %s (medians); the whole JVM's CPU, both "
              "runs and start-up: %s."
              % (", ".join("%s %.2f s" % (r["builtin"], r["engine_cold"]) for r in rows),
                 ", ".join("%s %.2f s" % (r["builtin"], r["jvm_cpu"]) for r in rows)), END]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
