#!/usr/bin/env bash
# Installs ChromaDB's server from PyPI at every version the catalog's chromadb images name
# (src/spec/catalog/services.ts), each in its own venv under $TEST_SERVERS_DIR (default
# /opt/dagger-stack-test-servers/chromadb-<version>), where test/support/services/installed.ts looks for
# it. The dependencies come from scripts/ci/chromadb/<version>.txt, exact versions; a version without that
# file installs chromadb==<version> with what pip resolves today and says so. Idempotent: a venv whose
# stamp matches what would be installed is kept. Starts no service.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly CATALOG="${ROOT}/src/spec/catalog/services.ts"
readonly LOCKS="${ROOT}/scripts/ci/chromadb"
readonly SERVERS_DIR="${TEST_SERVERS_DIR:-/opt/dagger-stack-test-servers}"

log() { echo "install-chromadb: $*" >&2; }

find_python() {
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info < (3, 13) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

catalog_versions() {
  grep -o 'chromadb/chroma:[0-9][0-9.]*' "$CATALOG" | sed 's/^chromadb\/chroma://' | sort -u
}

# What the venv is made from: the lock file's content, or the bare requirement when there is none.
requirements_of() {
  local version="$1"
  if [[ -f "${LOCKS}/${version}.txt" ]]; then
    grep -v '^#' "${LOCKS}/${version}.txt"
  else
    echo "chromadb==${version}"
  fi
}

install_version() {
  local version="$1" python="$2"
  local venv="${SERVERS_DIR}/chromadb-${version}"
  local wanted
  wanted="$(requirements_of "$version")"
  if [[ -x "${venv}/bin/chroma" && -f "${venv}/.requirements" && "$(cat "${venv}/.requirements")" == "$wanted" ]]; then
    log "ChromaDB ${version} already installed"
    return
  fi
  if [[ ! -f "${LOCKS}/${version}.txt" ]]; then
    log "no ${LOCKS}/${version}.txt: dependencies are whatever pip resolves today; commit the output of"
    log "  ${venv}/bin/pip freeze --exclude pip --exclude setuptools --exclude wheel  there to pin them"
  fi
  log "installing ChromaDB ${version} in ${venv} with $("$python" --version)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  local requirements
  requirements="$(mktemp)"
  printf '%s\n' "$wanted" >"$requirements"
  # A lock lists every package, so pip installs exactly it; a bare chromadb==<version> needs resolving.
  local deps=()
  if [[ -f "${LOCKS}/${version}.txt" ]]; then deps=(--no-deps); fi
  if ! "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check "${deps[@]}" -r "$requirements"; then
    rm -rf "$venv" "$requirements"
    exit 1
  fi
  rm -f "$requirements"
  "${venv}/bin/python" -m pip check >/dev/null
  printf '%s\n' "$wanted" >"${venv}/.requirements"
  log "ChromaDB ${version} installed"
}

main() {
  local python
  if ! python="$(find_python)"; then
    log "needs Python 3.11 or 3.12 on PATH"
    exit 1
  fi
  mkdir -p "$SERVERS_DIR"
  local version
  for version in $(catalog_versions); do install_version "$version" "$python"; done
}

main "$@"
