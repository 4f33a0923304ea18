#!/usr/bin/env bash
# Builds a native app image (and a .deb when dpkg-deb and fakeroot are present) from target/cachet.jar.
# Usage: installer/jpackage.sh [app-image|deb]   (run ./mvnw -B package -DskipTests first)
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
[ -f target/cachet.jar ] || { echo "target/cachet.jar missing: run ./mvnw -B package -DskipTests" >&2; exit 2; }
rm -rf target/installer && mkdir -p target/installer/input
cp target/cachet.jar target/installer/input/
# java.se: jdeps misses java.net.http, which langchain4j loads through ServiceLoader.
"$JAVA_HOME/bin/jpackage" --type "$type" --name Cachet --app-version 0.1.0 \
  --input target/installer/input --main-jar cachet.jar --main-class dev.cachet.Main \
  --add-modules java.se,jdk.incubator.vector,jdk.jfr,jdk.httpserver,jdk.crypto.ec \
  --java-options "--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector" \
  --dest target/installer
echo "built: $(ls target/installer | grep -v input)"
