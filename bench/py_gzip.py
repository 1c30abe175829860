#!/usr/bin/env python3
"""Python anchor for the gzip workload: the idiom parmap is modelled on.

    py_gzip.py pool|loop INPUT_DIR OUTPUT_DIR [--level 6] [--processes N] [--copy]

Writes OUTPUT_DIR/<relative path>.gz for every file under INPUT_DIR with zlib at the given level (the same
library and level as parmap's built-in gzip), either with multiprocessing.Pool().map or a sequential loop.
With --copy, each file is copied as it is instead (the per-item overhead anchor of process isolation).
Prints one line: `seconds=<wall time of the map or loop, including the pool's start-up>`.
"""

import argparse
import gzip
import os
import sys
import time
from multiprocessing import Pool

LEVEL = 6
OUTPUT = ""
COPY = False


def init(level, output, copy=False):
    global LEVEL, OUTPUT, COPY
    LEVEL, OUTPUT, COPY = level, output, copy


def compress(job):
    source, relative = job
    with open(source, "rb") as f:
        data = f.read()
    if COPY:
        with open(os.path.join(OUTPUT, relative), "wb") as f:
            f.write(data)
        return len(data)
    target = os.path.join(OUTPUT, relative + ".gz")
    with open(target, "wb") as f:
        f.write(gzip.compress(data, compresslevel=LEVEL, mtime=0))
    return len(data)


def jobs(root):
    found = []
    for directory, _, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            found.append((path, os.path.relpath(path, root)))
    found.sort()
    return found


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["pool", "loop"])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--level", type=int, default=6)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--copy", action="store_true", help="copy each file as it is instead of compressing it")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    work = jobs(args.input)
    for directory in {os.path.dirname(relative) for _, relative in work}:
        os.makedirs(os.path.join(args.output, directory), exist_ok=True)
    if args.mode == "pool":
        with Pool(args.processes, initializer=init, initargs=(args.level, args.output, args.copy)) as pool:
            pool.map(compress, work)
    else:
        init(args.level, args.output, args.copy)
        for job in work:
            compress(job)
    print("seconds=%.6f" % (time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
