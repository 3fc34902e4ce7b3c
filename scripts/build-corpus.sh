#!/usr/bin/env bash
# Builds the real-docs evaluation corpus and prints its root: the Python 3.11 HTML docs as the
# `python` collection and the Node.js API Markdown docs as `javascript`, both unpacked from
# Debian's doc packages. The packages are downloaded and extracted, never installed: installing
# nodejs-doc would replace the machine's Node.js.
#
# usage: bash scripts/build-corpus.sh [dir]   (default $DOCS_CORPUS or ~/.cache/docs-chat/corpus)
# A finished corpus is marked `.ready` and reused.
set -euo pipefail
root=${1:-${DOCS_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/docs-chat/corpus}}
if [[ -f "$root/.ready" ]]; then
  echo "$root"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download python3.11-doc nodejs-doc >/dev/null 2>&1; then
  apt-get update >/dev/null
  apt-get download python3.11-doc nodejs-doc >/dev/null
fi
for package in ./*.deb; do dpkg-deb -x "$package" "$work/tree"; done

rm -rf "$root"
mkdir -p "$root/python" "$root/javascript"
python_html="$work/tree/usr/share/doc/python3.11/html"
for section in library tutorial howto faq reference; do
  mkdir -p "$root/python/$section"
  cp "$python_html/$section"/*.html "$root/python/$section/"
done
# all.md repeats every page and index.md only lists them: both would crowd out the real pages.
for compressed in "$work"/tree/usr/share/doc/nodejs/api/*.md.gz; do
  name=$(basename "$compressed" .gz)
  [[ $name == all.md || $name == index.md ]] && continue
  gunzip -c "$compressed" >"$root/javascript/$name"
done
touch "$root/.ready"
echo "$root"
