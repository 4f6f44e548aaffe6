#!/usr/bin/env bash
# The benchmark: starts the service (embedded defaults, or REDIS_URI / DB_URL as given), prepares
# users and tokens, drives it with wrk on loopback and prints one table, then the Redis memory per
# session, /me again at 100,000 sessions, /ping and /me once more with the near cache switched on,
# the password hash's own rate and the token format alone (JMH). Settings: DURATION (15s), CONNECTIONS (16), THREADS (2), BENCH_PORT (18480),
# BENCH_SESSIONS (100000), JAVA_OPTS (-Xms1g -Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BENCH_PORT=${BENCH_PORT:-18480}
BENCH_SESSIONS=${BENCH_SESSIONS:-100000}
export JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}

command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

work=target/bench
rm -rf "$work"; mkdir -p "$work"
export PORT=$BENCH_PORT DATA_DIR=$work/data LOG_DIR=$work/logs
[ -n "${REDIS_URI:-}" ] || export REDIS_EMBEDDED_PORT=$((BENCH_PORT + 1))
url="http://127.0.0.1:$PORT"
server=
start() { # starts the server with the environment given as arguments, and waits until it serves
  # the setup registers more users a minute than the captcha limit lets one address
  env CAPTCHA_PER_MINUTE=100000 "$@" server-config/payara.sh >> "$work/server.out" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do
    curl -sf "$url/api/ping" >/dev/null && return
    kill -0 "$server" 2>/dev/null || { echo "the server did not start; see $work/server.out" >&2; exit 1; }
    sleep 0.5
  done
  echo "the server did not answer in time; see $work/server.out" >&2; exit 1
}
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=
}
trap stop EXIT
start REDIS_NEAR_CACHE_SIZE=0
# the embedded Redis wants the password it keeps in DATA_DIR
redis=${REDIS_URI:-redis://:$(cat "$DATA_DIR/redis/password")@127.0.0.1:${REDIS_EMBEDDED_PORT:-}}

libs="target/video-auth/WEB-INF/lib/*"
java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" 100 "$work/users.txt"
java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" "$THREADS" "$work/refresh.txt"
# users of their own for the login runs, whose new sessions would otherwise evict the /me tokens' sessions
java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" 20 "$work/login.txt"
for i in 1 2 3; do   # a few videos for the list
  token=$(head -1 "$work/users.txt" | cut -d' ' -f2)
  curl -s -o /dev/null -X POST "$url/api/videos" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"bench $i\",\"durationSeconds\":60,\"url\":\"https://example.com/$i\"}"
done

run() { # name connections threads script path
  local out
  out=$(TOKENS="$work/users.txt" REFRESH_TOKENS="$work/refresh.txt" LOGINS="$work/login.txt" wrk -t"$3" -c"$2" -d"$DURATION" -s "$4" "$url$5" | grep '^RESULT')
  printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "${out#RESULT }" >> "$work/results.txt"
}
warm_up() { # the JIT compiles the hot paths
  for path in /api/ping /api/videos; do wrk -t2 -c8 -d10s "$url$path" >/dev/null; done
  TOKENS="$work/users.txt" wrk -t2 -c8 -d20s -s bench/tokens.lua "$url/api/passport/me" >/dev/null
  LOGINS="$work/login.txt" wrk -t2 -c2 -d10s -s bench/login.lua "$url/api/passport/login" >/dev/null
}
warm_up
: > "$work/results.txt"
run "GET /api/ping" "$CONNECTIONS" "$THREADS" bench/report.lua /api/ping
run "GET /api/passport/me" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
run "GET /api/videos" "$CONNECTIONS" "$THREADS" bench/report.lua /api/videos
run "POST /api/passport/login" "$THREADS" "$THREADS" bench/login.lua /api/passport/login
run "POST /api/passport/refresh" "$THREADS" "$THREADS" bench/refresh.lua /api/passport/refresh

hashes=$(java bench/HashRate.java "$(nproc)" 10 600000 | awk '/HASHES_PER_SECOND/ {print $2}')
java -cp "$libs" bench/BenchSetup.java sessions "$redis" "$BENCH_SESSIONS" > "$work/memory.txt"
run "GET /api/passport/me, ${BENCH_SESSIONS} sessions" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me

# the same data and tokens, served again with the near cache switched on
stop
start REDIS_NEAR_CACHE_SIZE=200000
warm_up
run "GET /api/ping, near cache on" "$CONNECTIONS" "$THREADS" bench/report.lua /api/ping
run "GET /api/passport/me, near cache on" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
stop

java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  'TokenCodecBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -rf text -rff "$work/jmh.txt" > "$work/jmh.out" 2>&1

echo
echo "video-auth benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "wrk ${DURATION} per run on loopback; server JAVA_OPTS: $JAVA_OPTS; Redis: ${REDIS_URI:-embedded}; database: ${DB_URL:-embedded H2}"
echo
printf '| %-40s | %5s | %7s | %10s | %8s | %8s | %6s |\n' scenario conns threads "req/s" "p50 ms" "p99 ms" errors
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "-------" "---------" "------------" "----------" "----------" "--------"
while IFS='|' read -r name conns threads figures; do
  read -r rps p50 p99 errors <<< "$figures"
  printf '| %-40s | %5s | %7s | %10s | %8s | %8s | %6s |\n' "$name" "$conns" "$threads" "${rps#rps=}" "${p50#p50=}" "${p99#p99=}" "${errors#errors=}"
done < "$work/results.txt"
failed=$(awk -F'|' '{split($4, f, " "); sub("errors=", "", f[4]); if (f[4] + 0 > 0) n++} END {print n + 0}' "$work/results.txt")
[ "$failed" = 0 ] || echo "WARNING: $failed runs had errors (non-2xx answers or socket errors); their figures do not count"
rate() { awk -F'|' -v n="$1" '$1 == n {split($4, f, " "); sub("rps=", "", f[1]); print f[1]}' "$work/results.txt"; }
ping=$(rate "GET /api/ping")
me=$(rate "GET /api/passport/me")
ping_near=$(rate "GET /api/ping, near cache on")
me_near=$(rate "GET /api/passport/me, near cache on")
login=$(rate "POST /api/passport/login")
echo
echo "me / ping throughput: $(awk -v a="$me" -v b="$ping" 'BEGIN {printf "%.2f", a / b}') (default: one Redis read per check);" \
  "$(awk -v a="$me_near" -v b="$ping_near" 'BEGIN {printf "%.2f", a / b}') with the near cache on"
echo "password hash alone: $hashes hashes/s on $(nproc) threads; login / hash: $(awk -v a="$login" -v b="$hashes" 'BEGIN {printf "%.2f", a / b}')"
sed 's/^/redis: /' "$work/memory.txt"
echo "token format alone (JMH, 1 thread; verify is the full check, verifyRemembered a token seen before):"
grep -E 'TokenCodecBenchmark\.' "$work/jmh.txt" | sed 's/^/  /'
[ "$failed" = 0 ]
