#!/usr/bin/env bash
# Runs the WAR on a full Payara Server 6 set up as an operator would, with asadmin
# (docs/operations.md, "Full Payara Server"):
#   server-config/payara-server.sh [start]   create the domain if there is none, start it, check the service
#   server-config/payara-server.sh stop      stop the domain
#   server-config/payara-server.sh delete    stop it and delete everything this script made
#
# Settings (environment): PAYARA_SERVER_DIR (target/payara-server: the server, its domain, the
# service's data and logs, the admin password file), PORT_BASE (28000), BIND_ADDRESS (127.0.0.1),
# MANAGEMENT_PORT (PORT_BASE+82), ADMIN_PASSWORD (generated when unset), DB_URL / DB_USER /
# DB_PASSWORD, REDIS_URI, AUTH_JWT_SECRET (generated when unset) and any setting of
# docs/configuration.md. They are read when the domain is created; afterwards asadmin changes them.
#
# shellcheck disable=SC2016 # ${ALIAS=...} is Payara's reference to a password alias, written as is
#
# Secrets never reach a command line or domain.xml: the signing key, the database password and a
# REDIS_URI with a password become Payara password aliases, handed to asadmin in a 0600 file.
set -euo pipefail
cd "$(dirname "$0")/.."
# the domain, the service's data and logs, the password files: this user's only
umask 077

verb=${1:-start}
fail() { echo "payara-server.sh: $*" >&2; exit 2; }
case "$verb" in start | stop | delete) ;; *) fail "unknown verb '$verb': use start (the default), stop or delete" ;; esac

version=$(sed -n "s/.*<payara.version>\(.*\)<\/payara.version>.*/\1/p" pom.xml)
work=${PAYARA_SERVER_DIR:-target/payara-server}
mkdir -p "$(dirname "$work")"
work=$(cd "$(dirname "$work")" && pwd)/$(basename "$work")
install=$work/payara6
domain=video
admin_file=$work/admin-password
PORT_BASE=${PORT_BASE:-28000}
if ! [[ $PORT_BASE =~ ^[0-9]+$ ]] || [ "$PORT_BASE" -lt 1024 ] || [ "$PORT_BASE" -gt 65400 ]; then
  fail "PORT_BASE must be a number from 1024 to 65400 (it is '$PORT_BASE')"
fi
admin=$((PORT_BASE + 48))
http=$((PORT_BASE + 80))
bind=${BIND_ADDRESS:-127.0.0.1}
# asadmin and the checks reach the server where it listens
case "$bind" in 0.0.0.0 | '::') host=127.0.0.1 ;; *) host=$bind ;; esac

asadmin() { "$install/bin/asadmin" --host "$host" --port "$admin" --user admin --passwordfile "$admin_file" "$@"; }
# The service's settings, which the domain holds as MicroProfile Config properties and password aliases.
settings=(AUTH_JWT_ISSUER AUTH_JWT_AUDIENCE AUTH_TOKEN_TTL AUTH_SESSION_LIFETIME AUTH_MAX_SESSIONS
  AUTH_ADMIN_MOBILES AUTH_PASSWORD_ITERATIONS AUTH_LOGIN_MAX_FAILURES AUTH_IP_MAX_FAILURES AUTH_LOGIN_WINDOW
  CAPTCHA_TTL CAPTCHA_PER_MINUTE AUTH_TRUSTED_PROXIES AUDIT_LOG_MAX_BYTES AUDIT_LOG_FILES REDIS_NEAR_CACHE_SIZE
  AUDIT_TARGET AUTH_JWT_ALGORITHM AUTH_JWT_SIGNING_KEY AUTH_JWT_PREVIOUS_KEYS)
# The server starts without them in its environment: an environment variable would win over the
# domain's value (and asadmin's changes), and a secret there would be readable in /proc.
start_domain() {
  local unset=() name
  for name in "${settings[@]}" AUTH_JWT_SECRET AUTH_JWT_PREVIOUS_SECRETS AUTH_INTROSPECTION_CLIENTS REDIS_URI REDIS_EMBEDDED_PORT DATA_DIR LOG_DIR \
    DB_URL DB_USER DB_PASSWORD ADMIN_PASSWORD MANAGEMENT_PORT; do unset+=(-u "$name"); done
  env "${unset[@]}" "$install/bin/asadmin" start-domain "$domain" >/dev/null
}
exists() { [ -f "$install/glassfish/domains/$domain/config/domain.xml" ]; }
running() { exists && asadmin list-domains 2>/dev/null | grep -q "^$domain running"; }

