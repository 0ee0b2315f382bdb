// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectfile.h"

#include <core/atomicfile.h>
#include <core/localpath.h>
#include <core/project/devicename.h>
#include <core/project/imageinput.h>
#include <core/project/numberformat.h>

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace Mcw::Core {

// Project files written since the end line exists start with this header (older ones with
// "# MaixCAM Model Workbench project" alone, and are read as before).
static constexpr std::string_view s_completeHeader = "# MaixCAM Model Workbench project (complete when it ends with '# end of project')";
static constexpr std::string_view s_endLine = "# end of project";

static QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

static std::string ss(const QString &s)
{
    return s.toStdString();
}

/** Walks the YAML tree, collecting diagnostics that carry file:line. */
class YamlReader
{
public:
    YamlReader(QString path, QString baseDir)
        : m_path(std::move(path))
        , m_baseDir(std::move(baseDir))
    {}

    QList<Diagnostic> diagnostics;

    void report(Diagnostic::Severity severity, const QString &code, const YAML::Node &node,
                const QString &message, const QString &suggestion = {})
    {
        Diagnostic d;
        d.severity = severity;
        d.stage = QStringLiteral("project");
        d.code = code;
        d.file = m_path;
        d.line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
        d.message = d.line > 0 ? QStringLiteral("%1:%2: %3").arg(m_path).arg(d.line).arg(message)
                               : QStringLiteral("%1: %2").arg(m_path, message);
        d.suggestion = suggestion;
        diagnostics.append(d);
    }

    void badValue(const YAML::Node &node, const QString &key, const QString &expected)
    {
        report(Diagnostic::Severity::Error, QStringLiteral("project_bad_value"), node,
               QStringLiteral("'%1' must be %2.").arg(key, expected));
    }

    /** Warns about keys outside \a allowed; returns false when \a node is not a mapping. */
    bool checkMap(const YAML::Node &node, const QString &key, const QStringList &allowed)
    {
        if (!node.IsMap()) {
            badValue(node, key, QStringLiteral("a mapping of keys to values"));
            return false;
        }
        for (const auto &entry : node) {
            const QString name = qs(entry.first.Scalar());
            if (!allowed.contains(name)) {
                const QString where = key.isEmpty() ? QString() : QStringLiteral(" in '%1'").arg(key);
                report(Diagnostic::Severity::Warning, QStringLiteral("project_unknown_key"), entry.first,
                       QStringLiteral("unknown key '%1'%2 is ignored.").arg(name, where),
                       QStringLiteral("Known keys: %1.").arg(allowed.join(QStringLiteral(", "))));
            }
        }
        return true;
    }

    static QString scalarText(const YAML::Node &node) { return node.IsNull() ? QString() : qs(node.Scalar()); }

    void readString(const YAML::Node &map, const char *key, QString &out)
    {
        const YAML::Node node = map[key];
        if (!node)
            return;
        if (node.IsNull()) {
            out.clear();
            return;
        }
        if (!node.IsScalar()) {
            badValue(node, QLatin1String(key), QStringLiteral("text"));
            return;
        }
        out = qs(node.Scalar());
    }

    void readChoice(const YAML::Node &map, const char *key, QString &out, const QStringList &choices)
    {
        QString value = out;
        readString(map, key, value);
        if (value == out)
            return;
        if (!choices.contains(value)) {
            badValue(map[key], QLatin1String(key),
                     QStringLiteral("one of %1 (got '%2')").arg(choices.join(QStringLiteral(", ")), value));
            return;
        }
        out = value;
    }

    void readPath(const YAML::Node &map, const char *key, QString &out)
    {
        QString value;
        readString(map, key, value);
        if (!map[key])
            return;
        out = resolveLocalPath(m_baseDir, value);
    }

    void readBool(const YAML::Node &map, const char *key, bool &out)
    {
        const YAML::Node node = map[key];
        if (!node)
            return;
        const QString text = node.IsScalar() ? qs(node.Scalar()) : QString();
        if (text == QLatin1String("true"))
            out = true;
        else if (text == QLatin1String("false"))
            out = false;
        else
            badValue(node, QLatin1String(key), QStringLiteral("true or false"));
    }

    bool parseInt(const YAML::Node &node, const QString &key, qint64 &out, qint64 minimum)
    {
        bool ok = false;
        const qint64 value = node.IsScalar() ? qs(node.Scalar()).toLongLong(&ok) : 0;
        if (!ok || value < minimum) {
            badValue(node, key, QStringLiteral("a whole number ≥ %1").arg(minimum));
            return false;
        }
        out = value;
        return true;
    }

    void readInt(const YAML::Node &map, const char *key, int &out, int minimum)
    {
        const YAML::Node node = map[key];
        qint64 value = 0;
        if (node && parseInt(node, QLatin1String(key), value, minimum)) {
            if (value > std::numeric_limits<int>::max())
                badValue(node, QLatin1String(key), QStringLiteral("a smaller number"));
            else
                out = int(value);
        }
    }

    bool parseDouble(const YAML::Node &node, const QString &key, double &out)
    {
        const auto value = node.IsScalar() ? parseDecimal(qs(node.Scalar())) : std::nullopt;
        if (!value) {
            badValue(node, key, QStringLiteral("a decimal number (no fractions like 1/255)"));
            return false;
        }
        out = *value;
        return true;
    }

    /** A threshold in 0..1. */
    void readFraction(const YAML::Node &map, const char *key, double &out)
    {
        const YAML::Node node = map[key];
        double value = 0.0;
        if (!node || !parseDouble(node, QLatin1String(key), value))
            return;
        if (value < 0.0 || value > 1.0) {
            badValue(node, QLatin1String(key), QStringLiteral("a number in 0..1"));
            return;
        }
        out = value;
    }

    void readDoubleList(const YAML::Node &map, const char *key, QList<double> &out)
    {
        const YAML::Node node = map[key];
        if (!node)
            return;
        if (!node.IsSequence()) {
            badValue(node, QLatin1String(key), QStringLiteral("a list of numbers such as [0, 0, 0]"));
            return;
        }
        QList<double> values;
        for (const auto &item : node) {
            double v = 0.0;
            if (!parseDouble(item, QLatin1String(key), v))
                return;
            values.append(v);
        }
        out = values;
    }

    void readInt64List(const YAML::Node &map, const char *key, QList<qint64> &out, qint64 minimum)
    {
        const YAML::Node node = map[key];
        if (!node)
            return;
        if (!node.IsSequence()) {
            badValue(node, QLatin1String(key), QStringLiteral("a list of whole numbers"));
            return;
        }
        QList<qint64> values;
        for (const auto &item : node) {
            qint64 v = 0;
            if (!parseInt(item, QLatin1String(key), v, minimum))
                return;
            values.append(v);
        }
        out = values;
    }

    void readStringList(const YAML::Node &map, const char *key, QStringList &out)
    {
        const YAML::Node node = map[key];
        if (!node)
            return;
        if (!node.IsSequence()) {
            badValue(node, QLatin1String(key), QStringLiteral("a list of texts"));
            return;
        }
        QStringList values;
        for (const auto &item : node) {
            if (!item.IsScalar() && !item.IsNull()) {
                badValue(item, QLatin1String(key), QStringLiteral("a list of texts"));
                return;
            }
            values.append(scalarText(item));
        }
        out = values;
    }

    void readTolerance(const YAML::Node &map, const char *key, double &cos, double &euclid)
    {
        QList<double> values{cos, euclid};
        readDoubleList(map, key, values);
        bool inRange = true;
        for (double v : values)
            inRange = inRange && v >= -1.0 && v <= 1.0;
        if (values.size() != 2 || !inRange) {
            badValue(map[key], QLatin1String(key), QStringLiteral("two similarities [cos, euclid] in -1..1"));
            return;
        }
        cos = values[0];
        euclid = values[1];
    }

private:
    QString m_path;
    QString m_baseDir;
};

static void readPulsar2(YamlReader &r, const YAML::Node &root, Pulsar2Settings &s)
{
    const YAML::Node node = root["pulsar2"];
    if (!node || !r.checkMap(node, QStringLiteral("pulsar2"),
            {QStringLiteral("npu"), QStringLiteral("vnpu"), QStringLiteral("calibration_method"),
             QStringLiteral("precision_analysis"), QStringLiteral("u16_layers")})) {
        return;
    }
    r.readBool(node, "npu", s.buildNpu);
    r.readBool(node, "vnpu", s.buildVnpu);
    r.readChoice(node, "calibration_method", s.calibrationMethod,
                 {QStringLiteral("MinMax"), QStringLiteral("Percentile"), QStringLiteral("MSE"), QStringLiteral("KL")});
    r.readBool(node, "precision_analysis", s.precisionAnalysis);
    r.readStringList(node, "u16_layers", s.u16Layers);
    s.u16Layers.removeAll(QString());
}

static void readProject(YamlReader &r, const YAML::Node &root, Project &p)
{
    r.checkMap(root, {}, {QStringLiteral("schema"), QStringLiteral("name"), QStringLiteral("device"),
                          QStringLiteral("model"), QStringLiteral("maixpy"), QStringLiteral("preprocess"),
                          QStringLiteral("quantization"), QStringLiteral("pulsar2"),
                          QStringLiteral("test_image"), QStringLiteral("preview"), QStringLiteral("workspace")});
    r.readString(root, "name", p.name);
    QString device = deviceName(p.device);
    r.readChoice(root, "device", device, deviceNames());
    p.device = parseDevice(device).value_or(Device::MaixCam);
    readPulsar2(r, root, p.pulsar2);
    r.readPath(root, "test_image", p.testImage);
    r.readPath(root, "workspace", p.workspaceDir);

    if (const YAML::Node preview = root["preview"]; preview && r.checkMap(preview, QStringLiteral("preview"),
            {QStringLiteral("images"), QStringLiteral("confidence"), QStringLiteral("iou"),
             QStringLiteral("keypoint_threshold")})) {
        PreviewSettings &ps = p.preview;
        r.readPath(preview, "images", ps.imagesDir);
        r.readFraction(preview, "confidence", ps.confidence);
        r.readFraction(preview, "iou", ps.iou);
        r.readFraction(preview, "keypoint_threshold", ps.keypointThreshold);
    }

    if (const YAML::Node model = root["model"]; model && r.checkMap(model, QStringLiteral("model"),
            {QStringLiteral("path"), QStringLiteral("sha256"), QStringLiteral("input_shape"),
             QStringLiteral("outputs")})) {
        r.readPath(model, "path", p.modelPath);
        r.readString(model, "sha256", p.modelSha256);
        r.readInt64List(model, "input_shape", p.inputShape, 1);
        r.readStringList(model, "outputs", p.cutTensors);
    }

    if (const YAML::Node maixpy = root["maixpy"]; maixpy && r.checkMap(maixpy, QStringLiteral("maixpy"),
            {QStringLiteral("model_type"), QStringLiteral("task"), QStringLiteral("labels"),
             QStringLiteral("anchors")})) {
        r.readString(maixpy, "model_type", p.modelType);
        r.readString(maixpy, "task", p.task);
        r.readStringList(maixpy, "labels", p.labels);
        r.readDoubleList(maixpy, "anchors", p.anchors);
    }

    if (const YAML::Node pre = root["preprocess"]; pre && r.checkMap(pre, QStringLiteral("preprocess"),
            {QStringLiteral("mean"), QStringLiteral("scale"), QStringLiteral("pixel_format"),
             QStringLiteral("channel_format"), QStringLiteral("keep_aspect_ratio"),
             QStringLiteral("keep_ratio_mode"), QStringLiteral("pad_value")})) {
        Preprocess &pp = p.preprocess;
        r.readDoubleList(pre, "mean", pp.mean);
        r.readDoubleList(pre, "scale", pp.scale);
        r.readChoice(pre, "pixel_format", pp.pixelFormat, ImageInput::pixelFormats());
        r.readChoice(pre, "channel_format", pp.channelFormat,
                     {QStringLiteral("nchw"), QStringLiteral("nhwc")});
        r.readBool(pre, "keep_aspect_ratio", pp.keepAspectRatio);
        r.readChoice(pre, "keep_ratio_mode", pp.keepRatioMode,
                     {QStringLiteral("letterbox"), QStringLiteral("short_side_scale")});
        r.readInt(pre, "pad_value", pp.padValue, 0);
        if (pp.padValue > 255) {
            r.badValue(pre["pad_value"], QStringLiteral("pad_value"), QStringLiteral("0..255"));
            pp.padValue = 0;
        }
    }

    const YAML::Node quant = root["quantization"];
    if (!quant || !r.checkMap(quant, QStringLiteral("quantization"),
            {QStringLiteral("processor"), QStringLiteral("modes"), QStringLiteral("quant_input"),
             QStringLiteral("calibration"), QStringLiteral("tolerance"),
             QStringLiteral("quantize_table")})) {
        return;
    }
    Quantization &q = p.quantization;
    r.readString(quant, "processor", q.processor);
    if (const YAML::Node modes = quant["modes"]) {
        QStringList names;
        r.readStringList(quant, "modes", names);
        bool valid = modes.IsSequence();
        for (const QString &m : std::as_const(names)) {
            if (m != QLatin1String("INT8") && m != QLatin1String("BF16")) {
                r.report(Diagnostic::Severity::Error, QStringLiteral("quantize_mode_unsupported"), modes,
                         QStringLiteral("quantisation mode '%1' is not supported on CV18xx (only INT8 "
                                        "and BF16).").arg(m));
                valid = false;
            }
        }
        if (valid) {
            q.int8 = names.contains(QStringLiteral("INT8"));
            q.bf16 = names.contains(QStringLiteral("BF16"));
        }
    }
    r.readBool(quant, "quant_input", q.quantInput);
    if (const YAML::Node cal = quant["calibration"]; cal && r.checkMap(cal, QStringLiteral("calibration"),
            {QStringLiteral("dataset"), QStringLiteral("input_num"), QStringLiteral("method"),
             QStringLiteral("table")})) {
        r.readPath(cal, "dataset", q.datasetDir);
        r.readPath(cal, "table", q.calibrationTable);
        r.readInt(cal, "input_num", q.inputNum, 1);
        r.readString(cal, "method", q.calibrationMethod);
    }
    if (const YAML::Node tol = quant["tolerance"]; tol && r.checkMap(tol, QStringLiteral("tolerance"),
            {QStringLiteral("transform"), QStringLiteral("deploy")})) {
        r.readTolerance(tol, "transform", q.transformCos, q.transformEuclid);
        r.readTolerance(tol, "deploy", q.deployCos, q.deployEuclid);
    }
    if (const YAML::Node table = quant["quantize_table"]) {
        if (!table.IsSequence()) {
            r.badValue(table, QStringLiteral("quantize_table"), QStringLiteral("a list of {layer, mode}"));
            return;
        }
        QList<QPair<QString, QString>> entries;
        for (const auto &item : table) {
            if (!r.checkMap(item, QStringLiteral("quantize_table"), {QStringLiteral("layer"), QStringLiteral("mode")}))
                return;
            QString layer;
            QString mode = QStringLiteral("BF16");
            r.readString(item, "layer", layer);
            r.readString(item, "mode", mode);
            if (layer.isEmpty()) {
                r.badValue(item, QStringLiteral("layer"), QStringLiteral("a layer name"));
                return;
            }
            if (mode != QLatin1String("BF16")) {
                r.badValue(item["mode"], QStringLiteral("mode"), QStringLiteral("BF16 (the float mode of CV18xx)"));
                return;
            }
            entries.append({layer, mode});
        }
        q.quantizeTable = entries;
    }
}

Expected<ProjectFile::Loaded> ProjectFile::parse(const QByteArray &yaml, const QString &path)
{
    // A file cut at a line boundary is still valid YAML with settings missing; files written
    // with this header end with s_endLine, so a cut one is refused instead of run without them.
    if (yaml.startsWith(QByteArrayView(s_completeHeader.data(), qsizetype(s_completeHeader.size())))
        && !yaml.trimmed().endsWith(QByteArrayView(s_endLine.data(), qsizetype(s_endLine.size())))) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the file is cut short (its last line is not '%2'), by a crash or "
                                        "a full disk; it was left as it is, restore it from a copy.")
                             .arg(path, QString::fromLatin1(s_endLine.data(), qsizetype(s_endLine.size()))));
    }
    const QString baseDir = QFileInfo(path).absolutePath();
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1:%2: the file is not valid YAML (%3).")
                             .arg(path)
                             .arg(e.mark.line + 1)
                             .arg(qs(e.msg)));
    }
    if (!root.IsMap()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the file is not a workbench project (no 'schema' mapping).").arg(path));
    }
    Loaded loaded;
    try {
        const YAML::Node schema = root["schema"];
        bool ok = false;
        const int version = schema && schema.IsScalar() ? qs(schema.Scalar()).toInt(&ok) : 0;
        if (!schema || !ok) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the file is not a workbench project (no 'schema: 1' line).").arg(path));
        }
        if (version > Project::SchemaVersion || version < 1) {
            return makeError(Error::Code::Unsupported,
                             QStringLiteral("%1:%2: schema version %3 is not supported (this version reads %4).")
                                 .arg(path)
                                 .arg(schema.Mark().line + 1)
                                 .arg(version)
                                 .arg(Project::SchemaVersion));
        }
        YamlReader reader(path, baseDir);
        loaded.project.workspaceDir = defaultWorkspaceDir(path);
        readProject(reader, root, loaded.project);
        loaded.diagnostics = reader.diagnostics;
    } catch (const YAML::Exception &e) {
        // Defensive: the reader checks node kinds first, but yaml-cpp throws on surprises.
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1:%2: unexpected structure (%3).").arg(path).arg(e.mark.line + 1).arg(qs(e.msg)));
    }
    return loaded;
}

