#!/usr/bin/env bash
# Boots Sigil as the README runs it (java @src/main/payara/jvm.options -jar target/sigil.jar) with an in-memory
# database, next to a bare Payara Micro of the same JVM and Payara flags with nothing deployed (the platform's floor),
# and runs bench/SigilBench.java against Sigil. Prints boot and memory figures as ratios with PASS/MISS (issue 12).
# Usage: bash bench/run.sh [SigilBench options, e.g. --seconds 5 --threads 2]
# Env: SKIP_BUILD=1, SIGIL_JAR, PAYARA_JAR, BCPROV_JAR (default: the bcprov inside the WAR), JAVA (default: java),
#      BOOTS (bare/Sigil boot pairs, default 3: Sigil's first start, then restarts; the last one is benched),
#      SERVER_JVM_OPTS (added after the argument file) / BENCH_JVM_OPTS, GC_LOG_COPY=FILE (keep the server's GC log).
set -euo pipefail

# The server's JVM flags live in one argument file, shared with mvn -Prun, the README and the container image.
JVM_OPTIONS_FILE=src/main/payara/jvm.options
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-}
# The raw Argon2id baseline runs with the same collector settings as the server.
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:-"-XX:+UseSerialGC -Xss512k"}
BOOTS=${BOOTS:-3}
# The Payara Micro flags baked into target/sigil.jar (pom.xml, execution sigil-jar): the floor gets the same ones.
PAYARA_FLAGS=(--nocluster --nohazelcast --disablephonehome --prebootcommandfile src/main/payara/preboot.asadmin
    --logproperties src/main/payara/logging.properties)

cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
WAR=target/sigil.war
JAR=${SIGIL_JAR:-target/sigil.jar}
PAYARA=${PAYARA_JAR:-target/payara-micro.jar}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -q -B -DskipTests package
fi
for f in "$JAR" "$PAYARA" "$WAR"; do
    [[ -f "$f" ]] || { echo "missing $f" >&2; exit 1; }
done

# Sigil runs in a directory of its own (its ./data), so it needs absolute paths.
jar_path=$(realpath "$JAR"); jvm_options_path=$(realpath "$JVM_OPTIONS_FILE")
work=$(mktemp -d -t sigil-bench.XXXXXX)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "${GC_LOG_COPY:-}" && -f "$work/gc.log" ]]; then
        cp "$work/gc.log" "$GC_LOG_COPY" || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The raw Argon2id rate must come from the same BouncyCastle build the server runs.
bcprov=${BCPROV_JAR:-}
if [[ -z "$bcprov" ]]; then
    unzip -q -j -o "$WAR" 'WEB-INF/lib/bcprov-*.jar' -d "$work"
    bcprov=$(ls "$work"/bcprov-*.jar)
fi
# The raw Argon2id baseline calls the server's own hasher (its block pool included), out of the same WAR.
unzip -q -o "$WAR" 'WEB-INF/classes/dev/sigil/password/*' -d "$work/war"

SIGIL_ADMIN_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export SIGIL_ADMIN_PASSWORD
log="$work/payara.log"
gc_log="$work/gc.log"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
mib() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$server_pid/status"; }

# await_http URL STATUS LOG: waits until URL answers STATUS (any: any status at all); sets boot_seconds
await_http() {
    local url=$1 want=$2 out=$3 got start deadline
    start=$(date +%s%N)
    deadline=$((SECONDS + 180))
    while :; do
        got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)
        if [[ "$want" == any && "$got" != 000 ]] || [[ "$got" == "$want" ]]; then break; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "server exited during boot; log tail:" >&2; tail -n 40 "$out" >&2; exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "not ready after 180 s; log tail:" >&2; tail -n 40 "$out" >&2; exit 1
        fi
        sleep 0.1
    done
    boot_seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
}

stop_server() {
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}

# boot_floor: bare Payara Micro, same flags, nothing deployed; "ready" = its HTTP listener answers (503, no app)
boot_floor() {
    local port
    port=$(free_port)
    # shellcheck disable=SC2086 # the option string is meant to split into words
    "$JAVA" "@$JVM_OPTIONS_FILE" $SERVER_JVM_OPTS -jar "$PAYARA" --port "$port" "${PAYARA_FLAGS[@]}" \
        >"$work/floor.log" 2>&1 &
    server_pid=$!
    await_http "http://127.0.0.1:$port/health/ready" any "$work/floor.log"
    sleep 5
    floor_boot+=("$boot_seconds"); floor_rss+=("$(mib VmRSS)")
    echo "floor  (bare Payara Micro): ready after $boot_seconds s, VmRSS $(mib VmRSS) MiB 5 s after"
    stop_server
}

