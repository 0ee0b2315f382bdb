// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builds tiny ONNX models directly on the protobuf for loader tests (no Python needed).

#include <onnx/onnx_pb.h>

#include <QByteArray>
#include <QString>

#include <initializer_list>
#include <string>
#include <vector>

namespace Mcw::Tests {

/** A small fluent wrapper around onnx::ModelProto. */
class ProtoBuilder
{
public:
    explicit ProtoBuilder(int opset = 13, int irVersion = 8);

    onnx::ModelProto &model() { return m_model; }
    onnx::GraphProto &graph() { return *m_model.mutable_graph(); }

    /** A float32 graph input; dims < 0 become the symbol "N". */
    ProtoBuilder &input(const std::string &name, std::initializer_list<int64_t> dims,
                        int type = onnx::TensorProto::FLOAT);
    ProtoBuilder &output(const std::string &name);
    ProtoBuilder &output(const std::string &name, std::initializer_list<int64_t> dims,
                         int type = onnx::TensorProto::FLOAT);
    /** float32 initializer filled with `fill`, stored as raw_data. */
    ProtoBuilder &initializer(const std::string &name, std::initializer_list<int64_t> dims,
                              float fill = 0.5f);
    /** int64 initializer. */
    ProtoBuilder &ints(const std::string &name, const std::vector<int64_t> &values);
    onnx::NodeProto &node(const std::string &op, std::initializer_list<std::string> inputs,
                          std::initializer_list<std::string> outputs, const std::string &name = {});

    QByteArray bytes() const;
    /** Writes the model to `path` (parent folder must exist). */
    void write(const QString &path) const;

private:
    onnx::ModelProto m_model;
};

void setIntAttribute(onnx::NodeProto &node, const std::string &name, int64_t value);
void setIntsAttribute(onnx::NodeProto &node, const std::string &name,
                      const std::vector<int64_t> &values);

} // namespace Mcw::Tests
