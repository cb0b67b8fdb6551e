#!/usr/bin/env bash
# Boots Sigil on Payara Micro with an in-memory database and runs bench/SigilBench.java against it.
# Usage: bash bench/run.sh [SigilBench options, e.g. --seconds 5 --threads 2]
# Env: SKIP_BUILD=1, SIGIL_WAR, PAYARA_JAR, BCPROV_JAR (default: the bcprov inside the WAR), JAVA (default: java).
set -euo pipefail

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

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SIGIL_ADMIN_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export SIGIL_ADMIN_PASSWORD
log="$work/payara.log"

SIGIL_DB_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" PORT=$port \
    "$JAVA" -XX:+UseSerialGC -jar "$PAYARA" --deploy "$WAR" --contextroot / --port "$port" \
    --nocluster --disablephonehome --prebootcommandfile src/main/payara/preboot.asadmin \
    >"$log" 2>&1 &
server_pid=$!
echo "Payara Micro pid $server_pid on port $port, log $log"

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

# The password reaches SigilBench through the environment, not argv, so it never shows in ps.
# Same GC as the server, so the raw Argon2id rate is comparable with the login rate.
"$JAVA" -XX:+UseSerialGC -cp "$bcprov" bench/SigilBench.java \
    --base "http://127.0.0.1:$port" --pid "$server_pid" --clk-tck "$(getconf CLK_TCK)" "$@" || {
    status=$?
    echo "server log tail:" >&2
    tail -n 40 "$log" >&2
    exit "$status"
}
