// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any job.json bytes load as a job or fail with a sentence; a loaded job
// writes and reads back the same JSON.
#include <core/run/jobrecord.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Mcw::Core::JobRecord;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    const auto record = JobRecord::fromJson(doc.object(), QStringLiteral("/fuzz/run"));
    if (!record)
        return 0;
    const auto again = JobRecord::fromJson(record->toJson(), QStringLiteral("/fuzz/run"));
    if (!again || again->toJson() != record->toJson())
        __builtin_trap();
    return 0;
}
