// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <compare>
#include <optional>

namespace Mcw::Core {

/**
 * A tpu-mlir release number read from a version string: "v1.30.2-20260831" → 1.30.2,
 * "v1.16.beta.0-41-g5eba2a0e2-20250327" → 1.16.0, "v1.3.228-g19ca95e9-20230921" → 1.3.228.
 * Build suffixes (date, beta, git hash) are not part of the release: two builds of one release
 * compare equal. Source builds ("UNKNOWN.UNKNOWN-…") have no release.
 */
struct ToolRelease
{
    int major = 0;
    int minor = 0;
    int patch = 0;

    static std::optional<ToolRelease> fromVersion(const QString &version);
    /** "1.30.2"; "1.28" when the patch is 0. */
    QString toString() const;

    auto operator<=>(const ToolRelease &other) const = default;
    bool operator==(const ToolRelease &other) const = default;

    /** The oldest release the workbench's plan is written for (reference §10). */
    static constexpr ToolRelease oldestSupported() { return {1, 21, 0}; }
    /** The newest release checked (sophgo/tpu-mlir#284). */
    static constexpr ToolRelease newestKnown() { return {1, 30, 2}; }
};

/**
 * One sentence when a rebuild runs a different tpu-mlir than the recorded one (empty when
 * both are the same release or either is unknown): other releases lower and quantize
 * differently, so a byte-identical cvimodel is not to be expected.
 */
QString releaseDifference(const QString &recordedVersion, const QString &currentVersion);

} // namespace Mcw::Core
