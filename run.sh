#!/usr/bin/env bash
# Builds (without tests) and runs the whole stack on the embedded store: see README.md.
# Usage: ./run.sh [--seed]
set -euo pipefail
cd "$(dirname "$0")"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
./mvnw -B -q -DskipTests install
exec java -Dnorrort.home="$PWD" -jar deploy/target/norrort-local.jar "$@"
