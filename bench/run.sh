#!/usr/bin/env bash
# The parmap benchmark suite in one command: installs the plugin from this repository into a bench-local
# Maven repository, generates the data sets, runs every workload and its anchors, writes bench/RESULTS.md
# (with --quick: bench/work/RESULTS-quick.md) and removes the generated data; then, unless --quick or
# --no-scale, bench/scale.py adds its section on memory and time as the data set grows. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in python3 java /usr/bin/time gzip sha256sum find xargs cp; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
# The growth workload (bench/scale.py: 20,000 to 1,000,000 files) runs after the suite, not with --quick;
# --no-scale leaves it out.
scale=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-scale) scale=0 ;;
    --quick|--report-only*|-h|--help) scale=0; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
python3 bench/bench.py "${args[@]+"${args[@]}"}"
if [ "$scale" = 1 ]; then
  python3 bench/scale.py
fi
