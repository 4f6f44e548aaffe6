#!/usr/bin/env bash
# The README's run command: build the WAR, then run it in Payara Micro at http://localhost:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
exec server-config/payara.sh
