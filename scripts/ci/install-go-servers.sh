#!/usr/bin/env bash
# Builds the servers that stand in for the mongodb and minio kinds in build-run, from the Go module proxy:
#   - FerretDB (MongoDB wire protocol, SQLite backend), pinned below;
#   - MinIO at the release the catalog's minio image names (src/spec/catalog/services.ts).
# Binaries go to $TEST_SERVERS_DIR (default /opt/dagger-stack-test-servers), one folder per version, where
# test/support/services/installed.ts looks for them. Idempotent: a binary that reports the wanted version
# is kept. Uses the Go build and module caches as they are (warm or cold). Starts no service.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly CATALOG="${ROOT}/src/spec/catalog/services.ts"
readonly SERVERS_DIR="${TEST_SERVERS_DIR:-/opt/dagger-stack-test-servers}"

# Keep in step with FERRETDB_VERSION in test/support/services/installed.ts.
readonly FERRETDB_VERSION=v1.24.2
readonly FERRETDB_MODULE=github.com/FerretDB/FerretDB

# MinIO tags its releases RELEASE.<date>, which is not a module version: the proxy serves each release as
# the pseudo-version of the commit its tag names. Add a line here when the catalog moves to a new release.
declare -A MINIO_PSEUDO_VERSIONS=(
  [RELEASE.2024-11-07T00-52-20Z]=v0.0.0-20241107005220-cefc43e4daa4
)
readonly MINIO_MODULE=github.com/minio/minio

log() { echo "install-go-servers: $*" >&2; }

require_go() {
  # The Go toolchain's usual place, for shells whose PATH lacks it.
  PATH="${PATH}:/usr/local/go/bin"
  if ! command -v go >/dev/null 2>&1; then
    log "needs the go command on PATH"
    exit 1
  fi
}

# FerretDB reads its own version from build/version/version.txt, which its release process writes and
# the module does not ship, so the binary is built from a copy of the module with that file added.
install_ferretdb() {
  local dest="${SERVERS_DIR}/ferretdb-${FERRETDB_VERSION}"
  if [[ -x "${dest}/ferretdb" ]] && "${dest}/ferretdb" --version 2>/dev/null | grep -qx "version: ${FERRETDB_VERSION}"; then
    log "FerretDB ${FERRETDB_VERSION} already installed"
    return
  fi
  log "building FerretDB ${FERRETDB_VERSION}"
  local work module_dir
  work="$(mktemp -d)"
  module_dir="$(go mod download -json "${FERRETDB_MODULE}@${FERRETDB_VERSION}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "$module_dir" ]]; then
    log "go mod download gave no folder for ${FERRETDB_MODULE}@${FERRETDB_VERSION}"
    exit 1
  fi
  cp -r "$module_dir" "${work}/src"
  chmod -R u+w "${work}/src"
  echo "$FERRETDB_VERSION" >"${work}/src/build/version/version.txt"
  (cd "${work}/src" && go build -trimpath -o "${work}/ferretdb" ./cmd/ferretdb)
  mkdir -p "$dest"
  mv "${work}/ferretdb" "${dest}/ferretdb"
  rm -rf "$work"
  log "FerretDB ${FERRETDB_VERSION} installed in ${dest}"
}

catalog_minio_releases() {
  grep -o 'minio/minio:RELEASE\.[0-9A-Za-z-]*' "$CATALOG" | sed 's/^minio\/minio://' | sort -u
}

install_minio() {
  local release="$1"
  local dest="${SERVERS_DIR}/minio-${release}"
  if [[ -x "${dest}/minio" ]] && "${dest}/minio" --version 2>/dev/null | grep -q "version ${release} "; then
    log "MinIO ${release} already installed"
    return
  fi
  local version="${MINIO_PSEUDO_VERSIONS[$release]:-}"
  if [[ -z "$version" ]]; then
    log "no module version known for MinIO ${release}: add it to MINIO_PSEUDO_VERSIONS (build-run then says MinIO is missing)"
    return
  fi
  log "building MinIO ${release} (${MINIO_MODULE}@${version})"
  mkdir -p "$dest"
  GOBIN="$dest" go install -trimpath \
    -ldflags "-s -w -X ${MINIO_MODULE}/cmd.ReleaseTag=${release} -X ${MINIO_MODULE}/cmd.CommitID=${version##*-}" \
    "${MINIO_MODULE}@${version}"
  log "MinIO ${release} installed in ${dest}"
}

main() {
  require_go
  mkdir -p "$SERVERS_DIR"
  install_ferretdb
  local release
  for release in $(catalog_minio_releases); do install_minio "$release"; done
}

main "$@"
