// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protobuilder.h"

#include <QFile>

#include <cstring>

namespace Mcw::Tests {

ProtoBuilder::ProtoBuilder(int opset, int irVersion)
{
    m_model.set_ir_version(irVersion);
    m_model.set_producer_name("mcw-tests");
    auto *import = m_model.add_opset_import();
    import->set_domain("");
    import->set_version(opset);
    m_model.mutable_graph()->set_name("test");
}

static void setShape(onnx::ValueInfoProto *info, std::initializer_list<int64_t> dims, int type)
{
    auto *tensorType = info->mutable_type()->mutable_tensor_type();
    tensorType->set_elem_type(type);
    auto *shape = tensorType->mutable_shape();
    for (int64_t d : dims) {
        if (d < 0)
            shape->add_dim()->set_dim_param("N");
        else
            shape->add_dim()->set_dim_value(d);
    }
}

ProtoBuilder &ProtoBuilder::input(const std::string &name, std::initializer_list<int64_t> dims,
                                  int type)
{
    auto *info = graph().add_input();
    info->set_name(name);
    setShape(info, dims, type);
    return *this;
}

ProtoBuilder &ProtoBuilder::output(const std::string &name)
{
    graph().add_output()->set_name(name);
    return *this;
}

ProtoBuilder &ProtoBuilder::output(const std::string &name, std::initializer_list<int64_t> dims,
                                   int type)
{
    auto *info = graph().add_output();
    info->set_name(name);
    setShape(info, dims, type);
    return *this;
}

ProtoBuilder &ProtoBuilder::initializer(const std::string &name,
                                        std::initializer_list<int64_t> dims, float fill)
{
    auto *t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    int64_t count = 1;
    for (int64_t d : dims) {
        t->add_dims(d);
        count *= d;
    }
    std::string raw(size_t(count) * sizeof(float), '\0');
    for (int64_t i = 0; i < count; ++i)
        std::memcpy(raw.data() + i * 4, &fill, 4);
    t->set_raw_data(raw);
    return *this;
}

ProtoBuilder &ProtoBuilder::ints(const std::string &name, const std::vector<int64_t> &values)
{
    auto *t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(int64_t(values.size()));
    for (int64_t v : values)
        t->add_int64_data(v);
    return *this;
}

onnx::NodeProto &ProtoBuilder::node(const std::string &op, std::initializer_list<std::string> inputs,
                                    std::initializer_list<std::string> outputs,
                                    const std::string &name)
{
    auto *n = graph().add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const std::string &i : inputs)
        n->add_input(i);
    for (const std::string &o : outputs)
        n->add_output(o);
    return *n;
}

QByteArray ProtoBuilder::bytes() const
{
    const std::string s = m_model.SerializeAsString();
    return QByteArray(s.data(), qsizetype(s.size()));
}

void ProtoBuilder::write(const QString &path) const
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes());
}

void setIntAttribute(onnx::NodeProto &node, const std::string &name, int64_t value)
{
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

void setIntsAttribute(onnx::NodeProto &node, const std::string &name,
                      const std::vector<int64_t> &values)
{
    auto *a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
        a->add_ints(v);
}

} // namespace Mcw::Tests
