// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** What the calibration set is checked against (from the project and the model). */
struct CalibrationSetOptions
{
    int inputNum = 100;       // samples run_calibration is asked for
    int inputWidth = 0;       // model input, 0 = unknown
    int inputHeight = 0;
    bool colorModel = true;   // pixel_format rgb/bgr (gray models take gray images)
    QStringList inputNames;   // model inputs, the keys a .npz sample must hold
    qint64 macsPerSample = 0; // multiply-accumulates of one forward pass, 0 = unknown
    int maxInspected = 2000;  // decode at most this many files (sorted order)
};

/** What CalibrationSetCheck found in a calibration folder. */
struct CalibrationSetReport
{
    int imageCount = 0;      // jpg/jpeg/png/bmp/jfif, recursively (run_calibration's choice)
    int npzCount = 0;
    int npyCount = 0;
    int inspected = 0;       // files decoded and checked
    int colorCount = 0;      // colour images among the inspected ones
    QStringList unreadable;  // cannot be decoded
    QStringList truncated;   // end marker missing (JPEG FFD9 / PNG IEND)
    QStringList grayscale;   // one channel, or three equal channels
    QStringList tooSmall;    // less than half the model input in width or height
    QList<QStringList> duplicates; // groups of files with identical bytes
    QStringList npzWrongKeys;      // "file (keys: a, b)"
    qint64 totalBytes = 0;   // bytes of all samples
    int usableCount() const { return imageCount + npzCount + npyCount - int(unreadable.size()); }
};

/**
 * Validates a calibration set before run_calibration sees it (issue 18): count against
 * input_num, unreadable or truncated images, grayscale files among colour ones, images much
 * smaller than the model input, duplicates, .npz samples whose keys are not the model's input
 * names, mixed sample types, and a rough calibration time. Reads the files: call it off the
 * UI thread for big folders.
 */
class CalibrationSetCheck
{
public:
    static Expected<CalibrationSetReport> inspect(const QString &folder, const CalibrationSetOptions &options);

    /** One sentence per problem, naming a file and the count; stage "preflight". */
    static QList<Diagnostic> diagnostics(const CalibrationSetReport &report, const CalibrationSetOptions &options,
                                         const QString &folder);

    /**
     * Rough seconds for run_calibration on the CPU of an x86-64 host: each sample runs the
     * float model once (about 7.5 GMAC/s in the container, from a published yolov8 run at
     * 1.74 it/s), plus the KLD threshold and tuning passes (about half as much again).
     * -1 when \a macsPerSample is unknown.
     */
    static double estimateSeconds(int samples, qint64 macsPerSample);

    /** Image width, height and channel count from the file header; nullopt when unknown. */
    struct Header
    {
        int width = 0;
        int height = 0;
        int channels = 0;
    };
    static std::optional<Header> readHeader(const QByteArray &head);
    /** False when a JPEG lacks its end marker or a PNG its IEND chunk (a cut download). */
    static bool hasEndMarker(const QByteArray &tail, const QString &suffix);
};

} // namespace Mcw::Core
