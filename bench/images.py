#!/usr/bin/env python3
"""resize-image against vipsthumbnail, side by side in one run: a seeded set of photo-like JPEGs
(bench/PhotoSet.java) made into thumbnails that fit 400 × 400 at JPEG quality 85, by the engine alone
(bench/EngineDriver.java, no Maven) and by one `vipsthumbnail -s 400` process over the same files. Wall time,
the engine's own time and peak RSS (GNU time) of each. Writes its section of bench/RESULTS.md (between the
markers bench/bench.py keeps when it writes the rest). vipsthumbnail is a bench-only tool (Debian:
libvips-tools); without it the script says so and measures nothing. Usage: bench/images.py [--reps N]
[--quick]; see bench/README.md."""

import argparse
import os
import shutil
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the suite's own helpers: installing, measuring, the machine)

BEGIN = "<!-- begin: bench/images.py -->"
END = "<!-- end: bench/images.py -->"
SEED = 15
SHAPES = {"full": (96, 2400, 1600), "quick": (8, 1200, 800)}


def photo_set(work, floor, shape):
    """The photos, made once per shape and seed and kept beside a stamp naming both."""
    count, width, height = shape
    folder = os.path.join(work, "data", "photos-%dx%dx%d-seed%d" % (count, width, height, SEED))
    stamp = folder + ".complete"  # beside the folder: every file in it is an input
    if not os.path.exists(stamp):
        shutil.rmtree(folder, ignore_errors=True)
        bench.log("generating %d photos of %d × %d" % (count, width, height))
        bench.run_quiet(["java", "-cp", floor, "PhotoSet", folder, str(count), str(width), str(height), str(SEED)],
                        what="PhotoSet")
        open(stamp, "w").close()
    return folder


def runtime_classpath(work, version):
    """The installed plugin jar and the libraries it runs on (TwelveMonkeys among them), as Maven resolves them."""
    listing = os.path.join(work, "images-classpath.txt")
    bench.run_quiet([os.path.join(bench.REPO, "mvnw"), "-B", "-q", "-o", "dependency:build-classpath",
                     "-DincludeScope=runtime", "-Dmdep.outputFile=" + listing] + bench.repository_flags(work),
                    cwd=bench.REPO, what="dependency:build-classpath")
    with open(listing) as f:
        libraries = f.read().strip()
    plugin_jar = os.path.join(work, "m2", "io", "github", "parmap", "parmap-maven-plugin", version,
                              "parmap-maven-plugin-%s.jar" % version)
    return plugin_jar + os.pathsep + libraries


class Side:
    def __init__(self, key, title, command, prepare, check):
        self.key, self.title, self.command, self.prepare, self.check = key, title, command, prepare, check
        self.runs = []

    def once(self, cwd, keep=True):
        self.prepare()
        run = bench.measure(self.command, cwd)
        self.check(run)
        if keep:
            self.runs.append(run)

    def med(self, attribute):
        return statistics.median(getattr(r, attribute) for r in self.runs)


def expect_outputs(folder, count):
    def check(run):
        made = [name for name in os.listdir(folder) if name.endswith(".jpg")]
        if len(made) != count:
            raise SystemExit("bench: expected %d thumbnails in %s, found %d" % (count, folder, len(made)))
    return check


def emptied(folder):
    def prepare():
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    return prepare


def main(argv):
    parser = argparse.ArgumentParser(description="resize-image against vipsthumbnail; see bench/README.md.")
    parser.add_argument("--reps", type=int, default=3, help="runs of each side (default 3)")
    parser.add_argument("--quick", action="store_true", help="8 small photos; prints the section only")
    parser.add_argument("--work", default=os.path.join(bench.BENCH, "work", "images"), help="scratch directory")
    args = parser.parse_args(argv)

    vips = shutil.which("vipsthumbnail")
    if vips is None:
        print("bench/images.py: vipsthumbnail is not installed (Debian: apt-get install libvips-tools); "
              "it is what resize-image is measured against, so nothing was measured.")
        return 0
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    version = bench.plugin_version()
    _, maven_line = bench.maven_home()
    bench.install(work, version)
    classpath = runtime_classpath(work, version)
    floor = os.path.join(work, "floor")
    bench.run_quiet(["javac", "-d", floor, "-cp", classpath] + [os.path.join(bench.BENCH, name) for name in
                     ("EngineDriver.java", "PhotoSet.java", "ImageStages.java")], what="javac EngineDriver.java PhotoSet.java ImageStages.java")
    shape = SHAPES["quick" if args.quick else "full"]
    photos = photo_set(work, floor, shape)
    count = shape[0]
    files = sorted(os.path.join(photos, name) for name in os.listdir(photos) if name.endswith(".jpg"))
    vips_out = os.path.join(work, "vips-out")
    driver_work = os.path.join(work, "driver")
    cores = str(bench.CORES)

    def engine(key, title, runs):
        command = ["java", "-cp", floor + os.pathsep + classpath, "EngineDriver", "resize-image", photos, driver_work, cores, str(runs)]

        def check(run):
            bench.expect_driver(run)
            expect_outputs(os.path.join(driver_work, "out"), count)(run)
        return Side(key, title, command, lambda: None, check)

    sides = [
        engine("engine-cold", "parmap `resize-image`, engine alone (`EngineDriver`, workers = %s): one run in a fresh JVM" % cores, 1),
        engine("engine-warm", "the same, four runs in one JVM (the last three once the JIT has compiled the code)", 4),
        Side("vips", "`vipsthumbnail -s 400 -o …/%s.jpg[Q=85]` over the same files, one process",
             [vips, "-s", "400", "-o", os.path.join(vips_out, "%s.jpg[Q=85]")] + files, emptied(vips_out),
             expect_outputs(vips_out, count)),
    ]
    load_before = bench.load_average()
    bench.log("warm-up")
    for side in sides:
        side.once(work, keep=False)
    for rep in range(args.reps):
        for side in (sides if rep % 2 == 0 else list(reversed(sides))):
            side.once(work)
    bench.log(", ".join("%s %.2f s" % (s.key, s.med("wall")) for s in sides))
    stages = stage_times(floor + os.pathsep + classpath, photos)
    load = (load_before, bench.load_average())

    section = render({side.key: side for side in sides}, shape, files, args.reps, maven_line, stages, load)
    if args.quick:
        print(section)
        return 0
    bench.write_section(BEGIN, END, section, "resize-image")
    return 0


