#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing: the real servers it
# talks to (Redis) and what the estimate card draws with (Noto Sans and Noto Sans Devanagari,
# Lohit Odia, libraqm for Odia and Devanagari shaping). Tests never fall back to fakes: if this cannot install them, those tests
# fail loudly.
set -euo pipefail

missing=()
# A package is needed when the command or file it provides is absent.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -f /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf ] || missing+=(fonts-noto-core)
[ -f /usr/share/fonts/truetype/lohit-oriya/Lohit-Odia.ttf ] || missing+=(fonts-lohit-orya)
dpkg -s libraqm0 >/dev/null 2>&1 || missing+=(libraqm0)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "installing from Debian's packages: ${missing[*]}" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
command -v redis-server >/dev/null
[ -f /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf ]
[ -f /usr/share/fonts/truetype/lohit-oriya/Lohit-Odia.ttf ]
