#!/usr/bin/env python3
"""The parmap benchmark suite: builds the plugin, generates data, runs every workload and its anchors, and
writes a Markdown report. Run it through bench/run.sh; see bench/README.md."""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
CORES = os.cpu_count() or 1

PROCESSED = re.compile(r"Processed (\d+) of (\d+) files? in ([\d.]+) s")
UP_TO_DATE = re.compile(r"(\d+) files? up to date, 0 processed.*\(([\d.]+) s\)")
SKIPPED = re.compile(r"Skipping parmap")

# Full and quick shapes of the data sets: (files, bytes per file, folders).
SHAPES = {
    "full": {"cpu": (400, 256 * 1024, 1), "tiny": (20_000, 200, 100), "large": (4, 64 * 1024 * 1024, 1),
             "tiny200k": (200_000, 200, 1000)},
    "quick": {"cpu": (40, 256 * 1024, 1), "tiny": (2_000, 200, 20), "large": (2, 8 * 1024 * 1024, 1)},
}


def log(message):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), flush=True)


def run_quiet(command, cwd=None, what=None):
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        raise SystemExit("bench: %s failed (exit %d): %s" % (what or "command", result.returncode, shlex.join(command)))
    return result.stdout


# ---------------------------------------------------------------------------------------------------------
# Measuring one run


class Run:
    def __init__(self, wall, user, sys_, rss_kib, output):
        self.wall, self.user, self.sys, self.rss_kib, self.output = wall, user, sys_, rss_kib, output
        self.engine = None  # seconds, from the plugin's summary line
        self.extra = None  # seconds reported by the command itself (the Python anchors; the engine driver's warm median)
        self.cold = None  # the engine driver's first run, in a JVM that had run nothing before
        self.started = self.ended = None  # epoch seconds around the process
        # From the time stamps of a Maven run's log: process start → parmap's mojo header line, header → the
        # plugin's last line (summary or "Skipping") less the engine time, last line → process end.
        self.maven = self.plugin = self.exit = None

    @property
    def cpu(self):
        return self.user + self.sys


