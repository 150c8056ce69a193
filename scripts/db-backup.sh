#!/usr/bin/env bash
# `npm run db:backup -- [--dir DIR] [--keep-days N]`: a consistent, compressed, timestamped dump
# of Beacon's database, then removal of this database's dumps older than N days.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: npm run db:backup -- [--dir DIR] [--keep-days N]

Dumps the DB_* database (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME; the apps' defaults
127.0.0.1, 3306, root, empty, beacon) with mysqldump --single-transaction (a consistent snapshot
of InnoDB tables that does not block the apps) into DIR/<DB_NAME>-<UTC time>.sql.gz, then
deletes that database's dumps in DIR older than N days.

  --dir DIR        where dumps go (default ./backups, created if missing)
  --keep-days N    retention in days (default 14; 0 keeps everything)
  --help           this text

Restore with: npm run db:restore -- <file> --yes
USAGE
}

dir=./backups
keep_days=14
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
    --keep-days) keep_days="${2:?--keep-days needs a number}"; shift 2 ;;
    --help | -h) usage; exit 0 ;;
    *) echo "db-backup: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$keep_days" =~ ^[0-9]+$ ]] || { echo "db-backup: --keep-days must be a whole number" >&2; exit 2; }

host="${DB_HOST:-127.0.0.1}" port="${DB_PORT:-3306}" user="${DB_USER:-root}" name="${DB_NAME:-beacon}"
[[ "$name" =~ ^[A-Za-z0-9_]{1,64}$ ]] || { echo "db-backup: DB_NAME is not a database name" >&2; exit 2; }
dump="$(command -v mysqldump || command -v mariadb-dump || true)"
[ -n "$dump" ] || { echo "db-backup: mysqldump is not installed" >&2; exit 1; }

mkdir -p "$dir"
umask 077 # dumps hold every account's password hash
file="$dir/$name-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
# The password goes through the environment, never the command line (visible in `ps`).
MYSQL_PWD="${DB_PASSWORD:-}" "$dump" --host="$host" --port="$port" --user="$user" \
  --single-transaction --quick --routines --triggers --no-tablespaces --databases "$name" \
  | gzip -c >"$file.partial"
mv "$file.partial" "$file"
echo "db-backup: wrote $file ($(du -h "$file" | cut -f1))"

if [ "$keep_days" -gt 0 ]; then
  find "$dir" -maxdepth 1 -name "$name-*.sql.gz" -mtime +"$((keep_days - 1))" -print -delete \
    | sed 's/^/db-backup: removed /'
fi
