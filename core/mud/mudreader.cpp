// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mudreader.h"

#include <core/atomicfile.h>
#include <core/localpath.h>
#include <core/project/imageinput.h>
#include <core/project/numberformat.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <ini.h>

#include <string>

namespace Mcw::Core {

namespace {

/** Keys each model_type requires in [extra] (maixpy-mud.md §2.2). */
struct ModelTypeRule
{
    const char *modelType;
    QStringList required;
    QStringList inputTypes;
};

} // namespace

static const QList<ModelTypeRule> &modelTypeRules()
{
    static const QStringList rgbBgr{QStringLiteral("rgb"), QStringLiteral("bgr")};
    static const QStringList rgbBgrGray = ImageInput::pixelFormats();
    static const QStringList common{QStringLiteral("input_type"), QStringLiteral("mean"), QStringLiteral("scale")};
    static const QStringList withLabels = common + QStringList{QStringLiteral("labels")};
    static const QList<ModelTypeRule> rules{
        {"yolov5", withLabels + QStringList{QStringLiteral("anchors")}, rgbBgr},
        {"yolov8", withLabels, rgbBgr},
        {"yolo11", withLabels, rgbBgr},
        {"yolo26", {}, rgbBgr},
        {"classifier", withLabels, rgbBgrGray},
        {"classifier_no_top", common, rgbBgr},
        {"retinaface", common, rgbBgr},
        {"face_detector", common, rgbBgr},
        {"face_landmarks", common, rgbBgr},
        {"face_feature", common, rgbBgr},
        {"hand_landmarks", withLabels, rgbBgr},
        {"pp_ocr", {QStringLiteral("input_type")}, rgbBgr},
    };
    return rules;
}

static const ModelTypeRule *ruleFor(const QString &modelType)
{
    for (const ModelTypeRule &r : modelTypeRules()) {
        if (modelType == QLatin1String(r.modelType))
            return &r;
    }
    return nullptr;
}

static const QStringList &knownBasicKeys()
{
    static const QStringList keys{QStringLiteral("type"), QStringLiteral("model"), QStringLiteral("model_npu"),
                                  QStringLiteral("model_vnpu")};
    return keys;
}

static const QStringList &knownExtraKeys()
{
    static const QStringList keys{
        QStringLiteral("model_type"), QStringLiteral("type"), QStringLiteral("input_type"),
        QStringLiteral("mean"), QStringLiteral("scale"), QStringLiteral("labels"), QStringLiteral("anchors"),
        QStringLiteral("input_layout"), QStringLiteral("input_channel"), QStringLiteral("det"),
        QStringLiteral("rec_model"), QStringLiteral("rec_mean"), QStringLiteral("rec_scale"),
        QStringLiteral("detect_model"), QStringLiteral("target_model"), QStringLiteral("head_model"),
        QStringLiteral("input_cache"), QStringLiteral("output_cache"), QStringLiteral("input_cache_flush"),
        QStringLiteral("output_cache_inval")};
    return keys;
}

/** The device trims with isspace(). */
static QByteArray deviceTrim(const QByteArray &line)
{
    int begin = 0;
    int end = int(line.size());
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
    while (begin < end && space(line[begin]))
        ++begin;
    while (end > begin && space(line[end - 1]))
        --end;
    return line.mid(begin, end - begin);
}

class MudScanner
{
public:
    MudScanner(QString path, QString mudDir)
        : m_path(std::move(path))
        , m_mudDir(std::move(mudDir))
    {}

    MudReader::Result result;

    void report(Diagnostic::Severity severity, const QString &code, int line, const QString &message,
                const QString &suggestion = {})
    {
        Diagnostic d;
        d.severity = severity;
        d.stage = QStringLiteral("mud");
        d.code = code;
        d.file = m_path;
        d.line = line;
        d.message = line > 0 ? QStringLiteral("%1:%2: %3").arg(m_path).arg(line).arg(message)
                             : QStringLiteral("%1: %2").arg(m_path, message);
        d.suggestion = suggestion;
        result.diagnostics.append(d);
    }

