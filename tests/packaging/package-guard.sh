#!/usr/bin/env bash
# Usage: package-guard.sh BUILD_DIR
# Every file the build used (CMake package configs, pkg-config files, libraries and programs found
# at configure time, including the tools the tests run; see tests/CMakeLists.txt) must come from a
# package that scripts/dev installs, from one of their dependencies, or from the base system
# (Priority: required). Otherwise a brand-new machine fails where this one passes.
# MCW_GUARD_PACKAGES (space separated) replaces `scripts/dev packages`, for the guard's own test.
set -euo pipefail
build=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache="$build/CMakeCache.txt"
[ -f "$cache" ] || { echo "package guard: $cache does not exist; configure the build first."; exit 1; }
command -v dpkg-query >/dev/null || { echo "package guard: not a dpkg system; nothing to check."; exit 0; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The packages scripts/dev installs, their dependencies (recursively) and the base system.
listed=${MCW_GUARD_PACKAGES:-$("$root/scripts/dev" packages)}
# shellcheck disable=SC2086
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances $listed 2>/dev/null | grep -v '^ ' | tr -d '<>' >"$work/allowed" || true
printf '%s\n' $listed >>"$work/allowed"
dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2 == "required" {print $1}' >>"$work/allowed"
sort -u -o "$work/allowed" "$work/allowed"

# The system files the build used, from the CMake cache (project data elsewhere is not ours to
# check; /usr/local and /opt are, since no package of ours puts files there).
{
  # Package configs: <Name>_DIR holds <Name>Config.cmake or <name>-config.cmake.
  sed -n 's/^[A-Za-z0-9_.+-]*_DIR:PATH=\(\/.*\)$/\1/p' "$cache" | while read -r dir; do
    find "$dir" -maxdepth 1 \( -name '*Config.cmake' -o -name '*-config.cmake' \) 2>/dev/null
  done
  # Libraries and programs found by find_library / find_program / find modules.
  sed -n 's/^[A-Za-z0-9_.+-]*:FILEPATH=\(\/.*\)$/\1/p' "$cache"
  # pkg-config modules and what they require.
  sed -n 's/^__pkg_config_arguments_[A-Za-z0-9_]*:INTERNAL=\(.*\)$/\1/p' "$cache" | tr ';' '\n' \
    | grep -v -E '^(REQUIRED|QUIET|IMPORTED_TARGET|GLOBAL|NO_CMAKE_PATH|NO_CMAKE_ENVIRONMENT_PATH)$' \
    | while read -r module; do
        [ -n "$module" ] || continue
        for m in "$module" $(pkg-config --print-requires --print-requires-private "$module" 2>/dev/null | awk '{print $1}'); do
          pkg-config --path "$m" 2>/dev/null || true
        done
      done
} | grep -E '^/(usr|lib|lib32|lib64|libx32|bin|sbin|opt|etc)/' | sort -u >"$work/files"

owner() { # the package that owns a file (as given, then with symlinks resolved), or nothing
  local f=$1 real
  dpkg-query -S "$f" 2>/dev/null | head -n1 | cut -d: -f1 && return 0
  real=$(readlink -f "$f")
  [ "$real" != "$f" ] && dpkg-query -S "$real" 2>/dev/null | head -n1 | cut -d: -f1 && return 0
  return 0
}

allowed() { # a package is allowed when listed or when it provides something listed
  local p=$1 provided
  grep -qxF "$p" "$work/allowed" && return 0
  provided=$(dpkg-query -W -f='${Provides}' "$p" 2>/dev/null | tr ',' '\n' | sed 's/[ (].*//; s/^ *//')
  for v in $provided; do grep -qxF "$v" "$work/allowed" && return 0; done
  return 1
}

problems=0
checked=0
while read -r file; do
  [ -e "$file" ] || continue
  checked=$((checked + 1))
  pkg=$(owner "$file")
  if [ -z "$pkg" ]; then
    echo "package guard: $file (used by the build or the tests) belongs to no Debian package; install it through a package that scripts/dev lists."
    problems=$((problems + 1))
  elif ! allowed "$pkg"; then
    echo "package guard: $file (used by the build or the tests) comes from $pkg, which scripts/dev does not install; add $pkg to the packages in scripts/dev."
    problems=$((problems + 1))
  fi
done <"$work/files"

[ "$checked" -gt 0 ] || { echo "package guard: found no files to check in $cache."; exit 1; }
if [ "$problems" -gt 0 ]; then
  exit 1
fi
echo "package guard: all $checked files the build and the tests use come from packages scripts/dev installs."
