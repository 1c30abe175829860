#!/usr/bin/env bash
# The parmap benchmark suite in one command: installs the plugin from this repository into a bench-local
# Maven repository, generates the data sets, runs every workload and its anchors, writes bench/RESULTS.md
# (with --quick: bench/work/RESULTS-quick.md) and removes the generated data. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in python3 java /usr/bin/time gzip sha256sum find xargs cp; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
exec python3 bench/bench.py "$@"