    void error(const QString &code, int line, const QString &message, const QString &suggestion = {})
    {
        report(Diagnostic::Severity::Error, code, line, message, suggestion);
    }

    void warning(const QString &code, int line, const QString &message, const QString &suggestion = {})
    {
        report(Diagnostic::Severity::Warning, code, line, message, suggestion);
    }

    void fatal(const QString &code, int line, const QString &message, const QString &suggestion = {})
    {
        result.deviceParses = false;
        error(code, line, message, suggestion);
    }

    void scanLines(const QByteArray &bytes);
    void checkDesktopReading(const QByteArray &bytes);
    void checkAxmodelKeys(const MudSection &basic);
    void checkCacheFlags(const MudSection &extra);
    void checkSemantics();

private:
    void checkNumberList(const MudEntry &e, bool positiveScale);
    void checkLabels(const MudEntry &e);
    void checkValueCase(const MudEntry &e, const QStringList &allowed, const QString &what);

    QString m_path;
    QString m_mudDir;
    QSet<int> m_truncatedLines; // lines with a '#' after '='
};

void MudScanner::scanLines(const QByteArray &bytes)
{
    MudDocument &doc = result.document;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        fatal(QStringLiteral("mud_bom"), 1,
              QStringLiteral("the file starts with a UTF-8 byte order mark; the device reads it as part "
                             "of the first line and refuses the file."),
              QStringLiteral("Save the file as UTF-8 without BOM."));
    }
    if (bytes.contains('\r')) {
        report(Diagnostic::Severity::Info, QStringLiteral("mud_crlf"), 0,
               QStringLiteral("the file uses CR LF line endings; the device accepts them, LF is preferred."));
    }
    const QList<QByteArray> rawLines = bytes.split('\n');
    bool sawSection = false;
    for (int i = 0; i < rawLines.size(); ++i) {
        const int lineNo = i + 1;
        const QByteArray line = deviceTrim(rawLines[i]);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith('[')) {
            const int close = int(line.indexOf(']'));
            if (close < 0) {
                fatal(QStringLiteral("mud_section_syntax"), lineNo,
                      QStringLiteral("the section header has no closing ']'; the device refuses the file."));
                continue;
            }
            const QString name = QString::fromUtf8(deviceTrim(line.mid(1, close - 1)));
            if (name.isEmpty()) {
                fatal(QStringLiteral("mud_section_syntax"), lineNo,
                      QStringLiteral("the section name is empty; the device refuses the file."));
                continue;
            }
            if (!deviceTrim(line.mid(close + 1)).isEmpty()) {
                warning(QStringLiteral("mud_section_trailing_text"), lineNo,
                        QStringLiteral("text after ']' is ignored by the device."));
            }
            if (doc.section(name)) {
                fatal(QStringLiteral("mud_duplicate_section"), lineNo,
                      QStringLiteral("section [%1] appears twice; the device refuses the file.").arg(name),
                      QStringLiteral("Merge the two [%1] sections into one.").arg(name));
                continue;
            }
            doc.sections.append({name, lineNo, {}});
            sawSection = true;
            continue;
        }
        if (line.startsWith(';')) {
            if (!line.contains('=')) {
                fatal(QStringLiteral("mud_semicolon_comment"), lineNo,
                      QStringLiteral("';' does not start a comment on the device; this line makes the load fail."),
                      QStringLiteral("Use '#' at the start of the line for comments."));
                continue;
            }
            warning(QStringLiteral("mud_semicolon_comment"), lineNo,
                    QStringLiteral("';' does not start a comment on the device; this line is read as a key."),
                    QStringLiteral("Use '#' at the start of the line for comments."));
        }
        QByteArray content = line;
        const int hash = int(content.indexOf('#'));
        if (hash >= 0) {
            content = deviceTrim(content.left(hash));
            if (content.contains('=')) {
                m_truncatedLines.insert(lineNo);
                warning(QStringLiteral("mud_hash_in_value"), lineNo,
                        QStringLiteral("everything after '#' is dropped by the device (a '#' cannot be part of a value)."),
                        QStringLiteral("Move comments to their own line; labels with '#' need a labels file."));
            }
        }
        const int eq = int(content.indexOf('='));
        if (eq < 0) {
            if (i == 0 && bytes.startsWith("\xEF\xBB\xBF"))
                continue; // already reported as the BOM
            fatal(QStringLiteral("mud_line_syntax"), lineNo,
                  QStringLiteral("the line is neither a section, a '#' comment nor 'key = value'; the device "
                                 "refuses the file."));
            continue;
        }
        MudEntry entry{QString::fromUtf8(deviceTrim(content.left(eq))), QString::fromUtf8(deviceTrim(content.mid(eq + 1))),
                       lineNo};
        if (!sawSection) {
            if (doc.sections.isEmpty() || !doc.sections.first().name.isEmpty())
                doc.sections.prepend({QString(), lineNo, {}});
            warning(QStringLiteral("mud_key_outside_section"), lineNo,
                    QStringLiteral("'%1' is outside any section; no class reads it.").arg(entry.key));
        }
        MudSection &section = doc.sections.last();
        if (section.entry(entry.key)) {
            warning(QStringLiteral("mud_duplicate_key"), lineNo,
                    QStringLiteral("'%1' is set twice in [%2]; the device uses the first one (line %3).")
                        .arg(entry.key, section.name)
                        .arg(section.entry(entry.key)->line));
        }
        section.entries.append(entry);
    }
}

