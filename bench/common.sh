# Shared by the benchmark scripts: source it after BASE and TOKEN are set.

# Waits until the service at $BASE is ready; stops early if process $1 died. $2 names its log.
wait_ready() {
  local pid=$1 log=$2
  for _ in $(seq 1 60); do
    curl -sf "$BASE/ready" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "the service did not become ready; see $log" >&2
  exit 1
}

# Creates a unit open all day, every day, in UTC, and a 30-minute service whose capacity is never
# reached; sets UNIT and SERVICE to their ids.
create_bench_catalog() {
  UNIT=$(curl -sf -X POST "$BASE/units" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{
    "name": "Bench", "timeZone": "UTC", "openingHours": {
    "MONDAY": [{"start": "00:00", "end": "23:59"}], "TUESDAY": [{"start": "00:00", "end": "23:59"}],
    "WEDNESDAY": [{"start": "00:00", "end": "23:59"}], "THURSDAY": [{"start": "00:00", "end": "23:59"}],
    "FRIDAY": [{"start": "00:00", "end": "23:59"}], "SATURDAY": [{"start": "00:00", "end": "23:59"}],
    "SUNDAY": [{"start": "00:00", "end": "23:59"}]}}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  SERVICE=$(curl -sf -X POST "$BASE/units/$UNIT/services" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"name": "Bench", "durationMinutes": 30, "capacity": 10000}' \
    | sed -E 's/.*"id":"([^"]+)","unitId".*/\1/')
}