if [ "$verb" = stop ]; then
  exists || fail "no domain in $work"
  "$install/bin/asadmin" stop-domain "$domain" >/dev/null
  echo "Stopped the domain in $work"
  exit 0
fi
if [ "$verb" = delete ]; then
  if exists; then "$install/bin/asadmin" stop-domain --kill=true "$domain" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  echo "Deleted $work"
  exit 0
fi

url=http://$host:$http
check() { # the service answers, end to end: ping, readiness, register, login, /me
  for _ in $(seq 1 90); do curl -sf "$url/api/ping" >/dev/null && break; sleep 1; done
  echo "ping: $(curl -s "$url/api/ping")"
  echo "ready: $(curl -s "http://$host:$management/health/ready")"
  local redis users me
  redis=${REDIS_URI:-redis://:$(cat "$work/data/redis/password")@127.0.0.1:$((PORT_BASE + 79))}
  users=$(mktemp)
  # the Redis URI goes to the checker through its environment, off the command line
  TEST_REDIS_URI=$redis java -cp "target/video-auth/WEB-INF/lib/*" server-config/TestUsers.java "$url/" env:TEST_REDIS_URI 1 "$users" 2>/dev/null
  me=$(curl -s -w ' %{http_code}' "$url/api/passport/me" -H "Authorization: Bearer $(cut -d' ' -f2 "$users")")
  rm -f "$users"
  echo "register, login, me: $me"
  case "$me" in
    *' 200') echo "Payara Server $version: serving at $url/, admin console at http://$host:$admin (user admin, password in $admin_file)" ;;
    *) echo "Payara Server $version: FAILED (the server log: $install/glassfish/domains/$domain/logs/server.log)" >&2; return 1 ;;
  esac
}

if exists; then
  # as the domain was made: its ports are read from it
  port_of() { grep -o "<network-listener [^>]*name=\"$1\"[^>]*>" "$install/glassfish/domains/$domain/config/domain.xml" |
    grep -o ' port="[0-9]*"' | tr -dc 0-9; }
  admin=$(port_of admin-listener)
  http=$(port_of http-listener-1)
  management=$(port_of management-listener)
  url=http://$host:$http
  running || start_domain
  echo "The domain in $work exists: started it as it is (asadmin changes its settings; 'delete' starts over)"
  # the service's Redis may be one this script no longer knows: readiness checks it
  for _ in $(seq 1 90); do curl -sf "http://$host:$management/health/ready" >/dev/null && break; sleep 1; done
  echo "ready: $(curl -s "http://$host:$management/health/ready")"
  curl -sf "http://$host:$management/health/ready" >/dev/null ||
    { echo "Payara Server $version: NOT READY (the server log: $install/glassfish/domains/$domain/logs/server.log)" >&2; exit 1; }
  echo "Payara Server $version: serving at $url/, admin console at http://$host:$admin"
  exit
fi

# --- everything is checked before anything is made ---
management=${MANAGEMENT_PORT:-$((PORT_BASE + 82))}
if ! [[ $management =~ ^[0-9]+$ ]] || [ "$management" -lt 1 ] || [ "$management" -gt 65535 ]; then
  fail "MANAGEMENT_PORT must be a port number (it is '$management')"
