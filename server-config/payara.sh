#!/usr/bin/env bash
# Starts the built WAR (target/video-auth.war) in Payara Micro, in the foreground: Ctrl-C stops it,
# the embedded Redis included. Configuration comes from the environment (README, "Configuration").
# A configuration the service refuses stops it again, with status 2 and one line naming the setting.
set -euo pipefail
cd "$(dirname "$0")/.."
# the database, the Redis data and password, the keys and the logs are for this user's eyes only
umask 077

: "${PORT:=8080}" "${DATA_DIR:=./data}" "${LOG_DIR:=./logs}"
mkdir -p "$DATA_DIR" "$LOG_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
LOG_DIR=$(cd "$LOG_DIR" && pwd)
export DATA_DIR LOG_DIR

. server-config/database.sh

sed "s#@LOG_DIR@#$LOG_DIR#g" server-config/logging.properties > "$LOG_DIR/.logging.properties"

# MANAGEMENT_PORT: health, metrics and OpenAPI on a listener of their own, off the public port
pre_boot="server-config/pre-boot-commands.asadmin"
if [ -n "${MANAGEMENT_PORT:-}" ]; then
  if ! [[ $MANAGEMENT_PORT =~ ^[0-9]+$ ]] || [ "$MANAGEMENT_PORT" = "$PORT" ]; then
    echo "MANAGEMENT_PORT must be a port number other than PORT" >&2
    exit 2
  fi
  pre_boot=$DATA_DIR/.pre-boot-commands.asadmin
  # Before boot set-metrics-configuration fails (it asks the metrics service, which is not running
  # yet), and after boot its change waits for a restart: its attribute is set directly instead.
  { cat server-config/pre-boot-commands.asadmin
    sed -e "s/@MANAGEMENT_ADDRESS@/0.0.0.0/" -e "s/@MANAGEMENT_PORT@/$MANAGEMENT_PORT/" \
      -e 's/^set-metrics-configuration --virtualservers \(.*\)$/set configs.config.server-config.microprofile-metrics-configuration.virtual-servers=\1/' \
      server-config/management-commands.asadmin
  } > "$pre_boot"
fi

agent=target/payara/agent/MICRO-INF/runtime/flashlight-agent.jar
for f in target/video-auth.war target/payara/payara-micro.jar "$agent"; do
  [ -f "$f" ] || { echo "$f is missing: build first (./mvnw -B package -DskipTests)" >&2; exit 2; }
done

# where this run's server log starts (the file handler of logging.properties appends to server.log.0)
log=$LOG_DIR/server.log.0
from=$(($(stat -c %s "$log" 2>/dev/null || echo 0) + 1))
logged() { # greps this run's server log (all of the file if it was rotated at this start)
  [ "$(stat -c %s "$log" 2>/dev/null || echo 0)" -ge "$from" ] || from=1
  grep "$@" < <(tail -c "+$from" "$log" 2>/dev/null)
}

# Without PAYARA_CLUSTER_OPTS no Hazelcast, so no cluster ports: the nodes share Redis and the
# database, not a Payara cluster. The jersey.config properties: no WADL from Payara's own Jersey
# applications (/openapi) either; it shows the Jersey version (the application turns it off for /api).
# The -javaagent is Payara's monitoring probe agent, which Payara Micro cannot load by itself;
# without it the database pool's statistics stay 0 (docs/operations.md, "Health, metrics and OpenAPI").
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -Djava.awt.headless=true "-javaagent:$agent" \
  -Djersey.config.allowSystemPropertiesProvider=true -Djersey.config.server.wadl.disableWadl=true \
  "-Dvideo.db.url=$db_url" "-Dvideo.db.driver=$db_driver" \
  -jar target/payara/payara-micro.jar \
  --deploy target/video-auth.war --contextroot / --port "$PORT" ${PAYARA_CLUSTER_OPTS:---nohazelcast} \
  --addlibs target/payara/lib \
  --prebootcommandfile "$pre_boot" \
  --postbootcommandfile "$pool_commands" \
  --logproperties "$LOG_DIR/.logging.properties" &
server=$!
# a job started by a script ignores Ctrl-C, so the script hands it on
trap 'kill -TERM "$server" 2>/dev/null || true' INT TERM
await_server() { # returns the server's exit status (wait itself returns early when Ctrl-C or TERM arrives)
  local status=0
  wait "$server" || status=$?
  while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
  return "$status"
}

# Payara Micro stays up when the deployment fails, answering 500 everywhere, and has no option to
# exit instead; so until it says it is ready, this run's log is watched for a failed deployment.
until logged -q ' ready in '; do
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
if logged -q 'Exception while \(loading\|preparing\) the app'; then
  refused=$(logged -m1 -o 'InvalidSetting: .*' || true)
  kill -TERM "$server" 2>/dev/null || true
  await_server || true
  if [ -n "$refused" ]; then
    refused=${refused#InvalidSetting: }
    echo "The service refused its configuration: ${refused%]]}" >&2
    exit 2
  fi
  echo "The deployment failed; $log says why" >&2
  exit 1
fi

await_server
