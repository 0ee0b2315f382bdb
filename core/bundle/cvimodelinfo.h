// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * What the device will need for a cvimodel, read from `model_tool --info X.cvimodel`
 * (tpu-mlir's dump of the file): the toolchain and chip it was built for, the ION memory the
 * runtime allocates, the weight and command-buffer sections, the activation ("neuron") memory
 * of each program (private + shared gmem) and the routines that run on the CPU instead of the
 * TPU. Older releases print sections without the ENCRYPT/COMPRESS columns; both are read.
 */
struct CvimodelInfo
{
    QString mlirVersion;        // "v1.15.1-20250208"
    QString cvimodelVersion;    // "1.4.0"
    QString modelName;
    QString buildTime;
    QString chip;               // "cv181x"
    double ionMegabytes = -1;   // "CviModel Need ION Memory Size: (11.73 MB)"
    qint64 weightBytes = 0;     // sum of weight sections
    qint64 cmdbufBytes = 0;     // sum of cmdbuf sections
    qint64 privateGmemBytes = -1; // neuron memory of the program, -1 when not printed
    qint64 sharedGmemBytes = -1;
    QStringList cpuRoutines;    // "%001 cpu quant": routines the CPU runs
    int tpuRoutines = 0;
    bool sectionsCut = false;   // the section list ended in "[...]" or mid-table

    /** Neuron (activation) memory: private + shared gmem; -1 when not printed. */
    qint64 neuronBytes() const;
    /** One error naming \a source when the text is not a model_tool dump. */
    static Expected<CvimodelInfo> parse(const QString &text, const QString &source);
    /** parse() of a kept dump (the device info step's file); the error names the file. */
    static Expected<CvimodelInfo> readFile(const QString &path);
};

} // namespace Mcw::Core
