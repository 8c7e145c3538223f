#!/usr/bin/env bash
# Creates .cache/pyenv, a Python venv with the exact versions the generated Python is checked with:
# ruff (format and lint), dagger-io (the generated modules import it), pytest and anyio (collection and
# markers), and the clients the smoke tests import. test/python skips those checks, saying why, when the
# venv is missing. Idempotent: a venv whose installed pins match this list is left as it is.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly VENV="${ROOT}/.cache/pyenv"
readonly STAMP="${VENV}/.pins"

# Keep in step with src/render/python/packages.ts and the catalog's pipClient entries
# (test/python/tools.test.ts checks that they agree).
readonly PINS=(
  ruff==0.17.6
  dagger-io==0.21.9
  pytest==9.2.0
  anyio==4.16.0
  httpx==0.28.1
  asyncpg==0.32.0
  redis==8.1.0
  aiomysql==0.3.2
  pymongo==4.20.1
)

log() { echo "python-tools: $*" >&2; }

find_python() {
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

main() {
  local wanted
  wanted="$(printf '%s\n' "${PINS[@]}")"
  if [[ -x "${VENV}/bin/python" && -f "${STAMP}" && "$(cat "${STAMP}")" == "${wanted}" ]]; then
    log "up to date: ${VENV}"
    return 0
  fi
  local python
  if ! python="$(find_python)"; then
    log "needs Python 3.11 or newer on PATH"
    exit 1
  fi
  log "creating ${VENV} with $("${python}" --version)"
  rm -rf "${VENV}"
  "${python}" -m venv "${VENV}"
  "${VENV}/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  printf '%s\n' "${wanted}" >"${STAMP}"
  log "ready: ${VENV}"
}

main "$@"