Expected<ProjectFile::Loaded> ProjectFile::load(const QString &path)
{
    const auto bytes = readWholeFile(path, qint64(16) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(*bytes, path);
}

QString ProjectFile::defaultWorkspaceDir(const QString &projectPath)
{
    return QFileInfo(projectPath).absoluteDir().filePath(QStringLiteral("workspace"));
}

static void emitDoubles(YAML::Emitter &out, const QList<double> &values)
{
    out << YAML::Flow << YAML::BeginSeq;
    for (double v : values)
        out << ss(formatDecimal(v));
    out << YAML::EndSeq;
}

QByteArray ProjectFile::serialize(const Project &p, const QString &path)
{
    const QDir base = QFileInfo(path).absoluteDir();
    const auto rel = [&base](const QString &file) {
        return file.isEmpty() ? std::string() : ss(base.relativeFilePath(file));
    };
    const Quantization &q = p.quantization;
    const Preprocess &pp = p.preprocess;

    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment(s_completeHeader.data() + 2) << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << Project::SchemaVersion;
    out << YAML::Key << "name" << YAML::Value << ss(p.name);
    out << YAML::Key << "device" << YAML::Value << ss(deviceName(p.device));

    out << YAML::Key << "model" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "path" << YAML::Value << rel(p.modelPath);
    out << YAML::Key << "sha256" << YAML::Value << ss(p.modelSha256);
    out << YAML::Key << "input_shape" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (qint64 d : p.inputShape)
        out << static_cast<long long>(d);
    out << YAML::EndSeq;
    out << YAML::Key << "outputs" << YAML::Value << YAML::BeginSeq;
    for (const QString &t : p.cutTensors)
        out << ss(t);
    out << YAML::EndSeq << YAML::EndMap;

    out << YAML::Key << "maixpy" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "model_type" << YAML::Value << ss(p.modelType);
    out << YAML::Key << "task" << YAML::Value << ss(p.task);
    out << YAML::Key << "anchors" << YAML::Value;
    emitDoubles(out, p.anchors);
    out << YAML::Key << "labels" << YAML::Value << YAML::BeginSeq;
    for (const QString &l : p.labels)
        out << YAML::DoubleQuoted << ss(l);
    out << YAML::EndSeq << YAML::EndMap;

    out << YAML::Key << "preprocess" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "mean" << YAML::Value;
    emitDoubles(out, pp.mean);
    out << YAML::Key << "scale" << YAML::Value;
    emitDoubles(out, pp.scale);
    out << YAML::Key << "pixel_format" << YAML::Value << ss(pp.pixelFormat);
    out << YAML::Key << "channel_format" << YAML::Value << ss(pp.channelFormat);
    out << YAML::Key << "keep_aspect_ratio" << YAML::Value << YAML::TrueFalseBool << pp.keepAspectRatio;
    out << YAML::Key << "keep_ratio_mode" << YAML::Value << ss(pp.keepRatioMode);
    out << YAML::Key << "pad_value" << YAML::Value << pp.padValue;
    out << YAML::EndMap;

    out << YAML::Key << "quantization" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "processor" << YAML::Value << ss(q.processor);
    out << YAML::Key << "modes" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    if (q.int8)
        out << "INT8";
    if (q.bf16)
        out << "BF16";
    out << YAML::EndSeq;
    out << YAML::Key << "quant_input" << YAML::Value << YAML::TrueFalseBool << q.quantInput;
    out << YAML::Key << "calibration" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "dataset" << YAML::Value << rel(q.datasetDir);
    out << YAML::Key << "input_num" << YAML::Value << q.inputNum;
    out << YAML::Key << "method" << YAML::Value << ss(q.calibrationMethod);
    if (!q.calibrationTable.isEmpty()) // only adopted tables; projects without one stay as they were
        out << YAML::Key << "table" << YAML::Value << rel(q.calibrationTable);
    out << YAML::EndMap;
    out << YAML::Key << "tolerance" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "transform" << YAML::Value;
    emitDoubles(out, {q.transformCos, q.transformEuclid});
    out << YAML::Key << "deploy" << YAML::Value;
    emitDoubles(out, {q.deployCos, q.deployEuclid});
    out << YAML::EndMap;
    out << YAML::Key << "quantize_table" << YAML::Value << YAML::BeginSeq;
    for (const auto &entry : q.quantizeTable) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "layer" << YAML::Value << ss(entry.first)
            << YAML::Key << "mode" << YAML::Value << ss(entry.second) << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;

    // MaixCAM projects carry the Pulsar2 section only when it holds something of their own.
    if (p.device == Device::MaixCam2 || p.pulsar2 != Pulsar2Settings{}) {
        const Pulsar2Settings &s = p.pulsar2;
        out << YAML::Key << "pulsar2" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "npu" << YAML::Value << YAML::TrueFalseBool << s.buildNpu;
        out << YAML::Key << "vnpu" << YAML::Value << YAML::TrueFalseBool << s.buildVnpu;
        out << YAML::Key << "calibration_method" << YAML::Value << ss(s.calibrationMethod);
        out << YAML::Key << "precision_analysis" << YAML::Value << YAML::TrueFalseBool << s.precisionAnalysis;
        out << YAML::Key << "u16_layers" << YAML::Value << YAML::BeginSeq;
        for (const QString &layer : s.u16Layers)
            out << ss(layer);
        out << YAML::EndSeq << YAML::EndMap;
    }

    out << YAML::Key << "test_image" << YAML::Value << rel(p.testImage);
    // Written only when set, so projects that never used it stay as they were.
    if (p.preview != PreviewSettings{}) {
        const PreviewSettings &ps = p.preview;
        out << YAML::Key << "preview" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "images" << YAML::Value << rel(ps.imagesDir);
        out << YAML::Key << "confidence" << YAML::Value << ss(formatDecimal(ps.confidence));
        out << YAML::Key << "iou" << YAML::Value << ss(formatDecimal(ps.iou));
        out << YAML::Key << "keypoint_threshold" << YAML::Value << ss(formatDecimal(ps.keypointThreshold));
        out << YAML::EndMap;
    }
    out << YAML::Key << "workspace" << YAML::Value << rel(p.workspaceDir);
    out << YAML::EndMap;

    QByteArray bytes(out.c_str(), qsizetype(out.size()));
    bytes.append('\n');
    bytes.append(s_endLine.data(), qsizetype(s_endLine.size()));
    bytes.append('\n');
    return bytes;
}

Expected<void> ProjectFile::save(const Project &project, const QString &path)
{
    return writeFileAtomically(path, serialize(project, path));
}

} // namespace Mcw::Core
