#!/usr/bin/env bash
# `npm run db:restore -- <file> --yes`: loads a dump made by db-backup into the DB_* server.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: npm run db:restore -- <file.sql.gz> --yes

Loads a dump made by `npm run db:backup` into the DB_* server (DB_HOST, DB_PORT, DB_USER,
DB_PASSWORD; the apps' defaults 127.0.0.1, 3306, root, empty). The dump recreates the database
it was taken from (same name) and replaces its tables: stop the gateway and the worker first.

  --yes    required: the restore overwrites the tables in the dump
  --help   this text
USAGE
}

file=""
confirmed=false
while [ $# -gt 0 ]; do
  case "$1" in
    --yes) confirmed=true; shift ;;
    --help | -h) usage; exit 0 ;;
    -*) echo "db-restore: unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$file" ] || { echo "db-restore: one file only" >&2; exit 2; }; file="$1"; shift ;;
  esac
done
[ -n "$file" ] || { echo "db-restore: which dump? (a .sql.gz file)" >&2; usage >&2; exit 2; }
[ -f "$file" ] || { echo "db-restore: no such file: $file" >&2; exit 2; }
gzip -t "$file" || { echo "db-restore: $file is not a complete gzip file" >&2; exit 2; }
$confirmed || { echo "db-restore: this overwrites tables; add --yes to go on" >&2; exit 2; }

client="$(command -v mysql || command -v mariadb || true)"
[ -n "$client" ] || { echo "db-restore: the mysql client is not installed" >&2; exit 1; }
gzip -dc "$file" | MYSQL_PWD="${DB_PASSWORD:-}" "$client" --host="${DB_HOST:-127.0.0.1}" \
  --port="${DB_PORT:-3306}" --user="${DB_USER:-root}"
echo "db-restore: loaded $file"
