#!/usr/bin/env bash
# Reproducible build check: the plugin built twice from clean copies of this tree, in two different folders, in
# two time zones and at two different times, must give the same bytes: the plugin jar, the sources jar, the
# javadoc jar, the plugin descriptor and the pom. Fails naming every file that differs, and the entries inside
# a jar that differ. Runs with -DskipTests (no unit or integration tests), so it costs two packagings.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/target/reproducible"
rm -rf "$WORK"
mkdir -p "$WORK"

# A clean copy of the tree: the files git knows or would add (tracked, and untracked unless ignored), so no
# target/ and nothing a build left behind.
copy_tree() {
  local dest="$1"
  mkdir -p "$dest"
  git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$dest"
}

build() {
  local name="$1" tz="$2"
  local dir="$WORK/$name/parmap"
  copy_tree "$dir"
  echo "Building in $dir (TZ=$tz)"
  (cd "$dir" && TZ="$tz" ./mvnw -B -ntp -q package -DskipTests -Dmaven.test.skip=true)
}

# No plugin of the build is a version known to write non-reproducible output (maven-artifact-plugin's list).
./mvnw -B -ntp -q artifact:check-buildplan

build one UTC
# A second apart at least, so a time stamp taken from the clock would show.
sleep 1
build two Pacific/Auckland

# Every jar the build made (the plugin, its sources, its javadoc), and the plugin descriptors as generated. The
# pom that is deployed is pom.xml itself, which is also inside the jar.
one="$WORK/one/parmap"
two="$WORK/two/parmap"
mapfile -t files < <(cd "$one" && ls target/*.jar; echo target/classes/META-INF/maven/plugin.xml;
                     echo target/classes/META-INF/maven/io.github.parmap/parmap-maven-plugin/plugin-help.xml)
for kind in "-sources.jar" "-javadoc.jar"; do
  printf '%s\n' "${files[@]}" | grep -q -- "$kind\$" || { echo "MISSING: the build made no *$kind" >&2; exit 1; }
done
[ "$(printf '%s\n' "${files[@]}" | grep -c '\.jar$')" -eq 3 ] \
  || { echo "Expected 3 jars (plugin, sources, javadoc), got: ${files[*]}" >&2; exit 1; }

failed=0
compared=0
for rel in "${files[@]}"; do
  a="$one/$rel"
  b="$two/$rel"
  if [ ! -f "$a" ] || [ ! -f "$b" ]; then
    echo "MISSING: $rel is not in both builds" >&2
    failed=1
    continue
  fi
  sum_a="$(sha256sum < "$a" | cut -d' ' -f1)"
  sum_b="$(sha256sum < "$b" | cut -d' ' -f1)"
  compared=$((compared + 1))
  if [ "$sum_a" = "$sum_b" ]; then
    echo "same      $sum_a  $rel"
  else
    echo "DIFFERENT $sum_a / $sum_b  $rel" >&2
    failed=1
    case "$rel" in
      *.jar)
        # Which entries differ: each entry's CRC and size, and the listing with its times.
        diff <(unzip -v "$a" | awk 'NR>3 {print $1, $7, $8}') \
             <(unzip -v "$b" | awk 'NR>3 {print $1, $7, $8}') >&2 || true
        diff <(unzip -l "$a" | tail -n +2) <(unzip -l "$b" | tail -n +2) | head -20 >&2 || true
        ;;
      *) diff "$a" "$b" | head -20 >&2 || true ;;
    esac
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "Not reproducible: two builds of the same tree gave different bytes (see above)." >&2
  exit 1
fi
echo "Reproducible: $compared artifacts are byte for byte the same in two clean builds."
rm -rf "$WORK"
