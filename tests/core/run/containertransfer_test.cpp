// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Copy mode's archives against an independent tar implementation: Python's tarfile reads what
// TarWriter writes, and writes (in the ustar, pax and GNU formats docker and GNU tar use) what
// TarReader and ContainerTransfer read.
#include "runtestsupport.h"

#include <core/bundle/tarreader.h>
#include <core/bundle/tarwriter.h>
#include <core/run/containertransfer.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::ContainerTransfer;

namespace {

/** Runs \a script with /usr/bin/python3 (argv: the rest); returns stdout, fails the test otherwise. */
QByteArray python(const QString &script, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MCW_PYTHON), QStringList{QStringLiteral("-c"), script} + args);
    EXPECT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    return p.readAllStandardOutput();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Lists a tar as JSON: [[name, type, size, sha-less content prefix], ...].
const char *const ListTar = R"PY(
import json, sys, tarfile
out = []
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        data = t.extractfile(m).read().decode('latin-1') if m.isfile() else ''
        out.append([m.name, 'dir' if m.isdir() else 'file' if m.isfile() else 'other', m.size, data, m.mtime, m.mode])
print(json.dumps(out))
)PY";

} // namespace

TEST(TarWriter, PythonsTarfileReadsNamesContentTimesAndModes)
{
    QTemporaryDir dir;
    const QString longName = QStringLiteral("tmp/") + QString(120, QLatin1Char('n')) + QStringLiteral("/données ü.npz");
    const QString small = dir.filePath(QStringLiteral("small.txt"));
    const QString big = dir.filePath(QStringLiteral("big.bin"));
    writeFile(small, "hello\n");
    QByteArray bigBytes;
    for (int i = 0; i < 300000; ++i)
        bigBytes.append(char(i * 7));
    writeFile(big, bigBytes);
    QFile(small).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString tarPath = dir.filePath(QStringLiteral("out.tar"));
    {
        QFile out(tarPath);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        Core::TarWriter tar(&out);
        ASSERT_TRUE(tar.addDirectory(QStringLiteral("tmp/job"), QDateTime::fromSecsSinceEpoch(1700000000), 01777));
        ASSERT_TRUE(tar.addFile(QStringLiteral("tmp/job/small.txt"), small));
        ASSERT_TRUE(tar.addFile(longName, big));
        ASSERT_TRUE(tar.finish());
    }
    const QJsonArray list = QJsonDocument::fromJson(python(QString::fromLatin1(ListTar), {tarPath})).array();
    ASSERT_EQ(list.size(), 3);
    EXPECT_EQ(list.at(0).toArray().at(0).toString(), QStringLiteral("tmp/job"));
    EXPECT_EQ(list.at(0).toArray().at(1).toString(), QStringLiteral("dir"));
    EXPECT_EQ(list.at(0).toArray().at(4).toInteger(), 1700000000);
    EXPECT_EQ(list.at(0).toArray().at(5).toInt(), 01777) << "the sticky /tmp keeps its mode";
    EXPECT_EQ(list.at(1).toArray().at(3).toString(), QStringLiteral("hello\n"));
    EXPECT_EQ(list.at(1).toArray().at(5).toInt(), 0755);
    EXPECT_EQ(list.at(1).toArray().at(4).toInteger(), QFileInfo(small).lastModified().toSecsSinceEpoch());
    EXPECT_EQ(list.at(2).toArray().at(0).toString(), longName) << "a long, non-ASCII name goes through a pax header";
    EXPECT_EQ(list.at(2).toArray().at(2).toInt(), bigBytes.size());
    EXPECT_EQ(list.at(2).toArray().at(3).toString().toLatin1(), bigBytes);
}

