#!/usr/bin/env bash
# Boots Sigil on Payara Micro with an in-memory database and runs bench/SigilBench.java against it.
# Usage: bash bench/run.sh [SigilBench options, e.g. --seconds 5 --threads 2]
# Env: SKIP_BUILD=1, SIGIL_WAR, PAYARA_JAR, BCPROV_JAR (default: the bcprov inside the WAR), JAVA (default: java),
#      SERVER_JVM_OPTS / BENCH_JVM_OPTS (default: the GC flags below), GC_LOG_COPY=FILE (keep the server's GC log).
set -euo pipefail

# The server's JVM flags, as the `run` profile in pom.xml has them: keep the two in step. A young generation of
# 256 MiB with survivor spaces of 64 MiB, so that the 19 MiB an Argon2id hash keeps live dies young instead of being
# promoted into the old generation and collected there by full GCs (bench/README.md, "GC flags").
GC_FLAGS="-XX:+UseSerialGC -Xmn256m -XX:SurvivorRatio=2"
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-$GC_FLAGS}
# The raw Argon2id baseline runs with the same collector settings.
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:-$GC_FLAGS}

cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
WAR=${SIGIL_WAR:-target/sigil.war}
PAYARA=${PAYARA_JAR:-target/payara-micro.jar}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -q -B -DskipTests package
fi
for f in "$WAR" "$PAYARA"; do
    [[ -f "$f" ]] || { echo "missing $f" >&2; exit 1; }
done

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

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SIGIL_ADMIN_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export SIGIL_ADMIN_PASSWORD
log="$work/payara.log"
gc_log="$work/gc.log"

rss() {
    awk '/^VmRSS:/ {rss = $2} /^VmHWM:/ {hwm = $2} END {printf "VmRSS %d MiB, VmHWM (peak) %d MiB", rss / 1024, hwm / 1024}' \
        "/proc/$server_pid/status"
}

# shellcheck disable=SC2086 # the option strings are meant to split into words
SIGIL_DB_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" PORT=$port \
    "$JAVA" $SERVER_JVM_OPTS "-Xlog:gc:file=$gc_log::filecount=0" \
    -jar "$PAYARA" --deploy "$WAR" --contextroot / --port "$port" \
    --nocluster --disablephonehome --prebootcommandfile src/main/payara/preboot.asadmin \
    >"$log" 2>&1 &
server_pid=$!
echo "Payara Micro pid $server_pid on port $port, log $log, JVM options: $SERVER_JVM_OPTS"
boot_start=$SECONDS

deadline=$((SECONDS + 180))
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "Payara Micro exited during boot; log tail:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "Sigil not ready after 180 s; log tail:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    sleep 0.5
done
echo "ready after $((SECONDS - boot_start)) s"
sleep 5
echo "server memory, idle 5 s after ready: $(rss)"

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
echo "server memory, idle 5 s after the bench: $(rss)"
