# syntax=docker/dockerfile:1
# The scheduling service's image: the runnable jar on a JRE, as a non-root user.
#
#   docker build --build-arg VERSION=0.1.0 -t scheduling-service:0.1.0 .
#   docker run -p 7070:7070 scheduling-service:0.1.0            # the service (in memory unless configured)
#   docker run --env-file .env scheduling-service:0.1.0 worker  # the notifications worker
#   docker run --env-file .env scheduling-service:0.1.0 dead-letters list
#
# Configuration is the SCHEDULING_* environment variables of README.md and .env.example; nothing is
# baked in. docker-compose.yml runs the whole set (PostgreSQL, RabbitMQ, two services, a worker).

# --- build: the release build of docs/release.md (mvn -Prelease) ---------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Tests are skipped here only because they need a PostgreSQL and a RabbitMQ that an image build does not
# have: the release runs them on the same commit first (.ci/run: mvn -B verify -Prelease). The Maven
# repository is a BuildKit cache, so a rebuild downloads nothing it already has.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -Prelease package -DskipTests

# --- runtime -------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
ARG VERSION=dev
LABEL org.opencontainers.image.title="scheduling-service" \
      org.opencontainers.image.description="Scheduling (booking) service: the service, or 'worker' for the notifications worker" \
      org.opencontainers.image.version="${VERSION}"

# A fixed numeric id, so that orchestrators can check runAsNonRoot without reading /etc/passwd.
RUN groupadd --system --gid 10001 scheduling \
    && useradd --system --uid 10001 --gid scheduling --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin scheduling

WORKDIR /app
# The jar only, owned by root and read-only for the process.
COPY --from=build /src/bootstrap/target/scheduling-service.jar /app/scheduling-service.jar

USER 10001:10001
EXPOSE 7070

# The JRE image has neither curl nor wget. Rather than add curl (an apt layer, a few MB and its CVEs to
# follow) or start a second JVM every interval (a java single-file check costs ~1 s of CPU), the check is
# bash, which the image has: an HTTP GET of /health over /dev/tcp, healthy when the status is 200. The
# port follows SCHEDULING_HTTP_PORT, as the service does. The worker serves /health too.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SCHEDULING_HTTP_PORT:-7070} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [ \"$status\" = 200 ]"]

# Heap as a share of the container's memory limit (the JVM reads the cgroup limit), leaving the rest to
# metaspace, threads and direct buffers; a process out of memory exits, so the orchestrator restarts it
# instead of leaving it half-alive. G1 (the JVM's choice with 2 CPUs and 2 GB or more) grows the heap under
# load and keeps it; a periodic collection after 30 s without one gives what is unused back to the system
# (JEP 346), down to 30% free above what is in use (G1 keeps up to 70% by default): in the benchmark suite,
# 3.6 GB at the peak of a load, about 400 MB 70 s after it (docs/performance.md, "Start-up and memory").
# JAVA_TOOL_OPTIONS adds or overrides flags at run time.
# The exec form makes java PID 1: SIGTERM reaches it and the shutdown hook closes the service cleanly.
# Arguments after the image name are the jar's: none runs the service, 'worker' the notifications worker.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/scheduling-service.jar"]
