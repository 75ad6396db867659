#!/usr/bin/env bash
# Installs what the specs need and is missing, on a Debian machine of this kind; sourced by scripts/test.sh.
#   PostgreSQL binaries (initdb, pg_ctl: a throwaway server on loopback), tzdata (the YouTube quota day is
#   America/Los_Angeles), redis-server (the Redis read side), chromium (the dashboard, driven by Playwright at
#   /usr/lib/chromium/chromium). The Kafka suite needs nothing: librdkafka's mock cluster ships in Confluent.Kafka.
# As root it runs apt-get (apt-get update only when something must be installed); otherwise it names the packages
# to install and goes on (the specs that need them fail saying what is missing). Nothing is needed for a server
# named by YTA_TEST_POSTGRES / YTA_TEST_REDIS.

install_test_prerequisites() {
  local missing=()
  if [ -z "${YTA_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  [ -f /usr/share/zoneinfo/America/Los_Angeles ] || missing+=(tzdata)
  if [ -z "${YTA_TEST_REDIS:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
    missing+=(redis-server)
  fi
  [ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing what the tests need: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "apt-get install ${missing[*]} failed; the tests that need them will fail" >&2
  else
    echo "Missing for the tests: ${missing[*]}. Install them (as root: apt-get install ${missing[*]}); until then the tests that need them fail" >&2
  fi
}
