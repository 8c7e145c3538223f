#!/usr/bin/env bash
# Builds actionlint, the GitHub Actions workflow checker, into .cache/tools/bin from the Go module proxy,
# at a pinned version. test/ci/actionlint.test.ts runs it on every workflow the generator can write (and
# skips, saying why, when it is missing outside CI). Idempotent: a binary of the pinned version is kept.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly VERSION="v1.7.12"
readonly BIN_DIR="${ROOT}/.cache/tools/bin"

if [ -x "${BIN_DIR}/actionlint" ] && [ "$("${BIN_DIR}/actionlint" -version | head -n 1)" = "${VERSION}" ]; then
  echo "actionlint ${VERSION} already in ${BIN_DIR}"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "scripts/ci/actionlint.sh: Go is needed to build actionlint ${VERSION}" >&2
  exit 1
fi
GOBIN="${BIN_DIR}" go install "github.com/rhysd/actionlint/cmd/actionlint@${VERSION}"
"${BIN_DIR}/actionlint" -version | head -n 1
