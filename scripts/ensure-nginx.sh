#!/usr/bin/env bash
# Installs Debian's nginx when it is missing: the gateway integration test runs a real one on loopback.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q nginx-light || $SUDO apt-get install -y -q nginx
