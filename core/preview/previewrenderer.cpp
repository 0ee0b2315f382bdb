// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewrenderer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

static cv::Scalar classColour(int classId)
{
    // Ultralytics-like palette, RGB.
    static const int palette[][3]
        = {{255, 56, 56},  {255, 157, 151}, {255, 112, 31}, {255, 178, 29},  {207, 210, 49},
           {72, 249, 10},  {146, 204, 23},  {61, 219, 134}, {26, 147, 52},   {0, 212, 187},
           {44, 153, 168}, {0, 194, 255},   {52, 69, 147},  {100, 115, 255}, {0, 24, 236},
           {132, 56, 255}, {82, 0, 133},    {203, 56, 255}, {255, 149, 200}, {255, 55, 199}};
    const int *c = palette[std::abs(classId) % 20];
    return cv::Scalar(c[0], c[1], c[2]);
}

QList<QPointF> PreviewRenderer::corners(const Detection &d)
{
    const double cx = d.x + d.w / 2.0;
    const double cy = d.y + d.h / 2.0;
    const double rad = d.rotated ? d.angle * M_PI : 0.0;
    const double c = std::cos(rad);
    const double s = std::sin(rad);
    QList<QPointF> out;
    const double hw = d.w / 2.0;
    const double hh = d.h / 2.0;
    for (const auto &[dx, dy] :
         {std::pair{-hw, -hh}, std::pair{hw, -hh}, std::pair{hw, hh}, std::pair{-hw, hh}})
        out.append(QPointF(cx + dx * c - dy * s, cy + dx * s + dy * c));
    return out;
}

RenderedImage PreviewRenderer::draw(const SourceImage &image,
                                    const DecodedOutputs &decoded,
                                    const Options &options)
{
    RenderedImage out;
    if (image.isNull())
        return out;
    cv::Mat canvas
        = cv::Mat(image.height, image.width, CV_8UC3, const_cast<char *>(image.rgb.constData()))
              .clone();
    const int base = std::max(1, int(std::lround(std::max(image.width, image.height) / 400.0)));
    const double fontScale = 0.4 * base;

    // Masks first, so boxes and labels stay readable on top.
    for (const Detection &d : decoded.detections) {
        if (d.mask.isEmpty() || d.w < 1 || d.h < 1)
            continue;
        const cv::Mat mask(
            d.maskHeight, d.maskWidth, CV_8UC1, const_cast<char *>(d.mask.constData()));
        cv::Mat scaled;
        cv::resize(mask,
                   scaled,
                   cv::Size(std::max(1, int(d.w)), std::max(1, int(d.h))),
                   0,
                   0,
                   cv::INTER_LINEAR);
        const cv::Rect box = cv::Rect(int(d.x), int(d.y), scaled.cols, scaled.rows)
                             & cv::Rect(0, 0, canvas.cols, canvas.rows);
        if (box.empty())
            continue;
        cv::Mat region = canvas(box);
        cv::Mat tint(region.size(), region.type(), classColour(d.classId));
        cv::Mat blended;
        cv::addWeighted(region, 0.5, tint, 0.5, 0, blended);
        cv::Mat inside = scaled(cv::Rect(0, 0, box.width, box.height)) > 127;
        blended.copyTo(region, inside);
    }

    for (int i = 0; i < decoded.detections.size(); ++i) {
        const Detection &d = decoded.detections[i];
        const cv::Scalar colour = classColour(d.classId);
        const int thickness = i == options.highlighted ? base * 4 : base * 2;
        std::vector<cv::Point> poly;
        for (const QPointF &p : corners(d))
            poly.emplace_back(int(std::lround(p.x())), int(std::lround(p.y())));
        cv::polylines(canvas, poly, true, colour, thickness, cv::LINE_AA);
        if (d.keypoints.size() == 17) {
            static const int skeleton[][2] = {{15, 13},
                                              {13, 11},
                                              {16, 14},
                                              {14, 12},
                                              {11, 12},
                                              {5, 11},
                                              {6, 12},
                                              {5, 6},
                                              {5, 7},
                                              {6, 8},
                                              {7, 9},
                                              {8, 10},
                                              {1, 2},
                                              {0, 1},
                                              {0, 2},
                                              {1, 3},
                                              {2, 4},
                                              {3, 5},
                                              {4, 6}};
            for (const auto &e : skeleton) {
                const QPointF a = d.keypoints[e[0]];
                const QPointF b = d.keypoints[e[1]];
                if (a.x() < 0 || b.x() < 0)
                    continue;
                cv::line(canvas,
                         cv::Point(int(a.x()), int(a.y())),
                         cv::Point(int(b.x()), int(b.y())),
                         colour,
                         base,
                         cv::LINE_AA);
            }
        }
        for (const QPointF &p : d.keypoints) {
            if (p.x() < 0 && p.y() < 0)
                continue;
            cv::circle(canvas,
                       cv::Point(int(p.x()), int(p.y())),
                       base * 3,
                       cv::Scalar(255, 0, 0),
                       cv::FILLED,
                       cv::LINE_AA);
        }
        const std::string text
            = QStringLiteral("%1 %2").arg(d.label).arg(d.score, 0, 'f', 2).toStdString();
        int baseline = 0;
        const cv::Size size
            = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, fontScale, base, &baseline);
        const int tx = std::clamp(poly[0].x, 0, std::max(0, canvas.cols - size.width));
        const int ty = std::clamp(poly[0].y - 2, size.height + 2, canvas.rows - 1);
        cv::rectangle(canvas,
                      cv::Rect(tx, ty - size.height - 2, size.width + 2, size.height + 4),
                      colour,
                      cv::FILLED);
        cv::putText(canvas,
                    text,
                    cv::Point(tx + 1, ty),
                    cv::FONT_HERSHEY_SIMPLEX,
                    fontScale,
                    cv::Scalar(255, 255, 255),
                    base,
                    cv::LINE_AA);
    }

    int line = 0;
    const auto textLine = [&](const QString &s, const cv::Scalar &colour) {
        const std::string text = s.toStdString();
        int baseline = 0;
        const cv::Size size
            = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, fontScale * 1.2, base, &baseline);
        const int y = 4 + (line + 1) * (size.height + 8);
        cv::rectangle(canvas,
                      cv::Rect(2, y - size.height - 4, size.width + 6, size.height + 8),
                      cv::Scalar(0, 0, 0),
                      cv::FILLED);
        cv::putText(canvas,
                    text,
                    cv::Point(5, y),
                    cv::FONT_HERSHEY_SIMPLEX,
                    fontScale * 1.2,
                    colour,
                    base,
                    cv::LINE_AA);
        ++line;
    };
    if (!options.title.isEmpty())
        textLine(options.title, cv::Scalar(255, 255, 255));
    for (const Classification &c : decoded.classes)
        textLine(QStringLiteral("%1  %2").arg(c.label).arg(c.score, 0, 'f', 3),
                 classColour(c.classId));

    out.width = canvas.cols;
    out.height = canvas.rows;
    out.rgb
        = QByteArray(reinterpret_cast<const char *>(canvas.data), qsizetype(canvas.total()) * 3);
    return out;
}

} // namespace Mcw::Core
