#!/usr/bin/env bash
# Browser tests of the web pages (doc/web.md): Debian's chromium driven by playwright-core, axe-core for
# accessibility, against the whole stack started by the local launcher on free ports with a temporary data folder.
# Needs the built jars (./mvnw -B -DskipTests package). Installs chromium (apt) and the npm packages when missing.
# Screenshots of each page: web/target/screenshots/. Bounded: the stack must be up in 120 s, the tests end in 10 min.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cd "$root"

if [ ! -x /usr/bin/chromium ]; then
  apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export NORRORT_MONGO_PORT=$(free_port) COMMAND_SERVICE_PORT=$(free_port) QUERY_SERVICE_PORT=$(free_port) WEB_PORT=$(free_port)
export NORRORT_DATA_DIR=$(mktemp -d) AXONIQ_UPDATE_CHECKER_DISABLED=true
java -Dnorrort.home="$root" -jar deploy/target/norrort-local.jar --seed > "$NORRORT_DATA_DIR/stack.log" 2>&1 &
stack=$!
trap 'kill $stack 2>/dev/null || true; wait $stack 2>/dev/null || true; rm -rf "$NORRORT_DATA_DIR"' EXIT
for i in $(seq 1 120); do
  if grep -q "Press Ctrl-C to stop" "$NORRORT_DATA_DIR/stack.log"; then break; fi
  if ! kill -0 $stack 2>/dev/null || [ "$i" = 120 ]; then cat "$NORRORT_DATA_DIR/stack.log"; exit 1; fi
  sleep 1
done
rm -rf web/target/screenshots
cd "$here"
NORRORT_HOME="$root" timeout 600 npm test
echo "Browser tests passed; screenshots in web/target/screenshots/"
