// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/tensorcompare.h>
#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * `npz_tool.py compare TARGET REFERENCE` done natively: every tensor present in both files and
 * not excluded, in the reference file's order, with no 1-in-N sub-sampling. Tensors are
 * compared in parallel (threads of the call's own); the call blocks, so run it off the UI thread.
 */
struct NpzComparison
{
    QString targetPath;
    QString referencePath;
    CompareOptions options;
    QList<TensorComparison> tensors;

    int equalCount() const;
    int closeCount() const;
    int similarCount() const;
    int notEqualCount() const;
    int notSimilarCount() const;
    int notMatchCount() const;
    int passedCount() const;
    int failedCount() const { return int(tensors.size()) - passedCount(); }
    bool passed() const { return failedCount() == 0; }
    /** Minimum (cos, euc, sqnr) over SIMILAR/NOT_SIMLIAR tensors; (1, 1, inf) when none. */
    void minSimilarity(double *cosine, double *euclidean, double *sqnr) const;

    static Expected<NpzComparison> compareFiles(const QString &targetPath,
                                                const QString &referencePath,
                                                const CompareOptions &options = {},
                                                const QStringList &excepts = {});
};

} // namespace Mcw::Core
