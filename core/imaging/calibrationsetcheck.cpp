// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibrationsetcheck.h"

#include <core/accuracy/npzfile.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

static quint32 be16(const QByteArray &b, qsizetype at)
{
    return (quint32(quint8(b.at(at))) << 8) | quint8(b.at(at + 1));
}

static quint32 be32(const QByteArray &b, qsizetype at)
{
    return (be16(b, at) << 16) | be16(b, at + 2);
}

static qint32 le32(const QByteArray &b, qsizetype at)
{
    return qint32(quint32(quint8(b.at(at))) | (quint32(quint8(b.at(at + 1))) << 8)
                  | (quint32(quint8(b.at(at + 2))) << 16) | (quint32(quint8(b.at(at + 3))) << 24));
}

std::optional<CalibrationSetCheck::Header> CalibrationSetCheck::readHeader(const QByteArray &head)
{
    Header h;
    if (head.size() >= 26 && head.startsWith("\x89PNG\r\n\x1a\n")) {
        h.width = int(be32(head, 16));
        h.height = int(be32(head, 20));
        switch (quint8(head.at(25))) {
        case 0: h.channels = 1; break;
        case 4: h.channels = 2; break; // gray + alpha
        case 6: h.channels = 4; break;
        default: h.channels = 3; break; // RGB, palette
        }
        return h;
    }
    if (head.size() >= 30 && head.startsWith("BM")) {
        h.width = le32(head, 18);
        h.height = std::abs(le32(head, 22));
        const int bpp = quint8(head.at(28)) | (quint8(head.at(29)) << 8);
        h.channels = bpp == 32 ? 4 : 3;
        return h;
    }
    if (head.size() >= 4 && quint8(head.at(0)) == 0xFF && quint8(head.at(1)) == 0xD8) {
        qsizetype i = 2;
        while (i + 9 < head.size()) {
            if (quint8(head.at(i)) != 0xFF)
                return std::nullopt;
            const quint8 marker = quint8(head.at(i + 1));
            if (marker == 0xFF) { // fill byte
                ++i;
                continue;
            }
            const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                h.height = int(be16(head, i + 5));
                h.width = int(be16(head, i + 7));
                h.channels = quint8(head.at(i + 9));
                return h;
            }
            i += 2 + qsizetype(be16(head, i + 2));
        }
    }
    return std::nullopt;
}

bool CalibrationSetCheck::hasEndMarker(const QByteArray &tail, const QString &suffix)
{
    const QString s = suffix.toLower();
    if (s == QLatin1String("jpg") || s == QLatin1String("jpeg") || s == QLatin1String("jfif"))
        return tail.contains(QByteArrayView("\xFF\xD9", 2)); // EOI, possibly followed by padding
    if (s == QLatin1String("png"))
        return tail.contains(QByteArrayView("IEND"));
    return true;
}

double CalibrationSetCheck::estimateSeconds(int samples, qint64 macsPerSample)
{
    if (macsPerSample <= 0 || samples <= 0)
        return -1;
    constexpr double macsPerSecond = 7.5e9; // yolov8n-sized model at 1.74 samples/s (tests/data/logs)
    const double perSample = 0.05 + double(macsPerSample) / macsPerSecond;
    return samples * perSample * 1.5;
}

