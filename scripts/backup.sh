#!/usr/bin/env bash
# A consistent snapshot of a running service's embedded database, taken online (GET /backup, admin only).
# Usage: ADMIN_EMAIL=... ADMIN_PASSWORD=... scripts/backup.sh [base URL] [file]
# With MONGODB_URI the service answers 409: use MongoDB's own tools (mongodump/mongorestore) instead.
set -euo pipefail
base="${1:-http://localhost:9080}"
out="${2:-accounts-$(date -u +%Y%m%dT%H%M%SZ).mv}"
: "${ADMIN_EMAIL:?set ADMIN_EMAIL}" "${ADMIN_PASSWORD:?set ADMIN_PASSWORD}"
json() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
login=$(curl -fsS -X POST "$base/user/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$(json "$ADMIN_EMAIL")\",\"password\":\"$(json "$ADMIN_PASSWORD")\"}")
token=$(printf '%s' "$login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -fsS -o "$out.partial" -H "Authorization: Bearer $token" "$base/backup"
mv "$out.partial" "$out"
echo "$out"
