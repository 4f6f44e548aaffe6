# shellcheck shell=bash
# Sourced by payara.sh and payara-server.sh: the database of the pool, from DB_URL, DB_USER and
# DB_PASSWORD (DB_URL unset: the embedded H2 file database in DATA_DIR). Sets db_url, db_driver,
# DB_USER, DB_PASSWORD and pool_commands, the asadmin file that creates the pool.
#
# Payara's pool takes a user and a password or neither, and asadmin cannot store an empty value (it
# keeps "()" literally). So with an empty password the user moves into the URL and the pool gets
# neither; H2 keeps "()" as its password, which its files were created with.
: "${DATA_DIR:?}"
pool_commands=server-config/post-boot-commands.asadmin
if [ -z "${DB_URL:-}" ]; then
  db_url="jdbc:h2:file:$DATA_DIR/video;DB_CLOSE_ON_EXIT=FALSE"
  DB_USER=${DB_USER:-sa}
else
  db_url=$DB_URL
fi
case "$db_url" in
  jdbc:h2:*) db_driver=org.h2.Driver ;;
  jdbc:postgresql:*) db_driver=org.postgresql.Driver ;;
  jdbc:mariadb:*) db_driver=org.mariadb.jdbc.Driver ;;
  *) echo "DB_URL must be a jdbc:postgresql: or jdbc:mariadb: URL" >&2; exit 2 ;;
esac
if [ "$db_driver" = org.h2.Driver ]; then
  DB_USER=${DB_USER:-()}
  DB_PASSWORD=${DB_PASSWORD:-()}
elif [ -z "${DB_PASSWORD:-}" ]; then
  # set, if empty, so that the scripts (set -u) can use them whether or not they were given
  DB_USER=${DB_USER:-}
  DB_PASSWORD=''
  if [ -n "$DB_USER" ]; then
    case "$db_url" in *\?*) db_url="$db_url&user=$DB_USER" ;; *) db_url="$db_url?user=$DB_USER" ;; esac
  fi
  pool_commands="$DATA_DIR/.post-boot-commands.asadmin"
  grep -v '\.property\.\(user\|password\)=' server-config/post-boot-commands.asadmin > "$pool_commands"
fi
export DB_USER DB_PASSWORD
