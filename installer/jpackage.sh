#!/usr/bin/env bash
# Builds Cachet's native packages from target/cachet.jar with jlink + jpackage (JDK 25).
#
#   installer/jpackage.sh [app-image|deb|rpm|linux] [--no-aot]
#
#   app-image  target/installer/out/Cachet/ (a folder that runs in place: Cachet/bin/Cachet)
#   deb        target/installer/out/cachet_VERSION_ARCH.deb (needs dpkg-deb and fakeroot)
#   rpm        target/installer/out/cachet-VERSION.ARCH.rpm (needs rpmbuild; not built on this machine)
#   linux      the app image, the .deb, and the .rpm when rpmbuild is present (what ./mvnw -Pinstaller package runs)
#   --no-aot   skip recording the AOT cache (faster build, ~40% slower cold start)
#
# Environment: JAVA_HOME (a JDK 25 with jlink and jpackage), CACHET_VERSION (package version; default: the
# pom's, without -SNAPSHOT). Windows (.msi) and macOS (.dmg): see installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

type="${1:-app-image}"
aot=1
[ "${2:-}" = "--no-aot" ] && aot=0
case "$type" in app-image|deb|rpm|linux) ;; *) echo "usage: installer/jpackage.sh [app-image|deb|rpm|linux] [--no-aot]" >&2; exit 2 ;; esac
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25 (jlink, jpackage)}"
jar=target/cachet.jar
[ -f "$jar" ] || { echo "$jar missing: run ./mvnw -B package -DskipTests first" >&2; exit 2; }
for tool in unzip zip; do
  command -v "$tool" >/dev/null || { echo "installer/jpackage.sh needs '$tool' (apt-get install $tool)" >&2; exit 2; }
done

pom_version=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
version="${CACHET_VERSION:-${pom_version%-SNAPSHOT}}"
version="${version:-0.1.0}"
work=target/installer
out="$work/out"
rm -rf "$work" && mkdir -p "$work/input/native" "$out"

# This machine's platform, in each library's own spelling.
case "$(uname -m)" in
  x86_64) onnx=linux-x64; sqlite=Linux/x86_64; jna=linux-x86-64; djl=linux-x86_64; jvector=x86_64 ;;
  aarch64) onnx=linux-aarch64; sqlite=Linux/aarch64; jna=linux-aarch64; djl=linux-aarch64; jvector=aarch64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac

echo "== icons"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true installer/Icons.java "$work/icons" >/dev/null

echo "== application jar: this platform's native libraries next to it, the other platforms' left out"
app_jar="$work/input/cachet.jar"
cp "$jar" "$app_jar"
# JavaFX loads glass/prism/font libraries from the folder of the jar that holds its classes before
# extracting them to ~/.openjfx; ONNX Runtime and sqlite-jdbc load from the folder the launcher names.
unzip -q -W -j -o "$app_jar" 'lib*.so' -d "$work/input"
unzip -q -j -o "$app_jar" "ai/onnxruntime/native/$onnx/*" "org/sqlite/native/$sqlite/*" "com/sun/jna/$jna/*" \
  "native/lib/$djl/cpu/*" -d "$work/input/native"
unzip -Z1 "$app_jar" | grep -E '^lib[^/]*\.so$|^ai/onnxruntime/native/.|^org/sqlite/native/.|^com/sun/jna/[^/]+/(lib)?jnidispatch|^native/lib/[^/]+/.|^META-INF/versions/[0-9]+/libjvector-' \
  | grep -vE "libjvector-$jvector\.so" > "$work/strip.txt" || true
zip -q -d "$app_jar" -@ < "$work/strip.txt"

echo "== shell completion (picocli)"
"$JAVA_HOME/bin/java" -cp "$app_jar" picocli.AutoComplete --force -n cachet \
  -o "$work/input/cachet-completion.bash" dev.cachet.cli.CachetCommand >/dev/null

