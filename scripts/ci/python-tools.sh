#!/usr/bin/env bash
# Creates the Python venvs the checks of generated Python use, each with exact versions:
#   .cache/pyenv      ruff (format and lint), dagger-io (the generated modules import it), pytest and anyio
#                     (collection and markers), and the clients the smoke tests import;
#   .cache/pyenv-min  the same packages at the oldest versions the generated tests accept when a project
#                     already requires them (SUPPORTED_VERSIONS in src/render/python/packages.ts);
#   .cache/pytools    the Python tools projects manage their environments with: Poetry, uv, PDM, Hatch and
#                     pip-tools, in a venv of their own (PYTHON_TOOL_RELEASES in the same file).
# The tests skip what needs a missing venv, saying why. Idempotent: a venv whose installed pins match its
# list is left as it is.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

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

readonly MIN_PINS=(
  dagger-io==0.21.9
  pytest==7.0.1
  anyio==3.7.1
  httpx==0.27.0
  asyncpg==0.29.0
  redis==5.0.1
  aiomysql==0.3.2
  pymongo==4.20.1
)

readonly TOOL_PINS=(
  poetry==2.5.1
  uv==0.13.9
  pdm==2.29.4
  hishel[httpx2]==1.4.0
  hatch==1.18.2
  pip-tools==7.7.0
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

# ensure_venv DIR PIN...: (re)creates DIR with exactly these pins unless its stamp says it has them.
ensure_venv() {
  local venv="$1"
  shift
  local stamp="${venv}/.pins" wanted
  wanted="$(printf '%s\n' "$@")"
  if [[ -x "${venv}/bin/python" && -f "${stamp}" && "$(cat "${stamp}")" == "${wanted}" ]]; then
    log "up to date: ${venv}"
    return 0
  fi
  local python
  if ! python="$(find_python)"; then
    log "needs Python 3.11 or newer on PATH"
    exit 1
  fi
  log "creating ${venv} with $("${python}" --version)"
  rm -rf "${venv}"
  "${python}" -m venv "${venv}"
  "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  printf '%s\n' "${wanted}" >"${stamp}"
  log "ready: ${venv}"
}

main() {
  ensure_venv "${ROOT}/.cache/pyenv" "${PINS[@]}"
  ensure_venv "${ROOT}/.cache/pyenv-min" "${MIN_PINS[@]}"
  ensure_venv "${ROOT}/.cache/pytools" "${TOOL_PINS[@]}"
}

main "$@"
