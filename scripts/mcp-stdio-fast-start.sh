#!/usr/bin/env bash
# Prepares a fast-starting stdio MCP server for desktop agents (Claude Desktop, Cursor, …), which start the server
# for every session and wait for its first answer:
#   1. unpacks the product jar into DIR (Spring Boot's own `-Djarmode=tools extract`: plain jars load faster than the
#      nested ones of the single jar, and only plain jars can go into a class-data archive), and puts on the class
#      path only what the stdio server needs: the launcher's classes, the mcp jar (its manifest names its own
#      dependencies), picocli and logback, and the console jar for the log redaction filter (LogRedaction), instead
#      of the product's ~190 jars;
#   2. runs the server once over stdio (initialize, tools/list, one tool call; a made-up token and an unreachable
#      Graph URL, so nothing leaves the machine) with -XX:ArchiveClassesAtExit, so the JVM writes the classes it
#      loaded and linked into DIR/mcp-stdio.jsa (AppCDS, Java 17+);
#   3. prints the command line to put in the agent's configuration.
# Usage: scripts/mcp-stdio-fast-start.sh [DIR] [JAR]   (defaults: ~/.adsbridge/mcp-stdio, launcher/target/adsbridge.jar)
# Run it again after upgrading Java or the jar: the archive only fits the JVM and jar it was made with (a stale one is
# ignored; the flags below send the JVM's warning about it to stderr, never into the protocol on stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$HOME/.adsbridge/mcp-stdio}
jar=${2:-launcher/target/adsbridge.jar}
java=${JAVA:-java}
if [ ! -f "$jar" ]; then
  echo "No product jar at $jar: build it first (mvn -B -q -DskipTests package)." >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -rf "$dir/app"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
app="$dir/app/$(basename "$jar")"
lib="$dir/app/lib"
# The launcher's own classes without the manifest that would put every jar of lib/ on the class path.
rm -rf "$dir/launcher-classes" && mkdir -p "$dir/launcher-classes"
(cd "$dir/launcher-classes" && unzip -q "$app" -x 'META-INF/MANIFEST.MF' && "${JAR:-jar}" cf "$dir/launcher.jar" .)
rm -rf "$dir/launcher-classes"
one() { ls "$lib"/$1 2>/dev/null | head -1; }
cp="$dir/launcher.jar"
for candidate in "$lib"/mcp-*.jar; do
  if unzip -l "$candidate" dev/adsbridge/mcp/McpStdioServer.class >/dev/null 2>&1; then
    cp="$cp:$candidate"
  fi
done
for pattern in 'picocli-*.jar' 'logback-classic-*.jar' 'logback-core-*.jar' 'console-*.jar'; do
  found=$(one "$pattern")
  [ -n "$found" ] && cp="$cp:$found"
done
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xlog:disable -Xlog:all=warning:stderr"
rm -f "$dir/mcp-stdio.jsa"
printf '%s\n' \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"training","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' \
  '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_ad_accounts","arguments":{}}}' \
  | META_ACCESS_TOKEN=training-run-token "$java" $flags -XX:ArchiveClassesAtExit="$dir/mcp-stdio.jsa" -cp "$cp" \
      dev.adsbridge.launcher.Main mcp --stdio --graph-url http://127.0.0.1:9 >/dev/null 2>"$dir/training.log"
if [ ! -s "$dir/mcp-stdio.jsa" ]; then
  echo "The class-data archive was not written; see $dir/training.log" >&2
  exit 1
fi
echo "Fast-start stdio server ready in $dir. Command for the agent's configuration (plus META_ACCESS_TOKEN in its env):"
echo
echo "  $java $flags -XX:SharedArchiveFile=$dir/mcp-stdio.jsa -cp $cp dev.adsbridge.launcher.Main mcp --stdio"
