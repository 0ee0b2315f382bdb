// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "errorline.h"

#include <QRegularExpression>

namespace Mcw::Core {

bool looksLikeErrorLine(QStringView line)
{
    // "Error" only as a word ending ("ValueError", "Error:"), never inside "errors=0" or a
    // tensor name; "error:" as argparse and compilers print it.
    static const QRegularExpression pattern(QStringLiteral(
        R"(^Traceback \(most recent call last\)|\[!Error\]|\bFATAL\b|\bUNREACHABLE\b|\bERROR\b)"
        R"(|^\s*\w*(Error|Exception)\b(:|$)|\berror: )"));
    return pattern.match(line).hasMatch();
}

} // namespace Mcw::Core
