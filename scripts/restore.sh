#!/usr/bin/env bash
# Puts a backup taken by scripts/backup.sh in place as the embedded database of a server that is NOT running;
# the file it replaces is kept beside it. Usage: scripts/restore.sh <backup file> <data.dir>
# (data.dir under `mvn liberty:run`: target/liberty/wlp/usr/servers/defaultServer/data)
set -euo pipefail
backup="${1:?usage: scripts/restore.sh <backup file> <data.dir>}"
dir="${2:?usage: scripts/restore.sh <backup file> <data.dir>}"
if [ ! -s "$backup" ] || [ "$(head -c 2 "$backup" | od -An -c | tr -d ' ')" != "H:" ]; then
  echo "restore: $backup is not an embedded database backup" >&2
  exit 2
fi
mkdir -p "$dir"
if [ -e "$dir/mongo.mv" ]; then
  mv "$dir/mongo.mv" "$dir/mongo.mv.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
cp "$backup" "$dir/mongo.mv.partial"
mv "$dir/mongo.mv.partial" "$dir/mongo.mv"
echo "restored $backup into $dir/mongo.mv"
