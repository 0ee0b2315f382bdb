// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cvimodelinfo.h"

#include <core/atomicfile.h>

#include <QRegularExpression>

namespace Mcw::Core {

qint64 CvimodelInfo::neuronBytes() const
{
    if (privateGmemBytes < 0 && sharedGmemBytes < 0)
        return -1;
    return std::max<qint64>(0, privateGmemBytes) + std::max<qint64>(0, sharedGmemBytes);
}

Expected<CvimodelInfo> CvimodelInfo::parse(const QString &text, const QString &source)
{
    static const QRegularExpression buildRe(QStringLiteral("^(\\S+) Build at (.+)$"));
    static const QRegularExpression chipRe(QStringLiteral("^For (\\S+) chip ONLY"));
    static const QRegularExpression ionRe(QStringLiteral("CviModel Need ION Memory Size: \\(([0-9.]+) MB\\)"));
    static const QRegularExpression sectionRe(QStringLiteral("^\\s*(\\d{3})\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\b"));
    static const QRegularExpression gmemRe(QStringLiteral("^\\s*(private|shared)_gmem_size\\s*:\\s*(\\d+)"));
    static const QRegularExpression routineRe(QStringLiteral("^\\s*%(\\d+)\\s+(tpu|cpu)\\b\\s*(\\S*)"));
    static const QRegularExpression functionRe(QStringLiteral("^\\s*function\\s*:\\s*(\\S+)"));
    CvimodelInfo info;
    bool inSections = false;
    bool any = false;
    int lastCpu = -1;
    for (QString line : text.split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("Mlir Version:"))) {
            info.mlirVersion = t.mid(13).trimmed();
            any = true;
        } else if (t.startsWith(QLatin1String("Cvimodel Version:"))) {
            info.cvimodelVersion = t.mid(17).trimmed();
            any = true;
        } else if (const auto build = buildRe.match(t); build.hasMatch()) {
            info.modelName = build.captured(1);
            info.buildTime = build.captured(2);
        } else if (const auto chip = chipRe.match(t); chip.hasMatch()) {
            info.chip = chip.captured(1);
        } else if (const auto ion = ionRe.match(t); ion.hasMatch()) {
            info.ionMegabytes = ion.captured(1).toDouble();
            any = true;
        } else if (t == QLatin1String("Sections:")) {
            inSections = true;
        } else if (inSections && t.startsWith(QLatin1String("ID "))) {
            // header line
        } else if (const auto section = sectionRe.match(line); inSections && section.hasMatch()) {
            const qint64 size = section.captured(4).toLongLong();
            if (section.captured(2) == QLatin1String("weight"))
                info.weightBytes += size;
            else if (section.captured(2) == QLatin1String("cmdbuf"))
                info.cmdbufBytes += size;
        } else if (inSections && (t == QLatin1String("[...]") || t == QLatin1String("..."))) {
            info.sectionsCut = true;
        } else if (const auto gmem = gmemRe.match(line); gmem.hasMatch()) {
            (gmem.captured(1) == QLatin1String("private") ? info.privateGmemBytes : info.sharedGmemBytes)
                = gmem.captured(2).toLongLong();
        } else if (const auto routine = routineRe.match(line); routine.hasMatch()) {
            if (routine.captured(2) == QLatin1String("tpu")) {
                ++info.tpuRoutines;
                lastCpu = -1;
            } else {
                info.cpuRoutines.append(QStringLiteral("%%1 cpu").arg(routine.captured(1)));
                lastCpu = int(info.cpuRoutines.size()) - 1;
            }
        } else if (const auto function = functionRe.match(line); function.hasMatch() && lastCpu >= 0) {
            info.cpuRoutines[lastCpu] += QLatin1Char(' ') + function.captured(1);
        } else if (!t.isEmpty() && inSections && !t.startsWith(QLatin1Char('0'))) {
            inSections = false;
        }
    }
    if (!any) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: not the output of model_tool --info (no 'Mlir Version' or ION line).").arg(source));
    }
    return info;
}

Expected<CvimodelInfo> CvimodelInfo::readFile(const QString &path)
{
    const auto bytes = readWholeFile(path, 1 << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(QString::fromUtf8(*bytes), path);
}

} // namespace Mcw::Core