def stage_times(classpath, photos):
    """Seconds the built-in spends decoding, scaling and encoding the whole set, on one thread (bench/ImageStages.java)."""
    output = bench.run_quiet(["java", "-cp", classpath, "ImageStages", photos], what="ImageStages")
    stages = dict(pair.split("=") for pair in output.split())
    return {key: value if key == "decoded" else float(value) for key, value in stages.items()}


def render(w, shape, files, reps, maven_line, stages, load):
    count, width, height = shape
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    machine = bench.machine()
    vips_version = bench.run_quiet(["vips", "--version"], what="vips --version").strip() if shutil.which("vips") else "vips"
    cold, warm, vips = w["engine-cold"], w["engine-warm"], w["vips"]
    lines = [BEGIN, "## resize-image against vipsthumbnail (issue 15)", "",
             "Written by `bench/images.py --reps %d` on %s (%s cores, %s; %s; %s); the rest of this page by `bench/run.sh`. "
             "%d seeded photo-like JPEGs of %d × %d (`bench/PhotoSet.java`: gradients, waves and grain at quality 90; "
             "%.0f MB in all) made into thumbnails that fit 400 × 400 (400 × 267) at JPEG quality 85, by the engine "
             "alone and by one `vipsthumbnail` process (%s, its own thread pool) over the same files, in turn; medians "
             "of %d runs after one warm-up each. Peak RSS is GNU time's: the largest process. The machine is shared: "
             "1-minute load average %.1f before, %.1f after (2 would mean both cores busy), so wall times say less "
             "than CPU times here."
             % (reps, time.strftime("%Y-%m-%d %H:%M"), machine["cores"], machine["cpu"], machine["java"].split(";")[0],
                maven_line, count, width, height, megabytes, vips_version, reps, load[0], load[1]), "",
             "| side | wall, whole process | engine time | CPU (user + system) | peak RSS |", "|---|---|---|---|---|"]
    lines.append("| %s | %.2f s | %.2f s | %.2f s | %.0f MiB |" % (cold.title, cold.med("wall"), cold.med("cold"), cold.med("cpu"),
                                                            cold.med("rss_kib") / 1024))
    lines.append("| %s | %.2f s | %.2f s (median of the last three; first %.2f s) | %.2f s | %.0f MiB |"
                 % (warm.title, warm.med("wall"), warm.med("extra"), warm.med("cold"), warm.med("cpu"), warm.med("rss_kib") / 1024))
    lines.append("| %s | %.2f s | – | %.2f s | %.0f MiB |" % (vips.title, vips.med("wall"), vips.med("cpu"), vips.med("rss_kib") / 1024))
    first, jit, whole = cold.med("cold"), warm.med("extra"), vips.med("wall")
    lines += ["", "| target | measured | ratio | result |", "|---|---|---|---|",
              "| engine time in a fresh JVM (what one build spends) ≤ vipsthumbnail's whole run | %.2f s / %.2f s | %.2f | %s |"
              % (first, whole, first / whole, bench.verdict(first <= whole)),
              "| (context) engine time once the JIT has compiled the code / vipsthumbnail | %.2f s / %.2f s | %.2f | – |"
              % (jit, whole, jit / whole),
              "| (context) the engine's whole process, JVM start-up included / vipsthumbnail | %.2f s / %.2f s | %.2f | – |"
              % (cold.med("wall"), whole, cold.med("wall") / whole),
              "| (context) CPU per thumbnail, engine in a fresh JVM (JVM start-up and JIT compilation included) / "
              "vipsthumbnail | %.1f ms / %.1f ms | %.2f | – |"
              % (cold.med("cpu") / count * 1e3, vips.med("cpu") / count * 1e3, cold.med("cpu") / vips.med("cpu")),
              "| (context) peak RSS, engine's JVM / vipsthumbnail | %.0f MiB / %.0f MiB | %.1f | – |"
              % (cold.med("rss_kib") / 1024, vips.med("rss_kib") / 1024, cold.med("rss_kib") / vips.med("rss_kib")),
              "", "Where the built-in's time goes, on one thread once the JIT has compiled the code (`bench/ImageStages.java`, "
              "per thumbnail): decoding (subsampled: a %d × %d photo is decoded at %s) %.1f ms, scaling and colour "
              "handling %.1f ms, JPEG encoding %.1f ms."
              % (width, height, stages["decoded"].replace("x", " × "), stages["decode"] / count * 1e3, stages["scale"] / count * 1e3, stages["encode"] / count * 1e3),
              "", END, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