TEST(TarReader, ReadsUstarPaxAndGnuArchivesFromTarfile)
{
    QTemporaryDir dir;
    const QString script = QStringLiteral(R"PY(
import io, sys, tarfile
for fmt, path in ((tarfile.USTAR_FORMAT, sys.argv[1]), (tarfile.PAX_FORMAT, sys.argv[2]), (tarfile.GNU_FORMAT, sys.argv[3])):
    with tarfile.open(path, 'w', format=fmt) as t:
        d = tarfile.TarInfo('./sub'); d.type = tarfile.DIRTYPE; d.mtime = 1600000000; t.addfile(d)
        for name, data in (('./sub/a.txt', b'alpha'), ('./' + 'x' * 90 + '/' + 'y' * 60 + '.npz', b'B' * 1000)):
            if fmt != tarfile.USTAR_FORMAT:
                name = name.replace('a.txt', 'ä' * 70 + '.txt')
            i = tarfile.TarInfo(name); i.size = len(data); i.mtime = 1600000123; t.addfile(i, io.BytesIO(data))
)PY");
    const QStringList paths{dir.filePath(QStringLiteral("ustar.tar")), dir.filePath(QStringLiteral("pax.tar")),
                            dir.filePath(QStringLiteral("gnu.tar"))};
    python(script, paths);
    for (const QString &path : paths) {
        SCOPED_TRACE(path.toStdString());
        QFile in(path);
        ASSERT_TRUE(in.open(QIODevice::ReadOnly));
        Core::TarReader tar(&in);
        QStringList names;
        QList<QByteArray> contents;
        for (;;) {
            auto e = tar.next();
            ASSERT_TRUE(e.has_value()) << e.error().message.toStdString();
            if (!*e)
                break;
            names.append((*e)->path);
            QBuffer data;
            data.open(QIODevice::WriteOnly);
            if ((*e)->type == Core::TarReader::Entry::Type::File)
                ASSERT_TRUE(tar.copyDataTo(&data));
            contents.append(data.data());
            if ((*e)->type == Core::TarReader::Entry::Type::File)
                EXPECT_EQ((*e)->modified.toSecsSinceEpoch(), 1600000123);
        }
        ASSERT_EQ(names.size(), 3);
        EXPECT_EQ(names.at(0), QStringLiteral("./sub/")) << "tarfile stores folders with their slash";
        const bool pax = !path.endsWith(QLatin1String("ustar.tar"));
        EXPECT_EQ(names.at(1), pax ? QStringLiteral("./sub/") + QString(70, QChar(0xe4)) + QStringLiteral(".txt")
                                   : QStringLiteral("./sub/a.txt"));
        EXPECT_EQ(names.at(2), QStringLiteral("./") + QString(90, QLatin1Char('x')) + QLatin1Char('/') + QString(60, QLatin1Char('y')) + QStringLiteral(".npz"));
        EXPECT_EQ(contents.at(1), QByteArray("alpha"));
        EXPECT_EQ(contents.at(2), QByteArray(1000, 'B'));
    }
}

TEST(TarReader, RefusesTruncatedArchivesAndArchivesOverTheLimit)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.tar"));
    python(QStringLiteral("import io, sys, tarfile\n"
                          "with tarfile.open(sys.argv[1], 'w', format=tarfile.USTAR_FORMAT) as t:\n"
                          "    i = tarfile.TarInfo('big.bin'); i.size = 5000; t.addfile(i, io.BytesIO(b'z' * 5000))\n"),
           {path});
    const QByteArray whole = readFile(path);
    QBuffer cut;
    cut.setData(whole.left(512 + 2000));
    cut.open(QIODevice::ReadOnly);
    Core::TarReader truncated(&cut, QStringLiteral("cut.tar"));
    auto e = truncated.next();
    ASSERT_TRUE(e.has_value() && *e);
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto copied = truncated.copyDataTo(&sink);
    ASSERT_FALSE(copied.has_value());
    EXPECT_EQ(copied.error().message, QStringLiteral("cut.tar ends in the middle of an entry (truncated)."));

    QBuffer full;
    full.setData(whole);
    full.open(QIODevice::ReadOnly);
    Core::TarReader::Limits limits;
    limits.maxTotalBytes = 4 << 20;
    limits.maxTotalBytes = 4096;
    Core::TarReader capped(&full, QStringLiteral("big.tar"), limits);
    const auto refused = capped.next();
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(refused.error().message.startsWith(QStringLiteral("big.tar holds more than"))) << refused.error().message.toStdString();
}

