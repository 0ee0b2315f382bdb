// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace Mcw::Tests {

/**
 * Runs make_npz_cases.py once per test process into a temporary folder and returns that
 * folder (empty on failure, with the reason in \a error). The expected metrics are computed
 * by the script with numpy, independently of the code under test.
 */
QString npzCasesDir(QString *error);
QJsonObject npzCasesExpected();

} // namespace Mcw::Tests
