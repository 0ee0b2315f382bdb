// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/mud/mudreader.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

const QByteArray good = "[basic]\n"
                        "type = cvimodel\n"
                        "model = m.cvimodel\n"
                        "\n"
                        "[extra]\n"
                        "model_type = yolov8\n"
                        "input_type = rgb\n"
                        "mean = 0, 0, 0\n"
                        "scale = 0.00392156862745098, 0.00392156862745098, 0.00392156862745098\n"
                        "labels = cat, dog\n";

struct Found
{
    int line;
    QString code;
    Diagnostic::Severity severity;
};

QList<Found> problems(const QByteArray &text, bool *parses = nullptr)
{
    const MudReader::Result r = MudReader::parse(text, QStringLiteral("t.mud"));
    if (parses)
        *parses = r.deviceParses;
    QList<Found> list;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity != Diagnostic::Severity::Info)
            list.append({d.line, d.code, d.severity});
    }
    return list;
}

bool hasProblem(const QList<Found> &list, int line, const QString &code, Diagnostic::Severity severity)
{
    for (const Found &f : list) {
        if (f.line == line && f.code == code && f.severity == severity)
            return true;
    }
    return false;
}

QByteArray replaced(QByteArray text, const QByteArray &from, const QByteArray &to)
{
    EXPECT_TRUE(text.contains(from));
    return text.replace(from, to);
}

constexpr auto Err = Diagnostic::Severity::Error;
constexpr auto Warn = Diagnostic::Severity::Warning;

} // namespace

