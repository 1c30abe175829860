#!/usr/bin/env bash
# Restoring the cpu set from the local build cache and from nginx (WebDAV) on loopback, against processing it.
# Needs nginx with its dav module (Debian: apt-get install nginx-light) and a built project (./mvnw -B test-compile).
# Usage: bench/cache/run.sh [REPS]   (default 5; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/parmap-cache-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
./mvnw -B -q test-compile
cp="target/classes:target/test-classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
javac -d "$work/classes" -cp "$cp" bench/cache/CacheRestoreBench.java
java -cp "$work/classes:$cp" io.github.parmap.engine.CacheRestoreBench "$work" "$reps"
