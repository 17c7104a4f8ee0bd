#!/usr/bin/env bash
# Writes an application's whole history as an E-ARK SIP straight from the store (no service needed): see doc/archive.md.
# Usage: ./export.sh --application norrort-gemensam-resurs [--out x.sip.zip] [--mongodb-uri URI] [--database NAME]
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
[ -f "$root/deploy/target/norrort-local.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests install)
exec java -Dnorrort.home="$root" -jar "$root/deploy/target/norrort-local.jar" export "$@"
