# How demo.sh and benchmarks/run start a service quickly from its executable jar (sourced, not run). The Dockerfile
# follows the same recipe. Three parts, each measured in BENCHMARKS.md ("ready"):
#   1. Spring AOT: the build (process-aot) generated the bean definitions, so a start skips parsing ~200
#      configuration classes and evaluating their conditions (-Dspring.aot.enabled=true).
#   2. A class archive recorded by one training start (spring.context.exit=onRefresh) with the same class path:
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
# training start in the caller's environment (it needs what the service needs to start: tokens, a data directory).
# Fails with the training log's tail when the training start fails.
fast_start_prepare() {
  local jar="$1" dir="$2" java="${3:-java}" archive record
  archive="$(fast_start_archive "$dir" "$java")"
  rm -rf "$dir" && mkdir -p "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" > /dev/null || return 1
  record=(-XX:ArchiveClassesAtExit="$archive")
  [[ "$archive" == *.aot ]] && record=(-XX:AOTCacheOutput="$archive")
  # the same options as the timed starts: the JVM refuses an archive recorded with another class path
  "$java" "${record[@]}" -Dspring.aot.enabled=true "${FAST_START_JIT[@]}" -Dspring.context.exit=onRefresh \
      -jar "$(fast_start_jar "$dir")" > "$dir/training.log" 2>&1 && [[ -f "$archive" ]] \
    || { tail -n 20 "$dir/training.log" >&2; return 1; }
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
