#!/usr/bin/env bash
# The benchmark: starts the service (embedded defaults, or REDIS_URI / DB_URL as given), prepares
# users and tokens, drives it with wrk on loopback, then does the same for the peer (a Quarkus
# service doing the same check, when PEER_DIR holds it), each server alone on the machine in turn,
# and prints one table: req/s, latency, and the CPU each request cost the server and its Redis.
# Then the figures wrk cannot give: boot to ready, resident memory after the runs, Redis bytes per
# session, /me again with BENCH_SESSIONS sessions in Redis, /ping and /me with the near cache on,
# the password hash's own rate and the token format alone (JMH).
# Settings: DURATION (15s), CONNECTIONS (16), THREADS (2), BENCH_PORT (18480; the peer takes the
# next ports up to +3), BENCH_SESSIONS (1000000), JAVA_OPTS (-Xms1g -Xmx1g, for both servers),
# PEER_DIR (../shared/peers/quarkus-peer from the project root; copied to a temporary directory and
# built there with mvn; a missing one skips the peer's rows), BENCH_SCOPE (full; "quick" runs
# only /ping, /me, introspection, the many-sessions /me and the peer; "me" only this service's
# /ping and /me, for trying a change), REPEAT (1; N runs each row N times and keeps the run with the
# median req/s, for a machine whose other tenants move the figures), JFR (1: a JFR recording of
# an extra /me run, split by component by bench/JfrSplit.java into target/bench/profile.txt; the
# server runs with JFR from its start then, all its rows included).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BENCH_PORT=${BENCH_PORT:-18480}
BENCH_SESSIONS=${BENCH_SESSIONS:-1000000}
BENCH_SCOPE=${BENCH_SCOPE:-full}
REPEAT=${REPEAT:-1}
PEER_DIR=${PEER_DIR:-../shared/peers/quarkus-peer}
JFR=${JFR:-}
export JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
full() { [ "$BENCH_SCOPE" = full ]; }
only_me() { [ "$BENCH_SCOPE" = me ]; }

