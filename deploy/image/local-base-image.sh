#!/usr/bin/env bash
# Builds a Java 17 base image as a `docker save` tar from this machine's JDK, for building the AdsBridge image where no
# container registry is reachable (Jib then takes it with -Djib.from.image=tar://…). Where a registry is reachable,
# prefer the default base (eclipse-temurin:17-jre): it gets security updates.
#
#   deploy/image/local-base-image.sh [out.tar]      (default: target/java17-base.tar)
#
# The image holds a jlink'ed Java runtime in /opt/java, the shared libraries it links against (copied from this
# machine), /etc/passwd with the non-root user 65532 and a /tmp; nothing else (no shell).
set -euo pipefail
out="${1:-target/java17-base.tar}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}"
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
[ -x "$java_home/bin/jlink" ] || { echo "no jlink under $java_home (set JAVA_HOME to a JDK 17)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/opt" "$root/etc" "$root/tmp"
"$java_home/bin/jlink" --output "$root/opt/java" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --add-modules java.se,jdk.crypto.ec,jdk.unsupported,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.httpserver,jdk.localedata \
    --include-locales en
# The libraries the runtime needs, with the dynamic loader.
for f in "$root/opt/java/bin/java" $(find "$root/opt/java/lib" -name '*.so'); do
    ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^\s*\/lib/{print $1}'
done | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nadsbridge:x:65532:65532:adsbridge:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nadsbridge:x:65532:\n' > "$root/etc/group"
mkdir -p "$(dirname "$out")"
python3 - "$root" "$out" <<'PY'
import hashlib, io, json, os, sys, tarfile
root, out = sys.argv[1], sys.argv[2]
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames) + sorted(filenames):
            path = os.path.join(dirpath, name)
            info = t.gettarinfo(path, arcname=os.path.relpath(path, root))
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            if info.name == "tmp":
                info.mode = 0o1777
            if info.isfile():
                with open(path, "rb") as f:
                    t.addfile(info, f)
            else:
                t.addfile(info)
data = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]},
          "rootfs": {"type": "layers", "diff_ids": [diff_id]}, "history": [{"created_by": "local-base-image.sh"}]}
config_bytes = json.dumps(config).encode()
manifest = [{"Config": "config.json", "RepoTags": ["adsbridge-java17-base:local"], "Layers": ["layer.tar"]}]
with tarfile.open(out, mode="w") as t:
    for name, content in (("layer.tar", data), ("config.json", config_bytes),
                          ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(content)
        t.addfile(info, io.BytesIO(content))
print(out, len(data) // (1024 * 1024), "MB layer")
PY
