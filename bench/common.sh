# Shared by the benchmark scripts: source it from the repository's root after BASE and TOKEN are set.
# BENCH_MVN_ARGS is added to every Maven command (e.g. -Dmaven.repo.local=/tmp/m2/repository).

# The JVM flags the service ships with: those of the Dockerfile's ENTRYPOINT, read from it. Every script
# starts the service with them.
SERVICE_JVM_FLAGS=$(grep -oP '^ENTRYPOINT \["java", \K.*(?=, "-jar")' Dockerfile | tr -d '",')
[ -n "$SERVICE_JVM_FLAGS" ] || { echo "no JVM flags found in the Dockerfile's ENTRYPOINT" >&2; exit 1; }

# Waits until the service at $BASE is ready; stops early if process $1 died. $2 names its log.
wait_ready() {
  local pid=$1 log=$2
  for _ in $(seq 1 600); do
    curl -sf "$BASE/ready" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the service did not become ready; see $log" >&2
  exit 1
}

# Builds the service jar if it is missing, and compiles the load generator and the empty Javalin app
# (which needs the jar) into bench/target/classes.
build_bench() {
  # shellcheck disable=SC2086
  [ -f "$JAR" ] || mvn -q -B ${BENCH_MVN_ARGS:-} package -DskipTests >&2
  mkdir -p bench/target/classes
  javac -d bench/target/classes bench/HttpLoad.java
  javac -cp "$JAR" -d bench/target/classes bench/EmptyJavalin.java
}

# Runs the load generator: http_load SCENARIO SECONDS CLIENTS key=value... (see bench/HttpLoad.java).
http_load() {
  java -cp bench/target/classes HttpLoad "$BASE" "$@"
}

# Starts the service on PostgreSQL, in schema $SCHEMA (which the caller made), on port $PORT; sets SERVICE_PID.
start_postgres_service() { # log
  SCHEDULING_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SCHEDULING_DB_USER=postgres \
  SCHEDULING_ADMIN_TOKEN=$TOKEN SCHEDULING_HTTP_PORT=$PORT java $SERVICE_JVM_FLAGS -jar "$JAR" > "$1" 2>&1 &
  SERVICE_PID=$!
  wait_ready "$SERVICE_PID" "$1"
}

# Stops the service start_postgres_service started, if it runs, and drops $SCHEMA (also for an EXIT trap, so
# that a failed or interrupted run leaves neither behind).
tear_down_postgres_service() {
  if [ -n "${SERVICE_PID:-}" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
  fi
  psql -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
}

# Creates the bench catalog through the API (bench/HttpLoad.java setup): sets UNIT, SERVICE (30 minutes,
# capacity 1000) and HOT_SERVICE (30 minutes, capacity $HOT_CAPACITY, default 5).
create_bench_catalog() {
  read -r UNIT SERVICE HOT_SERVICE <<< "$(java -cp bench/target/classes HttpLoad "$BASE" setup "$TOKEN" \
    "${HOT_CAPACITY:-5}")"
  [ -n "$HOT_SERVICE" ] || { echo "the bench catalog could not be created" >&2; exit 1; }
}

# The classpath of a few Maven artifacts, resolved once through a throw-away pom under $TOOLS.
tool_classpath() { # name groupId:artifactId:version...
  local dir="$TOOLS/$1" jar
  shift
  if [ -s "$dir/cp.txt" ]; then
    for jar in $(tr ':' ' ' < "$dir/cp.txt"); do [ -f "$jar" ] || rm -f "$dir/cp.txt"; done
  fi
  if [ ! -s "$dir/cp.txt" ]; then
    mkdir -p "$dir"
    {
      echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
      echo "<groupId>local.bench</groupId><artifactId>$(basename "$dir")</artifactId><version>1</version>"
      echo '<packaging>pom</packaging><dependencies>'
      local gav g a v
      for gav in "$@"; do
        IFS=: read -r g a v <<< "$gav"
        echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
      done
      echo '</dependencies></project>'
    } > "$dir/pom.xml"
    # shellcheck disable=SC2086
    mvn -q -B ${BENCH_MVN_ARGS:-} -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" >&2 \
      || return 1
  fi
  cat "$dir/cp.txt"
}

# Resident memory of a process in MB (VmRSS).
rss_mb() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

# The machine, for the reports: cores, CPU model, memory.
machine_line() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB"
}
