#!/usr/bin/env bash
# Usage: deb-install-test.sh BUILD_DIR VERSION
# Builds the .deb with CPack, unpacks it into a temporary root with dpkg -x (no system install)
# and checks that the packaged CLI runs and that the desktop integration files are in place.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/maixcam-workbench_*.deb)
dpkg-deb --field "$deb" Depends | grep -q 'libqt6core6' || { echo "Depends lacks Qt runtime"; exit 1; }
dpkg -x "$deb" "$work/root"
expected_version=$2
version=$("$work/root/usr/bin/maixcam-convert" --version)
[ "$version" = "maixcam-convert $expected_version" ] || { echo "bad --version: $version"; exit 1; }
for f in usr/bin/maixcam-workbench usr/libexec/maixcam-workbench/maixcam-process-guard \
         usr/share/applications/io.github.maixcam_workbench.MaixCamWorkbench.desktop \
         usr/share/metainfo/io.github.maixcam_workbench.MaixCamWorkbench.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/maixcam-workbench.svg \
         usr/share/maixcam-workbench/samples/yolov8n.onnx; do
  [ -e "$work/root/$f" ] || { echo "missing in package: $f"; exit 1; }
done
echo "deb ok: $version"
