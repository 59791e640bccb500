#!/usr/bin/env bash
# Debian's Virtuoso Open Source for the live push test (tests/test_push_virtuoso.py). Idempotent: does nothing
# when virtuoso-t is installed. The package asks for a DBA password through debconf: it is preseeded blank, which
# the package answers by leaving its system service disabled; a temporary policy-rc.d (where none exists) keeps
# invoke-rc.d from starting that service during the install, and it is disabled at boot. The tests start their own
# virtuoso-t on free loopback ports with a database in a temporary folder; no system instance is needed or wanted.
set -euo pipefail
if command -v virtuoso-t >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
printf '%s\n' \
  "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password" \
  "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password" \
  | $SUDO debconf-set-selections
policy=/usr/sbin/policy-rc.d
made_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# written by kg .ci/install-virtuoso.sh for the length of one apt-get install\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  made_policy=1
fi
cleanup() { if [ -n "$made_policy" ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT
$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
# not started at boot either (where an init system runs): the tests start their own instance on free ports
$SUDO update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true
if [ -d /run/systemd/system ]; then $SUDO systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true; fi
command -v virtuoso-t isql-vt
virtuoso-t -? 2>&1 | sed -n 2p || true  # it prints its version and usage, and exits 1
