#!/usr/bin/env bash
# Install the SARIF multitool (native Linux build, from its npm package) into a cache folder
# if it is not there yet, check that it runs, and print the path of the binary on stdout.
#
#   SARIF_MULTITOOL=$(bash .ci/tools/sarif-multitool.sh)           # install if missing
#   bash .ci/tools/sarif-multitool.sh --no-install                 # exit 3 if not installed
#
# Cache folder: $THREATDELTA_TOOLS_DIR, else <repo>/.tools (gitignored).
# The binary is a self-contained .NET app; DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 lets it run
# where ICU libraries are missing (slim CI images). Callers should set it too.
set -euo pipefail

VERSION=5.7.0
PACKAGE=@microsoft/sarif-multitool-linux
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS_DIR="${THREATDELTA_TOOLS_DIR:-$ROOT/.tools}"
PREFIX="$TOOLS_DIR/sarif-multitool-$VERSION"
BIN="$PREFIX/node_modules/$PACKAGE/Sarif.Multitool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

install=1
case "${1:-}" in
  "") ;;
  --no-install) install=0 ;;
  *) echo "usage: $0 [--no-install]" >&2; exit 2 ;;
esac

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "sarif-multitool.sh: the $PACKAGE build runs on Linux x86_64 only" >&2
  exit 1
fi

if [ ! -f "$BIN" ]; then
  if [ "$install" -eq 0 ]; then
    echo "sarif-multitool.sh: not installed in $PREFIX (run without --no-install)" >&2
    exit 3
  fi
  command -v npm >/dev/null 2>&1 || { echo "sarif-multitool.sh: npm is required" >&2; exit 1; }
  mkdir -p "$PREFIX"
  echo "sarif-multitool.sh: installing $PACKAGE@$VERSION into $PREFIX" >&2
  # --ignore-scripts: nothing from the package runs at install time; we set the mode below.
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --ignore-scripts \
    --loglevel=error "$PACKAGE@$VERSION" >&2
fi

[ -x "$BIN" ] || chmod u+x "$BIN"
if ! "$BIN" --version >/dev/null 2>&1; then
  echo "sarif-multitool.sh: $BIN does not run" >&2
  exit 1
fi
printf '%s\n' "$BIN"
