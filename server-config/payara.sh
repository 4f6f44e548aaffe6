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

if [ -z "${DB_URL:-}" ]; then
  db_url="jdbc:h2:file:$DATA_DIR/video;DB_CLOSE_ON_EXIT=FALSE"
  DB_USER=${DB_USER:-sa}
else
  db_url=$DB_URL
fi
case "$db_url" in
  jdbc:h2:*) driver=org.h2.Driver ;;
  jdbc:postgresql:*) driver=org.postgresql.Driver ;;
  jdbc:mariadb:*) driver=org.mariadb.jdbc.Driver ;;
  *) echo "DB_URL must be a jdbc:postgresql: or jdbc:mariadb: URL" >&2; exit 2 ;;
esac
# asadmin cannot set an empty value: an empty user or password becomes "()", which H2 (whose files
# are created with it) and PostgreSQL with trust authentication accept; MariaDB needs a real password
DB_USER=${DB_USER:-()}
DB_PASSWORD=${DB_PASSWORD:-()}
export DB_USER DB_PASSWORD

sed "s#@LOG_DIR@#$LOG_DIR#g" server-config/logging.properties > "$LOG_DIR/.logging.properties"

for f in target/video-auth.war target/payara/payara-micro.jar; do
  [ -f "$f" ] || { echo "$f is missing: build first (mvn -B package -DskipTests)" >&2; exit 2; }
done

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Djava.awt.headless=true \
  "-Dvideo.db.url=$db_url" "-Dvideo.db.driver=$driver" \
  -jar target/payara/payara-micro.jar \
  --deploy target/video-auth.war --contextroot / --port "$PORT" --nocluster \
  --addlibs target/payara/lib \
  --prebootcommandfile server-config/pre-boot-commands.asadmin \
  --postbootcommandfile server-config/post-boot-commands.asadmin \
  --logproperties "$LOG_DIR/.logging.properties"
