#!/usr/bin/env bash
# The artifact set a release uploads, proven without a network: ./mvnw deploy into a file repository under
# target/, then a listing of what landed. Fails unless the pom, the plugin jar, the sources jar and the javadoc
# jar are all there, each with its .md5 and .sha1 checksum, and each checksum matches its file.
# (Signatures, .asc, come only with -Prelease and a GnuPG key: docs/releasing.md.) Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
STAGING="$PWD/target/staging-repo"
rm -rf "$STAGING"

# maven-deploy-plugin 3.x takes -DaltDeploymentRepository=id::url; it replaces <distributionManagement>.
./mvnw -B -ntp -q deploy -DskipTests -DaltDeploymentRepository="local::file://$STAGING" "$@"

DIR="$STAGING/io/github/parmap/parmap-maven-plugin"
VERSION="$(ls "$DIR" | grep -v '^maven-metadata' | head -1)"
[ -n "$VERSION" ] || { echo "Nothing was deployed under $DIR" >&2; exit 1; }
DIR="$DIR/$VERSION"
echo "Deployed to $DIR:"
(cd "$DIR" && ls -1 | sed 's/^/  /')

# A snapshot lands under a timestamped name (parmap-maven-plugin-0.1.0-20261203.104117-1.jar), a release
# under its version: take the newest base name of the main jar either way.
main_jar="$(cd "$DIR" && ls -1 parmap-maven-plugin-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | sort | tail -1)"
[ -n "$main_jar" ] || { echo "MISSING: the plugin jar" >&2; exit 1; }
base="${main_jar%.jar}"

missing=0
signed=""
for file in "$base.pom" "$base.jar" "$base-sources.jar" "$base-javadoc.jar"; do
  if [ ! -s "$DIR/$file" ]; then
    echo "MISSING: $file" >&2
    missing=1
    continue
  fi
  for algorithm in md5 sha1; do
    if [ ! -s "$DIR/$file.$algorithm" ]; then
      echo "MISSING: $file.$algorithm" >&2
      missing=1
    elif [ "$(tr -d ' \n' < "$DIR/$file.$algorithm")" != "$("${algorithm}sum" < "$DIR/$file" | cut -d' ' -f1)" ]; then
      echo "WRONG CHECKSUM: $file.$algorithm does not match $file" >&2
      missing=1
    fi
  done
done

# With -Prelease each of them is signed too: a .asc beside each, which gpg verifies.
if ls "$DIR"/*.asc >/dev/null 2>&1; then
  for file in "$base.pom" "$base.jar" "$base-sources.jar" "$base-javadoc.jar"; do
    if [ ! -s "$DIR/$file.asc" ]; then
      echo "MISSING: $file.asc" >&2
      missing=1
    elif ! gpg --batch --verify "$DIR/$file.asc" "$DIR/$file" 2>/dev/null; then
      echo "BAD SIGNATURE: $file.asc" >&2
      missing=1
    fi
  done
  signed=", each signed"
fi

# The deployed pom carries what Maven Central checks.
for element in '<name>' '<description>' '<url>' '<licenses>' '<developers>' '<scm>'; do
  grep -q "$element" "$DIR/$base.pom" || { echo "The deployed pom lacks $element" >&2; missing=1; }
done

# The plugin jar is a Maven plugin (its descriptor and the help goal are in it) and carries its license.
for entry in META-INF/maven/plugin.xml io/github/parmap/parmap_maven_plugin/HelpMojo.class META-INF/LICENSE; do
  unzip -l "$DIR/$base.jar" "$entry" >/dev/null 2>&1 || { echo "The deployed jar lacks $entry" >&2; missing=1; }
done

if [ "$missing" -ne 0 ]; then
  echo "The deployed artifact set is incomplete (see above)." >&2
  exit 1
fi
echo "Deployed artifact set complete: pom, jar, sources, javadoc, each with matching .md5 and .sha1${signed}."
