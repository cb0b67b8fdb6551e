# Sourced by durability.sh and nodes.sh: boots Sigil servers on Payara Micro side by side, and stops them.
# The sourcing script sets work (a temporary directory), JAVA and SERVER_JVM_OPTS, and runs from the repository root.
servers_root=$PWD
pids=()

# boot NAME [VAR=VALUE ...]: starts a server with those extra environment variables in $work/NAME, logging to
# $work/NAME/payara.log, and sets port_NAME and pid_NAME (the JVM itself: the subshell execs env, which execs java)
boot() {
    local name=$1 port
    shift
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$work/$name"
    # shellcheck disable=SC2086 # the option string is meant to split into words
    (cd "$work/$name" && exec env PORT="$port" "$@" "$JAVA" $SERVER_JVM_OPTS \
        -Dsigil.exit-on-start-failure=true -jar "$servers_root/target/payara-micro.jar" \
        --deploy "$servers_root/target/sigil.war" --contextroot / --port "$port" --nocluster --disablephonehome \
        --prebootcommandfile "$servers_root/src/main/payara/preboot.asadmin" \
        --logproperties "$servers_root/src/main/payara/logging.properties" >"$work/$name/payara.log" 2>&1) &
    pids+=($!)
    printf -v "port_$name" %s "$port"
    printf -v "pid_$name" %s "$!"
}

# stop_servers: TERM to every server booted here, KILL to any still up 10 s later
stop_servers() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
