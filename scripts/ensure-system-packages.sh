#!/usr/bin/env bash
# What the tests need from Debian, installed when missing (never a browser download):
# - chromium, which the browser tests drive (Playwright);
# - LibreOffice Writer, which prints the official papers to PDF;
# - fonts-liberation2, whose Liberation Serif 2 has every Vietnamese letter (1.x lacks ơ, ư…);
# - poppler-utils, whose pdftoppm renders the papers' first pages as PNG;
# - postgresql-client, whose pg_dump and pg_restore the backup tests run on PostgreSQL;
# - softhsm2, a software PKCS#11 token the signing tests sign with, as with an official's.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
[ -f /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Run 'sudo apt-get install -y ${missing[*]}' (Debian) and retry." >&2
    exit 1
fi
echo "Installing from Debian: ${missing[*]}…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
