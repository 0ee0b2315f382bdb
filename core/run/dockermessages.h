// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/processoutcome.h>

#include <optional>

namespace Mcw::Core {

/** What a docker message refers to, for the sentences below. */
struct DockerContext
{
    QString program = QStringLiteral("docker");
    QString image;
    QString container;
    QString tool;
    /** The engine's name when several may be in use ("local" is left unnamed). */
    QString engine;
};

/**
 * Recognises the docker CLI's own failures in a failed outcome (not installed, daemon not
 * running, permission denied on the socket, image or container missing, tool missing in the
 * image = tpu_mlir wheel not installed) and returns one actionable sentence; nullopt when the
 * failure came from the tool itself.
 */
std::optional<Error> interpretDockerFailure(const ProcessOutcome &outcome, const DockerContext &context);

/** How to get Axera's Pulsar2 image \a image onto \a where ("this engine", "engine 'gpu'"). */
QString pulsar2ImageMissing(const QString &image, const QString &where);

} // namespace Mcw::Core
