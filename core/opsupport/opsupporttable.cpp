// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupporttable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Q_INIT_RESOURCE must be used outside any namespace; the resource lives in the static mcw_core.
static void initOpSupportResource()
{
    Q_INIT_RESOURCE(mcw_opsupport);
}

namespace Mcw::Core {

static const char *const s_verdictNames[] = {"npu", "lut", "bf16_fallback", "cpu",
                                             "unsupported", "conditional", "unknown", "none"};

QString loweringVerdictName(LoweringVerdict verdict)
{
    return QString::fromLatin1(s_verdictNames[int(verdict)]);
}

std::optional<LoweringVerdict> parseLoweringVerdict(const QString &name)
{
    for (int i = 0; i < int(std::size(s_verdictNames)); ++i) {
        if (name == QLatin1String(s_verdictNames[i]))
            return LoweringVerdict(i);
    }
    return std::nullopt;
}

static QString parseError(const QString &displayPath, const QString &what)
{
    return QStringLiteral("The operator-support table %1 is invalid: %2.").arg(displayPath, what);
}

Expected<OpSupportTable> OpSupportTable::fromJson(const QByteArray &json,
                                                  const QString &displayPath)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &jsonError);
    if (doc.isNull() || !doc.isObject()) {
        return makeError(Error::Code::InvalidInput,
                         parseError(displayPath, jsonError.errorString()));
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String("mcw-opsupport")
        || root.value(QLatin1String("formatVersion")).toInt() != 1) {
        return makeError(Error::Code::Unsupported,
                         parseError(displayPath, QStringLiteral("not an mcw-opsupport v1 file")));
    }
    OpSupportTable table;
    table.m_tableVersion = root.value(QLatin1String("tableVersion")).toString();
    table.m_target = root.value(QLatin1String("target")).toString();
    const QJsonObject from = root.value(QLatin1String("generatedFrom")).toObject();
    table.m_frontendRevision = from.value(QLatin1String("frontendRevision")).toString();
    table.m_patternRevision = from.value(QLatin1String("cv18xxPatternRevision")).toString();
    for (const QJsonValue &v : root.value(QLatin1String("tpuMlirRevisions")).toArray()) {
        const QJsonObject o = v.toObject();
        TableRevision r;
        r.what = o.value(QLatin1String("what")).toString();
        r.path = o.value(QLatin1String("path")).toString();
        for (const QJsonValue &rev : o.value(QLatin1String("revisions")).toArray())
            r.revisions.append(rev.toString());
        table.m_revisions.append(r);
    }
    const QJsonObject kinds = root.value(QLatin1String("conditionKinds")).toObject();
    for (auto it = kinds.begin(); it != kinds.end(); ++it)
        table.m_conditionKinds.insert(it.key(), it.value().toString());

    auto verdictField = [](const QJsonObject &o, const char *key,
                           std::optional<LoweringVerdict> *out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        *out = parseLoweringVerdict(v.toString());
        return out->has_value();
    };

    for (const QJsonValue &v : root.value(QLatin1String("ops")).toArray()) {
        const QJsonObject o = v.toObject();
        OpRule rule;
        rule.opType = o.value(QLatin1String("op")).toString();
        const QString frontend = o.value(QLatin1String("frontend")).toString();
        if (rule.opType.isEmpty()
            || (frontend != QLatin1String("accepted") && frontend != QLatin1String("rejected"))) {
            return makeError(Error::Code::InvalidInput,
                             parseError(displayPath, QStringLiteral("op '%1' lacks a frontend verdict")
                                                         .arg(rule.opType)));
        }
        rule.frontendAccepted = frontend == QLatin1String("accepted");
        rule.topOp = o.value(QLatin1String("top")).toString();
        rule.reason = o.value(QLatin1String("reason")).toString();
        rule.note = o.value(QLatin1String("note")).toString();
        std::optional<LoweringVerdict> int8;
        std::optional<LoweringVerdict> bf16;
        if (!verdictField(o, "int8", &int8) || !verdictField(o, "bf16", &bf16)
            || (rule.frontendAccepted && (!int8 || !bf16))) {
            return makeError(Error::Code::InvalidInput,
                             parseError(displayPath, QStringLiteral("op '%1' has a bad INT8/BF16 verdict")
                                                         .arg(rule.opType)));
        }
        rule.int8 = int8.value_or(LoweringVerdict::Unknown);
        rule.bf16 = bf16.value_or(LoweringVerdict::Unknown);
        for (const QJsonValue &cv : o.value(QLatin1String("conditions")).toArray()) {
            const QJsonObject c = cv.toObject();
            OpCondition cond;
            cond.kind = c.value(QLatin1String("kind")).toString();
            cond.params = c.value(QLatin1String("params")).toObject().toVariantMap();
            cond.frontendRejects = c.value(QLatin1String("frontend")).toString()
                                   == QLatin1String("rejected");
            cond.reason = c.value(QLatin1String("reason")).toString();
            if (!verdictField(c, "int8", &cond.int8) || !verdictField(c, "bf16", &cond.bf16)
                || !table.m_conditionKinds.contains(cond.kind)) {
                return makeError(Error::Code::InvalidInput,
                                 parseError(displayPath,
                                            QStringLiteral("op '%1' has a bad condition '%2'")
                                                .arg(rule.opType, cond.kind)));
            }
            rule.conditions.append(cond);
        }
        table.m_index.insert(rule.opType, int(table.m_rules.size()));
        table.m_rules.append(rule);
    }
    if (table.m_rules.isEmpty())
        return makeError(Error::Code::InvalidInput, parseError(displayPath, QStringLiteral("no ops")));
    return table;
}

static OpSupportTable loadBuiltin()
{
    initOpSupportResource();
    const QString path = QStringLiteral(":/opsupport/cv18xx-ops.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        OpSupportTable empty;
        return empty;
    }
    auto table = OpSupportTable::fromJson(file.readAll(), path);
    return table ? std::move(table).value() : OpSupportTable();
}

const OpSupportTable &OpSupportTable::builtin()
{
    static const OpSupportTable table = [] {
        OpSupportTable t = loadBuiltin();
        if (t.m_rules.isEmpty())
            t.m_loadError = QStringLiteral("The built-in operator-support table could not be read.");
        return t;
    }();
    return table;
}

const OpRule *OpSupportTable::rule(const QString &opType) const
{
    const auto it = m_index.constFind(opType);
    return it == m_index.constEnd() ? nullptr : &m_rules.at(*it);
}

} // namespace Mcw::Core