struct InihCollector
{
    QHash<QString, QString> firstValues; // "section\nkey" → value
};

static int inihHandler(void *user, const char *section, const char *name, const char *value)
{
    auto *collector = static_cast<InihCollector *>(user);
    const QString key = QString::fromUtf8(section) + QLatin1Char('\n') + QString::fromUtf8(name);
    if (!collector->firstValues.contains(key))
        collector->firstValues.insert(key, QString::fromUtf8(value));
    return 1;
}

void MudScanner::checkDesktopReading(const QByteArray &bytes)
{
    // inih reads at most 200 bytes per line; longer lines are shortened (keeping the line count)
    // and left out of the comparison.
    constexpr int maxLine = 190;
    QList<QByteArray> lines = bytes.split('\n');
    QSet<int> shortened;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].size() > maxLine) {
            lines[i] = QByteArray("# (long line)");
            shortened.insert(i + 1);
        }
    }
    QByteArray text = lines.join('\n');
    text.replace('\0', ' ');
    InihCollector collector;
    const int errorLine = ini_parse_string(text.constData(), &inihHandler, &collector);
    if (errorLine > 0 && !shortened.contains(errorLine)) {
        bool known = false;
        for (const Diagnostic &d : std::as_const(result.diagnostics))
            known = known || (d.line == errorLine && d.severity == Diagnostic::Severity::Error);
        if (!known) {
            warning(QStringLiteral("mud_desktop_syntax"), errorLine,
                    QStringLiteral("ordinary INI tools cannot read this line."));
        }
    }
    for (const MudSection &s : std::as_const(result.document.sections)) {
        for (const MudEntry &e : s.entries) {
            if (shortened.contains(e.line) || m_truncatedLines.contains(e.line))
                continue;
            const auto it = collector.firstValues.constFind(s.name + QLatin1Char('\n') + e.key);
            if (it != collector.firstValues.constEnd() && *it != e.value && s.entry(e.key) == &e) {
                warning(QStringLiteral("mud_reads_differently"), e.line,
                        QStringLiteral("desktop INI tools read '%1' as '%2' but the device reads '%3'.")
                            .arg(e.key, *it, e.value),
                        QStringLiteral("Avoid ';' inside values."));
            }
        }
    }
}

