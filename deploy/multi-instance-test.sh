#!/usr/bin/env bash
# Two command-services and two query-services, each its own JVM from its executable jar, on 127.0.0.1 against one
# embedded store: MultiInstanceTest (deploy module, opt-in with -Pmulti-instance). Builds what it needs; bounded by
# the test's 8-minute timeout. Logs of the four services stay in the test's temporary folder (printed on failure).
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
./mvnw -B -q -pl deploy -am verify -Pmulti-instance -Dtest=MultiInstanceTest -Dsurefire.failIfNoSpecifiedTests=false
