#!/bin/sh
# Back-up of one Passend installation (docs/installatie.md, "Back-up en herstel"):
#   ops/backup.sh <map>
# with DATABASE_URL and PASSEND_BIJLAGEN_MAP set as for Passend itself. Writes
# <map>/database.dump (pg_dump, custom format), <map>/bijlagen.tar and <map>/SHA256SUMS.
# The database first, then the files: a row never names a file that is not in the back-up (a
# file without a row is removed by `manage.py bijlagen_opruimen` after a restore).
set -eu
doel="${1:?Geef de map voor de back-up}"
: "${DATABASE_URL:?DATABASE_URL ontbreekt}"
: "${PASSEND_BIJLAGEN_MAP:?PASSEND_BIJLAGEN_MAP ontbreekt (objectopslag: zie docs/installatie.md)}"
mkdir -p "$doel"
umask 077
pg_dump --format=custom --no-owner --file="$doel/database.dump" "$DATABASE_URL"
mkdir -p "$PASSEND_BIJLAGEN_MAP"
tar -C "$PASSEND_BIJLAGEN_MAP" -cf "$doel/bijlagen.tar" .
(cd "$doel" && sha256sum database.dump bijlagen.tar > SHA256SUMS)
echo "Back-up klaar in $doel"
