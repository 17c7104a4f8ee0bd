#!/usr/bin/env bash
# Mints a bearer token with the embedded default's local key (data/keys), for trying the API.
# Usage: ./token.sh --sub danderyd.officer --name "Lina Rönnerblad" --role MUNICIPALITY_OFFICER --municipality 0162
set -euo pipefail
cd "$(dirname "$0")"
[ -f deploy/target/norrort-local.jar ] || ./mvnw -B -q -DskipTests install
exec java -Dnorrort.home="$PWD" -jar deploy/target/norrort-local.jar token "$@"
