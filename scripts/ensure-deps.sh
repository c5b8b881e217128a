#!/usr/bin/env bash
# Installs what running and testing Khabar needs on a Debian machine: redis-server, Java 17 and
# Maven (to fetch OpenSearch from Maven Central), and the OpenSearch integ-test distribution
# into the git-ignored .cache/. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
OPENSEARCH_VERSION="${OPENSEARCH_VERSION:-2.19.3}"
cache=".cache/opensearch"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v unzip >/dev/null || missing+=(unzip)
# Tests also drive a real browser and validate docker-compose.yml.
if [ "${KHABAR_TEST_DEPS:-}" = 1 ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-deps: please install: ${missing[*]} (e.g. sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "ensure-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

zip="$cache/opensearch-$OPENSEARCH_VERSION.zip"
if [ ! -s "$zip" ]; then
  echo "ensure-deps: fetching OpenSearch $OPENSEARCH_VERSION (integ-test-zip) from Maven Central"
  mkdir -p "$cache"
  mvn -q -B dependency:copy \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OPENSEARCH_VERSION:zip" \
    -DoutputDirectory="$cache" -Dmdep.overWriteIfNewer=true
fi
# The integ-test zip has no analysis or scripting modules: add the two Khabar needs from Maven
# Central, each with the libraries the server's lib/ does not already hold.
for module in lang-painless analysis-common; do
  dir="$cache/modules-$OPENSEARCH_VERSION/$module"
  [ -f "$dir/plugin-descriptor.properties" ] && continue
  echo "ensure-deps: fetching OpenSearch module $module $OPENSEARCH_VERSION"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  mvn -q -B -f infra/opensearch/modules-pom.xml dependency:copy-dependencies \
    -Dmodule="$module" -Dopensearch.version="$OPENSEARCH_VERSION" -DoutputDirectory="$PWD/$dir.tmp"
  server_jars=$(unzip -Z1 "$zip" | sed -n 's#^opensearch-[^/]*/lib/\([^/]*\.jar\)$#\1#p')
  for jar in $server_jars; do rm -f "$dir.tmp/$jar"; done
  for file in infra/opensearch/modules/$module/*; do
    sed "s/\${version}/$OPENSEARCH_VERSION/g" "$file" > "$dir.tmp/$(basename "$file")"
  done
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
done

echo "ensure-deps: ok (redis-server $(redis-server --version | awk '{print $3}'), OpenSearch $OPENSEARCH_VERSION)"
