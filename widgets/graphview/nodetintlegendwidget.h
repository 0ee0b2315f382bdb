// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/nodetints.h>

#include <QWidget>

namespace Mcw::Widgets {

/** The legend box the graph view floats in its top-left corner while nodes are tinted. */
class NodeTintLegendWidget : public QWidget
{
public:
    explicit NodeTintLegendWidget(QWidget *parent = nullptr);

    void setLegend(const NodeTintLegend &legend);
    const NodeTintLegend &legend() const { return m_legend; }
    /** The text lines shown (title, scale, entry labels), for tests and accessibility. */
    QStringList lines() const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    NodeTintLegend m_legend;
};

} // namespace Mcw::Widgets
