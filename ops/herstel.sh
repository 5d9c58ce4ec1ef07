#!/bin/sh
# Restore of a back-up made by ops/backup.sh into an EMPTY database and an empty folder:
#   ops/herstel.sh <map>
# with DATABASE_URL (the new, empty database) and PASSEND_BIJLAGEN_MAP (the new folder) set as for
# Passend itself, and the same DJANGO_SECRET_KEY as before (sessions, links and the Esis
# verification codes depend on it). Then the migrations of the installed version.
set -eu
bron="${1:?Geef de map met de back-up}"
: "${DATABASE_URL:?DATABASE_URL ontbreekt}"
: "${PASSEND_BIJLAGEN_MAP:?PASSEND_BIJLAGEN_MAP ontbreekt}"
(cd "$bron" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$bron/database.dump"
mkdir -p "$PASSEND_BIJLAGEN_MAP"
umask 077
tar -C "$PASSEND_BIJLAGEN_MAP" -xf "$bron/bijlagen.tar"
"${PYTHON:-python}" "$(dirname "$0")/../manage.py" migrate --no-input
echo "Hersteld uit $bron"