fi
if [ "$management" = "$http" ] || [ "$management" = "$admin" ]; then fail "MANAGEMENT_PORT must differ from the HTTP and admin ports"; fi
for port in "$admin" "$http" "$management" $((PORT_BASE + 37)) $((PORT_BASE + 38)) $((PORT_BASE + 39)) $((PORT_BASE + 79)) $((PORT_BASE + 86)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port is in use: choose another PORT_BASE"; fi
done
if [ -n "${ADMIN_PASSWORD:-}" ] && [ "${#ADMIN_PASSWORD}" -lt 12 ]; then fail "ADMIN_PASSWORD must be at least 12 characters"; fi
if [ -n "${AUTH_JWT_SECRET:-}" ] && [ "$(printf %s "$AUTH_JWT_SECRET" | wc -c)" -lt 32 ]; then
  fail "AUTH_JWT_SECRET is too short: a key must be at least 32 bytes long"
fi
case "${REDIS_URI:-}" in '' | redis://* | rediss://* | redis-sentinel://*) ;; *) fail "REDIS_URI must be a redis://, rediss:// or redis-sentinel:// URI" ;; esac
# ES256 keys are files the server reads (a property's value holds no line breaks): their paths, not PEM text
for name in AUTH_JWT_SIGNING_KEY AUTH_JWT_PREVIOUS_KEYS; do
  case "${!name:-}" in *-----BEGIN*) fail "$name must name PEM files (paths) on a full Payara Server, not hold the PEM text" ;; esac
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
DATA_DIR=$scratch
# the pool's database from DB_URL, DB_USER and DB_PASSWORD; exits with a message on a bad DB_URL
. server-config/database.sh
db_url=${db_url/#jdbc:h2:file:$scratch\//jdbc:h2:file:$work/data/}
for f in target/video-auth.war target/payara/lib/postgresql.jar; do
  [ -f "$f" ] || { rm -rf "$scratch"; fail "$f is missing: build first (./mvnw -B package -DskipTests)"; }
done

# --- from here on, a failure deletes what was made ---
made=false
cleanup() {
  local status=$?
  rm -rf "$scratch" "$work/secrets"
  if [ "$made" = false ]; then
    [ -x "$install/bin/asadmin" ] && "$install/bin/asadmin" stop-domain --kill=true "$domain" >/dev/null 2>&1
    rm -rf "$work"
    [ "$status" = 0 ] || echo "payara-server.sh: the set-up failed (above); deleted $work" >&2
  fi
}
trap cleanup EXIT
mkdir -p "$work/data" "$work/logs" "$work/secrets"
./mvnw -B -q dependency:copy -Dartifact="fish.payara.distributions:payara:$version:zip" -DoutputDirectory="$work"
unzip -q "$work/payara-$version.zip" -d "$work"
rm "$work/payara-$version.zip"

# A password file of asadmin is a Java properties file: backslashes are escaped.
prop() { local v=${2//\\/\\\\}; printf '%s=%s\n' "$1" "$v"; }
if [ -n "${ADMIN_PASSWORD:-}" ]; then
  admin_password=$ADMIN_PASSWORD
  told="the given ADMIN_PASSWORD"
else
  admin_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  told="generated, shown this once: $admin_password"
fi
prop AS_ADMIN_PASSWORD "$admin_password" > "$admin_file"
"$install/bin/asadmin" --user admin --passwordfile "$admin_file" create-domain --portbase "$PORT_BASE" "$domain" >/dev/null
start_domain

# password aliases: each secret travels to asadmin in a 0600 file that is deleted at once
alias_of() { # alias_of NAME VALUE
  local file=$work/secrets/$1
  { cat "$admin_file"; prop AS_ADMIN_ALIASPASSWORD "$2"; } > "$file"
  "$install/bin/asadmin" --host "$host" --port "$admin" --user admin --passwordfile "$file" create-password-alias "$1" >/dev/null
  rm -f "$file"
}
alias_of video-jwt-secret "${AUTH_JWT_SECRET:-$(head -c 32 /dev/urandom | base64)}"
config() { asadmin set-config-property --source domain --propertyName "$1" --propertyValue "$2" >/dev/null; }
config AUTH_JWT_SECRET '${ALIAS=video-jwt-secret}'
if [ -n "${AUTH_JWT_PREVIOUS_SECRETS:-}" ]; then
  alias_of video-jwt-previous-secrets "$AUTH_JWT_PREVIOUS_SECRETS"
  config AUTH_JWT_PREVIOUS_SECRETS '${ALIAS=video-jwt-previous-secrets}'
fi
if [ -n "${AUTH_INTROSPECTION_CLIENTS:-}" ]; then
  alias_of video-introspection-clients "$AUTH_INTROSPECTION_CLIENTS"
  config AUTH_INTROSPECTION_CLIENTS '${ALIAS=video-introspection-clients}'
fi
case "${REDIS_URI:-}" in
  '') ;;
  *@*) alias_of video-redis-uri "$REDIS_URI"; config REDIS_URI '${ALIAS=video-redis-uri}' ;; # a password inside
  *) config REDIS_URI "$REDIS_URI" ;;
