#!/usr/bin/python3
# Writes model_deploy_help.txt (what argparse prints for a subset of model_deploy.py's flags,
# reference §3.1) and model_deploy_help.flags (the flags, computed by argparse itself) for
# run_test's help parser test. Run: COLUMNS=80 /usr/bin/python3 make_help_sample.py
import argparse

p = argparse.ArgumentParser(prog="model_deploy.py", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p.add_argument("--mlir", required=True, help="optimized mlir fp32 model")
p.add_argument("--chip", "--processor", required=True, type=str.lower,
               choices=['bm1688', 'bm1684x', 'bm1684', 'bm1690', 'mars3', 'sg2380', 'cv183x', 'cv182x',
                        'cv181x', 'cv180x', 'cv186x', 'cpu'], help="chip platform name")
p.add_argument("--quantize", default="F32", type=str.upper,
               choices=['F32', 'BF16', 'F16', 'INT8', 'INT4', 'W8F16', 'W8BF16', 'W4F16', 'W4BF16',
                        'F8E4M3', 'F8E5M2', 'QDQ'], help="set default qauntization type")
p.add_argument("--model", required=True, help="output model")
p.add_argument("--calibration_table", help="calibration table for int8 quantization")
p.add_argument("--quantize_table", help="table of OPs that quantized to specific mode")
p.add_argument("--asymmetric", action="store_true", help="do INT8 asymmetric quantization")
p.add_argument("--quant_input", action="store_true", help="strip input type cast in bmodel, need outside type conversion")
p.add_argument("--quant_output", action="store_true", help="strip output type cast in bmodel, need outside type conversion")
p.add_argument("--test_input", default="", help="input npy/npz file for inference; see --test_reference")
p.add_argument("--test_reference", default="", help="reference npz file; if none, will run inner")
p.add_argument("--compare_all", action="store_true", help="Decide if compare all tensors when lowering")
p.add_argument("--tolerance", default="0.8,0.5", help="tolerance")
p.add_argument("--excepts", default="-", help="excepts")
p.add_argument("--skip_validation", action="store_true", help="skip checking the correctness of bmodel.")
p.add_argument("--fuse_preprocess", action="store_true", help="add tpu preprocesses in the front of model")
p.add_argument("--customization_format", default='', type=str.upper, help="pixel format of input frame to the model")
p.add_argument("--op_divide", action="store_true", help="if do large global op divide.")
p.add_argument("--model_version", default="latest", help="if need old version cvimodel, set the verion, such as 1.2")
p.add_argument("--debug", action="store_true", help="to keep all intermediate files for debug")

with open("model_deploy_help.txt", "w") as f:
    f.write("2025/02/19 15:50:30 - INFO : TPU-MLIR v1.15.1-20250208\n")
    f.write(p.format_help())
flags = sorted({o for a in p._actions for o in a.option_strings if o.startswith("--")})
with open("model_deploy_help.flags", "w") as f:
    f.write("\n".join(flags) + "\n")
