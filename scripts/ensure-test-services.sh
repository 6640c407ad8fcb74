#!/usr/bin/env bash
# Installs the real servers the test suite talks to (Redis), when they are missing.
# Tests never fall back to fakes: if this cannot install them, the Redis tests fail loudly.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
echo "redis-server not found: installing it from Debian's packages" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq redis-server >/dev/null
command -v redis-server >/dev/null
