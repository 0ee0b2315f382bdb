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
    table.m_targetName = root.value(QLatin1String("targetName")).toString();
    table.m_toolchain = root.value(QLatin1String("toolchain")).toString();
    table.m_foldedBy = root.value(QLatin1String("foldedBy")).toString();
    const QJsonObject unlisted = root.value(QLatin1String("unlisted")).toObject();
    const QString unlistedVerdict = unlisted.value(QLatin1String("verdict")).toString();
    table.m_unlistedFrontendRejects = unlistedVerdict == QLatin1String("frontend_rejected");
    table.m_unlistedReason = unlisted.value(QLatin1String("reason")).toString();
    // A table for one quantisation mode (Pulsar2: U8) gives its verdicts for both modes.
    const bool bf16Verdicts = !root.contains(QLatin1String("modes"))
                              || root.value(QLatin1String("modes")).toArray().contains(QLatin1String("bf16"));
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
        bool verdictsRead = verdictField(o, "int8", &int8);
        if (bf16Verdicts)
            verdictsRead = verdictsRead && verdictField(o, "bf16", &bf16);
        else
            bf16 = int8;
        if (!verdictsRead || (rule.frontendAccepted && (!int8 || !bf16))) {
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
            bool condRead = verdictField(c, "int8", &cond.int8);
            if (bf16Verdicts)
                condRead = condRead && verdictField(c, "bf16", &cond.bf16);
            else
                cond.bf16 = cond.int8;
            if (!condRead || !table.m_conditionKinds.contains(cond.kind)) {
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
    // The analysis words its sentences from these (one table per toolchain and chip).
    if (table.m_targetName.isEmpty() || table.m_toolchain.isEmpty() || table.m_foldedBy.isEmpty()
        || (!table.m_unlistedFrontendRejects && unlistedVerdict != QLatin1String("unsupported"))
        || !table.m_unlistedReason.contains(QLatin1String("%1"))) {
        return makeError(Error::Code::InvalidInput,
                         parseError(displayPath, QStringLiteral("targetName, toolchain, foldedBy or "
                                                                "unlisted (verdict and a reason with %1) is missing")));
    }
    return table;
}

static OpSupportTable loadBuiltin(const QString &path)
{
    initOpSupportResource();
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
    return builtin(Device::MaixCam);
}

const OpSupportTable &OpSupportTable::builtin(Device device)
{
    const auto load = [](const QString &path) {
        OpSupportTable t = loadBuiltin(path);
        if (t.m_rules.isEmpty()) {
            t = OpSupportTable();
            t.m_loadError = QStringLiteral("The built-in operator-support table %1 could not be read.").arg(path);
        }
        return t;
    };
    static const OpSupportTable cv18xx = load(QStringLiteral(":/opsupport/cv18xx-ops.json"));
    static const OpSupportTable ax620e = load(QStringLiteral(":/opsupport/ax620e-ops.json"));
    return device == Device::MaixCam2 ? ax620e : cv18xx;
}

const OpRule *OpSupportTable::rule(const QString &opType) const
{
    const auto it = m_index.constFind(opType);
    return it == m_index.constEnd() ? nullptr : &m_rules.at(*it);
}

} // namespace Mcw::Core
