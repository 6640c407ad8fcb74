#!/usr/bin/env bash
# Installs what the test suite runs for real, when it is missing: Redis (a real server, never a
# fake), and the voice-note tools: espeak-ng (speech), opusenc (opus-tools: Ogg/Opus encoding)
# and ffprobe (ffmpeg: checks the files), and the estimate card's Noto Sans, Noto Sans
# Devanagari and Lohit Odia fonts with libraqm (text shaping), and Debian's Chromium for the
# agent console's browser tests (Playwright drives it; no browser download). If this cannot install them,
# those tests fail loudly. Idempotent: nothing is fetched when everything is already there.
set -euo pipefail
# program -> the Debian package that provides it
declare -A PACKAGES=(
  [redis-server]=redis-server
  [espeak-ng]=espeak-ng
  [opusenc]=opus-tools
  [ffprobe]=ffmpeg
  [chromium]=chromium
)
missing=()
for program in "${!PACKAGES[@]}"; do
  if ! command -v "$program" >/dev/null 2>&1; then
    missing+=("${PACKAGES[$program]}")
  fi
done
# The estimate card's fonts (file -> package) and its text-shaping library (libraqm0).
declare -A FONTS=(
  [/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf]=fonts-noto-core
  [/usr/share/fonts/truetype/lohit-oriya/Lohit-Odia.ttf]=fonts-lohit-orya
)
for file in "${!FONTS[@]}"; do
  [ -f "$file" ] || missing+=("${FONTS[$file]}")
done
dpkg -s libraqm0 >/dev/null 2>&1 || missing+=(libraqm0)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "installing from Debian's packages: ${missing[*]}" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for program in "${!PACKAGES[@]}"; do
  command -v "$program" >/dev/null
done
for file in "${!FONTS[@]}"; do
  [ -f "$file" ]
done
