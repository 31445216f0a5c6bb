#!/usr/bin/env bash
# The Autonomous Handshake, live: starts the farm simulator, DCL and AOD on embedded defaults (no Docker, no
# internet), asks AOD to find the MuleSoft route and provision DCL, and shows DCL's key log lines.
#
#   ./demo.sh            run until Ctrl-C or SIGTERM (stops all three)
#   ./demo.sh --check    run the handshake once; exit 0 only if DCL logged the provisioning command,
#                        "Drift Detected" and "Repaired"
#   ./demo.sh --cluster  the same with two DCL workers on the local Redis (DCL_REDIS_URL, default
#                        redis://127.0.0.1:6379/0, a fresh key prefix), then kills the connector's owner (SIGKILL)
#                        and shows the other worker taking over; with --check, exits 0 only if it did
#
# Ports: FARM_PORT (8088), DCL_PORT (5000, the second worker DCL_PORT2, 5001), AOD_PORT (8000).
# Logs and DCL's data: ./data/demo/ (reset each run).
set -euo pipefail

cd "$(dirname "$0")"
MODE=run
CLUSTER=false
for arg in "$@"; do
  case "$arg" in
    --check) MODE=check ;;
    --cluster) CLUSTER=true ;;
    *) echo "usage: $0 [--check] [--cluster]" >&2; exit 2 ;;
  esac
done
FARM_PORT="${FARM_PORT:-8088}"
DCL_PORT="${DCL_PORT:-5000}"
DCL_PORT2="${DCL_PORT2:-$((DCL_PORT + 1))}"
DCL_REDIS_URL="${DCL_REDIS_URL:-redis://127.0.0.1:6379/0}"
DCL_REDIS_PREFIX="${DCL_REDIS_PREFIX:-demo-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')}"
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

# Fast start (scripts/fast-start.sh): each service runs from its extracted jar with Spring AOT, a class archive
# recorded by one training start, and start-up friendly JIT thresholds: about half the CPU and wall time to ready.
# Redone when the jar changes.
source scripts/fast-start.sh
FAST_DIR="target/fast-start"
fast_prepare() { # module
  local module="$1" dir="$1/$FAST_DIR"
  local archive; archive="$(fast_start_archive "$dir")"
  [[ -f "$archive" && "$archive" -nt "$(jar "$module")" ]] && return 0
  say "recording the class archive of $module (once per build) ..."
  DCL_DATA_DIR="$dir/training-data" fast_start_prepare "$(jar "$module")" "$dir" \
    || fail "the training start of $module failed (log: $dir/training.log)"
  rm -rf "$dir/training-data"
}
for module in farm-simulator dcl-service aod-service; do fast_prepare "$module"; done

PORTS=("$FARM_PORT" "$DCL_PORT" "$AOD_PORT")
$CLUSTER && PORTS+=("$DCL_PORT2")
for port in "${PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is in use; stop what runs there or set FARM_PORT/DCL_PORT/AOD_PORT"
  fi
done

rm -rf "$DEMO_DIR" && mkdir -p "$DEMO_DIR/dcl" "$DEMO_DIR/dcl2"
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

start() { # name log port env...
  local name="$1" log="$2" port="$3"; shift 3
  env SERVER_PORT="$port" "$@" java $JAVA_OPTS $(fast_start_options "$name/$FAST_DIR") \
    -jar "$(fast_start_jar "$name/$FAST_DIR")" >"$DEMO_DIR/$log.log" 2>&1 &
  PIDS+=($!)
  LAST_PID=$!
}

DCL_ENV=(DCL_ALLOWED_SOURCES="localhost:$FARM_PORT,127.0.0.1:$FARM_PORT")
DCL_URLS="http://localhost:$DCL_PORT"
if $CLUSTER; then
  command -v redis-cli >/dev/null && { redis-cli -u "$DCL_REDIS_URL" ping >/dev/null 2>&1 \
    || fail "no Redis answers at $DCL_REDIS_URL (start one, or set DCL_REDIS_URL)"; }
  DCL_ENV+=(DCL_REDIS_URL="$DCL_REDIS_URL" DCL_REDIS_PREFIX="$DCL_REDIS_PREFIX" DCL_LEASE_TTL="${DCL_LEASE_TTL:-5s}")
  DCL_URLS="http://localhost:$DCL_PORT,http://localhost:$DCL_PORT2"
  say "cluster mode: two DCL workers on $DCL_REDIS_URL, key prefix $DCL_REDIS_PREFIX"
