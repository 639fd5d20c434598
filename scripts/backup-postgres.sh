#!/usr/bin/env bash
# Backs up, or restores, a hub on PostgreSQL: the database with pg_dump (one consistent
# snapshot while the hub serves) and the shared upload directory, with a SHA-256 list of
# every file so a restore checks the copy first.
#
#   DATABASE_URL=postgres://… HUB_UPLOAD_DIR=/srv/hub/uploads scripts/backup-postgres.sh backup DIR
#   DATABASE_URL=postgres://… HUB_UPLOAD_DIR=/srv/hub/uploads scripts/backup-postgres.sh restore DIR
#
# restore needs an empty database (create it first: createdb …) and refuses one that has
# tables, so it never overwrites a live hub; uploads already there are kept when identical
# and refused when different. Keys given as HUB_SEARCH_KEY / HUB_ID_KEY live in your
# configuration: back that up separately (without HUB_ID_KEY, ID numbers cannot be read).
set -euo pipefail

usage() { echo "usage: DATABASE_URL=… HUB_UPLOAD_DIR=… $0 backup|restore DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1 dir=$2
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database of the hub}"
: "${HUB_UPLOAD_DIR:?HUB_UPLOAD_DIR must name the shared upload directory}"

count_tables() {
  psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
}

case "$command" in
  backup)
    if [ -e "$dir/SHA256SUMS" ]; then echo "a backup is already in $dir" >&2; exit 1; fi
    mkdir -p "$dir/uploads"
    echo "[backup] pg_dump → $dir/hub.dump"
    pg_dump --format=custom --no-owner --file "$dir/hub.dump" "$DATABASE_URL"
    echo "[backup] uploads → $dir/uploads"
    if [ -d "$HUB_UPLOAD_DIR" ]; then
      find "$HUB_UPLOAD_DIR" -maxdepth 1 -type f -exec cp -p -t "$dir/uploads" {} +
    fi
    (cd "$dir" && find hub.dump uploads -type f -print0 | sort -z | xargs -0 sha256sum > .SHA256SUMS \
      && mv .SHA256SUMS SHA256SUMS)
    echo "[backup] done: $(wc -l < "$dir/SHA256SUMS") files listed in $dir/SHA256SUMS"
    ;;
  restore)
    [ -f "$dir/SHA256SUMS" ] || { echo "$dir is not a complete backup (no SHA256SUMS)" >&2; exit 1; }
    echo "[restore] checking every file of the backup"
    (cd "$dir" && sha256sum --quiet --check SHA256SUMS) || { echo "the backup is damaged" >&2; exit 1; }
    tables=$(count_tables)
    if [ "$tables" != 0 ]; then
      echo "the database already has $tables tables: a restore never replaces one; create an empty database" >&2
      exit 1
    fi
    mkdir -p "$HUB_UPLOAD_DIR"
    for file in "$dir"/uploads/*; do
      [ -f "$file" ] || continue
      target="$HUB_UPLOAD_DIR/$(basename "$file")"
      if [ -e "$target" ] && ! cmp -s "$file" "$target"; then
        echo "a different file is already at $target" >&2; exit 1
      fi
    done
    echo "[restore] pg_restore ← $dir/hub.dump"
    pg_restore --no-owner --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$dir/hub.dump"
    echo "[restore] uploads → $HUB_UPLOAD_DIR"
    for file in "$dir"/uploads/*; do
      [ -f "$file" ] || continue
      target="$HUB_UPLOAD_DIR/$(basename "$file")"
      [ -e "$target" ] || cp -p "$file" "$target"
    done
    echo "[restore] done"
    ;;
  *) usage ;;
esac
