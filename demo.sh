#!/usr/bin/env bash
# The Autonomous Handshake, live: starts the farm simulator, DCL and AOD on embedded defaults (no Docker, no
# internet), asks AOD to find the MuleSoft route and provision DCL, and shows DCL's key log lines.
#
#   ./demo.sh            run until Ctrl-C or SIGTERM (stops all three)
#   ./demo.sh --check    run the handshake once; exit 0 only if DCL logged the provisioning command,
#                        "Drift Detected" and "Repaired"
#
# Ports: FARM_PORT (8088), DCL_PORT (5000), AOD_PORT (8000). Logs and DCL's data: ./data/demo/ (reset each run).
set -euo pipefail

cd "$(dirname "$0")"
MODE=run
[[ "${1:-}" == "--check" ]] && MODE=check
FARM_PORT="${FARM_PORT:-8088}"
DCL_PORT="${DCL_PORT:-5000}"
AOD_PORT="${AOD_PORT:-8000}"
CHECK_TIMEOUT="${CHECK_TIMEOUT:-120}"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)"
DEMO_DIR="data/demo"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"

say() { printf '\033[1;36m[demo]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[demo] %s\033[0m\n' "$*" >&2; exit 1; }

for tool in java curl; do command -v "$tool" >/dev/null || fail "$tool is required"; done

jar() { echo "$1/target/$1-$VERSION.jar"; }
if [[ ! -f "$(jar farm-simulator)" || ! -f "$(jar dcl-service)" || ! -f "$(jar aod-service)" ]]; then
  command -v mvn >/dev/null || fail "mvn is required to build the services"
  say "building the services (mvn -DskipTests package) ..."
  mvn -B -q -DskipTests package
fi

# AppCDS: each service runs from its extracted jar with a class-data archive recorded by one training start (Spring's
# spring.context.exit=onRefresh), which roughly halves the CPU and wall time to ready. Redone when the jar changes.
CDS_DIR="target/cds"
cds_prepare() { # module
  local module="$1" dir="$1/$CDS_DIR"
  [[ -f "$dir/$1.jsa" && "$dir/$1.jsa" -nt "$(jar "$module")" ]] && return 0
  say "recording the class-data archive of $module (once per build) ..."
  rm -rf "$dir" && mkdir -p "$dir"
  java -Djarmode=tools -jar "$(jar "$module")" extract --destination "$dir/app" >/dev/null
  # Trained with the same class path as the demo runs it (a different path would make the JVM ignore the archive).
  env DCL_DATA_DIR="$dir/training-data" java -XX:ArchiveClassesAtExit="$dir/$module.jsa" \
      -Dspring.context.exit=onRefresh -jar "$dir/app/$module-$VERSION.jar" >"$dir/training.log" 2>&1 \
    || { tail -n 20 "$dir/training.log" >&2; fail "the training start of $module failed (log: $dir/training.log)"; }
  rm -rf "$dir/training-data"
}
for module in farm-simulator dcl-service aod-service; do cds_prepare "$module"; done

for port in "$FARM_PORT" "$DCL_PORT" "$AOD_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is in use; stop what runs there or set FARM_PORT/DCL_PORT/AOD_PORT"
  fi
done

rm -rf "$DEMO_DIR" && mkdir -p "$DEMO_DIR/dcl"
# A fresh provisioning token for this run only; never stored in the repository.
export DCL_PROVISION_TOKEN="${DCL_PROVISION_TOKEN:-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}"