void MudScanner::checkValueCase(const MudEntry &e, const QStringList &allowed, const QString &what)
{
    if (allowed.contains(e.value))
        return;
    for (const QString &a : allowed) {
        if (a.compare(e.value, Qt::CaseInsensitive) == 0) {
            error(QStringLiteral("mud_case"), e.line,
                  QStringLiteral("%1 '%2' must be written '%3'; the device compares exactly.").arg(what, e.value, a));
            return;
        }
    }
    error(QStringLiteral("mud_bad_value"), e.line,
          QStringLiteral("%1 '%2' is not one of %3.").arg(what, e.value, allowed.join(QStringLiteral(", "))));
}

void MudScanner::checkNumberList(const MudEntry &e, bool positiveScale)
{
    static const QRegularExpression prefix(QStringLiteral("^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?"));
    const QStringList tokens = e.value.split(QLatin1Char(','));
    for (int i = 0; i < tokens.size(); ++i) {
        const QString token = tokens[i].trimmed();
        if (token.isEmpty()) {
            error(QStringLiteral("mud_empty_number"), e.line,
                  QStringLiteral("'%1' has an empty entry%2; the device fails with \"%1 value error, should float\".")
                      .arg(e.key, i == tokens.size() - 1 ? QStringLiteral(" (trailing comma)") : QString()));
            continue;
        }
        if (parseDecimal(token))
            continue;
        const auto m = prefix.match(token);
        if (m.hasMatch()) {
            error(QStringLiteral("mud_number_prefix"), e.line,
                  QStringLiteral("'%1' in '%2' is read by the device as %3 without any error.")
                      .arg(token, e.key, m.captured(0)),
                  QStringLiteral("Write plain decimals, e.g. 0.00392156862745098 for 1/255."));
        } else {
            error(QStringLiteral("mud_not_a_number"), e.line,
                  QStringLiteral("'%1' in '%2' is not a number; the device fails to load the model.").arg(token, e.key));
        }
    }
    if (positiveScale) {
        for (const QString &t : tokens) {
            if (const auto v = parseDecimal(t); v && *v == 0.0)
                error(QStringLiteral("mud_zero_scale"), e.line, QStringLiteral("'%1' contains 0; the device refuses a zero scale.").arg(e.key));
        }
    }
}

void MudScanner::checkLabels(const MudEntry &e)
{
    static const QRegularExpression spaceOrComma(QStringLiteral("[\\s,]"));
    const QString value = e.value;
    if (!value.contains(spaceOrComma) && !value.isEmpty()) {
        if (value.startsWith(QLatin1Char('/')) || QRegularExpression(QStringLiteral("^[A-Za-z]:[\\\\/]")).match(value).hasMatch()) {
            error(QStringLiteral("mud_absolute_labels"), e.line,
                  QStringLiteral("absolute label paths do not work: the device always looks next to the MUD."),
                  QStringLiteral("Put the labels file next to the MUD and write its bare name."));
            result.labels = {value};
            return;
        }
        if (!m_mudDir.isEmpty()) {
            const QString path = resolveLocalPath(m_mudDir, value);
            if (QFileInfo(path).isFile()) {
                const auto bytes = readWholeFile(path, qint64(16) << 20);
                if (!bytes) {
                    error(QStringLiteral("mud_labels_file"), e.line, bytes.error().message);
                    return;
                }
                QList<QByteArray> lines = bytes->split('\n');
                if (!lines.isEmpty() && lines.last().isEmpty())
                    lines.removeLast(); // the final newline ends the last label
                QStringList labels;
                for (int i = 0; i < lines.size(); ++i) {
                    const QString label = QString::fromUtf8(deviceTrim(lines[i]));
                    if (label.isEmpty()) {
                        error(QStringLiteral("mud_empty_label"), e.line,
                              QStringLiteral("line %1 of %2 is blank; the device reads it as an empty class.")
                                  .arg(i + 1)
                                  .arg(value));
                    }
                    labels.append(label);
                }
                result.labels = labels;
                return;
            }
            if (value.contains(QLatin1Char('.'))) {
                warning(QStringLiteral("mud_labels_file_missing"), e.line,
                        QStringLiteral("no labels file '%1' next to the MUD; the device takes it as a single label.")
                            .arg(value));
            }
        }
    }
    QStringList labels = value.split(QLatin1Char(','));
    for (QString &l : labels)
        l = QString::fromUtf8(deviceTrim(l.toUtf8()));
    if (labels.size() > 1 && labels.last().isEmpty()) {
        labels.removeLast();
        warning(QStringLiteral("mud_trailing_comma"), e.line,
                QStringLiteral("'labels' ends with a comma; the device drops the empty last label."));
    }
    for (int i = 0; i < labels.size(); ++i) {
        if (labels[i].isEmpty()) {
            error(QStringLiteral("mud_empty_label"), e.line,
                  QStringLiteral("label %1 is empty (two commas in a row); the device keeps it as a class.").arg(i));
        }
    }
    result.labels = labels;
}

