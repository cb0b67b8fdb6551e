#!/usr/bin/env bash
# Builds target/image/rootfs, the base of the container image (mvn -Pimage package): no registry holds a base image
# reachable from the build machines, so it is assembled here from a jlink'ed JRE of the build JDK and the four Debian
# packages that JRE links against (libc6, libgcc-s1, libstdc++6, zlib1g; fetched with apt-get download).
set -euo pipefail
target=${1:?usage: rootfs.sh TARGET_DIR}
root=$target/image/rootfs
debs=$target/image/debs
rm -rf "$root" && mkdir -p "$root"/{tmp,app,etc} "$debs"
chmod 1777 "$root/tmp"
# The modules Payara Micro 6 and Sigil load (jdeps cannot see Payara's reflection); --strip-debug etc.: some 60 MiB.
"${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jlink" \
    --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.httpserver,jdk.jfr,jdk.jcmd \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/jre"
(cd "$debs" && apt-get download libc6 libgcc-s1 libstdc++6 zlib1g >/dev/null)
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$root"; done
rm -rf "$root"/usr/share/{doc,man,info,lintian,locale}
# Jib copies files, not links (an absolute link would name the build machine's file): make every link a copy.
find "$root" -type l | while read -r link; do
    dest=$(readlink "$link")
    [[ "$dest" == /* ]] && dest="$root$dest" || dest="$(dirname "$link")/$dest"
    if [[ -e "$dest" ]]; then cp --remove-destination -rL "$dest" "$link"; else rm -f "$link"; fi
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nsigil:x:1000:1000:sigil:/app:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nsigil:x:1000:\n' >"$root/etc/group"
chown -R 1000:1000 "$root/app" 2>/dev/null || true
cp "$(dirname "$0")/../payara/jvm.options" "$root/app/jvm.options"
