#!/usr/bin/env bash
# Runs every test project and ends with one line "N passed, N failed" (read by CI).
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~VideoState".
set -uo pipefail
cd "$(dirname "$0")/.."

# What the specs need (PostgreSQL binaries, tzdata, redis-server, chromium): installed when missing (as root).
source scripts/test-prerequisites.sh
install_test_prerequisites

# PostgreSQL and Redis on loopback, unless YTA_TEST_POSTGRES / YTA_TEST_REDIS already name servers.
source scripts/test-services.sh
start_test_services
trap stop_test_services EXIT

# Each test project writes its .trx into its own TestResults folder, so parallel runs never share a file name.
rm -rf tests/*/TestResults
# The fault and bad-input specs of every project write their figure rows here; the summary is printed below.
export YTA_RELIABILITY_DIR="$PWD/TestResults/reliability"
rm -rf "$YTA_RELIABILITY_DIR"
dotnet test YouTubeAnalytics.sln -c Release --logger trx "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in tests/*/TestResults/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A build error or a crashed test host leaves no failed test behind: still count it as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
# One line per category of the fault and bad-input suite (docs/RELIABILITY.md); the count line stays last.
scripts/reliability-summary.sh "$YTA_RELIABILITY_DIR"
echo "$passed passed, $failed failed"
exit "$status"
