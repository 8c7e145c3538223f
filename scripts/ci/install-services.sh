#!/usr/bin/env bash
# Installs the database servers that test/support/services starts for the engine stand-in's tests:
# PostgreSQL 15 with PostGIS and other extensions from Debian 12 (bookworm) packages, pgvector built
# from Debian trixie's source package (bookworm has no binary package), redis-server, and MariaDB 10.11
# (bookworm's series) for the mysql and mariadb kinds: only the -core packages, which hold the server,
# mariadb-install-db and the client without the system service. Idempotent: every step is skipped when its
# result is already present. Starts no service.
set -euo pipefail

readonly PG_MAJOR=15
readonly PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
readonly PGVECTOR_VERSION=0.8.0
readonly TRIXIE_SOURCES=/etc/apt/sources.list.d/trixie-src.sources
readonly POLICY_RC=/usr/sbin/policy-rc.d

readonly PACKAGES=(
  "postgresql-${PG_MAJOR}"
  "postgresql-${PG_MAJOR}-postgis-3"
  "postgresql-server-dev-${PG_MAJOR}"
  postgresql-contrib
  "postgresql-${PG_MAJOR}-cron"
  "postgresql-${PG_MAJOR}-partman"
  "postgresql-${PG_MAJOR}-pgrouting"
  "postgresql-${PG_MAJOR}-hypopg"
  redis-server
  mariadb-server-core
  mariadb-client-core
  build-essential
  xz-utils
)

log() { echo "install-services: $*" >&2; }

require_root() {
  if [[ "$(id -u)" -ne 0 ]]; then
    log "must run as root (apt-get and make install)"
    exit 1
  fi
}

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || echo "$pkg"
  done
}

# Package maintainer scripts would start postgres and redis; the tests start their own servers.
# policy-rc.d exiting 101 tells invoke-rc.d not to start anything. Restore any existing file.
with_services_not_started() {
  local backup=""
  if [[ -e "$POLICY_RC" ]]; then
    backup="$(mktemp)"
    cp -p "$POLICY_RC" "$backup"
  fi
  printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
  chmod 755 "$POLICY_RC"
  local status=0
  "$@" || status=$?
  if [[ -n "$backup" ]]; then
    mv "$backup" "$POLICY_RC"
  else
    rm -f "$POLICY_RC"
  fi
  return "$status"
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "packages already installed"
    return
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  with_services_not_started apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

pgvector_installed() {
  local sharedir pkglibdir
  sharedir="$("$PG_CONFIG" --sharedir)"
  pkglibdir="$("$PG_CONFIG" --pkglibdir)"
  [[ -f "${sharedir}/extension/vector.control" && -f "${pkglibdir}/vector.so" ]]
}

add_trixie_sources() {
  if [[ -f "$TRIXIE_SOURCES" ]]; then
    return
  fi
  log "adding deb-src for trixie (source packages only; no binaries come from trixie)"
  cat >"$TRIXIE_SOURCES" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}

build_pgvector() {
  if pgvector_installed; then
    log "pgvector already installed"
    return
  fi
  add_trixie_sources
  apt-get update -qq
  local workdir
  workdir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: workdir is local
  trap "rm -rf '${workdir}'" EXIT
  # apt downloads as the unprivileged _apt user when it can write the directory.
  if id _apt >/dev/null 2>&1; then chown _apt "$workdir"; fi
  (
    cd "$workdir"
    apt-get source --download-only -qq pgvector/trixie
    local tarball
    tarball="$(ls pgvector_"${PGVECTOR_VERSION}".orig.tar.* 2>/dev/null | head -n 1 || true)"
    if [[ -z "$tarball" ]]; then
      log "trixie's pgvector source is not ${PGVECTOR_VERSION}: $(ls)"
      exit 1
    fi
    tar -xf "$tarball"
    cd "pgvector-${PGVECTOR_VERSION}"
    # OPTFLAGS="" avoids -march=native so the build also runs on other CPUs (CI images).
    make -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
    make -s install PG_CONFIG="$PG_CONFIG"
  )
  log "pgvector ${PGVECTOR_VERSION} installed"
}

readonly MARIADB_SERIES=10.11

check_mariadb_series() {
  local version
  version="$(/usr/sbin/mariadbd --version)"
  if [[ "$version" != *" Ver ${MARIADB_SERIES}."* ]]; then
    log "expected MariaDB ${MARIADB_SERIES}.x, found: ${version}"
    exit 1
  fi
}

main() {
  require_root
  install_packages
  build_pgvector
  check_mariadb_series
}

main "$@"
