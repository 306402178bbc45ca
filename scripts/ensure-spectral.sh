#!/usr/bin/env bash
# Installs Stoplight Spectral and the OWASP API Security ruleset from the npm registry when they are missing (the
# OpenAPI test lints the served document with them), and Debian's nodejs and npm first when those are missing.
# Prints the spectral command to run.
set -euo pipefail
SPECTRAL_CLI=6.16.3
OWASP_RULESET=2.0.1
DIR="${SPECTRAL_HOME:-$HOME/.cache/user-account-service/spectral-$SPECTRAL_CLI-owasp-$OWASP_RULESET}"
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >&2
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm >&2
fi
if [ ! -x "$DIR/node_modules/.bin/spectral" ] || [ ! -d "$DIR/node_modules/@stoplight/spectral-owasp-ruleset" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --loglevel=error \
    "@stoplight/spectral-cli@$SPECTRAL_CLI" "@stoplight/spectral-owasp-ruleset@$OWASP_RULESET" >&2
fi
echo "$DIR/node_modules/.bin/spectral"