Expected<CalibrationSetReport> CalibrationSetCheck::inspect(const QString &folder, const CalibrationSetOptions &options)
{
    const QFileInfo info(folder);
    if (!info.isDir()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: the calibration folder does not exist.").arg(folder));
    }
    static const QStringList imageSuffixes{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
                                           QStringLiteral("bmp"), QStringLiteral("jfif")};
    QStringList files;
    CalibrationSetReport report;
    QDirIterator it(info.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (imageSuffixes.contains(suffix))
            ++report.imageCount;
        else if (suffix == QLatin1String("npz"))
            ++report.npzCount;
        else if (suffix == QLatin1String("npy"))
            ++report.npyCount;
        else
            continue;
        report.totalBytes += QFileInfo(path).size();
        files.append(path);
    }
    std::sort(files.begin(), files.end());

    QHash<QByteArray, QStringList> byHash;
    const QSet<QString> wantedKeys(options.inputNames.cbegin(), options.inputNames.cend());
    for (const QString &path : std::as_const(files)) {
        if (report.inspected >= options.maxInspected)
            break;
        ++report.inspected;
        const QString suffix = QFileInfo(path).suffix().toLower();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report.unreadable.append(path);
            continue;
        }
        const QByteArray bytes = file.readAll();
        byHash[QCryptographicHash::hash(bytes, QCryptographicHash::Sha256)].append(path);
        if (suffix == QLatin1String("npz")) {
            const auto npz = NpzFile::open(path);
            if (!npz) {
                report.unreadable.append(path);
                continue;
            }
            const QStringList names = npz->names();
            if (!wantedKeys.isEmpty() && QSet<QString>(names.cbegin(), names.cend()) != wantedKeys)
                report.npzWrongKeys.append(QStringLiteral("%1 (keys: %2)").arg(path, names.join(QStringLiteral(", "))));
            continue;
        }
        if (suffix == QLatin1String("npy"))
            continue;
        if (bytes.isEmpty()) {
            report.unreadable.append(path);
            continue;
        }
        const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
        const cv::Mat image = cv::imdecode(raw, cv::IMREAD_REDUCED_COLOR_8);
        if (image.empty()) {
            report.unreadable.append(path);
            continue;
        }
        // Decoders fill a cut-off file with gray and succeed: the missing end marker tells.
        if (!hasEndMarker(bytes.right(64), suffix))
            report.truncated.append(path);
        const auto header = readHeader(bytes.left(1 << 17));
        const int width = header ? header->width : image.cols * 8;
        const int height = header ? header->height : image.rows * 8;
        bool gray = header && header->channels <= 2;
        if (!gray && image.channels() == 3) {
            // Colour files holding a gray picture (all three channels equal) count as gray too.
            std::vector<cv::Mat> ch;
            cv::split(image, ch);
            gray = cv::countNonZero(ch[0] != ch[1]) == 0 && cv::countNonZero(ch[1] != ch[2]) == 0;
        }
        if (gray)
            report.grayscale.append(path);
        else
            ++report.colorCount;
        if (options.inputWidth > 0 && options.inputHeight > 0
            && (width * 2 < options.inputWidth || height * 2 < options.inputHeight))
            report.tooSmall.append(QStringLiteral("%1 (%2×%3)").arg(path).arg(width).arg(height));
    }
    for (auto itHash = byHash.cbegin(); itHash != byHash.cend(); ++itHash) {
        if (itHash->size() > 1)
            report.duplicates.append(*itHash);
    }
    std::sort(report.duplicates.begin(), report.duplicates.end(),
              [](const QStringList &a, const QStringList &b) { return a.first() < b.first(); });
    return report;
}

static QString firstOf(const QStringList &files, int total)
{
    return total == 1 ? files.first() : QStringLiteral("e.g. %1").arg(files.first());
}