# boot_sigil: target/sigil.jar as the README runs it, H2 under ./data of its own directory; ready = /health/ready 200.
# Its first boot creates the database, the signing key and the admin (reported apart as the first start); the later
# boots are restarts, the boot a deployment sees every time but once, and they are the ones compared with the floor.
boot_sigil() {
    port=$(free_port)
    mkdir -p "$work/sigil"
    # shellcheck disable=SC2086
    # The admin password creates the admin on the first start only; later starts would warn that it is ignored.
    local keep_password=()
    [[ -n "$first_boot" ]] && keep_password=(-u SIGIL_ADMIN_PASSWORD)
    (cd "$work/sigil" && exec env "${keep_password[@]}" PORT=$port \
        "$JAVA" "@$jvm_options_path" $SERVER_JVM_OPTS "-Xlog:gc:file=$gc_log::filecount=0" \
        -jar "$jar_path" --port "$port") >"$log" 2>&1 &
    server_pid=$!
    await_http "http://127.0.0.1:$port/health/ready" 200 "$log"
    sleep 5
    if [[ -z "$first_boot" ]]; then
        first_boot=$boot_seconds; first_rss=$(mib VmRSS)
        echo "Sigil  ($JAR): first start (new database, key, admin) ready after $boot_seconds s, VmRSS $(mib VmRSS) MiB 5 s after"
    else
        sigil_boot+=("$boot_seconds"); sigil_rss+=("$(mib VmRSS)")
        echo "Sigil  ($JAR): restart ready after $boot_seconds s, VmRSS $(mib VmRSS) MiB 5 s after"
    fi
}

echo "JVM flags: @$JVM_OPTIONS_FILE ($(grep -v '^#' "$JVM_OPTIONS_FILE" | tr '\n' ' '))${SERVER_JVM_OPTS:+ + $SERVER_JVM_OPTS}"
echo "Payara flags of both (baked into $JAR): ${PAYARA_FLAGS[*]}"
floor_boot=(); floor_rss=(); sigil_boot=(); sigil_rss=(); first_boot=; first_rss=
((BOOTS >= 2)) || { echo "BOOTS must be 2 or more (a first start, then restarts)" >&2; exit 1; }
for i in $(seq "$BOOTS"); do
    boot_floor
    boot_sigil
    if ((i < BOOTS)); then stop_server; fi
done
echo "Sigil pid $server_pid on port $port, log $log"

# The password reaches SigilBench through the environment, not argv, so it never shows in ps.
# Same GC flags as the server (BENCH_JVM_OPTS), so the raw Argon2id rate is comparable with the login rate.
# shellcheck disable=SC2086
"$JAVA" $BENCH_JVM_OPTS -cp "$bcprov:$work/war/WEB-INF/classes" bench/SigilBench.java \
    --base "http://127.0.0.1:$port" --pid "$server_pid" --clk-tck "$(getconf CLK_TCK)" --gc-log "$gc_log" "$@" || {
    status=$?
    echo "server log tail:" >&2
    tail -n 40 "$log" >&2
    exit "$status"
}
sleep 5
after_rss=$(mib VmRSS)
peak_rss=$(mib VmHWM)
echo "server memory, idle 5 s after the bench: VmRSS $after_rss MiB, VmHWM (peak of the whole run) $peak_rss MiB"

# The figures of issue 12, item 1: medians over the boots, ranges in brackets.
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "-" hi}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "PASS" : "MISS"}'; }
fb=$(median "${floor_boot[@]}"); sb=$(median "${sigil_boot[@]}")
fr=$(median "${floor_rss[@]}"); sr=$(median "${sigil_rss[@]}")
boot_ratio=$(awk -v a="$sb" -v b="$fb" 'BEGIN {printf "%.2f", a / b}')
echo
echo "== Footprint (floor: $BOOTS boots; Sigil: $((BOOTS - 1)) restarts after its first start; medians, [ranges]; RSS in MiB)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' figure Sigil "floor (bare Payara)" ratio target verdict
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "boot to ready, s" "$sb [$(range "${sigil_boot[@]}")]" \
    "$fb [$(range "${floor_boot[@]}")]" "${boot_ratio}x" "<= 1.5x" "$(verdict "$boot_ratio" 1.5)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "first start (database, key, admin created), s" "$first_boot" "" \
    "$(awk -v a="$first_boot" -v b="$fb" 'BEGIN {printf "%.2fx", a / b}')" "" "(info)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "boot to ready, s (absolute)" "$sb" "" "" "<= 5 s" "$(verdict "$sb" 5)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "RSS idle, 5 s after ready" "$sr [$(range "${sigil_rss[@]}")]" \
    "$fr [$(range "${floor_rss[@]}")]" "$(awk -v a="$sr" -v b="$fr" 'BEGIN {printf "%.2fx", a / b}')" "<= 300" \
    "$(verdict "$sr" 300)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "RSS 5 s after the bench" "$after_rss" "" \
    "$(awk -v a="$after_rss" -v b="$fr" 'BEGIN {printf "%.2fx", a / b}')" "<= 400" "$(verdict "$after_rss" 400)"
printf '%-44s %-22s %-22s %-8s %-10s %s\n' "RSS peak (VmHWM, run incl. 50 concurrent)" "$peak_rss" "" \
    "$(awk -v a="$peak_rss" -v b="$fr" 'BEGIN {printf "%.2fx", a / b}')" "<= 450" "$(verdict "$peak_rss" 450)"
echo "(RSS ratios are against the floor's idle RSS. VmHWM is the process's peak over boot, bench and the concurrent"
echo " section together, so it bounds the peak of the 50-login burst from above.)"
