#!/usr/bin/env bash
# Browser tests of the web pages (doc/web.md): Debian's chromium driven by playwright-core, axe-core for
# accessibility, against the whole stack started by the local launcher on free ports with a temporary data folder.
# Needs the built jars (./mvnw -B -DskipTests package). Installs chromium (apt) and the npm packages when missing.
# Screenshots of each page: web/target/screenshots/. Bounded: the stack must be up in 120 s, the tests end in 4 min.
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
pids=()
dirs=()
trap 'for p in "${pids[@]}"; do pkill -P $p 2>/dev/null || true; kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done; rm -rf "${dirs[@]}"' EXIT

# start_stack [launcher args...]: the launcher on free ports with a temporary data folder; sets WEB_PORT, NORRORT_DATA_DIR
start_stack() {
  export NORRORT_MONGO_PORT=$(free_port) COMMAND_SERVICE_PORT=$(free_port) QUERY_SERVICE_PORT=$(free_port)
  export COMMAND_MANAGEMENT_PORT=$(free_port) QUERY_MANAGEMENT_PORT=$(free_port)
  export WEB_PORT=${PAGES_PORT:-$(free_port)}
  export NORRORT_DATA_DIR=$(mktemp -d) AXONIQ_UPDATE_CHECKER_DISABLED=true
  dirs+=("$NORRORT_DATA_DIR")
  # each service may take up to 150 s to report healthy on a loaded machine (the launcher's default is 90 s)
  NORRORT_STARTUP_TIMEOUT=${NORRORT_STARTUP_TIMEOUT:-150} \
    java -Dnorrort.home="$root" -jar deploy/target/norrort-local.jar "$@" > "$NORRORT_DATA_DIR/stack.log" 2>&1 &
  stack=$!
  pids+=($stack)
  for i in $(seq 1 240); do
    if grep -q "Press Ctrl-C to stop" "$NORRORT_DATA_DIR/stack.log"; then return 0; fi
    if ! kill -0 $stack 2>/dev/null || [ "$i" = 240 ]; then cat "$NORRORT_DATA_DIR/stack.log"; exit 1; fi
    sleep 1
  done
}

start_stack --seed
rm -rf web/target/screenshots
rc=0
# the whole run bounded (it takes about a minute); each test file bounded too; BROWSER_TESTS picks files
(cd "$here" && NORRORT_HOME="$root" timeout 240 node --test --test-concurrency=1 --test-timeout=180000 \
  ${BROWSER_TESTS:-tests/}) || rc=$?
mkdir -p web/target/browser-logs
if [ $rc != 0 ]; then
  # what the services were doing when a test failed: a thread dump of each JVM the launcher started
  for pid in $(pgrep -P $stack) $stack; do jstack $pid > "web/target/browser-logs/threads-$pid.txt" 2>/dev/null || true; done
fi
kill $stack; wait $stack 2>/dev/null || true
cp "$NORRORT_DATA_DIR/stack.log" web/target/browser-stack.log
cp -r "$NORRORT_DATA_DIR/logs/." web/target/browser-logs/ 2>/dev/null || true
if [ $rc != 0 ]; then echo "Browser tests FAILED (rc $rc); the stack's log: web/target/browser-stack.log, the services' logs and thread dumps: web/target/browser-logs/"; exit $rc; fi

# Sign-in through a real Keycloak with PKCE, when a Keycloak distribution is at hand (.ci/run passes the one it
# downloads for KeycloakTokenEndToEndTest; it needs Java 21+).
if [ -n "${KEYCLOAK_HOME:-}" ]; then
  kc_port=$(free_port)
  web_port=$(free_port)
  issuer="http://127.0.0.1:$kc_port/realms/norrort"
  # a copy of the distribution with no data of its own, so the realm below is imported fresh
  kc=$(mktemp -d)
  dirs+=("$kc")
  cp -r "$KEYCLOAK_HOME/." "$kc/"
  rm -rf "$kc/data"
  mkdir -p "$kc/data/import"
  # the realm as committed, with this run's address of the pages added to the web client's redirect URIs
  python3 - "$root/deploy/keycloak/norrort-realm.json" "$kc/data/import/norrort-realm.json" "$web_port" <<'PY'
import json, sys
realm = json.load(open(sys.argv[1]))
web = next(c for c in realm["clients"] if c["clientId"] == "norrort-web")
web["redirectUris"].append(f"http://127.0.0.1:{sys.argv[3]}/")
# short-lived access tokens, so the test sees the page refresh one before it expires
realm["accessTokenLifespan"] = 60
json.dump(realm, open(sys.argv[2], "w"))
PY
  JAVA_HOME="${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" "$kc/bin/kc.sh" start-dev \
    --http-port="$kc_port" --http-host=127.0.0.1 --import-realm > "$kc/keycloak-web.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 240); do
    if curl -fsS "$issuer/.well-known/openid-configuration" >/dev/null 2>&1; then break; fi
    if [ "$i" = 240 ]; then tail -50 "$kc/keycloak-web.log"; exit 1; fi
    sleep 1
  done
  NORRORT_SECURITY_MODE=oidc NORRORT_SECURITY_ISSUER="$issuer" NORRORT_SECURITY_ISSUER_URI="$issuer" \
    NORRORT_SECURITY_AUDIENCE=norrort-consortium PAGES_PORT=$web_port start_stack
  (cd "$here" && KEYCLOAK_ISSUER="$issuer" OIDC_WEB_URL="http://127.0.0.1:$WEB_PORT/" NORRORT_HOME="$root" \
    timeout 300 node --test tests/keycloak.test.js)
else
  echo "Keycloak PKCE browser test NOT run: set KEYCLOAK_HOME to an unpacked keycloak-quarkus-dist."
fi
echo "Browser tests passed; screenshots in web/target/screenshots/"
