// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "svggraphwriter.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/nodeitem.h>

#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QRegularExpression>

#include <charconv>
#include <cmath>

namespace Mcw::Widgets {

namespace {

/** Appends SVG text; numbers with at most two decimals and no trailing zeros. */
class SvgOut
{
public:
    explicit SvgOut(QByteArray &out)
        : m_out(out)
    {}

    SvgOut &operator<<(const char *text)
    {
        m_out.append(text);
        return *this;
    }
    SvgOut &operator<<(double v)
    {
        // Coordinates are written millions of times: to_chars into a stack buffer, no QByteArray.
        char buffer[32];
        double rounded = std::round(v * 100.0) / 100.0;
        if (rounded == 0.0)
            rounded = 0.0; // no "-0"
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 2);
        char *end = result.ptr;
        while (end[-1] == '0')
            --end;
        if (end[-1] == '.')
            --end;
        m_out.append(buffer, end - buffer);
        return *this;
    }
    SvgOut &operator<<(const QColor &c)
    {
        static const char hex[] = "0123456789abcdef";
        const char text[7] = {'#', hex[c.red() >> 4], hex[c.red() & 15], hex[c.green() >> 4], hex[c.green() & 15],
                              hex[c.blue() >> 4], hex[c.blue() & 15]};
        m_out.append(text, 7);
        return *this;
    }
    /** Escaped character data or attribute value. */
    SvgOut &text(const QString &s)
    {
        static const QRegularExpression special(QStringLiteral("[<>&\"]"));
        m_out.append(s.contains(special) ? s.toHtmlEscaped().toUtf8() : s.toUtf8());
        return *this;
    }

private:
    QByteArray &m_out;
};

} // namespace

/** Per-font offsets from a line's vertical centre to its baseline, as QPainter centres text. */
struct Baselines
{
    double header;
    double body;
    double label;
};

static double baselineOffset(const QFont &font)
{
    const QFontMetricsF m(font);
    return (m.ascent() - m.descent()) / 2;
}

static QColor mix(const QColor &base, const QColor &tint, double a)
{
    return QColor::fromRgbF(base.redF() * (1 - a) + tint.redF() * a, base.greenF() * (1 - a) + tint.greenF() * a,
                            base.blueF() * (1 - a) + tint.blueF() * a);
}

static void arc(SvgOut &o, double radius, double x, double y)
{
    o << "A" << radius << " " << radius << " 0 0 1 " << x << " " << y;
}

/** `<path d="…"` of the rounded box, the shape NodeItem fills and strokes. */
static void boxPath(SvgOut &o, const QRectF &r, double radius)
{
    o << "<path d=\"M" << r.left() + radius << " " << r.top() << "H" << r.right() - radius;
    arc(o, radius, r.right(), r.top() + radius);
    o << "V" << r.bottom() - radius;
    arc(o, radius, r.right() - radius, r.bottom());
    o << "H" << r.left() + radius;
    arc(o, radius, r.left(), r.bottom() - radius);
    o << "V" << r.top() + radius;
    arc(o, radius, r.left() + radius, r.top());
    o << "Z\"";
}

// Rounded top corners only: the header of an op box (NodeItem clips it to the rounded shape).
static void headerPath(SvgOut &o, const QRectF &r, double height, double radius)
{
    o << "M" << r.left() << " " << r.top() + height << "V" << r.top() + radius;
    arc(o, radius, r.left() + radius, r.top());
    o << "H" << r.right() - radius;
    arc(o, radius, r.right(), r.top() + radius);
    o << "V" << r.top() + height << "Z";
}

static void writeEdge(SvgOut &o, const EdgeItem &edge, const GraphStyle &style, const QPointF &origin,
                      const Baselines &baselines)
{
    const QColor color = edge.isMarked() ? style.selection()
                         : edge.isCut() ? style.cut()
                         : edge.isGreyed() ? style.greyFill().darker(120) : style.edge();
    o << "<g id=\"edge-" << double(edge.edgeIndex()) << "\" class=\"edge\"><title>";
    o.text(edge.tensor()) << "</title>";
    const QPainterPath path = edge.path();
    if (!path.isEmpty()) {
        o << "<path d=\"";
        for (int i = 0; i < path.elementCount(); ++i) {
            const QPainterPath::Element e = path.elementAt(i);
            o << (e.isMoveTo() ? "M" : e.isLineTo() ? "L" : e.isCurveTo() ? "C" : " ") << e.x - origin.x() << " "
              << e.y - origin.y();
        }
        o << "\" fill=\"none\" stroke=\"" << color << "\"";
        if (edge.isMarked() || edge.isCut())
            o << " stroke-width=\"2.5\"";
        o << "/>";
    }
    const QPolygonF arrow = edge.arrow();
    if (!arrow.isEmpty()) {
        o << "<path d=\"M";
        for (int i = 0; i < arrow.size(); ++i)
            o << (i ? "L" : "") << arrow[i].x() - origin.x() << " " << arrow[i].y() - origin.y();
        o << "Z\" fill=\"" << color << "\" stroke=\"none\"/>";
    }
    if (!edge.label().isEmpty()) {
        const QRectF r = edge.labelRect().translated(-origin);
        o << "<text class=\"l\" x=\"" << r.center().x() << "\" y=\"" << r.center().y() + baselines.label << "\" fill=\""
          << (edge.isGreyed() ? style.greyFill().darker(140) : style.mutedText()) << "\">";
        o.text(edge.label()) << "</text>";
    }
    o << "\n</g>\n";
}

