// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/** A named mean/scale/pixel-format combination that training pipelines commonly use. */
struct PreprocessPreset
{
    QString id;    // "yolo", "imagenet-rgb", "imagenet-bgr", "minus-one-one"
    QString title; // "0–1 (YOLO)", "ImageNet RGB", ...
    QList<double> mean;
    QList<double> scale;
    QString pixelFormat;
};

/** The presets in the order the GUI offers them. */
QList<PreprocessPreset> preprocessPresets();

/** The preset with \a id or title, or a preset with an empty id when unknown. */
PreprocessPreset preprocessPreset(const QString &idOrTitle);

/** Applies a preset's mean, scale and pixel format to \a preprocess (other fields untouched). */
void applyPreset(Preprocess &preprocess, const PreprocessPreset &preset);

/** The id of the preset that \a preprocess matches exactly, or "" (custom). */
QString matchingPresetId(const Preprocess &preprocess);

/** The device multiplies by scale: scale = 1 / std per channel (std 0 gives scale 0). */
QList<double> scaleFromStd(const QList<double> &std);
/** The inverse of scaleFromStd (scale 0 gives std 0). */
QList<double> stdFromScale(const QList<double> &scale);

} // namespace Mcw::Core
