#!/usr/bin/env bash
# Two Sigil nodes on one PostgreSQL (issue 10, item 7): creates a throw-away database, boots node A (which migrates
# it) and then node B on it, as behind a load balancer, and runs bench/NodesBench.java against both: the delay from a
# logout on A to the first 401 on B (and on A, as the baseline), and refresh rotations of two nodes against one.
# Usage: bash bench/nodes.sh [NodesBench options, e.g. --rounds 200 --seconds 8 --threads 4]
# Env: SKIP_BUILD=1, JAVA (default: java), SERVER_JVM_OPTS (default: the run profile's GC flags),
#      PGHOST / PGPORT / PGUSER (default 127.0.0.1 / 5432 / postgres, trust auth), KEEP_LOGS=DIR (copy the node logs),
#      BENCH_DEBUG=1 (a stack trace with a failure).
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-XX:+UseSerialGC -Xmn256m -XX:SurvivorRatio=2"}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

# Pre-flight: the bench needs a PostgreSQL server; say how to get one rather than fail half-way through a boot.
if ! command -v psql >/dev/null; then
    echo "psql not found: install the PostgreSQL client (apt-get install postgresql-client)" >&2
    exit 1
fi
if ! psql -X -q -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    echo "No PostgreSQL reachable at $PGHOST:$PGPORT as user $PGUSER without a password. Start one with" >&2
    echo "  docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15" >&2
    echo "or point the bench at another with PGHOST, PGPORT and PGUSER." >&2
    exit 1
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -q -B -DskipTests package
fi
for f in target/sigil.war target/payara-micro.jar; do
    [[ -f "$f" ]] || { echo "missing $f" >&2; exit 1; }
done

work=$(mktemp -d -t sigil-nodes.XXXXXX)
db="sigil_bench_$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')"
# shellcheck source=bench/servers.sh
source bench/servers.sh
db_created=
cleanup() {
    stop_servers
    if [[ -n "$db_created" ]]; then
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || echo "could not drop database $db" >&2
    fi
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS" && cp "$work"/*/payara.log "$KEEP_LOGS"/ 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql -X -q -d postgres -c "CREATE DATABASE $db"
db_created=1
echo "database $db on $PGHOST:$PGPORT (dropped at exit)"

# SigilBench and NodesBench compile together (NodesBench uses SigilBench's client), against BouncyCastle (SigilBench's
# raw Argon2id phase): the one inside the WAR.
unzip -q -j -o target/sigil.war 'WEB-INF/lib/bcprov-*.jar' -d "$work"
bcprov=$(ls "$work"/bcprov-*.jar)
javac -nowarn -d "$work/classes" -cp "$bcprov" bench/SigilBench.java bench/NodesBench.java

# What every node of one deployment shares: the database, the issuer, the admin and the key-sealing secret.
SIGIL_ADMIN_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export SIGIL_ADMIN_PASSWORD
export SIGIL_KEY_ENCRYPTION_SECRET
SIGIL_KEY_ENCRYPTION_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export SIGIL_DB_CLASS=org.postgresql.ds.PGSimpleDataSource
export SIGIL_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db"
export SIGIL_DB_USER=$PGUSER
export SIGIL_ISSUER=http://sigil-nodes.bench
# Each client thread logs in before its clock starts, several at once on one node: let a login wait for a hash slot.
export SIGIL_HASH_QUEUE_WAIT=PT30S

# await NAME PORT PID: until /health/ready is 200 and the node's change listener is listening
await() {
    local name=$1 port=$2 pid=$3 start=$SECONDS deadline=$((SECONDS + 180))
    until curl -fs "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"state" *: *"listening"'; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "node $name did not become ready with its listener; log tail:" >&2
            tail -n 20 "$work/$name/payara.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "node $name ready and listening after $((SECONDS - start)) s on port $port, pid $pid"
}

# A first, alone: it runs the migrations and creates the signing key that B then reads.
boot a
await a "$port_a" "$pid_a"
boot b
await b "$port_b" "$pid_b"

java_status=0
"$JAVA" -cp "$work/classes:$bcprov" NodesBench --a "http://127.0.0.1:$port_a" --pid-a "$pid_a" \
    --b "http://127.0.0.1:$port_b" --pid-b "$pid_b" --clk-tck "$(getconf CLK_TCK)" --database "$db" "$@" ||
    java_status=$?
if ((java_status != 0)); then
    for name in a b; do
        echo "node $name log tail:" >&2
        tail -n 20 "$work/$name/payara.log" >&2
    done
    exit "$java_status"
fi