esac
# the service's settings: MicroProfile Config properties of the domain (the console's
# Configurations > server-config > MicroProfile > Config page, asadmin get-config-property)
config DATA_DIR "$work/data"
config LOG_DIR "$work/logs"
config REDIS_EMBEDDED_PORT $((PORT_BASE + 79))
for name in "${settings[@]}"; do
  if [ -n "${!name:-}" ]; then config "$name" "${!name}"; fi
done
# live settings are re-read within seconds (docs/configuration.md): MicroProfile Config's cache
asadmin set-config-cache --duration=5 >/dev/null

# the JDBC drivers (H2 ships with the server); no WADL from Payara's own Jersey applications
# (server-config/payara.sh says why)
asadmin add-library target/payara/lib/postgresql.jar target/payara/lib/mariadb-java-client.jar >/dev/null
asadmin create-jvm-options "-Djersey.config.allowSystemPropertiesProvider=true:-Djersey.config.server.wadl.disableWadl=true" >/dev/null

# the pool and its resource: the Micro commands with their placeholders filled in; a password is an alias
db_password=$DB_PASSWORD
if [ -n "$DB_PASSWORD" ] && [ "$db_driver" != org.h2.Driver ]; then
  alias_of video-db-password "$DB_PASSWORD"
  db_password='${ALIAS=video-db-password}'
fi
sed -e "s#\${video.db.driver}#$db_driver#" -e "s#\${video.db.url}#${db_url//&/\\&}#" \
  -e "s#\${ENV=DB_USER}#$DB_USER#" -e "s#\${ENV=DB_PASSWORD}#$db_password#" \
  "$pool_commands" | grep -v '^#' > "$work/pool.asadmin"
asadmin multimode --file "$work/pool.asadmin" >/dev/null
asadmin ping-connection-pool VideoPool >/dev/null || fail "the database cannot be reached (asadmin ping-connection-pool VideoPool)"

# listeners: the settings of server-config/pre-boot-commands.asadmin (the HTTP listener is
# http-listener-1 here), everything bound to BIND_ADDRESS, no HTTPS listener (TLS belongs to the load
# balancer), no Hazelcast and no JMS broker (a single server that sends no messages needs neither, and
# each would listen on all interfaces), and a management listener for health, metrics and OpenAPI
listeners=$work/listeners.asadmin
sed -e 's/protocol\.http-listener\./protocol.http-listener-1./' server-config/pre-boot-commands.asadmin | grep -v '^#' > "$listeners"
net=configs.config.server-config.network-config
cat >> "$listeners" <<EOF
set $net.network-listeners.network-listener.http-listener-1.address=$bind
set $net.network-listeners.network-listener.admin-listener.address=$bind
set $net.network-listeners.network-listener.http-listener-2.enabled=false
set configs.config.server-config.iiop-service.iiop-listener.orb-listener-1.address=$bind
set configs.config.server-config.iiop-service.iiop-listener.SSL.address=$bind
set configs.config.server-config.iiop-service.iiop-listener.SSL_MUTUALAUTH.address=$bind
set configs.config.server-config.admin-service.jmx-connector.system.address=$bind
set-hazelcast-configuration --enabled=false --dynamic=false
set configs.config.server-config.jms-service.type=DISABLED
EOF
sed -e "s/@MANAGEMENT_ADDRESS@/$bind/" -e "s/@MANAGEMENT_PORT@/$management/" server-config/management-commands.asadmin |
  grep -v '^#' >> "$listeners"
asadmin multimode --file "$listeners" >/dev/null
asadmin restart-domain "$domain" >/dev/null

# the application on the public virtual server only
asadmin deploy --virtualservers server --contextroot / --name video-auth target/video-auth.war >/dev/null
check
made=true
echo "Admin password: $told"
echo "Ports: HTTP $bind:$http, management $bind:$management, admin $bind:$admin, IIOP $bind:$((PORT_BASE + 37))-$((PORT_BASE + 39)), JMX $bind:$((PORT_BASE + 86)), embedded Redis 127.0.0.1:$((PORT_BASE + 79)) (without REDIS_URI)"