/**
 * MaixCAM2's closed library (maixcam2.md §5.1, its strings quoted): at least one of model_npu /
 * model_vnpu, each relative to the MUD and present; a missing one only limits how the model runs.
 */
void MudScanner::checkAxmodelKeys(const MudSection &basic)
{
    const MudEntry *npu = basic.entry(QStringLiteral("model_npu"));
    const MudEntry *vnpu = basic.entry(QStringLiteral("model_vnpu"));
    if ((!npu || npu->value.isEmpty()) && (!vnpu || vnpu->value.isEmpty())) {
        error(QStringLiteral("mud_missing_key"), basic.line,
              QStringLiteral("[basic] has neither 'model_npu' nor 'model_vnpu'; MaixCAM2 fails with \"model need "
                             "basic.model_npu or basic.model_vnpu key\"."));
        return;
    }
    for (const MudEntry *model : {npu, vnpu}) {
        if (!model || model->value.isEmpty())
            continue;
        if (isAbsoluteLocalPath(model->value)) {
            warning(QStringLiteral("mud_absolute_model"), model->line,
                    QStringLiteral("the model path is absolute; it breaks when the files are copied to the device."));
        } else if (!m_mudDir.isEmpty() && !QFileInfo::exists(resolveLocalPath(m_mudDir, model->value))) {
            warning(QStringLiteral("mud_model_missing"), model->line,
                    QStringLiteral("'%1' is not next to the MUD; copy it along or the device reports \"axmodel path "
                                   "%1 not exists\".").arg(model->value));
        }
    }
    if (!npu || npu->value.isEmpty()) {
        report(Diagnostic::Severity::Info, QStringLiteral("mud_no_model_npu"), basic.line,
               QStringLiteral("there is no 'model_npu': with AI-ISP off the half-NPU model runs and the device says "
                              "\"vnpu model will not use all NPU power\"."));
    } else if (!vnpu || vnpu->value.isEmpty()) {
        warning(QStringLiteral("mud_no_model_vnpu"), basic.line,
                QStringLiteral("there is no 'model_vnpu': with AI-ISP on the device refuses the model (\"ai isp is on, "
                               "you should set basic.model_vnpu in mud file\")."));
    }
}

/** The four cache flags MaixCAM2 reads (defaults unknown): booleans, written true or false. */
void MudScanner::checkCacheFlags(const MudSection &extra)
{
    for (const char *key : {"input_cache", "output_cache", "input_cache_flush", "output_cache_inval"}) {
        const MudEntry *e = extra.entry(QLatin1String(key));
        if (e && e->value != QLatin1String("true") && e->value != QLatin1String("false")) {
            warning(QStringLiteral("mud_cache_flag"), e->line,
                    QStringLiteral("%1 = '%2' is not true or false; how MaixCAM2 reads it is not known.")
                        .arg(QLatin1String(key), e->value));
        }
    }
}