[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || { echo "REPEAT must be a positive number of runs" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

work=target/bench
rm -rf "$work"; mkdir -p "$work"
work=$(cd "$work" && pwd)
: > "$work/results.txt"; : > "$work/figures.txt"
figure() { printf '%s|%s\n' "$1" "$2" >> "$work/figures.txt"; } # name value
now_ms() { date +%s%3N; }

# The peer is built first, so that its build's CPU is spent before anything is measured.
peer=
if only_me; then
  :
elif [ -f "$PEER_DIR/run.sh" ]; then
  peer=$(mktemp -d "${TMPDIR:-/tmp}/video-auth-peer.XXXXXX")
  cp -r "$PEER_DIR/." "$peer"
  chmod -R u+w "$peer"
  if ! (cd "$peer" && mvn -B -q package -DskipTests > build.log 2>&1); then
    echo "the peer in $PEER_DIR did not build (see $peer/build.log): its rows are skipped" >&2
    peer=
  fi
else
  echo "no peer in $PEER_DIR (PEER_DIR): the peer's rows are skipped"
fi

export PORT=$BENCH_PORT DATA_DIR=$work/data LOG_DIR=$work/logs
[ -n "${REDIS_URI:-}" ] || export REDIS_EMBEDDED_PORT=$((BENCH_PORT + 1))
# the introspection endpoint's client, for the introspection run
introspect_client=bench:bench-introspection-secret-0123456789
export AUTH_INTROSPECTION_CLIENTS=$introspect_client
url="http://127.0.0.1:$PORT"
server=
srv_pid=
redis_pid=
start() { # starts the server with the environment given as arguments, and waits until it serves
  local t0
  t0=$(now_ms)
  # the setup registers more users a minute than the captcha limit lets one address
  env CAPTCHA_PER_MINUTE=100000 "$@" server-config/payara.sh >> "$work/server.out" 2>&1 &
  server=$!
  for _ in $(seq 1 1200); do
    if curl -sf "$url/api/ping" >/dev/null; then
      boot_ms=$(($(now_ms) - t0))
      srv_pid=$(pgrep -P "$server" -x java)
      redis_pid=$(cat "$DATA_DIR/redis/redis.pid" 2>/dev/null || true)
      return
    fi
    kill -0 "$server" 2>/dev/null || { echo "the server did not start; see $work/server.out" >&2; exit 1; }
    sleep 0.1
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
stop_peer() { [ -z "$peer" ] || [ ! -d "$peer/var" ] || (cd "$peer" && ./stop.sh >/dev/null) || true; }
trap 'stop; stop_peer; [ -z "$peer" ] || rm -rf "$peer"' EXIT

ticks() { # CPU time used so far by a process, in clock ticks (0 for none)
  if [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi
}
busy() { # percent of the machine's CPU in use during one second, while the server under test is idle
  local b1 t1 b2 t2
  read -r b1 t1 < <(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  sleep 1
  read -r b2 t2 < <(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  echo $((100 * (b2 - b1) / (t2 - t1)))
}
tokens_file=$work/users.txt
run() { # name connections threads script path: REPEAT runs, the one with the median req/s kept
  local i
  : > "$work/repeats.txt"
  for i in $(seq 1 "$REPEAT"); do run_once "$@"; done
  # a run with errors is kept whatever its req/s, so that the errors show
  { awk -F'|' '{split($4, f, " "); sub("errors=", "", f[4]); if (f[4] + 0 > 0) {print; exit}}' "$work/repeats.txt"
    sort -t'|' -k4,4 -V "$work/repeats.txt" | sed -n "$(((REPEAT + 1) / 2))p"
  } | head -1 >> "$work/results.txt"
}
run_once() { # name connections threads script path
  local out idle s0 r0 s1 r1 requests
  idle=$(busy)
  s0=$(ticks "$srv_pid"); r0=$(ticks "$redis_pid")
  out=$(TOKENS="$tokens_file" REFRESH_TOKENS="$work/refresh.txt" LOGINS="$work/login.txt" \
    INTROSPECT_BASIC=$(printf '%s' "$introspect_client" | base64 -w0) \
    wrk -t"$3" -c"$2" -d"$DURATION" -s "$4" "$url$5" | grep '^RESULT')
  s1=$(ticks "$srv_pid"); r1=$(ticks "$redis_pid")
  requests=${out##* requests=}
  printf '%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "${out#RESULT }" \
    "$(awk -v t=$((s1 - s0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')" \
    "$(awk -v t=$((r1 - r0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')" \
    "$idle" >> "$work/repeats.txt"
}
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
used_memory() { redis-cli -u "$1" --no-auth-warning info memory | awk -F: '/^used_memory:/ {print $2 + 0}'; }

# JFR=1: recording from the start (starting it later makes the JIT recompile for the rest of the
# run, tripling the CPU per request), execution samples only
jfr_opts=
[ -z "$JFR" ] || jfr_opts="-XX:StartFlightRecording=name=bench,settings=$PWD/bench/cpu.jfc"
start REDIS_NEAR_CACHE_SIZE=0 JAVA_OPTS="$JAVA_OPTS $jfr_opts"
figure "boot to ready, ms" "$boot_ms"
# the embedded Redis wants the password it keeps in DATA_DIR
redis=${REDIS_URI:-redis://:$(cat "$DATA_DIR/redis/password")@127.0.0.1:${REDIS_EMBEDDED_PORT:-}}

libs="target/video-auth/WEB-INF/lib/*"
java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" 100 "$work/users.txt"
if full; then
  java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" "$THREADS" "$work/refresh.txt"
  # users of their own for the login runs, whose new sessions would otherwise evict the /me tokens' sessions
  java -cp "$libs" server-config/TestUsers.java "$url/" "$redis" 20 "$work/login.txt"
  for i in 1 2 3; do   # a few videos for the list
    token=$(head -1 "$work/users.txt" | cut -d' ' -f2)
    curl -s -o /dev/null -X POST "$url/api/videos" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"title\":\"bench $i\",\"durationSeconds\":60,\"url\":\"https://example.com/$i\"}"
  done
fi
token=$(head -1 "$work/users.txt" | cut -d' ' -f2)
introspection=$(curl -s -o /dev/null -w '%{http_code}' -u "$introspect_client" --data-urlencode "token=$token" "$url/api/passport/introspect")
if [ "$introspection" != 200 ]; then
  echo "POST /api/passport/introspect answered $introspection (404: not in this build): its run is skipped"
fi

warm_up() { # the JIT compiles the hot paths
  wrk -t2 -c8 -d10s "$url/api/ping" >/dev/null
  TOKENS="$tokens_file" wrk -t2 -c8 -d20s -s bench/tokens.lua "$url/api/passport/me" >/dev/null
  if [ "$introspection" = 200 ] && [ "$url" = "http://127.0.0.1:$PORT" ]; then
    TOKENS="$tokens_file" INTROSPECT_BASIC=$(printf '%s' "$introspect_client" | base64 -w0) \
      wrk -t2 -c8 -d10s -s bench/introspect.lua "$url/api/passport/introspect" >/dev/null
  fi
  if full && [ "$url" = "http://127.0.0.1:$PORT" ]; then
    wrk -t2 -c8 -d10s "$url/api/videos" >/dev/null
    LOGINS="$work/login.txt" wrk -t2 -c2 -d10s -s bench/login.lua "$url/api/passport/login" >/dev/null
  fi
}
warm_up
run "GET /api/ping" "$CONNECTIONS" "$THREADS" bench/report.lua /api/ping
run "GET /api/passport/me" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
if [ "$introspection" = 200 ]; then
  run "POST /api/passport/introspect" "$CONNECTIONS" "$THREADS" bench/introspect.lua /api/passport/introspect
fi
if full; then
  run "GET /api/videos" "$CONNECTIONS" "$THREADS" bench/report.lua /api/videos
  run "POST /api/passport/login" "$THREADS" "$THREADS" bench/login.lua /api/passport/login
  run "POST /api/passport/refresh" "$THREADS" "$THREADS" bench/refresh.lua /api/passport/refresh
fi
figure "resident memory after the runs, MB" "$(rss_mb "$srv_pid")"

thread_ticks() { # one line per thread of process $1: id, name, user and kernel CPU ticks
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${t##*/}" "$(tr ' ' '_' < "$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')"
  done
}
if [ -n "$JFR" ]; then # the /me run again, its part of the recording split by bench/JfrSplit.java, with the CPU of each thread
  thread_ticks "$srv_pid" > "$work/threads.before"
  r0=$(ticks "$redis_pid") t0=$(now_ms)
  run "GET /api/passport/me, JFR recording" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
  r1=$(ticks "$redis_pid") t1=$(now_ms)
  thread_ticks "$srv_pid" > "$work/threads.after"
  jcmd "$srv_pid" JFR.dump name=bench filename="$work/me.jfr" >/dev/null
  requests=$(tail -1 "$work/results.txt" | cut -d'|' -f4 | sed 's/.*requests=//')
  # CPU per request by thread (digits in names made N), user and kernel, busiest first; then the totals
  awk -v n="$requests" -v hz="$(getconf CLK_TCK)" -v redis=$((r1 - r0)) '
    FNR == NR {u[$1] = $3; k[$1] = $4; next}
    {name = $2; gsub(/[0-9]+/, "N", name); du[name] += $3 - u[$1]; dk[name] += $4 - k[$1]}
    END {
      for (t in du) if (du[t] + dk[t] > 0) {
        printf "| %-28s | %11.1f | %13.1f |\n", t, du[t] / hz * 1e6 / n, dk[t] / hz * 1e6 / n
        if (t !~ /^(GC|G1|CN_|VM|Common-Cleaner|JFR|Sweeper|Service)/) java += du[t]
        all += du[t] + dk[t]
      }
      printf "TOTAL | %-28s | %27.1f |\n", "all threads, user + kernel", all / hz * 1e6 / n
      printf "TOTAL | %-28s | %27.1f |\n", "redis-server, user + kernel", redis / hz * 1e6 / n
      printf "JAVA %.1f\n", java / hz * 1e6 / n
    }' "$work/threads.before" "$work/threads.after" > "$work/threads.txt"
  {
    echo "CPU per /me request by thread, over the recorded run ($requests requests):"
    echo
    printf '| %-28s | %11s | %13s |\n' "thread (server process)" "user µs/req" "kernel µs/req"
    echo "|------------------------------|-------------|---------------|"
    grep '^|' "$work/threads.txt" | sort -t'|' -k3 -rn
    sed -n 's/^TOTAL //p' "$work/threads.txt"
    echo
    java bench/JfrSplit.java "$work/me.jfr" "$(awk '/^JAVA/ {print $2}' "$work/threads.txt")" "$t0" "$t1"
  } > "$work/profile.txt"
fi

if full; then
  hashes=$(java bench/HashRate.java "$(nproc)" 10 600000 | awk '/HASHES_PER_SECOND/ {print $2}')
fi
if ! only_me; then
  java -cp "$libs" bench/BenchSetup.java sessions "$redis" "$BENCH_SESSIONS" 100000 > "$work/memory.txt"
  run "GET /api/passport/me, ${BENCH_SESSIONS} sessions" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
fi

if full; then # the same data and tokens, served again with the near cache switched on
  stop
  start REDIS_NEAR_CACHE_SIZE=200000
  warm_up
  run "GET /api/ping, near cache on" "$CONNECTIONS" "$THREADS" bench/report.lua /api/ping
  run "GET /api/passport/me, near cache on" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
fi
stop

if [ -n "$peer" ]; then # the peer, alone on the machine now, measured the same way
  pport=$((BENCH_PORT + 2)) rport=$((BENCH_PORT + 3))
  t0=$(now_ms)
  (cd "$peer" && PORT=$pport REDIS_PORT=$rport TOKEN_FILE="$peer/var/first.token" ./run.sh) > "$work/peer.out" 2>&1
  figure "peer: boot to ready, ms" "$(($(now_ms) - t0))"
  srv_pid=$(cat "$peer/var/quarkus.pid"); redis_pid=$(cat "$peer/var/redis.pid")
  url=http://127.0.0.1:$pport
  tokens_file=$work/peer-users.txt
  for i in $(seq 1 100); do # 100 users' sessions, as for the service
    issued=$(curl -sf -H 'Content-Type: application/json' -d "{\"sub\":\"$i\"}" "$url/api/bench/session")
    echo "user$i $(printf '%s' "$issued" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
  done > "$tokens_file"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$tokens_file" | cut -d' ' -f2)" "$url/api/passport/me")
  [ "$code" = 200 ] || { echo "the peer's GET /api/passport/me answered $code, not 200" >&2; exit 1; }
  warm_up
  run "peer: GET /api/ping" "$CONNECTIONS" "$THREADS" bench/report.lua /api/ping
  run "peer: GET /api/passport/me" "$CONNECTIONS" "$THREADS" bench/tokens.lua /api/passport/me
  figure "peer: resident memory after the runs, MB" "$(rss_mb "$srv_pid")"
  peer_redis=redis://127.0.0.1:$rport
  m0=$(used_memory "$peer_redis"); k0=$(redis-cli -u "$peer_redis" dbsize)
  wrk -t1 -c4 -d5s -s bench/peer-sessions.lua "$url/api/bench/session" >/dev/null
  m1=$(used_memory "$peer_redis"); k1=$(redis-cli -u "$peer_redis" dbsize)
  figure "peer: Redis bytes per session ($((k1 - k0)) sessions, $(redis-server --version | grep -o 'v=[0-9.]*'))" \
    "$(((m1 - m0) / (k1 - k0)))"
  stop_peer
  rm -rf "$peer"
fi

if full; then
  java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
    'TokenCodecBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -rf text -rff "$work/jmh.txt" > "$work/jmh.out" 2>&1
fi

echo
echo "video-auth benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "wrk ${DURATION} per run on loopback, each row the median of ${REPEAT} run(s) by req/s; JAVA_OPTS of both servers: $JAVA_OPTS; Redis: ${REDIS_URI:-embedded}; database: ${DB_URL:-embedded H2}"
echo "CPU/req: CPU time of the server's process (and of its redis-server) over the run / requests;" \
  "busy: the machine's CPU use in the second before the run (others' work; high figures are low)"
echo
printf '| %-40s | %5s | %10s | %7s | %7s | %6s | %11s | %10s | %5s |\n' scenario conns "req/s" "p50 ms" "p99 ms" errors "CPU/req µs" "Redis µs" "busy%"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "-------" "------------" "---------" "---------" "--------" "-------------" "------------" "-------"
while IFS='|' read -r name conns _ figures cpu rcpu idle; do
  read -r rps p50 p99 errors _ <<< "$figures"
  printf '| %-40s | %5s | %10s | %7s | %7s | %6s | %11s | %10s | %5s |\n' "$name" "$conns" "${rps#rps=}" "${p50#p50=}" "${p99#p99=}" "${errors#errors=}" "$cpu" "$rcpu" "$idle"
done < "$work/results.txt"
failed=$(awk -F'|' '{split($4, f, " "); sub("errors=", "", f[4]); if (f[4] + 0 > 0) n++} END {print n + 0}' "$work/results.txt")
[ "$failed" = 0 ] || echo "WARNING: $failed runs had errors (non-2xx answers or socket errors); their figures do not count"
field() { awk -F'|' -v n="$1" -v k="$2" '$1 == n {split($4, f, " "); for (i in f) if (index(f[i], k "=") == 1) print substr(f[i], length(k) + 2)}' "$work/results.txt"; }
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; else echo n/a; fi; }
echo
while IFS='|' read -r name value; do echo "$name: $value"; done < "$work/figures.txt"
[ ! -f "$work/memory.txt" ] || sed 's/^/redis: /' "$work/memory.txt"
me=$(field "GET /api/passport/me" rps)
echo
echo "targets:"
echo "  /me vs the peer's /me (at least 0.80): $(ratio "$me" "$(field "peer: GET /api/passport/me" rps)")"
echo "  /me p99 minus the peer's (at most 1 ms): $(awk -v a="$(field "GET /api/passport/me" p99)" -v b="$(field "peer: GET /api/passport/me" p99)" 'BEGIN {if (b == "") print "n/a"; else printf "%.2f ms", a - b}')"
echo "  /ping vs the peer's /ping (at least 0.30): $(ratio "$(field "GET /api/ping" rps)" "$(field "peer: GET /api/ping" rps)")"
echo "  introspection vs /me (at least 0.90): $(ratio "$(field "POST /api/passport/introspect" rps)" "$me")"
echo "  /me with ${BENCH_SESSIONS} sessions vs with 100 (at least 0.95): $(ratio "$(field "GET /api/passport/me, ${BENCH_SESSIONS} sessions" rps)" "$me")"
if full; then
  ping=$(field "GET /api/ping" rps)
  echo "me / ping throughput: $(ratio "$me" "$ping") (default: one Redis read per check);" \
    "$(ratio "$(field "GET /api/passport/me, near cache on" rps)" "$(field "GET /api/ping, near cache on" rps)") with the near cache on"
  echo "password hash alone: $hashes hashes/s on $(nproc) threads; login / hash: $(ratio "$(field "POST /api/passport/login" rps)" "$hashes")"
  echo "token format alone (JMH, 1 thread; verify is the full check, verifyRemembered a token seen before):"
  grep -E 'TokenCodecBenchmark\.' "$work/jmh.txt" | sed 's/^/  /'
fi
[ -z "$JFR" ] || { echo; cat "$work/profile.txt"; }
[ "$failed" = 0 ]
