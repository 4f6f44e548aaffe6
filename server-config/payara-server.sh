#!/usr/bin/env bash
# Deploys the WAR on a full Payara Server 6 as an operator would, checks it end to end, and stops it
# (--keep leaves it running; the admin console is then at http://localhost:$((PORT_BASE+48))).
# The server comes from Maven Central (fish.payara.distributions:payara). The JDBC pool is created
# from the same asadmin commands Payara Micro runs (server-config/post-boot-commands.asadmin), so
# operators see and tune pool VideoPool, the loggers and log rotation in the console.
# Settings: PORT_BASE (28000: admin 28048, HTTP 28080), DB_URL / DB_USER / DB_PASSWORD, REDIS_URI.
set -euo pipefail
cd "$(dirname "$0")/.."
# the domain, the service's data and logs: this user's only (the server inherits the umask)
umask 077

version=$(sed -n "s/.*<payara.version>\(.*\)<\/payara.version>.*/\1/p" pom.xml)
PORT_BASE=${PORT_BASE:-28000}
admin=$((PORT_BASE + 48))
http=$((PORT_BASE + 80))
work=$(pwd)/target/payara-server
keep=${1:-}

if [ ! -f target/video-auth.war ] || [ ! -f target/payara/lib/postgresql.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q dependency:copy -Dartifact="fish.payara.distributions:payara:$version:zip" -DoutputDirectory="$work"
rm -rf "$work/payara6" "$work/data" "$work/logs"
unzip -q "$work/payara-$version.zip" -d "$work"
mkdir -p "$work/data" "$work/logs"
asadmin() { "$work/payara6/bin/asadmin" --port "$admin" "$@"; }

"$work/payara6/bin/asadmin" create-domain --portbase "$PORT_BASE" --nopassword=true video >/dev/null
"$work/payara6/bin/asadmin" start-domain video >/dev/null
trap '[ "$keep" = --keep ] || "$work/payara6/bin/asadmin" stop-domain video >/dev/null' EXIT

# the JDBC drivers (H2 ships with the server), and the service's configuration as system properties
asadmin add-library target/payara/lib/postgresql.jar target/payara/lib/mariadb-java-client.jar >/dev/null
asadmin create-jvm-options "-DDATA_DIR=$work/data:-DLOG_DIR=$work/logs:-DREDIS_EMBEDDED_PORT=$((PORT_BASE + 79))" >/dev/null
# no WADL from Payara's own Jersey applications either (server-config/payara.sh says why)
asadmin create-jvm-options "-Djersey.config.allowSystemPropertiesProvider=true:-Djersey.config.server.wadl.disableWadl=true" >/dev/null
[ -n "${REDIS_URI:-}" ] && asadmin create-system-properties "REDIS_URI=${REDIS_URI//:/\\:}" >/dev/null

# the pool and its resource: the Micro commands with their placeholders filled in
DATA_DIR=$work/data
. server-config/database.sh
sed -e "s#\${video.db.driver}#$db_driver#" -e "s#\${video.db.url}#${db_url//&/\\&}#" \
    -e "s#\${ENV=DB_USER}#$DB_USER#" -e "s#\${ENV=DB_PASSWORD}#$DB_PASSWORD#" \
    "$pool_commands" | grep -v '^#' > "$work/pool.asadmin"
asadmin multimode --file "$work/pool.asadmin" >/dev/null
asadmin ping-connection-pool VideoPool >/dev/null
# the listener settings of server-config/pre-boot-commands.asadmin; the HTTP listener is http-listener-1 here
sed -e 's/protocol\.http-listener\./protocol.http-listener-1./' server-config/pre-boot-commands.asadmin | grep -v '^#' > "$work/listener.asadmin"
asadmin multimode --file "$work/listener.asadmin" >/dev/null
"$work/payara6/bin/asadmin" restart-domain video >/dev/null

asadmin deploy --contextroot / --name video-auth target/video-auth.war >/dev/null

url="http://127.0.0.1:$http"
for _ in $(seq 1 60); do curl -sf "$url/api/ping" >/dev/null && break; sleep 1; done
echo "ping: $(curl -s "$url/api/ping")"
echo "ready: $(curl -s "$url/health/ready")"
redis=${REDIS_URI:-redis://:$(cat "$work/data/redis/password")@127.0.0.1:$((PORT_BASE + 79))}
java -cp "target/video-auth/WEB-INF/lib/*" server-config/TestUsers.java "$url/" "$redis" 1 "$work/user.txt" 2>/dev/null
token=$(cut -d' ' -f2 "$work/user.txt")
me=$(curl -s -w ' %{http_code}' "$url/api/passport/me" -H "Authorization: Bearer $token")
echo "register, login, me: $me"
echo "pools: $(asadmin list-jdbc-connection-pools | grep VideoPool)"
echo "headers: $(curl -sI "$url/api/ping" | grep -ciE '^(server|x-powered-by):') server or framework headers"
case "$me" in *' 200') echo "Payara Server $version: deployed and serving";; *) echo "Payara Server $version: FAILED" >&2; exit 1;; esac