void MudScanner::checkSemantics()
{
    const MudDocument &doc = result.document;
    for (const MudSection &s : doc.sections) {
        const QStringList *known = nullptr;
        if (s.name == QLatin1String("basic"))
            known = &knownBasicKeys();
        else if (s.name == QLatin1String("extra"))
            known = &knownExtraKeys();
        else if (s.name.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0
                 || s.name.compare(QLatin1String("extra"), Qt::CaseInsensitive) == 0) {
            error(QStringLiteral("mud_case"), s.line,
                  QStringLiteral("section [%1] must be written [%2]; the device compares exactly.")
                      .arg(s.name, s.name.toLower()));
        }
        if (!known)
            continue;
        for (const MudEntry &e : s.entries) {
            if (known->contains(e.key))
                continue;
            for (const QString &k : *known) {
                if (k.compare(e.key, Qt::CaseInsensitive) == 0) {
                    error(QStringLiteral("mud_case"), e.line,
                          QStringLiteral("key '%1' must be written '%2'; the device compares exactly.").arg(e.key, k));
                }
            }
        }
    }

    const MudSection *basic = doc.section(QStringLiteral("basic"));
    if (!basic) {
        error(QStringLiteral("mud_missing_section"), 0, QStringLiteral("there is no [basic] section."));
    } else if (const MudEntry *type = basic->entry(QStringLiteral("type")); !type) {
        error(QStringLiteral("mud_missing_key"), basic->line,
              QStringLiteral("[basic] has no 'type'; the device fails with \"not found type\"."));
    } else if (type->value == QLatin1String("axmodel")) {
        result.modelFormat = type->value;
        checkAxmodelKeys(*basic);
    } else {
        if (type->value == QLatin1String("cvimodel"))
            result.modelFormat = type->value;
        checkValueCase(*type, {QStringLiteral("cvimodel")}, QStringLiteral("[basic] type"));
        const MudEntry *model = basic->entry(QStringLiteral("model"));
        if (!model || model->value.isEmpty()) {
            error(QStringLiteral("mud_missing_key"), basic->line,
                  QStringLiteral("[basic] has no 'model'; the device fails with \"model not found basic.model key\"."));
        } else if (isAbsoluteLocalPath(model->value)) {
            warning(QStringLiteral("mud_absolute_model"), model->line,
                    QStringLiteral("the model path is absolute; it breaks when the files are copied to the device."));
        } else if (!m_mudDir.isEmpty() && !QFileInfo::exists(resolveLocalPath(m_mudDir, model->value))) {
            warning(QStringLiteral("mud_model_missing"), model->line,
                    QStringLiteral("'%1' is not next to the MUD; copy it along or the device reports \"cvimodel "
                                   "path not exists\".").arg(model->value));
        }
    }

    const MudSection *extra = doc.section(QStringLiteral("extra"));
    if (!extra) {
        error(QStringLiteral("mud_missing_section"), 0,
              QStringLiteral("there is no [extra] section; every MaixPy model class needs model_type there."));
        return;
    }
    const MudEntry *modelType = extra->entry(QStringLiteral("model_type"));
    if (!modelType) {
        error(QStringLiteral("mud_missing_key"), extra->line,
              QStringLiteral("[extra] has no 'model_type'; MaixPy classes fail with \"model_type key not found\"."));
        return;
    }
    const ModelTypeRule *rule = ruleFor(modelType->value);
    if (!rule) {
        bool caseProblem = false;
        for (const ModelTypeRule &r : modelTypeRules()) {
            if (modelType->value.compare(QLatin1String(r.modelType), Qt::CaseInsensitive) == 0) {
                error(QStringLiteral("mud_case"), modelType->line,
                      QStringLiteral("model_type '%1' must be written '%2'; the device compares exactly.")
                          .arg(modelType->value, QLatin1String(r.modelType)));
                caseProblem = true;
                rule = &r;
            }
        }
        if (!caseProblem) {
            warning(QStringLiteral("mud_unknown_model_type"), modelType->line,
                    QStringLiteral("model_type '%1' is not a MaixCAM class this tool knows.").arg(modelType->value));
        }
    }
    if (rule) {
        for (const QString &key : rule->required) {
            if (!extra->entry(key)) {
                error(QStringLiteral("mud_missing_key"), extra->line,
                      QStringLiteral("[extra] has no '%1', which model_type %2 requires.").arg(key, QLatin1String(rule->modelType)));
            }
        }
    }

    const MudEntry *inputType = extra->entry(QStringLiteral("input_type"));
    if (inputType)
        checkValueCase(*inputType, rule ? rule->inputTypes : ImageInput::pixelFormats(),
                       QStringLiteral("input_type"));
    if (const MudEntry *type = extra->entry(QStringLiteral("type"));
        type && rule && (QLatin1String(rule->modelType) == QLatin1String("yolov8") || QLatin1String(rule->modelType) == QLatin1String("yolo11"))) {
        if (type->value == QLatin1String("detect")) {
            error(QStringLiteral("mud_detect"), type->line,
                  QStringLiteral("type 'detect' is rejected by the device."), QStringLiteral("Write 'type = detector'."));
        } else {
            checkValueCase(*type, {QStringLiteral("detector"), QStringLiteral("pose"), QStringLiteral("seg"), QStringLiteral("obb")},
                           QStringLiteral("type"));
        }
    }

    const MudEntry *mean = extra->entry(QStringLiteral("mean"));
    const MudEntry *scale = extra->entry(QStringLiteral("scale"));
    if (mean)
        checkNumberList(*mean, false);
    if (scale)
        checkNumberList(*scale, true);
    for (const char *key : {"rec_mean", "rec_scale"}) {
        if (const MudEntry *e = extra->entry(QLatin1String(key)))
            checkNumberList(*e, QLatin1String(key) == QLatin1String("rec_scale"));
    }
    if (mean && scale) {
        const qsizetype nm = mean->value.split(QLatin1Char(',')).size();
        const qsizetype ns = scale->value.split(QLatin1Char(',')).size();
        if ((nm != 1 && nm != 3) || (ns != 1 && ns != 3)) {
            error(QStringLiteral("mud_mean_scale_count"), nm != 1 && nm != 3 ? mean->line : scale->line,
                  QStringLiteral("mean and scale must each have 1 or 3 values (got %1 and %2).").arg(nm).arg(ns));
        } else if (nm != ns) {
            error(QStringLiteral("mud_mean_scale_count"), scale->line,
                  QStringLiteral("mean has %1 values but scale has %2; the device needs equal counts.").arg(nm).arg(ns));
        } else if (inputType && inputType->value == QLatin1String("gray") && nm != 1) {
            error(QStringLiteral("mud_mean_scale_count"), mean->line,
                  QStringLiteral("a gray model needs exactly one mean and one scale value."));
        }
    }
    if (const MudEntry *anchors = extra->entry(QStringLiteral("anchors"));
        anchors && rule && QLatin1String(rule->modelType) == QLatin1String("yolov5")) {
        checkNumberList(*anchors, false);
        if (anchors->value.split(QLatin1Char(',')).size() % 2 != 0) {
            error(QStringLiteral("mud_anchors_odd"), anchors->line,
                  QStringLiteral("anchors must be w,h pairs; the count is odd."));
        }
    }
    if (const MudEntry *labels = extra->entry(QStringLiteral("labels")))
        checkLabels(*labels);
    if (result.modelFormat == QLatin1String("axmodel"))
        checkCacheFlags(*extra);
}

MudReader::Result MudReader::parse(const QByteArray &bytes, const QString &displayPath, const QString &mudDir)
{
    MudScanner scanner(displayPath, mudDir);
    scanner.scanLines(bytes);
    scanner.checkDesktopReading(bytes);
    scanner.checkSemantics();
    return scanner.result;
}

Expected<MudReader::Result> MudReader::readFile(const QString &path)
{
    const auto bytes = readWholeFile(path, qint64(4) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(*bytes, path, QFileInfo(path).absolutePath());
}

} // namespace Mcw::Core