PIDS=()
cleanup() {
  trap - EXIT INT TERM
  if ((${#PIDS[@]})); then
    say "stopping ..."
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() { # name port env...
  local name="$1" port="$2"; shift 2
  env SERVER_PORT="$port" "$@" java $JAVA_OPTS -XX:SharedArchiveFile="$name/$CDS_DIR/$name.jsa" \
    -jar "$name/$CDS_DIR/app/$name-$VERSION.jar" >"$DEMO_DIR/$name.log" 2>&1 &
  PIDS+=($!)
}

say "starting farm-simulator :$FARM_PORT, dcl-service :$DCL_PORT, aod-service :$AOD_PORT"
start farm-simulator "$FARM_PORT"
start dcl-service "$DCL_PORT" DCL_DATA_DIR="$DEMO_DIR/dcl" \
  DCL_ALLOWED_SOURCES="localhost:$FARM_PORT,127.0.0.1:$FARM_PORT"
start aod-service "$AOD_PORT" DCL_URL="http://localhost:$DCL_PORT" FARM_API_URL="http://localhost:$FARM_PORT"

wait_ready() { # name port
  for _ in $(seq 1 240); do
    curl -fs "http://localhost:$2/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -n 30 "$DEMO_DIR/$1.log" >&2
  fail "$1 did not become ready (log: $DEMO_DIR/$1.log)"
}
wait_ready farm-simulator "$FARM_PORT"
wait_ready dcl-service "$DCL_PORT"
wait_ready aod-service "$AOD_PORT"
say "all three ready. AOD Triage: http://localhost:$AOD_PORT/   DCL dashboard: http://localhost:$DCL_PORT/"

say "DCL before the handshake: $(curl -fs "http://localhost:$DCL_PORT/api/ingest/config")"
say "the simulator runs Farm-faithful (the default): stream values differ from the record of truth, so repaired"
say "records arrive verified=false with the Farm's mismatches unless the Triage page's Reconcile box is ticked"
say "asking AOD to find the route and provision DCL:"
say "  curl -X POST http://localhost:$AOD_PORT/api/actions/provision-connector"
HANDOFF="$(curl -s -w '\n%{http_code}' -X POST "http://localhost:$AOD_PORT/api/actions/provision-connector")"
CODE="${HANDOFF##*$'\n'}"
echo "${HANDOFF%$'\n'*}"
[[ "$CODE" == 200 ]] || fail "AOD answered HTTP $CODE"

KEY_LINES='Received Provisioning Command|Drift Detected|Repaired'
if [[ "$MODE" == check ]]; then
  for _ in $(seq 1 "$CHECK_TIMEOUT"); do
    if grep -q 'Received Provisioning Command from AOD. Switching Target to ' "$DEMO_DIR/dcl-service.log" \
      && grep -q 'Drift Detected' "$DEMO_DIR/dcl-service.log" && grep -q 'Repaired' "$DEMO_DIR/dcl-service.log"; then
      grep -E "$KEY_LINES" "$DEMO_DIR/dcl-service.log" | head -n 6
      say "telemetry: $(curl -fs "http://localhost:$DCL_PORT/api/ingest/telemetry")"
      AUDIT="$(curl -fs "http://localhost:$DCL_PORT/api/connectors/mule_auto_01/audit")"
      say "audit (counters against a recount of DCL's files): $AUDIT"
      [[ "$AUDIT" == *'"balanced":true'* ]] || fail "CHECK FAILED: the audit does not balance"
      say "CHECK PASSED: handshake, Drift Detected and Repaired observed, audit balanced"
      exit 0
    fi
    sleep 1
  done
  grep -E "$KEY_LINES" "$DEMO_DIR/dcl-service.log" || true
  fail "CHECK FAILED: not all of [$KEY_LINES] seen in ${CHECK_TIMEOUT}s (log: $DEMO_DIR/dcl-service.log)"
fi

say "DCL's handshake lines (Ctrl-C or SIGTERM stops everything):"
# In the background, then `wait`: bash runs a trap only once the foreground command returns, and a foreground
# `tail -F | grep` never does, so SIGTERM would be held forever. `wait` returns as soon as a trapped signal arrives.
# grep reads tail through a process substitution, so killing tail (one of PIDS) ends grep too.
tail -n +1 -F "$DEMO_DIR/dcl-service.log" > >(grep --line-buffered -E "$KEY_LINES") &
PIDS+=($!)
wait "$!"
