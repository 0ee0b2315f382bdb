[basic]
type = axmodel
model_npu = mobilenetv2_npu.axmodel
model_vnpu = mobilenetv2_vnpu.axmodel

[extra]
model_type = classifier
input_type = rgb
mean = 123.675, 116.28, 103.53
scale = 0.017124753831663668, 0.01750700280112045, 0.017429193899782137
labels = labels.txt
input_cache = true
output_cache = true
input_cache_flush = true
output_cache_inval = true