fi

say "starting farm-simulator :$FARM_PORT, dcl-service :$DCL_PORT$($CLUSTER && echo " and :$DCL_PORT2"), aod-service :$AOD_PORT"
start farm-simulator farm-simulator "$FARM_PORT"
start dcl-service dcl-service "$DCL_PORT" DCL_DATA_DIR="$DEMO_DIR/dcl" DCL_WORKER_ID=dcl-1 "${DCL_ENV[@]}"
declare -A DCL_PID=([dcl-1]=$LAST_PID)
if $CLUSTER; then
  start dcl-service dcl-service-2 "$DCL_PORT2" DCL_DATA_DIR="$DEMO_DIR/dcl2" DCL_WORKER_ID=dcl-2 "${DCL_ENV[@]}"
  DCL_PID[dcl-2]=$LAST_PID
fi
start aod-service aod-service "$AOD_PORT" DCL_URL="$DCL_URLS" FARM_API_URL="http://localhost:$FARM_PORT"

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
$CLUSTER && wait_ready dcl-service-2 "$DCL_PORT2"
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

if $CLUSTER; then
  # who owns the connector AOD provisioned? (any worker answers /api/cluster for the whole cluster)
  owner() { curl -fs "http://localhost:$1/api/cluster" | grep -o '"worker_id":"[^"]*","last_seen":"[^"]*","connectors":\[[^]]*mule_auto_01' \
    | sed 's/"worker_id":"\([^"]*\)".*/\1/' || true; }
  for _ in $(seq 1 60); do OWNER="$(owner "$DCL_PORT")"; [[ -n "$OWNER" ]] && break; sleep 0.5; done
  [[ -n "${OWNER:-}" ]] || fail "no worker took the connector"
  sleep 3
  say "cluster: $(curl -fs "http://localhost:$DCL_PORT/api/cluster")"
  SURVIVOR_PORT=$DCL_PORT; [[ "$OWNER" == dcl-1 ]] && SURVIVOR_PORT=$DCL_PORT2
  say "killing the owner $OWNER (SIGKILL) ..."
  kill -9 "${DCL_PID[$OWNER]}"
  T0=$(date +%s%N)
  TAKEN=""
  for _ in $(seq 1 150); do
    NEW="$(owner "$SURVIVOR_PORT")"
    if [[ -n "$NEW" && "$NEW" != "$OWNER" ]]; then TAKEN=$NEW; break; fi
    sleep 0.2
  done
  [[ -n "$TAKEN" ]] || fail "no takeover within 30 s"
  say "takeover: $TAKEN owns mule_auto_01 after $(( ($(date +%s%N) - T0) / 1000000 )) ms (lease TTL ${DCL_LEASE_TTL:-5s})"
  sleep 3
  say "telemetry from $TAKEN: $(curl -fs "http://localhost:$SURVIVOR_PORT/api/ingest/telemetry")"
  if command -v redis-cli >/dev/null; then
    say "records in Redis: XLEN $DCL_REDIS_PREFIX:records:mule_auto_01 = $(redis-cli -u "$DCL_REDIS_URL" xlen "$DCL_REDIS_PREFIX:records:mule_auto_01")"
  fi
  if [[ "$MODE" == check ]]; then
    cat "$DEMO_DIR"/dcl-service*.log > "$DEMO_DIR/dcl-all.log"
    for line in 'Received Provisioning Command from AOD. Switching Target to ' 'Drift Detected' 'Repaired'; do
      grep -q "$line" "$DEMO_DIR/dcl-all.log" || fail "CHECK FAILED: '$line' not logged by any worker"
    done
    say "CHECK PASSED: handshake on a two-worker cluster, owner killed, $TAKEN took over"
    if command -v redis-cli >/dev/null; then # a check leaves nothing behind in a shared Redis: only its own prefix
      cleanup
      redis-cli -u "$DCL_REDIS_URL" --scan --pattern "$DCL_REDIS_PREFIX:*" | xargs -r redis-cli -u "$DCL_REDIS_URL" del >/dev/null
    fi
    exit 0
  fi
  say "DCL's handshake lines of $TAKEN (Ctrl-C stops everything; keys stay under prefix $DCL_REDIS_PREFIX):"
  LOG=dcl-service; [[ "$TAKEN" == dcl-2 ]] && LOG=dcl-service-2
  tail -n +1 -F "$DEMO_DIR/$LOG.log" | grep --line-buffered -E "$KEY_LINES"
  exit 0
fi
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