TEST(MudReaderTest, CleanFileHasNoProblems)
{
    const MudReader::Result r = MudReader::parse(good, QStringLiteral("t.mud"));
    EXPECT_TRUE(r.diagnostics.isEmpty());
    EXPECT_TRUE(r.deviceParses);
    EXPECT_EQ(r.document.value(QStringLiteral("extra"), QStringLiteral("model_type")), QStringLiteral("yolov8"));
    EXPECT_EQ(r.labels, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
}

TEST(MudReaderTest, ByteOrderMarkBreaksTheFirstLine)
{
    bool parses = true;
    const auto list = problems("\xEF\xBB\xBF" + good, &parses);
    EXPECT_FALSE(parses);
    EXPECT_TRUE(hasProblem(list, 1, QStringLiteral("mud_bom"), Err));
}

TEST(MudReaderTest, SemicolonIsNotAComment)
{
    bool parses = true;
    auto list = problems(replaced(good, "[extra]\n", "[extra]\n; my comment\n"), &parses);
    EXPECT_FALSE(parses);
    EXPECT_TRUE(hasProblem(list, 6, QStringLiteral("mud_semicolon_comment"), Err));
    // Inline ';' stays part of the value on the device, unlike desktop INI readers.
    list = problems(replaced(good, "labels = cat, dog", "labels = cat, dog ; two"));
    EXPECT_TRUE(hasProblem(list, 10, QStringLiteral("mud_reads_differently"), Warn));
}

TEST(MudReaderTest, HashCutsValues)
{
    const MudReader::Result r = MudReader::parse(replaced(good, "labels = cat, dog", "labels = C#, F#"), QStringLiteral("t.mud"));
    EXPECT_EQ(r.labels, QStringList{QStringLiteral("C")});
    bool found = false;
    for (const Diagnostic &d : r.diagnostics)
        found = found || (d.code == QLatin1String("mud_hash_in_value") && d.line == 10);
    EXPECT_TRUE(found);
    // A '#' comment line is fine.
    EXPECT_TRUE(problems(replaced(good, "[extra]\n", "[extra]\n# comment\n")).isEmpty());
}

TEST(MudReaderTest, DuplicateSectionsAreFatal)
{
    bool parses = true;
    const auto list = problems(good + "[extra]\nmean = 1\n", &parses);
    EXPECT_FALSE(parses);
    EXPECT_TRUE(hasProblem(list, 11, QStringLiteral("mud_duplicate_section"), Err));
}

TEST(MudReaderTest, FractionsAndTrailingCommasInNumbers)
{
    auto list = problems(replaced(good, "scale = 0.00392156862745098, 0.00392156862745098, 0.00392156862745098",
                                  "scale = 1/255, 1/255, 1/255"));
    EXPECT_TRUE(hasProblem(list, 9, QStringLiteral("mud_number_prefix"), Err));
    list = problems(replaced(good, "mean = 0, 0, 0", "mean = 0,0,0,"));
    EXPECT_TRUE(hasProblem(list, 8, QStringLiteral("mud_empty_number"), Err));
    list = problems(replaced(good, "mean = 0, 0, 0", "mean = 0, zero, 0"));
    EXPECT_TRUE(hasProblem(list, 8, QStringLiteral("mud_not_a_number"), Err));
}

TEST(MudReaderTest, MeanScaleCountsAndZeroScale)
{
    auto list = problems(replaced(good, "mean = 0, 0, 0", "mean = 0, 0"));
    EXPECT_TRUE(hasProblem(list, 8, QStringLiteral("mud_mean_scale_count"), Err));
    list = problems(replaced(good, "mean = 0, 0, 0", "mean = 0"));
    EXPECT_TRUE(hasProblem(list, 9, QStringLiteral("mud_mean_scale_count"), Err));
    list = problems(replaced(good, "scale = 0.00392156862745098, 0.00392156862745098, 0.00392156862745098",
                             "scale = 0.1, 0, 0.1"));
    EXPECT_TRUE(hasProblem(list, 9, QStringLiteral("mud_zero_scale"), Err));
    // One mean and one scale value is valid.
    EXPECT_TRUE(problems(replaced(replaced(good, "mean = 0, 0, 0", "mean = 0"),
                                  "scale = 0.00392156862745098, 0.00392156862745098, 0.00392156862745098",
                                  "scale = 0.5")).isEmpty());
}

TEST(MudReaderTest, LabelTrailingCommaEmptyAndAbsolutePaths)
{
    auto list = problems(replaced(good, "labels = cat, dog", "labels = cat, dog,"));
    EXPECT_TRUE(hasProblem(list, 10, QStringLiteral("mud_trailing_comma"), Warn));
    list = problems(replaced(good, "labels = cat, dog", "labels = cat,, dog"));
    EXPECT_TRUE(hasProblem(list, 10, QStringLiteral("mud_empty_label"), Err));
    list = problems(replaced(good, "labels = cat, dog", "labels = /root/labels.txt"));
    EXPECT_TRUE(hasProblem(list, 10, QStringLiteral("mud_absolute_labels"), Err));
}

TEST(MudReaderTest, CaseMattersForSectionsKeysAndValues)
{
    auto list = problems(replaced(good, "[basic]", "[Basic]"));
    EXPECT_TRUE(hasProblem(list, 1, QStringLiteral("mud_case"), Err));
    EXPECT_TRUE(hasProblem(list, 0, QStringLiteral("mud_missing_section"), Err));
    list = problems(replaced(good, "model_type = yolov8", "Model_Type = yolov8"));
    EXPECT_TRUE(hasProblem(list, 6, QStringLiteral("mud_case"), Err));
    list = problems(replaced(good, "input_type = rgb", "input_type = RGB"));
    EXPECT_TRUE(hasProblem(list, 7, QStringLiteral("mud_case"), Err));
    list = problems(replaced(good, "type = cvimodel", "type = CVIModel"));
    EXPECT_TRUE(hasProblem(list, 2, QStringLiteral("mud_case"), Err));
    list = problems(replaced(good, "model_type = yolov8", "model_type = yolov8\ntype = detect"));
    EXPECT_TRUE(hasProblem(list, 7, QStringLiteral("mud_detect"), Err));
}

TEST(MudReaderTest, MissingRequiredKeysPerModelType)
{
    auto list = problems(replaced(good, "labels = cat, dog\n", ""));
    EXPECT_TRUE(hasProblem(list, 5, QStringLiteral("mud_missing_key"), Err));
    list = problems(replaced(good, "model_type = yolov8", "model_type = yolov5"));
    EXPECT_TRUE(hasProblem(list, 5, QStringLiteral("mud_missing_key"), Err)); // anchors
    list = problems(replaced(good, "model = m.cvimodel\n", ""));
    EXPECT_TRUE(hasProblem(list, 1, QStringLiteral("mud_missing_key"), Err));
    // yolo26 needs nothing beyond model_type.
    EXPECT_TRUE(problems("[basic]\ntype = cvimodel\nmodel = m.cvimodel\n[extra]\nmodel_type = yolo26\n").isEmpty());
}

TEST(MudReaderTest, SyntaxErrorsTheDeviceRefuses)
{
    bool parses = true;
    auto list = problems(replaced(good, "[extra]", "[extra"), &parses);
    EXPECT_FALSE(parses);
    EXPECT_TRUE(hasProblem(list, 5, QStringLiteral("mud_section_syntax"), Err));
    list = problems(replaced(good, "model_type = yolov8", "model_type yolov8"), &parses);
    EXPECT_FALSE(parses);
    EXPECT_TRUE(hasProblem(list, 6, QStringLiteral("mud_line_syntax"), Err));
    list = problems(good + "labels = x\n");
    EXPECT_TRUE(hasProblem(list, 11, QStringLiteral("mud_duplicate_key"), Warn));
}

TEST(MudReaderTest, LabelsFileNextToTheMud)
{
    QTemporaryDir dir;
    QFile labels(dir.filePath(QStringLiteral("labels.txt")));
    ASSERT_TRUE(labels.open(QIODevice::WriteOnly));
    labels.write("person\nC#\n\nhot dog\n");
    labels.close();
    QFile model(dir.filePath(QStringLiteral("m.cvimodel")));
    ASSERT_TRUE(model.open(QIODevice::WriteOnly));
    model.close();
    const MudReader::Result r = MudReader::parse(replaced(good, "labels = cat, dog", "labels = labels.txt"),
                                                 QStringLiteral("t.mud"), dir.path());
    EXPECT_EQ(r.labels, (QStringList{QStringLiteral("person"), QStringLiteral("C#"), QString(), QStringLiteral("hot dog")}));
    ASSERT_EQ(r.diagnostics.size(), 1);
    EXPECT_EQ(r.diagnostics[0].code, QStringLiteral("mud_empty_label"));

    const auto missing = problems(replaced(good, "model = m.cvimodel", "model = /abs/m.cvimodel"));
    EXPECT_TRUE(hasProblem(missing, 3, QStringLiteral("mud_absolute_model"), Warn));
}

// The device reads `model = :m.cvimodel` and a labels file ":labels.txt" next to the MUD; Qt
// would take both names for absolute resource paths.
TEST(MudReaderTest, NamesStartingWithAColonAreFilesNextToTheMud)
{
    QTemporaryDir dir;
    QFile labels(dir.path() + QStringLiteral("/:labels.txt")); // not filePath(), for the same reason
    ASSERT_TRUE(labels.open(QIODevice::WriteOnly));
    labels.write("person\ncar\n");
    labels.close();
    QFile model(dir.path() + QStringLiteral("/:m.cvimodel"));
    ASSERT_TRUE(model.open(QIODevice::WriteOnly));
    model.close();
    QByteArray mud = replaced(good, "labels = cat, dog", "labels = :labels.txt");
    mud = replaced(mud, "model = m.cvimodel", "model = :m.cvimodel");
    const MudReader::Result r = MudReader::parse(mud, QStringLiteral("t.mud"), dir.path());
    EXPECT_EQ(r.labels, (QStringList{QStringLiteral("person"), QStringLiteral("car")}));
    EXPECT_TRUE(r.diagnostics.isEmpty()) << r.diagnostics.first().code.toStdString();
}
