# Sourced by action.sh and pre-commit.sh: installs the itsec package (not this
# repository) into a folder of its own and sets ITSEC_BIN to its command.
#
# ITSEC_PACKAGE: what to install, anything `npm install` takes: a version from
#   a registry, a tarball URL or file (default: the tarball attached to the
#   latest release of this repository).
# $1: the folder to install into.

ITSEC_DEFAULT_PACKAGE='https://github.com/ministryofjustice/itsec-scorecards/releases/latest/download/itsec-cli.tgz'

itsec_install() {
  local prefix="$1"
  local spec="${ITSEC_PACKAGE:-$ITSEC_DEFAULT_PACKAGE}"
  ITSEC_BIN="$prefix/node_modules/.bin/itsec"
  if [ -x "$ITSEC_BIN" ]; then
    return 0
  fi
  mkdir -p "$prefix"
  # The package has no dependencies: this unpacks one tarball.
  local log
  if ! log="$(npm install --prefix "$prefix" --no-save --no-audit --no-fund \
    --no-package-lock "$spec" 2>&1)"; then
    printf 'itsec: could not install %s\n%s\n' "$spec" "$log" >&2
    return 2
  fi
}

# The command is run directly, in the repository: not as `npx itsec` from
# somewhere else (see userCwd in src/index.ts).
unset INIT_CWD npm_command