static void writeNode(SvgOut &o, const NodeItem &node, const GraphStyle &style, const QPointF &origin,
                      double headerHeight, double lineHeight, const Baselines &baselines)
{
    const QRectF r = node.box().translated(-origin);
    const bool greyed = node.isGreyed();
    const QColor header = greyed ? style.greyFill() : style.headerColor(node.category());
    const QColor outline = node.isMarked() ? style.selection()
                           : node.isHighlighted() ? style.highlight()
                           : node.hasCutMarker() ? style.cut() : QColor();
    const double radius = node.isPill() ? r.height() / 2 : GraphStyle::cornerRadius;
    QColor body = greyed ? style.greyFill() : style.nodeFill();
    if (node.tint().isValid())
        body = mix(body, node.tint(), style.isDark() ? 0.35 : 0.30);

    o << "<g id=\"node-" << double(node.displayIndex()) << "\" class=\"node\"><title>";
    o.text(node.title()) << "</title>";
    boxPath(o, r, radius);
    o << " fill=\"" << (node.isPill() ? header : body) << "\"/>";
    const double top = node.isPill() ? r.height() : std::min(r.height(), headerHeight);
    if (!node.isPill() && top < r.height() - 1) { // 1: nodeSize() rounds the box up
        o << "<path d=\"";
        headerPath(o, r, top, radius);
        o << "\" fill=\"" << header << "\"/>";
    } else if (!node.isPill()) {
        boxPath(o, r, radius); // no body lines: the header is the whole rounded box
        o << " fill=\"" << header << "\"/>";
    }
    const QColor frame = node.tint().isValid() ? node.tint() : greyed ? style.greyFill().darker(115) : style.nodeBorder();
    boxPath(o, r, radius);
    o << " fill=\"none\" stroke=\"" << frame << "\"";
    if (node.tint().isValid())
        o << " stroke-width=\"3.5\"";
    o << "/>";
    if (outline.isValid()) {
        boxPath(o, r, radius);
        o << " fill=\"none\" stroke=\"" << outline << "\" stroke-width=\"" << (node.isMarked() ? 3.0 : 2.5) << "\"/>";
    }
    o << "<text class=\"h\" x=\"" << r.center().x() << "\" y=\"" << r.top() + top / 2 + baselines.header << "\" fill=\""
      << (greyed ? style.mutedText() : style.headerTextColor(node.category())) << "\">";
    o.text(node.header()) << "</text>";
    if (!node.isPill() && !node.lines().isEmpty()) {
        double y = r.top() + top + GraphStyle::bodyPadding - 1 + lineHeight / 2 + baselines.body;
        const double x = r.left() + GraphStyle::bodyPadding + 2;
        const QColor nameColor = greyed ? style.mutedText() : style.text();
        for (const auto &[name, value] : node.lines()) {
            o << "<text class=\"b\" x=\"" << x << "\" y=\"" << y << "\" fill=\"" << nameColor << "\">";
            o.text(name) << " <tspan fill=\"" << style.mutedText() << "\">";
            o.text(value) << "</tspan></text>";
            y += lineHeight + 1;
        }
    }
    if (node.hasCutMarker()) {
        o << "<rect x=\"" << r.left() << "\" y=\"" << r.bottom() - 3 << "\" width=\"" << r.width()
          << "\" height=\"3\" fill=\"" << style.cut() << "\"/>";
    }
    o << "\n</g>\n";
}

QByteArray SvgGraphWriter::write(const GraphScene &scene)
{
    const GraphStyle &style = scene.style();
    const QRectF source = scene.sceneRect();
    const QPointF origin = source.topLeft();
    QByteArray bytes;
    bytes.reserve(qsizetype(scene.nodeItems().size()) * 700 + qsizetype(scene.edgeItems().size()) * 300 + 1024);
    SvgOut o(bytes);
    const double w = std::ceil(source.width());
    const double h = std::ceil(source.height());
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << w << "\" height=\"" << h
      << "\" viewBox=\"0 0 " << w << " " << h << "\">\n<title>";
    o.text(QFileInfo(scene.graph().filePath()).fileName()) << "</title>\n";
    // Shared presentation lives in one style sheet, not on every element.
    o << "<style>text{font-family:'" << style.headerFont().family().toLatin1().constData()
      << "',sans-serif}.h{font-size:" << double(style.headerFont().pixelSize())
      << "px;font-weight:600;text-anchor:middle}.b{font-size:" << double(style.bodyFont().pixelSize())
      << "px}.l{font-size:" << double(style.labelFont().pixelSize()) << "px;text-anchor:middle}</style>\n";
    o << "<rect width=\"" << w << "\" height=\"" << h << "\" fill=\"" << style.background() << "\"/>\n";
    const Baselines baselines{baselineOffset(style.headerFont()), baselineOffset(style.bodyFont()),
                              baselineOffset(style.labelFont())};
    for (const EdgeItem *edge : scene.edgeItems())
        writeEdge(o, *edge, style, origin, baselines);
    const double headerHeight = style.headerHeight();
    const double lineHeight = style.bodyLineHeight();
    for (const NodeItem *node : scene.nodeItems())
        writeNode(o, *node, style, origin, headerHeight, lineHeight, baselines);
    o << "</svg>\n";
    return bytes;
}

} // namespace Mcw::Widgets
