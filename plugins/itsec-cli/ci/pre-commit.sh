#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml at the repository root):
# `itsec lint` on the staged catalog files. The package is installed once per
# ITSEC_PACKAGE into the user's cache (ITSEC_CACHE, default ~/.cache/itsec-cli).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=install.sh
. "$here/install.sh"
spec="${ITSEC_PACKAGE:-$ITSEC_DEFAULT_PACKAGE}"
key="$(printf '%s' "$spec" | cksum | cut -d' ' -f1)"
itsec_install "${ITSEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/itsec-cli}/$key"
exec "$ITSEC_BIN" lint "$@"
