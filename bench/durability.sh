#!/usr/bin/env bash
# What durable commits cost (issue 9 #12): boots two Sigil servers on H2 FILE databases side by side, one with the
# default URL (WRITE_DELAY=0: every commit reaches the file before the answer leaves) and one with H2's old lazy
# default (WRITE_DELAY=500, which lost acknowledged refreshes on a SIGKILL), and runs SigilBench's refresh phase
# against them in alternating rounds, so that load drift on the machine hits both alike.
# Usage: bash bench/durability.sh [--rounds N] [--seconds S] [--threads T]
# Env: SKIP_BUILD=1, JAVA (default: java), SERVER_JVM_OPTS (default: the run profile's GC flags).
set -euo pipefail

rounds=3
bench_args=()
while (($#)); do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        *) bench_args+=("$1" "$2"); shift 2 ;;
    esac
done

cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-XX:+UseSerialGC -Xmn256m -XX:SurvivorRatio=2"}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -q -B -DskipTests package
fi

work=$(mktemp -d -t sigil-durability.XXXXXX)
# shellcheck source=bench/servers.sh
source bench/servers.sh
cleanup() {
    stop_servers
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# SigilBench compiles against BouncyCastle (its raw Argon2id phase): the one inside the WAR.
unzip -q -j -o target/sigil.war 'WEB-INF/lib/bcprov-*.jar' -d "$work"
bcprov=$(ls "$work"/bcprov-*.jar)

SIGIL_ADMIN_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export SIGIL_ADMIN_PASSWORD
await() {
    local name=$1 port=$2 pid=$3 deadline=$((SECONDS + 180))
    until grep -q "Sigil ready at" "$work/$name/payara.log" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "$name did not start; log tail:" >&2
            tail -n 20 "$work/$name/payara.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "$name ready on port $port: $(grep -o 'Sigil ready at.*' "$work/$name/payara.log")"
}

# SigilBench needs the JVM's pid for /proc/PID/stat; boot's subshell execs it, so this is the pid itself.
jvm_of() { pgrep -P "$1" java || echo "$1"; }

boot durable "SIGIL_DB_URL=jdbc:h2:file:./data/sigil;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
boot lazy "SIGIL_DB_URL=jdbc:h2:file:./data/sigil;LOCK_TIMEOUT=10000;WRITE_DELAY=500"
await durable "$port_durable" "$pid_durable"
await lazy "$port_lazy" "$pid_lazy"
jvm_durable=$(jvm_of "$pid_durable")
jvm_lazy=$(jvm_of "$pid_lazy")

# One SigilBench run: the refresh phase only, one round. Prints its result line (requests, req/s, min-max,
# server CPU ms/op, ops per server CPU-second, server cores, client CPU ms/op) followed by the request threads' and
# the JIT's share of the server CPU per op, from its CPU split table.
refresh_round() {
    local port=$1 pid=$2 warmup_passes=$3
    "$JAVA" -cp "$bcprov" bench/SigilBench.java --base "http://127.0.0.1:$port" --pid "$pid" \
        --clk-tck "$(getconf CLK_TCK)" --phases refresh --rounds 1 --warmup-passes "$warmup_passes" "${bench_args[@]}" |
        awk '/^refresh / {n++; if (n == 1) {line = $0} else {printf "%s %10s %10s\n", substr(line, 9), $2, $4}}'
}

printf '\n%-9s %-9s %8s %10s  %-17s %14s %13s %10s %14s %10s %10s\n' "database" "round" "requests" "req/s" \
    "min-max req/s" "srv CPU ms/op" "ops/srv CPU-s" "srv cores" "cli CPU ms/op" "req ms/op" "JIT ms/op"
results=$work/results.txt
for round in $(seq 0 "$rounds"); do
    # Round 0 warms the JIT of both servers (SigilBench's warm-up passes) and is not counted in the summary.
    passes=$([[ $round == 0 ]] && echo 3 || echo 1)
    label=$([[ $round == 0 ]] && echo warm-up || echo "$round")
    for name in durable lazy; do
        port_var="port_$name" jvm_var="jvm_$name"
        line=$(refresh_round "${!port_var}" "${!jvm_var}" "$passes")
        printf '%-9s %-9s %s\n' "$name" "$label" "$line" | tee -a "$results"
    done
done

# Durable / lazy over the measured rounds: sums of requests, server CPU and time, from the per-round figures.
awk '$2 != "warm-up" {
        ops[$1] += $3; secs[$1] += $3 / $4; cpu[$1] += $3 * $6; req[$1] += $3 * $10
     }
     END {
        printf "\nover the measured rounds: durable %.1f refreshes/s, lazy %.1f; server CPU per refresh %.3f vs %.3f ms",
            ops["durable"] / secs["durable"], ops["lazy"] / secs["lazy"],
            cpu["durable"] / ops["durable"], cpu["lazy"] / ops["lazy"]
        printf " (request threads %.3f vs %.3f ms)\n", req["durable"] / ops["durable"], req["lazy"] / ops["lazy"]
        printf "durable / lazy: rate %.2fx, server CPU per refresh %.2fx\n",
            (ops["durable"] / secs["durable"]) / (ops["lazy"] / secs["lazy"]),
            (cpu["durable"] / ops["durable"]) / (cpu["lazy"] / ops["lazy"])
     }' "$results"
