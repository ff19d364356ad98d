#!/usr/bin/env bash
# Installs the Debian packages zhsearch needs to build and test, when missing.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
# --peers: also those of the peers `make peers` alone measures (Lucene, Groonga),
# which make test does not need.
set -euo pipefail

packages=(cmake make pkg-config gcc g++ libxapian-dev libicu-dev libcmocka-dev python3-jieba
  libjson-c-dev
  # OpenCC, for the build-time traditional->simplified table (t2s.json and the
  # TS*.ocd2 it reads are in libopencc-data, a dependency named here too).
  libopencc-dev libopencc-data
  # Document formats (indexer/formats/): HTML and DOCX XML, PDF text, DOCX
  # zip. poppler-data holds the CMaps of PDFs that name a Chinese font without
  # embedding it; poppler-utils' pdftotext cross-checks tests/e2e/formats.sh.
  libxml2-dev libpoppler-glib-dev poppler-data libzip-dev poppler-utils
  # make fuzz: clang, and compiler-rt for -fsanitize=fuzzer (libFuzzer), which
  # Debian 12's clang does not pull in (libclang-rt-dev follows clang's version).
  clang libclang-rt-dev
  # make format-check (CI): the formatter of .clang-format
  clang-format
  # Shards across machines (issue 6): xapian-tcpsrv serves a shard; the peers
  # benchmark indexes with Xapian's own CJK n-grams (python3-xapian, run by
  # Debian's /usr/bin/python3) and SQLite FTS5 trigram (python3's sqlite3).
  xapian-tools python3-xapian python3
  # messages in the user's language: msgfmt compiles po/*.po (xgettext, msgmerge: make po)
  gettext
  # zhquery serve (issue 7): the HTTP server, the browser tests (headless
  # Chromium driven over WebDriver) and the bounded load test.
  libmicrohttpd-dev chromium chromium-driver wrk curl
  # exports as spreadsheets (search/zs_table.c)
  libxlsxwriter-dev
  # a Chinese font, so that the screenshots the browser tests write are legible
  fonts-wqy-microhei)

# bench/peers' Lucene 8 (CJKAnalyzer and smartcn jars; javac compiles its
# LucenePeer.java at run time) and Groonga 13 (the groonga command).
peer_packages=(liblucene8-java default-jdk-headless groonga-bin)
if [[ ${1:-} == --peers ]]; then
  packages+=("${peer_packages[@]}")
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--peers]" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "zhsearch needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
