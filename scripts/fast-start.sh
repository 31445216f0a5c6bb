# How demo.sh and benchmarks/run start a service quickly from its executable jar (sourced, not run). The Dockerfile
# follows the same recipe. Three parts, each measured in BENCHMARKS.md ("ready"):
#   1. Spring AOT: the build (process-aot) generated the bean definitions, so a start skips parsing ~200
#      configuration classes and evaluating their conditions (-Dspring.aot.enabled=true).
#   2. A class archive recorded by one training start (up to its first readiness answer) with the same class path:
#      the JDK 25+ AOT cache (classes loaded and linked, plus method profiles) where `java` is 25 or newer, an AppCDS
#      archive before that.
#   3. C2 waits for 20 times the usual number of calls: start-up code runs hot for a moment only, and compiling it
#      with C2 took about 2 CPU seconds of the 2 cores a service starts on; the streaming paths are called millions of
#      times and still reach C2 within a second of load.

FAST_START_JIT=(-XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=12000
  -XX:Tier4CompileThreshold=300000 -XX:Tier4BackEdgeThreshold=800000)

# fast_start_java_release [java]: the feature release of the JVM (17, 21, 25, ...)
fast_start_java_release() {
  "${1:-java}" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}

# fast_start_archive <dir> [java]: where the class archive for this JVM lives in <dir>
fast_start_archive() {
  if [[ "$(fast_start_java_release "${2:-java}")" -ge 25 ]]; then echo "$1/app.aot"; else echo "$1/app.jsa"; fi
}

# fast_start_prepare <jar> <dir> [java]: extracts <jar> into <dir>/app and records <dir>'s class archive with one
# training start (fast_start_train) in the caller's environment (it needs what the service needs to start: tokens, a
# data directory). Fails with the training log's tail when the training start fails.
fast_start_prepare() {
  local jar="$1" dir="$2" java="${3:-java}"
  rm -rf "$dir" && mkdir -p "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" > /dev/null || return 1
  fast_start_train "$(fast_start_archive "$dir" "$java")" "$(fast_start_jar "$dir")" "$java" "$dir/training.log"
}

# fast_start_train <archive> <jar> [java] [log]: records <archive> (AppCDS below JDK 25, the AOT cache from 25 on) from
# one start of <jar> on a free port that runs until the service answers its readiness probe, then stops (SIGTERM; the
# JVM writes the archive as it exits). The archive so holds what a start does up to ready, the first request included:
# against a training start that stopped once the context refreshed, 60-90 ms less to ready on JDK 17 and 170 ms on
# JDK 25, whose cache also keeps the methods' profiles. Needs curl.
fast_start_train() {
  local archive="$1" jar="$2" java="${3:-java}" log="${4:-$1.training.log}" record pid port="" ready=false i
  record=(-XX:ArchiveClassesAtExit="$archive")
  [[ "$archive" == *.aot ]] && record=(-XX:AOTCacheOutput="$archive")
  rm -f "$archive"
  # the same options as the timed starts: the JVM refuses an archive recorded with another class path
  SERVER_PORT=0 "$java" "${record[@]}" -Dspring.aot.enabled=true "${FAST_START_JIT[@]}" -jar "$jar" > "$log" 2>&1 &
  pid=$!
  for ((i = 0; i < 1200; i++)); do # at most 2 minutes
    kill -0 "$pid" 2>/dev/null || break
    [[ -n "$port" ]] || port="$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -n 1)"
    [[ -n "$port" ]] && curl -fs -o /dev/null "http://localhost:$port/actuator/health/readiness" && ready=true && break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" || true # 143 after SIGTERM: the archive tells whether the training start worked
  $ready && [[ -f "$archive" ]] || { tail -n 20 "$log" >&2; return 1; }
}

# fast_start_jar <dir>: the extracted executable jar
fast_start_jar() {
  local jars=("$1"/app/*.jar)
  echo "${jars[0]}"
}

# fast_start_options <dir> [java]: the java options of a start from <dir> (before -jar "$(fast_start_jar <dir>)")
fast_start_options() {
  local archive
  archive="$(fast_start_archive "$1" "${2:-java}")"
  if [[ "$archive" == *.aot ]]; then echo "-XX:AOTCache=$archive"; else echo "-XX:SharedArchiveFile=$archive"; fi
  echo "-Dspring.aot.enabled=true ${FAST_START_JIT[*]}"
}
