// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcases.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace Mcw::Tests {

static std::unique_ptr<QTemporaryDir> s_dir;
static QString s_error;

QString npzCasesDir(QString *error)
{
    if (!s_dir) {
        s_dir = std::make_unique<QTemporaryDir>();
        QProcess python;
        python.start(QStringLiteral(MCW_PYTHON),
                     {QStringLiteral(MCW_NPZ_CASES_SCRIPT), s_dir->path()});
        if (!python.waitForFinished(120000) || python.exitCode() != 0) {
            s_error = QStringLiteral("make_npz_cases.py failed: %1")
                          .arg(QString::fromUtf8(python.readAllStandardError()));
        }
    }
    if (error)
        *error = s_error;
    return s_error.isEmpty() ? s_dir->path() : QString();
}

QJsonObject npzCasesExpected()
{
    QFile f(npzCasesDir(nullptr) + QStringLiteral("/expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace Mcw::Tests
