#!/usr/bin/env bash
# Starts the built WAR (target/video-auth.war) in Payara Micro, in the foreground: Ctrl-C stops it,
# the embedded Redis included. Configuration comes from the environment (README, "Configuration").
set -euo pipefail
cd "$(dirname "$0")/.."

: "${PORT:=8080}" "${DATA_DIR:=./data}" "${LOG_DIR:=./logs}"
mkdir -p "$DATA_DIR" "$LOG_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
LOG_DIR=$(cd "$LOG_DIR" && pwd)
export DATA_DIR LOG_DIR

. server-config/database.sh

sed "s#@LOG_DIR@#$LOG_DIR#g" server-config/logging.properties > "$LOG_DIR/.logging.properties"

for f in target/video-auth.war target/payara/payara-micro.jar; do
  [ -f "$f" ] || { echo "$f is missing: build first (./mvnw -B package -DskipTests)" >&2; exit 2; }
done

# The jersey.config properties: no WADL from Payara's own Jersey applications (/openapi) either; it
# shows the Jersey version (the application turns it off for /api itself).
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Djava.awt.headless=true \
  -Djersey.config.allowSystemPropertiesProvider=true -Djersey.config.server.wadl.disableWadl=true \
  "-Dvideo.db.url=$db_url" "-Dvideo.db.driver=$db_driver" \
  -jar target/payara/payara-micro.jar \
  --deploy target/video-auth.war --contextroot / --port "$PORT" --nocluster \
  --addlibs target/payara/lib \
  --prebootcommandfile server-config/pre-boot-commands.asadmin \
  --postbootcommandfile "$pool_commands" \
  --logproperties "$LOG_DIR/.logging.properties"