def measure(command, cwd, discard_stdout=False, env=None):
    """Runs a command under GNU time: wall time from a monotonic clock around it; user, sys and peak RSS
    (the largest single process of the tree, as wait4 reports it) from time's -f output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as stats:
        stats_path = stats.name
    try:
        timed = ["/usr/bin/time", "-f", "%U %S %M", "-o", stats_path] + command
        started = time.time()
        start = time.perf_counter()
        result = subprocess.run(timed, cwd=cwd, env=None if env is None else dict(os.environ, **env), stdout=subprocess.DEVNULL if discard_stdout else subprocess.PIPE,
                                stderr=subprocess.STDOUT if not discard_stdout else subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        ended = time.time()
        output = result.stdout if not discard_stdout else result.stderr
        if result.returncode != 0:
            sys.stdout.write(output or "")
            raise SystemExit("bench: measured command failed (exit %d): %s" % (result.returncode, shlex.join(command)))
        with open(stats_path) as f:
            fields = f.read().split()
        user, sys_, rss = float(fields[-3]), float(fields[-2]), int(fields[-1])
        run = Run(wall, user, sys_, rss, output or "")
        run.started, run.ended = started, ended
        return run
    finally:
        os.remove(stats_path)


# ---------------------------------------------------------------------------------------------------------
# Workloads


class Workload:
    """One command measured several times. `prepare` runs untimed before every run (and the warm-up run);
    `check` reads a run's output, fills in run.engine or run.extra and raises if the run did not do the
    expected work."""

    def __init__(self, key, title, command, cwd, items, prepare=None, check=None, discard_stdout=False,
                 kind="parmap", unit_bytes=None, display=None, env=None):
        self.key, self.title, self.command, self.cwd, self.items = key, title, command, cwd, items
        self.env = env  # extra environment variables for the command
        self.prepare, self.check, self.discard_stdout = prepare, check, discard_stdout
        self.kind, self.unit_bytes, self.display = kind, unit_bytes, display
        self.runs = []

    def once(self, keep=True):
        if self.prepare:
            self.prepare()
        run = measure(self.command, self.cwd, self.discard_stdout, self.env)
        if self.check:
            self.check(run)
        if keep:
            self.runs.append(run)
        return run

    # statistics over the kept runs
    def med(self, attribute):
        values = [getattr(r, attribute) for r in self.runs if getattr(r, attribute) is not None]
        return statistics.median(values) if values else None

    def span(self, attribute):
        values = [getattr(r, attribute) for r in self.runs if getattr(r, attribute) is not None]
        return (min(values), max(values)) if values else (None, None)


LOAD = []  # (group, load average before it, load average after it)


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_group(name, workloads, reps, warm_up=True):
    """Warms each workload up once, then runs the group round-robin, so that drift on a shared machine hits
    all members of a comparison alike. Notes the 1-minute load average before and after: other tenants'
    work shows there."""
    before = load_average()
    if warm_up:
        log("%s: warm-up" % name)
        for workload in workloads:
            workload.once(keep=False)
    for rep in range(reps):
        line = []
        for workload in workloads:
            run = workload.once()
            line.append("%s %.2fs%s" % (workload.key, run.wall, "" if run.engine is None else " (engine %.2fs)" % run.engine))
        log("%s %d/%d: %s" % (name, rep + 1, reps, ", ".join(line)))
    LOAD.append((name, before, load_average()))


STAMP = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) ")


def stamp(run, line_pattern):
    """The epoch time of the first log line matching a pattern, from the HH:mm:ss.SSS stamp Maven puts in
    front of it (see the consumer projects' .mvn/maven.config)."""
    for line in run.output.splitlines():
        if re.search(line_pattern, line):
            match = STAMP.match(line)
            if not match:
                return None
            h, m, sec, ms = (int(g) for g in match.groups())
            day = datetime.datetime.fromtimestamp(run.started).replace(hour=h, minute=m, second=sec, microsecond=ms * 1000)
            value = day.timestamp()
            if value < run.started - 43200:  # the run crossed midnight
                value += 86400
            return value
    return None


def phases(run, last_line):
    """Splits a Maven run's wall time: Maven until parmap's mojo starts, the plugin outside the engine, exit."""
    header, last = stamp(run, r"--- parmap:"), stamp(run, last_line)
    if header is None or last is None:
        return
    run.maven = header - run.started
    run.plugin = last - header - (run.engine or 0.0)
    run.exit = run.ended - last


def expect_processed(count):
    def check(run):
        match = PROCESSED.search(run.output)
        if not match or int(match.group(1)) != count or int(match.group(2)) != count:
            sys.stdout.write(run.output)
            raise SystemExit("bench: expected 'Processed %d of %d files' in the build's log" % (count, count))
        run.engine = float(match.group(3))
        phases(run, PROCESSED.pattern)
    return check


def expect_up_to_date(count):
    def check(run):
        match = UP_TO_DATE.search(run.output)
        if not match or int(match.group(1)) != count:
            sys.stdout.write(run.output)
            raise SystemExit("bench: expected '%d files up to date, 0 processed' in the build's log" % count)
        run.engine = float(match.group(2))
        phases(run, UP_TO_DATE.pattern)
    return check


def expect_skipped(run):
    if not SKIPPED.search(run.output):
        sys.stdout.write(run.output)
        raise SystemExit("bench: expected parmap to log that it skipped")
    phases(run, SKIPPED.pattern)


def expect_build_success(run):
    if "BUILD SUCCESS" not in run.output:
        sys.stdout.write(run.output)
        raise SystemExit("bench: expected BUILD SUCCESS")


def expect_seconds_line(run):
    match = re.search(r"seconds=([\d.]+)", run.output)
    if not match:
        raise SystemExit("bench: the anchor printed no seconds= line")
    run.extra = float(match.group(1))


def expect_driver(run):
    expect_seconds_line(run)
    run.cold = float(re.search(r"cold=([\d.]+)", run.output).group(1))


def remover(*paths):
    def prepare():
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
    return prepare


# ---------------------------------------------------------------------------------------------------------
# Set-up: plugin, processor jar, data, consumer projects


def plugin_version():
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ElementTree.parse(os.path.join(REPO, "pom.xml")).getroot().find("m:version", namespace).text


def maven_home():
    output = run_quiet([os.path.join(REPO, "mvnw"), "-v"], cwd=REPO, what="mvnw -v")
    match = re.search(r"^Maven home: (.+)$", output, re.M)
    if not match:
        raise SystemExit("bench: cannot find the Maven home in `mvnw -v`")
    return match.group(1).strip(), output.splitlines()[0]


def repository_flags(work):
    """A bench-local Maven repository in front of ~/.m2/repository (read-only tail, Maven 3.9+): the plugin
    under test is installed there, so concurrent installs of the same SNAPSHOT elsewhere cannot swap it."""
    return ["-Dmaven.repo.local=" + os.path.join(work, "m2"),
            "-Dmaven.repo.local.tail=" + os.path.join(os.path.expanduser("~"), ".m2", "repository")]


def install(work, version):
    flags = repository_flags(work)
    log("installing the plugin from %s into %s/m2" % (REPO, work))
    run_quiet([os.path.join(REPO, "mvnw"), "-B", "-q", "install", "-DskipTests"] + flags, cwd=REPO, what="plugin install")
    log("installing the SHA-256 processor jar")
    run_quiet([os.path.join(REPO, "mvnw"), "-B", "-q", "-f", os.path.join(BENCH, "sha256-processor", "pom.xml"),
               "install", "-Dparmap.version=" + version] + flags, cwd=REPO, what="processor install")


def generate(work, shapes, name, kind=None):
    files, size, folders = shapes[name]
    target = os.path.join(work, "data", name)
    log("data set %s: %d files x %d bytes" % (name, files, size))
    run_quiet([sys.executable, os.path.join(BENCH, "gen_data.py"), target, kind or name,
               "--files", str(files), "--size", str(size), "--folders", str(folders)], what="gen_data.py")
    return target


CONSUMER = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by bench/bench.py: a consumer of the plugin under test. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.parmap.bench</groupId>
  <artifactId>{name}</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.parmap</groupId>
        <artifactId>parmap-maven-plugin</artifactId>
        <version>{version}</version>
        <executions>
          <execution>
            <goals><goal>process</goal></goals>
            <configuration>
              <inputDirectory>{input}</inputDirectory>
              <processor>{processor}</processor>{parameters}
            </configuration>
          </execution>
        </executions>{dependencies}
      </plugin>
    </plugins>
  </build>
</project>
"""

SHA_DEPENDENCY = """
        <dependencies>
          <dependency>
            <groupId>io.github.parmap.bench</groupId>
            <artifactId>sha256-processor</artifactId>
            <version>1.0-SNAPSHOT</version>
          </dependency>
        </dependencies>"""


# Time stamps on Maven's log lines, so a run's wall time can be split into Maven, plugin and engine.
TIME_STAMPS = ["-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"]


def consumer(work, name, version, input_dir, processor, parameters="", dependencies=""):
    project = os.path.join(work, "projects", name)
    os.makedirs(os.path.join(project, ".mvn"), exist_ok=True)
    with open(os.path.join(project, "pom.xml"), "w") as f:
        f.write(CONSUMER.format(name=name, version=version, input=input_dir, processor=processor,
                                parameters=parameters, dependencies=dependencies))
    # Read by Maven from the project's .mvn/: every build of the project, timed or not, uses the same flags.
    with open(os.path.join(project, ".mvn", "maven.config"), "w") as f:
        f.write("\n".join(["-B", "-o"] + repository_flags(work) + TIME_STAMPS) + "\n")
    return project


# ---------------------------------------------------------------------------------------------------------
# The suite


def main(argv):
    parser = argparse.ArgumentParser(description="Runs the parmap benchmark suite; see bench/README.md.")
    parser.add_argument("--quick", action="store_true", help="small data sets, 2 repetitions, no 200,000-file set")
    parser.add_argument("--reps", type=int, help="repetitions of every workload (default 5, quick 2)")
    parser.add_argument("--slow-reps", type=int, help="repetitions of the slow copy group (default: --reps)")
    parser.add_argument("--mem-reps", type=int, default=3,
                        help="runs of the 200,000-file memory workload, no warm-up (default 3: each takes about a minute)")
    parser.add_argument("--work", default=os.path.join(BENCH, "work"), help="scratch directory (default bench/work)")
    parser.add_argument("--output", help="report to write (default bench/RESULTS.md, quick: WORK/RESULTS-quick.md)")
    parser.add_argument("--keep", action="store_true", help="keep generated data and projects afterwards")
    parser.add_argument("--no-200k", action="store_true", help="leave out the 200,000-file memory workload")
    parser.add_argument("--report-only", metavar="RAW_JSON",
                        help="render the report again from the figures a run saved beside it (RESULTS.json)")
    args = parser.parse_args(argv)
    if args.report_only:
        report = load_raw(args.report_only)
        output = args.output or os.path.splitext(args.report_only)[0] + ".md"
        with open(output, "w") as f:
            f.write(report.render())
        log("wrote %s" % output)
        return 0

    mode = "quick" if args.quick else "full"
    shapes = SHAPES[mode]
    reps = args.reps or (2 if args.quick else 5)
    slow_reps = args.slow_reps or reps
    mem_reps = args.mem_reps
    with_200k = not args.quick and not args.no_200k
    work = os.path.abspath(args.work)
    output = args.output or (os.path.join(work, "RESULTS-quick.md") if args.quick else os.path.join(BENCH, "RESULTS.md"))
    os.makedirs(work, exist_ok=True)
    scratch = os.path.join(work, "tmp")
    began = time.perf_counter()

    version = plugin_version()
    home, maven_line = maven_home()
    mvn = os.path.join(home, "bin", "mvn")
    install(work, version)

    data = {name: generate(work, shapes, name) for name in ("cpu", "tiny", "large")}
    counts = {name: shapes[name][0] for name in shapes}
    projects = {
        "gzip-cpu": consumer(work, "gzip-cpu", version, data["cpu"], "gzip", "\n              <parameters><level>6</level></parameters>"),
        "copy-tiny": consumer(work, "copy-tiny", version, data["tiny"], "copy"),
        "sha-large": consumer(work, "sha-large", version, data["large"], "io.github.parmap.bench.Sha256Processor",
                              dependencies=SHA_DEPENDENCY),
    }

    # The bare Java anchors: the least a Java program does for the same file work, with none of parmap.
    floor = os.path.join(work, "floor")
    plugin_jar = os.path.join(work, "m2", "io", "github", "parmap", "parmap-maven-plugin", version,
                              "parmap-maven-plugin-%s.jar" % version)
    run_quiet(["javac", "-d", floor, "-cp", plugin_jar, os.path.join(BENCH, "CopyFloor.java"),
               os.path.join(BENCH, "NoopFloor.java"), os.path.join(BENCH, "EngineDriver.java")],
              what="javac CopyFloor.java NoopFloor.java EngineDriver.java")
    driver_cp = floor + os.pathsep + plugin_jar

    def build(project, *properties, goal="generate-resources"):
        return [mvn, goal] + list(properties)

    def target(project):
        return os.path.join(projects[project], "target")

    out = os.path.join(scratch, "out")
    cores = str(CORES)
    workloads = {}

    def add(workload):
        workloads[workload.key] = workload
        return workload

    # Maven on its own, and the same project with parmap skipped: what a whole run costs before any work.
    startup = [
        add(Workload("mvn-validate", "Maven alone: `mvn validate` (no plugin runs)", build("gzip-cpu", goal="validate"),
                     projects["gzip-cpu"], None, check=expect_build_success, kind="maven")),
        add(Workload("empty", "Empty build: `mvn generate-resources -Dparmap.skip=true`",
                     build("gzip-cpu", "-Dparmap.skip=true"), projects["gzip-cpu"], None, check=expect_skipped, kind="maven")),
    ]
    cpu_bytes = shapes["cpu"][0] * shapes["cpu"][1]
    gzip_group = [
        add(Workload("empty-gzip", "Empty build again, run in turn with the gzip workloads (same load)",
                     build("gzip-cpu", "-Dparmap.skip=true"), projects["gzip-cpu"], None, check=expect_skipped, kind="maven")),
        add(Workload("gzip-w1", "parmap gzip -6 over cpu, workers=1",
                     build("gzip-cpu", "-Dparmap.incremental=false", "-Dparmap.workers=1"), projects["gzip-cpu"],
                     counts["cpu"], prepare=remover(target("gzip-cpu")), check=expect_processed(counts["cpu"]),
                     unit_bytes=cpu_bytes)),
        add(Workload("gzip-wN", "parmap gzip -6 over cpu, workers=%s (cores)" % cores,
                     build("gzip-cpu", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores), projects["gzip-cpu"],
                     counts["cpu"], prepare=remover(target("gzip-cpu")), check=expect_processed(counts["cpu"]),
                     unit_bytes=cpu_bytes)),
        # The same run with the JIT's optimising compiler off: how much of the gap to Pool().map is the JVM's
        # compiler threads, still compiling Maven's start-up code, taking turns on the cores with the workers.
        add(Workload("gzip-wN-c1", "parmap gzip -6 over cpu, workers=%s, `MAVEN_OPTS=-XX:TieredStopAtLevel=1` (no C2 "
                     "compiler)" % cores,
                     build("gzip-cpu", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores), projects["gzip-cpu"],
                     counts["cpu"], prepare=remover(target("gzip-cpu")), check=expect_processed(counts["cpu"]),
                     unit_bytes=cpu_bytes, env={"MAVEN_OPTS": "-XX:TieredStopAtLevel=1"})),
        # The engine alone, without Maven, through the call the goal makes: its first run and, once the JIT has
        # compiled it, the median of the later ones in the same JVM.
        add(Workload("engine-gzip-wN", "Engine alone (`bench/EngineDriver.java`), gzip -6 over cpu, workers=%s: "
                     "3 runs in one JVM" % cores,
                     ["java", "-cp", driver_cp, "EngineDriver", "gzip", data["cpu"], os.path.join(scratch, "driver"), cores, "3"],
                     work, counts["cpu"], check=expect_driver, kind="anchor", unit_bytes=cpu_bytes)),
        add(Workload("py-pool", "Python `multiprocessing.Pool().map`, gzip level 6 (zlib)",
                     [sys.executable, os.path.join(BENCH, "py_gzip.py"), "pool", data["cpu"], out], work, counts["cpu"],
                     prepare=remover(out), check=expect_seconds_line, kind="anchor", unit_bytes=cpu_bytes)),
        add(Workload("py-loop", "Python sequential loop, gzip level 6 (zlib)",
                     [sys.executable, os.path.join(BENCH, "py_gzip.py"), "loop", data["cpu"], out], work, counts["cpu"],
                     prepare=remover(out), check=expect_seconds_line, kind="anchor", unit_bytes=cpu_bytes)),
        add(Workload("xargs-gzip", "`xargs -P%s gzip -6 -c` into files (GNU gzip)" % cores,
                     ["bash", "-c", "mkdir -p \"$1\" && cd \"$2\" && find . -type f -print0 | xargs -0 -P%s -n 16 "
                      "sh -c 'for f; do gzip -6 -k -c \"$f\" > \"$0/$f.gz\"; done' \"$1\"" % cores, "bash", out, data["cpu"]],
                     work, counts["cpu"], prepare=remover(out), kind="anchor", unit_bytes=cpu_bytes)),
    ]
    copy_group = [
        add(Workload("copy", "parmap copy over tiny, incremental off",
                     build("copy-tiny", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores), projects["copy-tiny"],
                     counts["tiny"], prepare=remover(target("copy-tiny")), check=expect_processed(counts["tiny"]))),
        add(Workload("copy-state", "parmap copy over tiny, incremental on and forced (state recorded)",
                     build("copy-tiny", "-Dparmap.force=true", "-Dparmap.workers=" + cores), projects["copy-tiny"],
                     counts["tiny"], prepare=remover(target("copy-tiny")), check=expect_processed(counts["tiny"]))),
        add(Workload("cp-r", "`cp -r` of tiny", ["cp", "-r", data["tiny"], out], work, counts["tiny"],
                     prepare=remover(out), kind="anchor")),
    ]
    noop_group = [
        add(Workload("noop-tiny", "parmap no-op rebuild over tiny (incremental, nothing changed)",
                     build("copy-tiny", "-Dparmap.workers=" + cores), projects["copy-tiny"], counts["tiny"],
                     check=expect_up_to_date(counts["tiny"]))),
        add(Workload("find-tiny", "`find tiny -printf '%s %T@ %p\\n' >/dev/null`",
                     ["find", data["tiny"], "-printf", "%s %T@ %p\\n"], work, counts["tiny"], discard_stdout=True,
                     kind="anchor")),
        # find over the inputs and the outputs: the file work of the check, which reads the attributes of both.
        add(Workload("find-tiny-both", "`find tiny OUTPUT -printf '%s %T@ %p\\n' >/dev/null` (inputs and parmap's outputs)",
                     ["find", data["tiny"], os.path.join(target("copy-tiny"), "generated-resources", "parmap"),
                      "-printf", "%s %T@ %p\\n"], work, 2 * counts["tiny"], discard_stdout=True, kind="anchor")),
        add(Workload("engine-noop-tiny", "Engine alone (`bench/EngineDriver.java`), no-op over tiny: 10 runs in one JVM "
                     "after one that records the state",
                     ["java", "-cp", driver_cp, "EngineDriver", "noop", data["tiny"], os.path.join(scratch, "driver"), cores, "10"],
                     work, counts["tiny"], check=expect_driver, kind="anchor")),
        # The same file work as the no-op check in a bare Java program in a fresh JVM: the floor for any JVM tool.
        add(Workload("java-noop-tiny", "Bare Java up-to-date walk of tiny and its outputs, %s threads, fresh JVM "
                     "(`bench/NoopFloor.java`)" % cores,
                     ["java", "-cp", floor, "NoopFloor", data["tiny"],
                      os.path.join(target("copy-tiny"), "generated-resources", "parmap"), cores],
                     work, counts["tiny"], check=expect_seconds_line, kind="anchor")),
    ]
    noop_cpu_group = [
        add(Workload("noop-cpu", "parmap no-op rebuild over cpu (incremental, nothing changed)",
                     build("gzip-cpu", "-Dparmap.workers=" + cores), projects["gzip-cpu"], counts["cpu"],
                     check=expect_up_to_date(counts["cpu"]))),
        add(Workload("find-cpu", "`find cpu -printf '%s %T@ %p\\n' >/dev/null`",
                     ["find", data["cpu"], "-printf", "%s %T@ %p\\n"], work, counts["cpu"], discard_stdout=True,
                     kind="anchor")),
    ]
    large_bytes = shapes["large"][0] * shapes["large"][1]
    large_group = [
        add(Workload("sha", "parmap SHA-256 (streaming processor jar) over large",
                     build("sha-large", "-Dparmap.incremental=false", "-Dparmap.workers=" + cores), projects["sha-large"],
                     counts["large"], prepare=remover(target("sha-large")), check=expect_processed(counts["large"]),
                     unit_bytes=large_bytes)),
        add(Workload("sha256sum", "`xargs -P%s -n1 sha256sum` over large" % cores,
                     ["bash", "-c", "find \"$1\" -type f -print0 | xargs -0 -P%s -n1 sha256sum >/dev/null" % cores,
                      "bash", data["large"]], work, counts["large"], kind="anchor", unit_bytes=large_bytes)),
    ]

    run_group("startup", startup, reps)
    run_group("gzip", gzip_group, reps)
    # No warm-up: the data is in the page cache from generation, every mvn run starts a fresh JVM, and on a
    # busy disk one round of this group takes minutes.
    run_group("copy", copy_group, slow_reps, warm_up=False)
    # The no-op group's warm-up run follows a copy-state run that left its state behind: every timed run
    # finds all items up to date.
    workloads["copy-state"].once(keep=False)
    run_group("no-op", noop_group, reps)
    workloads["gzip-wN"].prepare()
    subprocess.run(build("gzip-cpu", "-Dparmap.workers=" + cores), cwd=projects["gzip-cpu"], stdout=subprocess.DEVNULL, check=True)
    run_group("no-op cpu", noop_cpu_group, reps)
    run_group("large", large_group, reps)
    shutil.rmtree(out, ignore_errors=True)
    for name in ("cpu", "tiny"):
        if not args.keep:
            remove_data(work, name)
    if not args.keep:
        remove_data(work, "large")

    if with_200k:
        data["tiny200k"] = generate(work, shapes, "tiny200k", kind="tiny")
        projects["copy-tiny200k"] = consumer(work, "copy-tiny200k", version, data["tiny200k"], "copy")
        mem_group = [
            add(Workload("copy-200k", "parmap copy over 200,000 tiny files, incremental on and forced",
                         build("copy-tiny200k", "-Dparmap.force=true", "-Dparmap.workers=" + cores), projects["copy-tiny200k"],
                         counts["tiny200k"], prepare=remover(target("copy-tiny200k")),
                         check=expect_processed(counts["tiny200k"]))),
            add(Workload("empty-200k", "Empty build of the same project (`-Dparmap.skip=true`)",
                         build("copy-tiny200k", "-Dparmap.skip=true"), projects["copy-tiny200k"], None,
                         check=expect_skipped, kind="maven")),
            # What the JVM's default heap sizing costs for the same file work, with none of parmap's bookkeeping.
            add(Workload("java-floor-200k", "Bare Java copy loop over the same files, %s threads (`bench/CopyFloor.java`)" % cores,
                         ["java", "-cp", floor, "CopyFloor", data["tiny200k"], out, cores], work, counts["tiny200k"],
                         prepare=remover(out), kind="anchor")),
            add(Workload("java-empty", "Empty JVM: the same class started with no arguments",
                         ["java", "-cp", floor, "CopyFloor"], work, None, kind="anchor")),
        ]
        run_group("200k", mem_group, mem_reps, warm_up=False)
        if not args.keep:
            remove_data(work, "tiny200k")

    elapsed = time.perf_counter() - began
    save_raw(os.path.splitext(output)[0] + ".json", mode, reps, slow_reps, mem_reps, workloads, counts, shapes, maven_line,
             mvn, work, projects, elapsed, with_200k)
    report = Report(mode, reps, slow_reps, mem_reps, workloads, counts, shapes, maven_line, mvn, work, projects, elapsed, with_200k)
    with open(output, "w") as f:
        f.write(report.render() + kept_sections(output))
    log("wrote %s (%.0f s in all)" % (output, elapsed))
    if not args.keep:
        shutil.rmtree(os.path.join(work, "projects"), ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def write_section(begin, end, section, what):
    """Puts another script's section (from its begin marker through its end marker) into bench/RESULTS.md:
    in place of the one it wrote before, or at the end the first time."""
    results = os.path.join(BENCH, "RESULTS.md")
    with open(results) as f:
        text = f.read()
    if begin in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(results, "w") as f:
        f.write(text)
    log("wrote the %s section of %s" % (what, results))


def verdict(passes):
    return "pass" if passes else "**fail**"


def kept_sections(path):
    """Sections other scripts write into the report (bench/isolation.py's, bench/images.py's), each between
    its markers: kept as they are when the suite writes the rest again."""
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return ""
    kept = ""
    for begin in re.findall(r"<!-- begin: bench/[\w.]+ -->", text):
        end = begin.replace("begin:", "end:")
        if end in text:
            kept += "\n" + text[text.index(begin):text.index(end) + len(end)] + "\n"
    return kept


def save_raw(path, mode, reps, slow_reps, mem_reps, workloads, counts, shapes, maven_line, mvn, work, projects, elapsed,
             with_200k):
    """Every run's figures, so the report can be rendered again (`--report-only`) without running the suite."""
    raw = {
        "mode": mode, "reps": reps, "slow_reps": slow_reps, "mem_reps": mem_reps, "counts": counts,
        "shapes": {k: list(v) for k, v in shapes.items()}, "maven_line": maven_line, "mvn": mvn, "work": work,
        "projects": projects, "elapsed": elapsed, "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "with_200k": with_200k, "load": LOAD, "machine": machine(),
        "workloads": [{
            "key": w.key, "title": w.title, "command": w.command, "cwd": w.cwd, "items": w.items, "kind": w.kind,
            "unit_bytes": w.unit_bytes, "discard_stdout": w.discard_stdout, "env": w.env,
            "runs": [{"wall": r.wall, "user": r.user, "sys": r.sys, "rss_kib": r.rss_kib, "engine": r.engine,
                      "extra": r.extra, "cold": r.cold, "maven": r.maven, "plugin": r.plugin, "exit": r.exit} for r in w.runs],
        } for w in workloads.values()],
    }
    with open(path, "w") as f:
        json.dump(raw, f, indent=1)
        f.write("\n")


def load_raw(path):
    with open(path) as f:
        raw = json.load(f)
    workloads = {}
    for item in raw["workloads"]:
        workload = Workload(item["key"], item["title"], item["command"], item["cwd"], item["items"],
                            discard_stdout=item["discard_stdout"], kind=item["kind"], unit_bytes=item["unit_bytes"],
                            env=item.get("env"))
        for r in item["runs"]:
            run = Run(r["wall"], r["user"], r["sys"], r["rss_kib"], "")
            run.engine, run.extra, run.cold = r["engine"], r["extra"], r.get("cold")
            run.maven, run.plugin, run.exit = r.get("maven"), r.get("plugin"), r.get("exit")
            workload.runs.append(run)
        workloads[workload.key] = workload
    LOAD[:] = [tuple(entry) for entry in raw["load"]]
    report = Report(raw["mode"], raw["reps"], raw["slow_reps"], raw["mem_reps"], workloads, raw["counts"],
                    {k: tuple(v) for k, v in raw["shapes"].items()}, raw["maven_line"], raw["mvn"], raw["work"],
                    raw["projects"], raw["elapsed"], raw["with_200k"])
    report.machine_info = raw["machine"]
    report.date = raw["date"]
    return report


def remove_data(work, name):
    shutil.rmtree(os.path.join(work, "data", name), ignore_errors=True)
    marker = os.path.join(work, "data", name + ".complete")
    if os.path.exists(marker):
        os.remove(marker)


# ---------------------------------------------------------------------------------------------------------
# The report


def machine():
    def read(command):
        try:
            return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip()
        except OSError:
            return "(unavailable)"
    memory = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                memory = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": read(["nproc"]), "cpu": model, "memory": memory, "kernel": platform.release(),
        "java": read(["java", "-version"]).replace("\n", "; "),
        "python": platform.python_version(),
        "gzip": read(["gzip", "--version"]).splitlines()[0],
        "df": read(["df", "-T", BENCH]),
    }


