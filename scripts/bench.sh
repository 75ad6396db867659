#!/usr/bin/env bash
# Runs the benchmarks side by side on this machine and regenerates docs/BENCHMARKS.md and docs/benchmarks.json.
#   scripts/bench.sh            the issue's sizes (about 10-15 minutes on 2 cores)
#   scripts/bench.sh --quick    smaller sizes where a figure says so (under two minutes once built)
#   scripts/bench.sh --only steady,throughput,latency,memory,recovery,quota   rerun some sections, keep the others
#   --set Key=Value  a host setting for ours in the steady section (repeatable), to measure a lever before and after
#   --steady videos,samples,pairs  other sizes for the steady section; --render  only regenerate BENCHMARKS.md from the json
#   --docs <folder>  write the report elsewhere than docs/ (e.g. to try a change without touching the committed one)
# Starts a throwaway PostgreSQL on loopback (unless YTA_TEST_POSTGRES names one) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/test-services.sh
start_test_services
trap stop_test_services EXIT

dotnet build benchmarks/YouTubeAnalytics.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet benchmarks/YouTubeAnalytics.Benchmarks/bin/Release/net10.0/YouTubeAnalytics.Benchmarks.dll "$@"
