#!/usr/bin/env bash
# The goal page that `./mvnw site` generates must list every parameter a user can set: each @Parameter
# field of the process goal's mojo that is not read-only. Run after `./mvnw site`.
set -euo pipefail
cd "$(dirname "$0")/.."

mojo=$(grep -rl '@Mojo(name = "process"' src/main/java)
page=target/site/process-mojo.html
[ -f "$page" ] || { echo "no $page: run ./mvnw site first" >&2; exit 1; }

# The field after each @Parameter annotation, unless the annotation says readonly.
parameters=$(awk '
  /^[[:space:]]*@Parameter/ { annotated = 1; readonly = ($0 ~ /readonly *= *true/); next }
  annotated && /^[[:space:]]*private / {
    name = $0; sub(/;.*/, "", name); sub(/.*[[:space:]]/, "", name)
    if (!readonly) print name
    annotated = 0
  }' "$mojo")

[ -n "$parameters" ] || { echo "found no @Parameter fields in $mojo" >&2; exit 1; }
missing=()
for name in $parameters; do
  grep -q "<a id=\"$name\"></a>" "$page" || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "$page lacks these parameters of $mojo: ${missing[*]}" >&2
  exit 1
fi
echo "The parameter reference lists all $(echo "$parameters" | wc -l) parameters of the process goal."