def fmt_s(value):
    if value is None:
        return "–"
    return "%.3f s" % value if value < 10 else "%.1f s" % value


def fmt_ratio(value):
    return "–" if value is None else "%.2f" % value


class Report:
    def __init__(self, mode, reps, slow_reps, mem_reps, workloads, counts, shapes, maven_line, mvn, work, projects, elapsed,
                 with_200k):
        self.mem_reps = mem_reps
        self.mode, self.reps, self.slow_reps, self.w, self.counts, self.shapes = mode, reps, slow_reps, workloads, counts, shapes
        self.maven_line, self.mvn, self.work, self.projects, self.elapsed = maven_line, mvn, work, projects, elapsed
        self.with_200k = with_200k
        self.machine_info = None
        self.date = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")

    def rel(self, path):
        if path == self.mvn:
            return "mvn"
        if path == sys.executable:
            return "python3"
        return path.replace(self.work, "$WORK").replace(REPO + os.sep, "")

    @staticmethod
    def shell_word(word):
        return word if re.fullmatch(r"[\w@%+=:,./$~-]+", word) else shlex.quote(word)

    def command_text(self, workload):
        text = " ".join(self.shell_word(self.rel(part)) for part in workload.command)
        if workload.env:
            text = " ".join("%s=%s" % (name, self.shell_word(value)) for name, value in workload.env.items()) + " " + text
        if workload.kind in ("parmap", "maven"):
            return "cd %s && %s" % (self.rel(workload.cwd), text)
        if workload.discard_stdout:
            text += " >/dev/null"
        return text

    def render(self):
        m = self.machine_info or machine()
        lines = []
        add = lines.append
        add("# parmap benchmark results")
        add("")
        add("Generated by `bench/run.sh%s` on %s; the whole suite took %.0f s. Do not edit by hand: run the suite again."
            % (" --quick" if self.mode == "quick" else "", self.date, self.elapsed))
        add("")
        add("**The machine is a shared, noisy virtual machine** (other sessions build and test on the same 2 cores "
            "and disk while the suite runs; the load averages below show how much): every figure is the median of %d "
            "runs (copy group: %d; the 200,000-file memory workload: %d), with min–max beside it. Members "
            "of one comparison ran round-robin (one run of each in turn), so drift hits them alike, after one untimed "
            "warm-up run each (not for the copy and 200,000-file groups: their data is in the page cache from "
            "generation, and one round takes minutes on a busy disk). All input data sits in the page cache. Read "
            "differences of a few percent as noise."
            % (self.reps, self.slow_reps, self.mem_reps))
        add("")
        add("## Machine")
        add("")
        add("| | |")
        add("|---|---|")
        add("| cores (`nproc`) | %s (%s) |" % (m["cores"], m["cpu"]))
        add("| memory | %s |" % m["memory"])
        add("| kernel | %s |" % m["kernel"])
        add("| JDK (`java -version`) | %s |" % m["java"])
        add("| Maven | %s (the wrapper's distribution, run directly) |" % self.maven_line)
        add("| Python | %s; %s |" % (m["python"], m["gzip"]))
        df = m["df"].splitlines()
        add("| file system (`df -T bench`) | `%s` |" % (" ".join(df[-1].split()[:2]) if df else "?"))
        add("")
        add("Data sets (seeded, `bench/gen_data.py`): " + "; ".join(
            "**%s** %s files × %s bytes" % (name, "{:,}".format(files), "{:,}".format(size))
            for name, (files, size, _) in self.shapes.items() if name != "tiny200k" or self.with_200k) + ".")
        add("")
        add("1-minute load average before → after each group (2 would mean both cores busy): " + "; ".join(
            "%s %.1f → %.1f" % entry for entry in LOAD) + ".")
        add("")
        self.render_targets(add)
        self.render_table(add)
        self.render_scaling(add)
        self.render_commands(add)
        return "\n".join(lines) + "\n"

    # -- figures

    def ratio(self, a, b):
        return None if a is None or b is None or b == 0 else a / b

    def render_targets(self, add):
        w = self.w
        cores = CORES
        e1, eN = w["gzip-w1"].med("engine"), w["gzip-wN"].med("engine")
        pool, loop = w["py-pool"].med("extra"), w["py-loop"].med("extra")
        empty = w["empty-gzip"].med("wall")
        rows = []

        def row(target, measured, value, limit, passes):
            verdict = "–" if limit is None else ("pass" if passes else "**fail**")
            rows.append("| %s | %s | %s | %s |" % (target, measured, value, verdict))

        speedup = self.ratio(e1, eN)
        row("CPU-bound speed-up, workers=%d vs 1 (engine time) ≥ 0.95 × cores = %.2f" % (cores, 0.95 * cores),
            "%s / %s" % (fmt_s(e1), fmt_s(eN)), "%.2f×" % speedup, 0.95 * cores, speedup >= 0.95 * cores)
        r = self.ratio(eN, pool)
        row("gzip over cpu: parmap engine time ≤ Python `Pool().map` wall time",
            "%s / %s" % (fmt_s(eN), fmt_s(pool)), "%.2f" % r, 1.0, r <= 1.0)
        if "gzip-wN-c1" in w and w["gzip-wN-c1"].runs:
            c1 = w["gzip-wN-c1"].med("engine")
            row("(context, not a target) the same with the JVM's C2 compiler off (`MAVEN_OPTS=-XX:TieredStopAtLevel=1`), "
                "whose threads otherwise share the cores with the workers: parmap engine time / `Pool().map`",
                "%s / %s" % (fmt_s(c1), fmt_s(pool)), "%.2f" % self.ratio(c1, pool), None, True)
        if "engine-gzip-wN" in w and w["engine-gzip-wN"].runs:
            driver = w["engine-gzip-wN"]
            row("(context, not a target) the engine alone, no Maven (`bench/EngineDriver.java`): first run in a fresh JVM; "
                "later runs in the same JVM / `Pool().map`",
                "%s; %s / %s" % (fmt_s(driver.med("cold")), fmt_s(driver.med("extra")), fmt_s(pool)),
                "%.2f" % self.ratio(driver.med("extra"), pool), None, True)
        ideal = loop / cores
        r = self.ratio(pool, ideal)
        row("(premise) `Pool().map` within 5%% of ideal (sequential loop / %d)" % cores,
            "%s / (%s / %d)" % (fmt_s(pool), fmt_s(loop), cores), "%.2f" % r, 1.05, r <= 1.05)
        row("(context, not a target) parallelism the machine gave Python in the same run: loop / `Pool().map`",
            "%s / %s" % (fmt_s(loop), fmt_s(pool)), "%.2f×" % (loop / pool), None, True)
        e2e = w["gzip-wN"].med("wall")
        slack = e2e - (empty + eN)
        row("whole `mvn` run ≤ empty `mvn` run (run in turn with it) + engine time + 0.5 s (gzip, workers=%d)" % cores,
            "%s − (%s + %s)" % (fmt_s(e2e), fmt_s(empty), fmt_s(eN)), "%+.3f s" % slack, 0.5, slack <= 0.5)
        copy_us = w["copy"].med("engine") / self.counts["tiny"] * 1e6
        cp_us = w["cp-r"].med("wall") / self.counts["tiny"] * 1e6
        r = copy_us / cp_us
        row("per-item overhead over tiny (copy, engine time / items) ≤ 1.5 × `cp -r` per file",
            "%.1f µs / %.1f µs" % (copy_us, cp_us), "%.2f" % r, 1.5, r <= 1.5)
        noop = w["noop-tiny"].med("engine")
        find = w["find-tiny"].med("wall")
        r = self.ratio(noop, find)
        row("no-op rebuild over tiny (issue 3): up-to-date check ≤ 1.5 × bare `find -printf` walk",
            "%s / %s" % (fmt_s(noop), fmt_s(find)), "%.2f" % r, 1.5, r <= 1.5)
        if "find-tiny-both" in w and w["find-tiny-both"].runs:
            both = w["find-tiny-both"].med("wall")
            row("(context, not a target) the check reads the attributes of every input and every output: `find` over "
                "both trees; parmap's check against it",
                "%s / %s" % (fmt_s(noop), fmt_s(both)), "%.2f" % (noop / both), None, True)
            if "engine-noop-tiny" in w and w["engine-noop-tiny"].runs:
                driver = w["engine-noop-tiny"]
                row("(context, not a target) the engine alone, no Maven (`bench/EngineDriver.java`): first run in a fresh "
                    "JVM; later runs in the same JVM against `find` over both trees",
                    "%s; %s / %s" % (fmt_s(driver.med("cold")), fmt_s(driver.med("extra")), fmt_s(both)),
                    "%.2f" % (driver.med("extra") / both), None, True)
        if "java-noop-tiny" in w and w["java-noop-tiny"].runs:
            bare = w["java-noop-tiny"].med("extra")
            row("(context, not a target) the same file work in a bare Java program in a fresh JVM (`bench/NoopFloor.java`, "
                "its own time): parmap's check against it, and it against `find`",
                "%s / %s; %s / %s" % (fmt_s(noop), fmt_s(bare), fmt_s(bare), fmt_s(find)),
                "%.2f; %.2f" % (noop / bare, bare / find), None, True)
        if self.with_200k:
            over = (w["copy-200k"].med("rss_kib") - w["empty-200k"].med("rss_kib")) / 1024
            row("memory: peak RSS with 200,000 tiny files ≤ empty run + 256 MiB",
                "%.0f MiB − %.0f MiB" % (w["copy-200k"].med("rss_kib") / 1024, w["empty-200k"].med("rss_kib") / 1024),
                "+%.0f MiB" % over, 256, over <= 256)
            if "java-floor-200k" in w and w["java-floor-200k"].runs:
                floor = (w["java-floor-200k"].med("rss_kib") - w["java-empty"].med("rss_kib")) / 1024
                row("(context, not a target) a bare Java loop doing the same file work (`bench/CopyFloor.java`) under "
                    "the same default heap sizing: peak RSS − empty JVM",
                    "%.0f MiB − %.0f MiB" % (w["java-floor-200k"].med("rss_kib") / 1024, w["java-empty"].med("rss_kib") / 1024),
                    "+%.0f MiB" % floor, None, True)
        large_file = self.shapes["large"][1] / 1024 / 1024
        over = (w["sha"].med("rss_kib") - w["empty"].med("rss_kib")) / 1024
        row("memory: SHA-256 over large holds no file in memory (peak RSS − empty run < one file, %.0f MiB)" % large_file,
            "%.0f MiB − %.0f MiB" % (w["sha"].med("rss_kib") / 1024, w["empty"].med("rss_kib") / 1024),
            "%+.0f MiB" % over, large_file, over < large_file)
        add("## Targets (issue 4, and the no-op target of issue 3)")
        add("")
        add("Medians; engine time is the time parmap prints in its summary line (scan, check, process, commit, "
            "state), end-to-end is the whole `mvn` process.")
        add("")
        add("| target | measured | ratio / value | result |")
        add("|---|---|---|---|")
        for line in rows:
            add(line)
        add("")

    def render_table(self, add):
        w = self.w
        add("## All workloads")
        add("")
        add("Wall = whole process, median (min–max). Engine = parmap's own summary-line time, or for the Python "
            "anchors the time of the map or loop inside the script (pool start-up included, interpreter start-up "
            "not). Items/s and MB/s from the engine time where there is one, else from the wall time. CPU = user + "
            "sys of the whole process tree. Peak RSS = the largest single process (for `xargs` and `Pool` that is "
            "one process, not the sum).")
        add("")
        add("| workload | runs | wall | engine | items/s | MB/s | CPU (user+sys) | peak RSS |")
        add("|---|---|---|---|---|---|---|---|")
        for key, workload in w.items():
            if not workload.runs:
                continue
            wall, (wmin, wmax) = workload.med("wall"), workload.span("wall")
            engine_key = "engine" if workload.med("engine") is not None else ("extra" if workload.med("extra") is not None else None)
            engine = "–"
            basis = wall
            if engine_key:
                e, (emin, emax) = workload.med(engine_key), workload.span(engine_key)
                engine = "%s (%s–%s)" % (fmt_s(e), fmt_s(emin), fmt_s(emax))
                basis = e
            items = "–" if workload.items is None else "{:,.0f}".format(workload.items / basis)
            mbs = "–" if workload.unit_bytes is None else "%.0f" % (workload.unit_bytes / basis / 1e6)
            add("| `%s`: %s | %d | %s (%s–%s) | %s | %s | %s | %s | %.0f MiB |" % (
                key, workload.title, len(workload.runs), fmt_s(wall), fmt_s(wmin), fmt_s(wmax), engine, items, mbs,
                fmt_s(workload.med("cpu")), workload.med("rss_kib") / 1024))
        add("")
        add("### Ratios against the anchors (same run, medians)")
        add("")
        e1, eN = w["gzip-w1"].med("engine"), w["gzip-wN"].med("engine")
        pool, loop, xargs = w["py-pool"].med("extra"), w["py-loop"].med("extra"), w["xargs-gzip"].med("wall")
        empty, validate = w["empty"].med("wall"), w["mvn-validate"].med("wall")
        tiny = self.counts["tiny"]
        rows = [
            ("speed-up, gzip engine time workers=1 / workers=%d" % CORES, e1 / eN),
            ("parmap gzip engine (workers=%d) / `Pool().map`" % CORES, eN / pool),
            ("parmap gzip engine (workers=1) / Python sequential loop", e1 / loop),
            ("parmap gzip engine (workers=%d), C2 compiler off (`-XX:TieredStopAtLevel=1`) / `Pool().map`" % CORES,
             self.ratio(w["gzip-wN-c1"].med("engine"), pool) if "gzip-wN-c1" in w else None),
            ("parmap gzip engine (workers=%d) / `xargs -P%d gzip -6` wall" % (CORES, CORES), eN / xargs),
            ("parmap gzip end-to-end `mvn` (workers=%d) / `python3 py_gzip.py pool` end-to-end" % CORES,
             w["gzip-wN"].med("wall") / w["py-pool"].med("wall")),
            ("`Pool().map` / ideal (sequential loop / %d)" % CORES, pool / (loop / CORES)),
            ("parmap copy per item / `cp -r` per file (incremental off)", w["copy"].med("engine") / w["cp-r"].med("wall")),
            ("parmap copy per item / `cp -r` per file (state recorded)", w["copy-state"].med("engine") / w["cp-r"].med("wall")),
            ("no-op check engine / `find -printf` walk, tiny", w["noop-tiny"].med("engine") / w["find-tiny"].med("wall")),
        ]
        if "java-noop-tiny" in w and w["java-noop-tiny"].runs:
            rows += [
                ("no-op check engine / bare Java walk and output check in a fresh JVM (`NoopFloor`), tiny",
                 w["noop-tiny"].med("engine") / w["java-noop-tiny"].med("extra")),
                ("bare Java walk and output check in a fresh JVM / `find -printf` walk, tiny",
                 w["java-noop-tiny"].med("extra") / w["find-tiny"].med("wall")),
            ]
        rows += [
            ("no-op check engine / `find -printf` walk, cpu", w["noop-cpu"].med("engine") / w["find-cpu"].med("wall")),
            ("parmap SHA-256 engine / `xargs -P%d sha256sum` wall" % CORES, w["sha"].med("engine") / w["sha256sum"].med("wall")),
        ]
        add("| comparison | ratio |")
        add("|---|---|")
        for label, value in rows:
            if value is not None:  # a workload that a report rendered from older figures does not have
                add("| %s | %.2f |" % (label, value))
        add("")
        add("Per item: parmap copy %.1f µs (incremental off), %.1f µs (state recorded); `cp -r` %.1f µs per file; "
            "`find -printf` %.2f µs per file; no-op check %.2f µs per file."
            % (w["copy"].med("engine") / tiny * 1e6, w["copy-state"].med("engine") / tiny * 1e6,
               w["cp-r"].med("wall") / tiny * 1e6, w["find-tiny"].med("wall") / tiny * 1e6,
               w["noop-tiny"].med("engine") / tiny * 1e6))
        add("")
        self.render_cpu(add)
        add("### Where a whole `mvn` run goes")
        add("")
        add("Split with the time stamps Maven puts on its log lines (`-Dorg.slf4j.simpleLogger.showDateTime`), "
            "run by run, so the parts come from the same run and not from runs under different load. *Maven* is "
            "process start → parmap's `--- parmap:…:process` header (JVM start, Maven, the project model, the "
            "lifecycle); *plugin* is header → parmap's last line, less the engine time (loading the plugin, "
            "resolving the processor, the configuration fingerprint; for the empty build: header → `Skipping`); "
            "*exit* is that line → process end. Medians of each part, so they need not add up exactly.")
        add("")
        add("| workload | end-to-end | Maven | plugin outside the engine | engine | exit |")
        add("|---|---|---|---|---|---|")
        add("| `mvn-validate` | %s | – | – | – | – |" % fmt_s(validate))
        for key in ("empty", "empty-gzip", "gzip-w1", "gzip-wN", "copy", "copy-state", "noop-tiny", "noop-cpu", "sha",
                    "copy-200k", "empty-200k"):
            if key not in w or not w[key].runs:
                continue
            x = w[key]
            add("| `%s` | %s | %s | %s | %s | %s |" % (key, fmt_s(x.med("wall")), fmt_s(x.med("maven")), fmt_s(x.med("plugin")),
                                                    fmt_s(x.med("engine")), fmt_s(x.med("exit"))))
        add("")
        gz, eg = w["gzip-wN"], w["empty-gzip"]
        if gz.med("plugin") is not None and eg.med("plugin") is not None:
            add("What parmap adds outside its engine, against the empty build run in turn with it: plugin part %s − %s, "
                "exit %s − %s (gzip, workers=%d)." % (fmt_s(gz.med("plugin")), fmt_s(eg.med("plugin")), fmt_s(gz.med("exit")),
                                                     fmt_s(eg.med("exit")), CORES))
            add("")

    def render_cpu(self, add):
        """Ratios of CPU time, which other tenants of the machine disturb far less than wall time: what parmap
        spends beyond an empty build, against what the anchors spend in all."""
        w = self.w
        empty_cpu = w["empty"].med("cpu")
        tiny = self.counts["tiny"]

        def beyond_empty(key):
            return w[key].med("cpu") - empty_cpu

        add("### CPU time (less disturbed by the machine's other tenants than wall time)")
        add("")
        add("parmap's share is the CPU time of the `mvn` run minus that of the empty build (%s); the anchors' is "
            "their whole CPU time (Python's includes the interpreter's start-up, about 0.02 s)." % fmt_s(empty_cpu))
        add("")
        add("| comparison | CPU s / CPU s | ratio |")
        add("|---|---|---|")
        rows = [
            ("gzip over cpu: parmap workers=1 / Python sequential loop", beyond_empty("gzip-w1"), w["py-loop"].med("cpu")),
            ("gzip over cpu: parmap workers=%d / `Pool().map`" % CORES, beyond_empty("gzip-wN"), w["py-pool"].med("cpu")),
            ("gzip over cpu: parmap workers=%d / workers=1 (extra CPU of running in parallel)" % CORES,
             beyond_empty("gzip-wN"), beyond_empty("gzip-w1")),
            ("copy over tiny, incremental off / `cp -r`", beyond_empty("copy"), w["cp-r"].med("cpu")),
            ("copy over tiny, state recorded / incremental off", beyond_empty("copy-state"), beyond_empty("copy")),
            ("no-op over tiny / `find -printf`", beyond_empty("noop-tiny"), w["find-tiny"].med("cpu")),
            ("SHA-256 over large / `xargs sha256sum`", beyond_empty("sha"), w["sha256sum"].med("cpu")),
        ]
        for label, a, b in rows:
            add("| %s | %.2f / %.2f | %s |" % (label, a, b, "%.2f" % (a / b) if b > 0.005 else "– (anchor below timer resolution)"))
        add("")
        add("Per item over tiny: parmap copy %.0f µs of CPU (incremental off), %.0f µs (state recorded); `cp -r` "
            "%.0f µs. GNU time reports CPU to 10 ms, so sub-second anchors are coarse."
            % (beyond_empty("copy") / tiny * 1e6, beyond_empty("copy-state") / tiny * 1e6, w["cp-r"].med("cpu") / tiny * 1e6))
        add("")

    def render_scaling(self, add):
        w = self.w
        e1, eN = w["gzip-w1"].med("engine"), w["gzip-wN"].med("engine")
        n = CORES
        serial = (n * eN / e1 - 1) / (n - 1) if n > 1 else None
        noop_cpu = w["noop-cpu"].med("engine")
        items = self.counts["cpu"]
        add("## Scaling on paper")
        add("")
        if serial is None:
            add("One core: no speed-up to fit.")
            add("")
            return
        add("Amdahl's law fitted to the gzip engine times (T1 = %s, T%d = %s) gives a serial fraction s = "
            "(%d·T%d/T1 − 1)/(%d − 1) = **%.3f**. On a noisy 2-core machine this fit is rough; an independent upper "
            "bound on the serial work is the no-op run over the same 400 files (scan, state, thread start; its "
            "up-to-date checks run on the workers): %s, i.e. %.3f of T1.%s"
            % (fmt_s(e1), n, fmt_s(eN), n, n, n, serial, fmt_s(noop_cpu), noop_cpu / e1,
               "" if serial > 0 else " A fit at or below zero means a speed-up at or above the core count, which is "
               "noise: it says nothing about the serial work, and its column is left empty."))
        add("")
        # Many small files: the scan and the state are a larger share. The no-op run over tiny bounds the serial
        # work of the copy run over the same files from above (its checks run on the workers, so it overstates it).
        tiny_serial = w["noop-tiny"].med("engine") / (n * w["copy-state"].med("engine"))
        add("For many small files the scan and the state weigh more: the no-op run over tiny (%s), against the "
            "one-worker time of the copy run with the state recorded over the same files (taken as %d workers × %s), bounds the serial "
            "fraction of such a run by s ≤ %.3f. The scan itself is one thread walking the tree." %
            (fmt_s(w["noop-tiny"].med("engine")), n, fmt_s(w["copy-state"].med("engine")), tiny_serial))
        add("")
        add("| cores | Amdahl speed-up with s = %.3f | with s = no-op/T1 = %.3f | item granularity bound (%d items) | "
            "small files, s = %.3f |" % (serial, noop_cpu / e1, items, tiny_serial))
        add("|---|---|---|---|---|")
        for cores in (2, 16, 64):
            amdahl = "%.1f" % (1 / (serial + (1 - serial) / cores)) if serial > 0 else "–"
            s2 = noop_cpu / e1
            amdahl2 = 1 / (s2 + (1 - s2) / cores)
            granular = items / -(-items // cores)
            amdahl3 = 1 / (tiny_serial + (1 - tiny_serial) / cores)
            add("| %d | %s | %.1f | %.1f | %.1f |" % (cores, amdahl, amdahl2, granular, amdahl3))
        add("")
        add("The granularity bound: with equal items, the slowest worker does ⌈items/cores⌉ of them. Beyond the "
            "serial fraction, what would limit a 16- or 64-core run is the number of items (%d items are "
            "%.2f items per worker at 64 cores), memory and file-system bandwidth shared by all workers, "
            "anything the workers serialise on (the shared item counter, output claims, the state journal), and for "
            "many small files the single-threaded scan: a walk that lists directories on several threads would lift it." % (items, items / 64))
        add("")

    def render_commands(self, add):
        add("## Exact commands")
        add("")
        add("`$WORK` is the scratch directory (`bench/work`), `mvn` is `%s`. Every consumer project has "
            "`.mvn/maven.config` with `-B -o -Dmaven.repo.local=$WORK/m2 -Dmaven.repo.local.tail=~/.m2/repository`: the "
            "plugin from this repository and the SHA-256 processor jar are installed in the bench-local repository, "
            "everything else is read from `~/.m2/repository`. Each command ran under "
            "`/usr/bin/time -f '%%U %%S %%M'`. Before every parmap processing run its `target/` was deleted, before "
            "every anchor run its output directory (not timed)." % self.mvn.replace(os.path.expanduser("~"), "~"))
        add("")
        add("```")
        add("bench/run.sh%s" % (" --quick" if self.mode == "quick" else ""))
        add("  ./mvnw -B -q install -DskipTests -Dmaven.repo.local=$WORK/m2 -Dmaven.repo.local.tail=~/.m2/repository")
        add("  ./mvnw -B -q -f bench/sha256-processor/pom.xml install (same repository flags)")
        for name, (files, size, folders) in self.shapes.items():
            if name == "tiny200k" and not self.with_200k:
                continue
            add("  python3 bench/gen_data.py $WORK/data/%s %s --files %d --size %d --folders %d"
                % (name, "tiny" if name == "tiny200k" else name, files, size, folders))
        add("```")
        add("")
        add("```")
        for key, workload in self.w.items():
            if workload.runs:
                add("%-12s %s" % (key + ":", self.command_text(workload)))
        add("```")
        add("")
        add("The no-op workloads run after one untimed incremental build of the same project that left the state "
            "behind; the consumer pom of `gzip-cpu` configures `<processor>gzip</processor>` with "
            "`<parameters><level>6</level></parameters>`, `copy-tiny` `<processor>copy</processor>`, `sha-large` "
            "`<processor>io.github.parmap.bench.Sha256Processor</processor>` with the jar of `bench/sha256-processor` "
            "as a plugin dependency.")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
