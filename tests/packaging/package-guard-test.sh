#!/usr/bin/env bash
# The package guard fails, naming the package, when scripts/dev would not install one the build
# uses: the mistake that once broke the README's test command on a brand-new Debian 12.
set -euo pipefail
build=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
without=$("$here/../../scripts/dev" packages | grep -v -x libqt6opengl6-dev | tr '\n' ' ')
set +e
out=$(MCW_GUARD_PACKAGES="$without" "$here/package-guard.sh" "$build" 2>&1)
rc=$?
set -e
echo "$out"
[ "$rc" -ne 0 ] || { echo "the guard passed without libqt6opengl6-dev"; exit 1; }
grep -q "Qt6OpenGLConfig.cmake .* comes from libqt6opengl6-dev, which scripts/dev does not install" <<<"$out" \
  || { echo "the guard did not name libqt6opengl6-dev"; exit 1; }
echo "the guard names the missing package"