QList<Diagnostic> CalibrationSetCheck::diagnostics(const CalibrationSetReport &report,
                                                    const CalibrationSetOptions &options, const QString &folder)
{
    QList<Diagnostic> out;
    const auto add = [&out, &folder](Diagnostic::Severity severity, const QString &code, const QString &message,
                            const QString &suggestion, const QStringList &details = {}) {
        Diagnostic d;
        d.severity = severity;
        d.stage = QStringLiteral("preflight");
        d.code = code;
        d.message = message;
        d.suggestion = suggestion;
        d.file = folder;
        d.details = details;
        out.append(d);
    };
    using S = Diagnostic::Severity;
    const int kinds = int(report.imageCount > 0) + int(report.npzCount > 0) + int(report.npyCount > 0);
    if (kinds > 1) {
        add(S::Error, QStringLiteral("calibration_mixed_types"),
            QStringLiteral("The calibration folder %1 mixes images (%2), .npz (%3) and .npy (%4) samples; "
                           "run_calibration accepts only one kind.")
                .arg(folder).arg(report.imageCount).arg(report.npzCount).arg(report.npyCount),
            QStringLiteral("Keep one kind of sample in the folder."));
    }
    if (options.inputNames.size() > 1 && report.imageCount > 0) {
        add(S::Error, QStringLiteral("calibration_needs_npz"),
            QStringLiteral("The model has %1 inputs, so each calibration sample must be a .npz holding all of "
                           "them; %2 holds %3 images.")
                .arg(options.inputNames.size()).arg(folder).arg(report.imageCount),
            QStringLiteral("Save one .npz per sample with the keys %1.").arg(options.inputNames.join(QStringLiteral(", "))));
    }
    if (!report.unreadable.isEmpty()) {
        add(S::Error, QStringLiteral("calibration_unreadable"),
            QStringLiteral("%1 calibration file%2 cannot be read (%3).")
                .arg(report.unreadable.size())
                .arg(report.unreadable.size() == 1 ? QString() : QStringLiteral("s"))
                .arg(firstOf(report.unreadable, int(report.unreadable.size()))),
            QStringLiteral("Delete or replace them; run_calibration stops at the first one it cannot open."),
            report.unreadable);
    }
    if (report.usableCount() < options.inputNum && report.usableCount() < report.imageCount + report.npzCount + report.npyCount) {
        add(S::Error, QStringLiteral("calibration_too_few_usable"),
            QStringLiteral("Only %1 of the calibration files can be used but input_num is %2.")
                .arg(report.usableCount())
                .arg(options.inputNum),
            QStringLiteral("Replace the unreadable files or lower input_num."));
    }
    if (!report.truncated.isEmpty()) {
        add(S::Warning, QStringLiteral("calibration_truncated"),
            QStringLiteral("%1 calibration image%2 end%3 early, as if cut off while copying (%4).")
                .arg(report.truncated.size())
                .arg(report.truncated.size() == 1 ? QString() : QStringLiteral("s"))
                .arg(report.truncated.size() == 1 ? QStringLiteral("s") : QString())
                .arg(firstOf(report.truncated, int(report.truncated.size()))),
            QStringLiteral("Copy them again; their missing part is calibrated as gray."), report.truncated);
    }
    if (options.colorModel && !report.grayscale.isEmpty() && report.colorCount > 0) {
        add(S::Warning, QStringLiteral("calibration_grayscale"),
            QStringLiteral("%1 of %2 calibration images are grayscale among colour ones (%3).")
                .arg(report.grayscale.size())
                .arg(report.grayscale.size() + report.colorCount)
                .arg(firstOf(report.grayscale, int(report.grayscale.size()))),
            QStringLiteral("The camera delivers colour: replace them with colour pictures of the scene."),
            report.grayscale);
    }
    if (!report.tooSmall.isEmpty()) {
        add(S::Warning, QStringLiteral("calibration_small_images"),
            QStringLiteral("%1 calibration image%2 less than half the model input of %3×%4 (%5).")
                .arg(report.tooSmall.size())
                .arg(report.tooSmall.size() == 1 ? QStringLiteral(" is") : QStringLiteral("s are"))
                .arg(options.inputWidth)
                .arg(options.inputHeight)
                .arg(firstOf(report.tooSmall, int(report.tooSmall.size()))),
            QStringLiteral("Upscaled images calibrate blurred activations; use pictures at least as large as the input."),
            report.tooSmall);
    }
    if (!report.duplicates.isEmpty()) {
        QStringList details;
        int extra = 0;
        for (const QStringList &group : report.duplicates) {
            details.append(group.join(QStringLiteral(" = ")));
            extra += int(group.size()) - 1;
        }
        add(S::Warning, QStringLiteral("calibration_duplicates"),
            QStringLiteral("%1 calibration file%2 duplicate%3 of others (e.g. %4).")
                .arg(extra)
                .arg(extra == 1 ? QStringLiteral(" is a") : QStringLiteral("s are"))
                .arg(extra == 1 ? QString() : QStringLiteral("s"))
                .arg(report.duplicates.first().join(QStringLiteral(" = "))),
            QStringLiteral("Duplicates count twice in the statistics; remove them."), details);
    }
    if (!report.npzWrongKeys.isEmpty()) {
        add(S::Error, QStringLiteral("calibration_npz_keys"),
            QStringLiteral("%1 .npz sample%2 not hold exactly the model inputs %3 (%4).")
                .arg(report.npzWrongKeys.size())
                .arg(report.npzWrongKeys.size() == 1 ? QStringLiteral(" does") : QStringLiteral("s do"))
                .arg(options.inputNames.join(QStringLiteral(", ")))
                .arg(firstOf(report.npzWrongKeys, int(report.npzWrongKeys.size()))),
            QStringLiteral("Save each sample with numpy.savez(path, **{input_name: array}) using the model's input names."),
            report.npzWrongKeys);
    }
    const int samples = std::min(options.inputNum, report.usableCount());
    const double seconds = estimateSeconds(samples, options.macsPerSample);
    if (seconds >= 30) { // worth knowing before a run; shorter ones need no warning
        add(S::Info, QStringLiteral("calibration_time"),
            QStringLiteral("Calibrating with %1 samples should take about %2 on an x86-64 computer (several times "
                           "longer under emulation).")
                .arg(samples)
                .arg(seconds < 90 ? QStringLiteral("%1 s").arg(qRound(seconds))
                                  : QStringLiteral("%1 min").arg(qRound(seconds / 60))),
            QString());
    }
    return out;
}

} // namespace Mcw::Core