echo "== runtime (jlink)"
# jdeps --ignore-missing-deps --print-module-deps --multi-release 25 target/cachet.jar, plus what is only
# loaded by name or service: jdk.localedata (dates and numbers in the user's locale), jdk.charsets,
# jdk.zipfs, jdk.naming.dns, and jdk.incubator.vector for JVector's SIMD (off unless asked, see README).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
modules+=,java.scripting,java.security.jgss,java.sql,java.xml,jdk.attach,jdk.charsets,jdk.httpserver,jdk.incubator.vector
modules+=,jdk.jdi,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs
# Kept uncompressed: classes load faster from it, and the package compresses it anyway. bin/java stays
# (the AOT cache is recorded with it; jpackage's own runtime would strip it).
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress zip-0 --output "$work/runtime"

native_options=(--enable-native-access=ALL-UNNAMED -Donnxruntime.native.path=@/native -Dorg.sqlite.lib.path=@/native
  -Dorg.sqlite.lib.name=libsqlitejdbc.so -Djna.boot.library.path=@/native -Djna.nounpack=true -DRUST_LIBRARY_PATH=@/native/libtokenizers.so)
java_options=("${native_options[@]//@/\$APPDIR}")
# An AOT cache the JVM cannot use (a changed jar) only costs start-up time: say nothing about it.
[ "$aot" = 1 ] && java_options+=('-XX:AOTCache=$APPDIR/cachet.aot' '-Xlog:aot*=off')

common=(--name Cachet --app-version "$version" --vendor "Cachet"
  --description "Desktop workbench for the LLM cost/latency pipeline: caches, routing, batching, providers"
  --copyright "Copyright 2026 the Cachet authors")

echo "== app image (jpackage)"
jpackage_args=(--type app-image "${common[@]}" --input "$work/input" --main-jar cachet.jar
  --main-class dev.cachet.Main --runtime-image "$work/runtime" --icon "$work/icons/cachet.png" --dest "$out")
for o in "${java_options[@]}"; do jpackage_args+=(--java-options "$o"); done
"$JAVA_HOME/bin/jpackage" "${jpackage_args[@]}"
image="$out/Cachet"

if [ "$aot" = 1 ]; then
  echo "== AOT cache, recorded by one start-up of the packaged runtime (Xvfb when present, else headless)"
  app="$image/lib/app"
  train=(env -u JDK_JAVA_OPTIONS -u JAVA_TOOL_OPTIONS)
  if command -v xvfb-run >/dev/null; then
    train+=(xvfb-run -a -s "-screen 0 1400x900x24")
  else
    train+=(env -u DISPLAY)
  fi
  # The cache remembers the jar's size and modification time and is refused when they differ, and jpackage
  # and dpkg date every copy anew: the jar is dated 0 (1970) here, and the .deb's postinst dates it so again.
  touch -d @0 "$app/cachet.jar"
  training_home=$(mktemp -d)
  HOME="$training_home" XDG_CACHE_HOME="$training_home/cache" "${train[@]}" "$image/lib/runtime/bin/java" \
    "${native_options[@]//@/$app}" -Duser.home="$training_home" -XX:AOTCacheOutput="$app/cachet.aot" -Xlog:aot*=warning -cp "$app/cachet.jar" dev.cachet.Main \
    --measure-startup --data-dir "$training_home/data" > "$work/aot-training.log" 2>&1 \
    || { cat "$work/aot-training.log" >&2; rm -rf "$training_home"; exit 1; }
  rm -rf "$training_home"
  [ -s "$app/cachet.aot" ] || { echo "AOT cache not written; see $work/aot-training.log" >&2; exit 1; }
fi

package() {
  local kind=$1
  echo "== $kind (jpackage)"
  "$JAVA_HOME/bin/jpackage" --type "$kind" "${common[@]}" --app-image "$image" --dest "$out" \
    --linux-package-name cachet --install-dir /opt --icon "$work/icons/cachet.png" \
    --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
    --linux-deb-maintainer "cachet@localhost" --license-file installer/LICENSE.txt \
    --resource-dir installer/linux
}
case "$type" in
  deb) package deb ;;
  rpm) package rpm ;;
  linux)
    package deb
    if command -v rpmbuild >/dev/null; then package rpm; else echo "(no rpmbuild here: .rpm skipped)"; fi ;;
esac

echo "== built in $out:"
du -sh "$image" "$work/runtime" "$JAVA_HOME" | sed 's/^/  /'
ls -l "$out" | sed -n 's/^-.* \([0-9]\+ \)[A-Z][a-z]\{2\} .* \(.*\)$/  \1 \2/p'