TEST(ContainerTransfer, PacksTheJobFolderAndAbsoluteInputsAtTheirOwnPaths)
{
    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("runs/20261203-m"));
    const QString cali = dir.filePath(QStringLiteral("my images"));
    writeFile(job + QStringLiteral("/m.mlir"), "module");
    writeFile(job + QStringLiteral("/job.json"), "{}");
    writeFile(job + QStringLiteral("/logs/transform-1.log"), "log");
    writeFile(job + QStringLiteral("/.mcw-transfer/x-in.tar"), "old");
    writeFile(cali + QStringLiteral("/a.jpg"), "jpeg a");
    writeFile(cali + QStringLiteral("/sub/b.jpg"), "jpeg b");
    writeFile(dir.filePath(QStringLiteral("unrelated.txt")), "not an input");
    const Core::ToolInvocation tool{QStringLiteral("run_calibration.py"),
                                    {QStringLiteral("m.mlir"), QStringLiteral("--dataset=") + cali, QStringLiteral("--input_num"), QStringLiteral("2")},
                                    job, {}};
    const QStringList inputs = ContainerTransfer::inputsFor(tool, job);
    EXPECT_EQ(inputs, (QStringList{job, cali}));
    const QString tarPath = dir.filePath(QStringLiteral("in.tar"));
    const auto manifest = ContainerTransfer::pack(inputs, job, tarPath);
    ASSERT_TRUE(manifest.has_value()) << manifest.error().message.toStdString();
    EXPECT_EQ(manifest->files.size(), 3);
    EXPECT_EQ(manifest->bytes, 6 + 6 + 6);

    const QJsonArray list = QJsonDocument::fromJson(python(QString::fromLatin1(ListTar), {tarPath})).array();
    QStringList files;
    QStringList dirs;
    for (const QJsonValue &v : list)
        (v.toArray().at(1).toString() == QLatin1String("dir") ? dirs : files).append(v.toArray().at(0).toString());
    const QString root = dir.path().mid(1);
    EXPECT_EQ(files, (QStringList{root + QStringLiteral("/my images/a.jpg"), root + QStringLiteral("/my images/sub/b.jpg"),
                                  root + QStringLiteral("/runs/20261203-m/m.mlir")}))
        << "logs, job.json and our own files stay here; paths are the absolute ones without '/'";
    EXPECT_TRUE(dirs.contains(root + QStringLiteral("/runs/20261203-m")));
    EXPECT_LT(dirs.indexOf(root + QStringLiteral("/runs")), dirs.indexOf(root + QStringLiteral("/runs/20261203-m")))
        << "parents come before their children";
}

TEST(ContainerTransfer, UnpacksOnlyWhatTheStepWroteAndRefusesEscapes)
{
    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("job"));
    writeFile(job + QStringLiteral("/m.mlir"), "module");
    const auto manifest = ContainerTransfer::pack({job}, job, dir.filePath(QStringLiteral("in.tar")));
    ASSERT_TRUE(manifest.has_value());
    const qint64 mtime = QFileInfo(job + QStringLiteral("/m.mlir")).lastModified().toSecsSinceEpoch();

    // What `docker cp CONTAINER:JOB/. -` returns: "./"-relative entries, the input unchanged.
    const QString out = dir.filePath(QStringLiteral("out.tar"));
    python(QStringLiteral("import io, sys, tarfile\n"
                          "with tarfile.open(sys.argv[1], 'w') as t:\n"
                          "    def add(name, data, mtime=1700000000):\n"
                          "        i = tarfile.TarInfo(name); i.size = len(data); i.mtime = mtime; t.addfile(i, io.BytesIO(data))\n"
                          "    d = tarfile.TarInfo('./'); d.type = tarfile.DIRTYPE; t.addfile(d)\n"
                          "    add('./m.mlir', b'module', int(sys.argv[2]))\n"
                          "    add('./m_cali_table', b'table')\n"
                          "    add('./job.json', b'not ours')\n"
                          "    add('./sub/m_int8.cvimodel', b'model')\n"),
           {out, QString::number(mtime)});
    QFile(job + QStringLiteral("/m.mlir")).setPermissions(QFile::ReadOwner); // a rewrite would fail
    const auto written = ContainerTransfer::unpack(out, job, *manifest);
    ASSERT_TRUE(written.has_value()) << written.error().message.toStdString();
    EXPECT_EQ(*written, (QStringList{QStringLiteral("m_cali_table"), QStringLiteral("sub/m_int8.cvimodel")}));
    EXPECT_EQ(readFile(job + QStringLiteral("/sub/m_int8.cvimodel")), QByteArray("model"));
    EXPECT_EQ(QFileInfo(job + QStringLiteral("/m_cali_table")).lastModified().toSecsSinceEpoch(), 1700000000);
    EXPECT_FALSE(QFile::exists(job + QStringLiteral("/job.json")));

    const QString evil = dir.filePath(QStringLiteral("evil.tar"));
    python(QStringLiteral("import io, sys, tarfile\n"
                          "with tarfile.open(sys.argv[1], 'w') as t:\n"
                          "    i = tarfile.TarInfo('./../escaped.txt'); i.size = 1; t.addfile(i, io.BytesIO(b'x'))\n"),
           {evil});
    const auto refused = ContainerTransfer::unpack(evil, job, *manifest);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message,
              QStringLiteral("The container returned the file '../escaped.txt', which was refused: it leaves the target folder (..)"));
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("escaped.txt"))));
}
