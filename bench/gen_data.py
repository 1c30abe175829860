#!/usr/bin/env python3
"""Deterministic, seeded data sets for the parmap benchmark suite.

    gen_data.py DIR SET [--files N] [--size BYTES] [--folders N] [--seed N]

SET is one of:
  cpu    400 files x 256 KiB of compressible text (words from a Zipf-weighted vocabulary), flat
  tiny   20,000 files x 200 bytes of text, in 100 folders
  large  4 files x 64 MiB of seeded pseudo-random bytes
The options override a set's shape (the --quick suite uses them). The same arguments always give the same
bytes. A finished set is marked by a file DIR.complete beside it (not inside: every file in DIR is an input)
holding its arguments; an existing set with the same arguments is kept, anything else in DIR is replaced.
"""

import argparse
import json
import os
import random
import shutil
import sys

SETS = {
    "cpu": {"files": 400, "size": 256 * 1024, "folders": 1},
    "tiny": {"files": 20_000, "size": 200, "folders": 100},
    "large": {"files": 4, "size": 64 * 1024 * 1024, "folders": 1},
}


def vocabulary(rng, words=4000):
    """Pseudo-words of 2..11 letters, with Zipf-like weights, so text compresses like prose (about 3:1)."""
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    letter_weights = [26 - i for i in range(26)]
    vocab = ["".join(rng.choices(letters, letter_weights, k=rng.randint(2, 11))) for _ in range(words)]
    cumulative, total = [], 0.0
    for rank in range(1, words + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return vocab, cumulative


def text(rng, vocab, cumulative, size):
    """About `size` bytes of lines of words, cut to exactly `size` bytes and ending in a newline."""
    out, length = [], 0
    while length < size:
        words = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(6, 14))
        line = " ".join(words) + ".\n"
        out.append(line)
        length += len(line)
    data = "".join(out).encode("ascii")[: size - 1] + b"\n"
    return data


def file_path(root, index, files, folders):
    name = "f%05d.txt" % index if files >= 10_000 else "f%04d.txt" % index
    if folders <= 1:
        return os.path.join(root, name)
    return os.path.join(root, "d%03d" % (index % folders), name)


def generate(root, kind, files, size, folders, seed):
    rng = random.Random(seed)
    if folders > 1:
        for folder in range(folders):
            os.makedirs(os.path.join(root, "d%03d" % folder), exist_ok=True)
    if kind == "large":
        chunk = 4 * 1024 * 1024
        for index in range(files):
            with open(file_path(root, index, files, folders), "wb") as out:
                left = size
                while left > 0:
                    n = min(chunk, left)
                    out.write(rng.randbytes(n))
                    left -= n
        return
    vocab, cumulative = vocabulary(rng)
    for index in range(files):
        with open(file_path(root, index, files, folders), "wb") as out:
            out.write(text(rng, vocab, cumulative, size))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("--files", type=int)
    parser.add_argument("--size", type=int)
    parser.add_argument("--folders", type=int)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)
    shape = dict(SETS[args.set])
    for key in ("files", "size", "folders"):
        if getattr(args, key) is not None:
            shape[key] = getattr(args, key)
    wanted = {"set": args.set, "seed": args.seed, **shape}

    marker = args.dir.rstrip("/") + ".complete"
    if os.path.exists(marker):
        with open(marker) as f:
            if json.load(f) == wanted:
                print("%s: kept (%d files x %d bytes)" % (args.dir, shape["files"], shape["size"]))
                return 0
    if os.path.exists(marker):
        os.remove(marker)
    if os.path.exists(args.dir):
        shutil.rmtree(args.dir)
    os.makedirs(args.dir)
    generate(args.dir, args.set, shape["files"], shape["size"], shape["folders"], args.seed)
    with open(marker, "w") as f:
        json.dump(wanted, f)
    print("%s: generated %d files x %d bytes in %d folder(s)" % (args.dir, shape["files"], shape["size"], shape["folders"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
