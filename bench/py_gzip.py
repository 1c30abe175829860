#!/usr/bin/env python3
"""Python anchor for the gzip workload: the idiom parmap is modelled on.

    py_gzip.py pool|loop INPUT_DIR OUTPUT_DIR [--level 6] [--processes N]

Writes OUTPUT_DIR/<relative path>.gz for every file under INPUT_DIR with zlib at the given level (the same
library and level as parmap's built-in gzip), either with multiprocessing.Pool().map or a sequential loop.
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


def init(level, output):
    global LEVEL, OUTPUT
    LEVEL, OUTPUT = level, output


def compress(job):
    source, relative = job
    with open(source, "rb") as f:
        data = f.read()
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
    args = parser.parse_args(argv)

    start = time.perf_counter()
    work = jobs(args.input)
    for directory in {os.path.dirname(relative) for _, relative in work}:
        os.makedirs(os.path.join(args.output, directory), exist_ok=True)
    if args.mode == "pool":
        with Pool(args.processes, initializer=init, initargs=(args.level, args.output)) as pool:
            pool.map(compress, work)
    else:
        init(args.level, args.output)
        for job in work:
            compress(job)
    print("seconds=%.6f" % (time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
