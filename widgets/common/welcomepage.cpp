// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcomepage.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Mcw::Widgets {

static QListWidget *makeRecentList(QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setAlternatingRowColors(true);
    list->setMinimumHeight(120);
    return list;
}

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_recentModels(makeRecentList(this))
    , m_recentProjects(makeRecentList(this))
    , m_sample(new QPushButton(tr("Open the &sample (YOLOv8n)"), this))
    , m_toolchain(new QLabel(this))
    , m_setUpToolchain(new QPushButton(tr("Set up toolchain…"), this))
{
    auto *title = new QLabel(tr("MaixCAM Model Workbench"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(tr("Turn a trained ONNX model into a MaixCAM bundle: a .mud file "
                                   "plus an INT8 or BF16 .cvimodel."),
                                this);
    subtitle->setWordWrap(true);

    auto *openModel = new QPushButton(tr("&Open model…"), this);
    auto *openProject = new QPushButton(tr("Open &project…"), this);
    openModel->setDefault(true);
    connect(openModel, &QPushButton::clicked, this, &WelcomePage::openModelRequested);
    connect(openProject, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);
    connect(m_sample, &QPushButton::clicked, this, &WelcomePage::openSampleRequested);
    connect(m_setUpToolchain, &QPushButton::clicked, this, &WelcomePage::setUpToolchainRequested);
    connect(m_recentModels, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentModelActivated(item->data(Qt::UserRole).toString());
    });
    connect(m_recentProjects, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentProjectActivated(item->data(Qt::UserRole).toString());
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(openModel);
    buttons->addWidget(openProject);
    buttons->addWidget(m_sample);
    buttons->addStretch();

    auto *recent = new QGridLayout;
    recent->addWidget(new QLabel(tr("Recent models"), this), 0, 0);
    recent->addWidget(new QLabel(tr("Recent projects"), this), 0, 1);
    recent->addWidget(m_recentModels, 1, 0);
    recent->addWidget(m_recentProjects, 1, 1);

    m_toolchain->setWordWrap(true);
    m_toolchain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *toolchainRow = new QHBoxLayout;
    toolchainRow->addWidget(m_toolchain, 1);
    toolchainRow->addWidget(m_setUpToolchain);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addLayout(recent, 1);
    column->addSpacing(12);
    column->addLayout(toolchainRow);

    // Keep the content readable on wide windows: a centred column of bounded width.
    auto *content = new QWidget(this);
    content->setLayout(column);
    content->setMaximumWidth(900);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addWidget(content, 4);
    outer->addStretch();
    setRecentModels({});
    setRecentProjects({});
    setToolchainStatus(tr("Checking the tpu-mlir toolchain…"), true);
}

static void fillRecent(QListWidget *list, const QStringList &paths, const QString &emptyText)
{
    list->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), list);
        item->setToolTip(path);
        item->setData(Qt::UserRole, path);
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(emptyText, list);
        item->setFlags(Qt::NoItemFlags);
    }
}

void WelcomePage::setRecentModels(const QStringList &paths)
{
    fillRecent(m_recentModels, paths, tr("No recent models"));
}

void WelcomePage::setRecentProjects(const QStringList &paths)
{
    fillRecent(m_recentProjects, paths, tr("No recent projects"));
}

void WelcomePage::setSampleAvailable(bool available)
{
    m_sample->setEnabled(available);
    m_sample->setToolTip(available ? QString() : tr("The sample model was not found next to the program."));
}

void WelcomePage::setToolchainStatus(const QString &text, bool ready)
{
    m_toolchain->setText(text);
    m_setUpToolchain->setVisible(!ready);
}

} // namespace Mcw::Widgets
