"""Signature fixtures: tiny random-weight diffusers-layout ONNX pipelines for the Java engine's tests."""
import json
import math
import os

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import REPO, WORK, load_tokenizer, log, write_json

import numpy as np
import torch
import torch.nn as nn

import bpe
from nets import AE, TextEncoder, UNet
from train import cmd_data
from export import (DIFFUSERS_VERSION, TEWrap, UNetWrap, VAEWrap, ddim_config, export_pipeline, onnx_export,
                    te_config, unet_config, vae_config)


# ---------------------------------------------------------------- signature fixtures (tiny random weights)
def _sane_init(m, seed):
    torch.manual_seed(seed)
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(mod.weight, std=1.0 / math.sqrt(mod.weight[0].numel()))
            if mod.bias is not None:
                nn.init.normal_(mod.bias, std=0.02)
    return m.eval()


def _fix_sched(kind):
    base = {"_diffusers_version": DIFFUSERS_VERSION, "num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012,
            "beta_schedule": "scaled_linear", "trained_betas": None, "steps_offset": 1, "clip_sample": False,
            "set_alpha_to_one": False, "timestep_spacing": "leading"}
    if kind == "pndm":
        return dict(base, _class_name="PNDMScheduler", skip_prk_steps=True, prediction_type="epsilon")
    if kind == "ddim_v":
        return dict(ddim_config("v_prediction"), skip_prk_steps=True)
    if kind == "euler":
        return dict(base, _class_name="EulerDiscreteScheduler", interpolation_type="linear", prediction_type="epsilon",
                    sample_max_value=1.0, skip_prk_steps=True, use_karras_sigmas=False)
    if kind == "lcm":
        return dict(base, _class_name="LCMScheduler", clip_sample_range=1.0, dynamic_thresholding_ratio=0.995,
                    original_inference_steps=50, prediction_type="epsilon", rescale_betas_zero_snr=False,
                    sample_max_value=1.0, set_alpha_to_one=True, thresholding=False, timestep_scaling=10.0)
    raise ValueError(kind)


def _sig(path):
    import onnx
    m = onnx.load(path)
    names = {1: "float32", 10: "float16", 6: "int32", 7: "int64"}

    def one(v):
        t = v.type.tensor_type
        dims = [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]
        return {"name": v.name, "dtype": names.get(t.elem_type, str(t.elem_type)), "shape": dims}
    return {"inputs": [one(v) for v in m.graph.input], "outputs": [one(v) for v in m.graph.output]}


def _run_sane(path, feeds):
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    outs = sess.run(None, feeds)
    for o, meta in zip(outs, sess.get_outputs()):
        of = o.astype(np.float32)
        assert np.isfinite(of).all(), f"{path}: {meta.name} not finite"
        assert 1e-3 < np.abs(of).mean() < 20, f"{path}: {meta.name} magnitude {np.abs(of).mean()}"
    return {meta.name: list(o.shape) for o, meta in zip(outs, sess.get_outputs())}


def cmd_fixtures(args):
    root = os.path.join(REPO, "src", "test", "resources", "fixtures")
    tok_dir = os.path.join(WORK, "tokenizer")
    if not os.path.exists(os.path.join(tok_dir, "merges.txt")):
        cmd_data(args)
    tok = load_tokenizer()
    Vs = len(tok.vocab)
    sigs = {}
    L = 8  # 64x64 images

    def te_feed(dtype, n=77, b=2):
        return np.array([tok("a large red star on a blue background", n), tok("", n)] * (b // 2), dtype)

    def mk_sd1(name, seed, fp16=False, lcm=False):
        out = os.path.join(root, name)
        te = _sane_init(TextEncoder(Vs, 32, 2, 2, 64), seed)
        unet = _sane_init(UNet((16, 16, 24), 32, time_cond_dim=256 if lcm else None), seed + 1)
        ae = _sane_init(AE((16, 16, 32)), seed + 2)
        sf = 0.18215
        sched = _fix_sched("lcm" if lcm else "pndm")
        tok.save(os.path.join(out, "tokenizer"), bpe.EOS)
        write_json(sched, os.path.join(out, "scheduler", "scheduler_config.json"))
        write_json({"_class_name": "OnnxStableDiffusionPipeline", "_diffusers_version": DIFFUSERS_VERSION,
                    "feature_extractor": [None, None], "requires_safety_checker": False, "safety_checker": [None, None],
                    "scheduler": ["diffusers", sched["_class_name"]], "text_encoder": ["diffusers", "OnnxRuntimeModel"],
                    "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "OnnxRuntimeModel"],
                    "vae_decoder": ["diffusers", "OnnxRuntimeModel"]}, os.path.join(out, "model_index.json"))
        fdt = torch.float16 if fp16 else torch.float32
        ndt = np.float16 if fp16 else np.float32
        if fp16:
            te, unet, ae = te.half(), unet.half(), ae.half()
        p = os.path.join(out, "text_encoder", "model.onnx")
        onnx_export(TEWrap(te), (torch.from_numpy(te_feed(np.int32)),), p, ["input_ids"],
                    ["last_hidden_state", "pooler_output"],
                    {"input_ids": {0: "batch", 1: "sequence"}, "last_hidden_state": {0: "batch", 1: "sequence"},
                     "pooler_output": {0: "batch"}})
        write_json(dict(te_config(te, tok, tok.eos), torch_dtype="float16" if fp16 else "float32"),
                   os.path.join(out, "text_encoder", "config.json"))
        _run_sane(p, {"input_ids": te_feed(np.int32)})
        p = os.path.join(out, "unet", "model.onnx")
        names = ["sample", "timestep", "encoder_hidden_states"] + (["timestep_cond"] if lcm else [])
        a = [torch.randn(2, 4, L, L).to(fdt), torch.tensor([500.0, 500.0]).to(fdt), torch.randn(2, 77, 32).to(fdt)]
        dyn = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
               "encoder_hidden_states": {0: "batch", 1: "sequence"}, "out_sample": {0: "batch", 2: "height", 3: "width"}}
        if lcm:
            a.append(torch.randn(2, 256).to(fdt)); dyn["timestep_cond"] = {0: "batch"}
        onnx_export(UNetWrap(unet, ("timestep_cond",) if lcm else ()), tuple(a), p, names, ["out_sample"], dyn)
        write_json(unet_config(unet, L, {"time_cond_proj_dim": 256} if lcm else None), os.path.join(out, "unet", "config.json"))
        _run_sane(p, {n: v.numpy() for n, v in zip(names, a)})
        _run_sane(p, {"sample": np.random.randn(1, 4, 12, 16).astype(ndt), "timestep": np.array([1], ndt),
                      "encoder_hidden_states": np.random.randn(1, 154, 32).astype(ndt),
                      **({"timestep_cond": np.random.randn(1, 256).astype(ndt)} if lcm else {})})
        p = os.path.join(out, "vae_decoder", "model.onnx")
        onnx_export(VAEWrap(ae.dec), (torch.randn(1, 4, L, L).to(fdt),), p, ["latent_sample"], ["sample"],
                    {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})
        write_json(vae_config(ae.dec, sf, L * 8), os.path.join(out, "vae_decoder", "config.json"))
        _run_sane(p, {"latent_sample": np.random.randn(2, 4, L, L).astype(ndt)})
        return out

    def mk_sd2v(name, seed):
        out = os.path.join(root, name)
        te = _sane_init(TextEncoder(Vs, 32, 2, 2, 64), seed)
        unet = _sane_init(UNet((16, 16, 24), 32), seed + 1)
        ae = _sane_init(AE((16, 16, 32)), seed + 2)
        export_pipeline(out, te, unet, ae.dec, tok, 0.18215, "v_prediction", "int64", "int64", L,
                        "OnnxStableDiffusionPipeline", _fix_sched("ddim_v"), "!", verify=True)
        return out

    def mk_sdxl(name, seed):
        out = os.path.join(root, name)
        te1 = _sane_init(TextEncoder(Vs, 32, 2, 2, 64), seed)
        te2 = _sane_init(TextEncoder(Vs, 48, 2, 2, 96, proj_dim=40), seed + 3)
        atd = 8
        unet = _sane_init(UNet((16, 16, 24), 32 + 48, add_embed=(40, atd)), seed + 1)
        ae = _sane_init(AE((16, 16, 32)), seed + 2)
        sched = _fix_sched("euler")
        tok.save(os.path.join(out, "tokenizer"), bpe.EOS)
        tok.save(os.path.join(out, "tokenizer_2"), "!")
        write_json(sched, os.path.join(out, "scheduler", "scheduler_config.json"))
        write_json({"_class_name": "ORTStableDiffusionXLPipeline", "_diffusers_version": DIFFUSERS_VERSION,
                    "force_zeros_for_empty_prompt": True, "add_watermarker": None,
                    "scheduler": ["diffusers", "EulerDiscreteScheduler"],
                    "text_encoder": ["diffusers", "OnnxRuntimeModel"], "text_encoder_2": ["diffusers", "OnnxRuntimeModel"],
                    "tokenizer": ["transformers", "CLIPTokenizer"], "tokenizer_2": ["transformers", "CLIPTokenizer"],
                    "unet": ["diffusers", "OnnxRuntimeModel"], "vae_decoder": ["diffusers", "OnnxRuntimeModel"]},
                   os.path.join(out, "model_index.json"))
        for sub, te, mode, dt, pad in (("text_encoder", te1, "xl1", np.int32, tok.eos),
                                       ("text_encoder_2", te2, "xl2", np.int64, tok.vocab["!"])):
            nh = te.cfg["layers"] + 1
            hs = [f"hidden_states.{i}" for i in range(nh)]
            outs = (["last_hidden_state", "pooler_output"] if mode == "xl1" else ["text_embeds", "last_hidden_state"]) + hs
            dyn = {"input_ids": {0: "batch", 1: "sequence"}}
            for o in outs:
                dyn[o] = {0: "batch"} if o in ("pooler_output", "text_embeds") else {0: "batch", 1: "sequence"}
            p = os.path.join(out, sub, "model.onnx")
            onnx_export(TEWrap(te, mode), (torch.from_numpy(te_feed(dt)),), p, ["input_ids"], outs, dyn)
            write_json(te_config(te, tok, pad, te.cfg["proj_dim"]), os.path.join(out, sub, "config.json"))
            _run_sane(p, {"input_ids": te_feed(dt)})
        p = os.path.join(out, "unet", "model.onnx")
        names = ["sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids"]
        a = (torch.randn(2, 4, L, L), torch.tensor(500.0), torch.randn(2, 77, 80), torch.randn(2, 40),
             torch.tensor([[64.0, 64, 0, 0, 64, 64]] * 2))
        onnx_export(UNetWrap(unet, ("text_embeds", "time_ids")), a, p, names, ["out_sample"],
                    {"sample": {0: "batch", 2: "height", 3: "width"}, "encoder_hidden_states": {0: "batch", 1: "sequence"},
                     "text_embeds": {0: "batch"}, "time_ids": {0: "batch"},
                     "out_sample": {0: "batch", 2: "height", 3: "width"}})
        write_json(unet_config(unet, L, {"addition_embed_type": "text_time", "addition_time_embed_dim": atd,
                                         "projection_class_embeddings_input_dim": 40 + 6 * atd,
                                         "cross_attention_dim": 80}), os.path.join(out, "unet", "config.json"))
        _run_sane(p, {n: v.numpy() for n, v in zip(names, a)})
        p = os.path.join(out, "vae_decoder", "model.onnx")
        onnx_export(VAEWrap(ae.dec), (torch.randn(1, 4, L, L),), p, ["latent_sample"], ["sample"],
                    {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})
        write_json(vae_config(ae.dec, 0.13025, L * 8), os.path.join(out, "vae_decoder", "config.json"))
        _run_sane(p, {"latent_sample": np.random.randn(2, 4, L, L).astype(np.float32)})
        return out

    outs = [mk_sd1("sd15", 101), mk_sd2v("sd2v", 201), mk_sdxl("sdxl", 301), mk_sd1("sd15-fp16", 401, fp16=True),
            mk_sd1("lcm", 501, lcm=True)]
    lines = ["# ONNX signature fixtures", "",
             "Tiny **random-weight** (seeded) diffusers-layout ONNX pipelines for the Java engine's tests.",
             "Generated by `python3 tools/recipe.py fixtures` (same code as the shipped models). Outputs are",
             "numerically sane (finite, O(1)) but the images are noise. Tokenizer = the shapes-world CLIP BPE",
             f"(vocab {Vs}: bos `<|startoftext|>` = {tok.bos}, eos `<|endoftext|>` = {tok.eos}, `!` = 0).",
             "Latent size = image/8; U-Net latent height/width must be a multiple of 4. Text-encoder sequence <= 77;",
             "U-Net `encoder_hidden_states` accepts any sequence length (77, 154, 231, ...).", ""]
    for o in outs:
        name = os.path.basename(o)
        mi = json.load(open(os.path.join(o, "model_index.json")))
        sc = json.load(open(os.path.join(o, "scheduler", "scheduler_config.json")))
        tok_pads = []
        for tdir in ("tokenizer", "tokenizer_2"):
            if os.path.exists(os.path.join(o, tdir)):
                tok_pads.append(f"`{tdir}/` pad `{json.load(open(os.path.join(o, tdir, 'tokenizer_config.json')))['pad_token']}`")
        size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(o) for f in fs)
        lines += [f"## `{name}/`", "",
                  f"`_class_name` {mi['_class_name']}; scheduler {sc['_class_name']} (prediction_type "
                  f"{sc.get('prediction_type')}); {', '.join(tok_pads)}; {size / 1e6:.2f} MB.", ""]
        sigs[name] = {}
        for comp in sorted(os.listdir(o)):
            p = os.path.join(o, comp, "model.onnx")
            if not os.path.exists(p):
                continue
            sg = _sig(p)
            sigs[name][comp] = sg
            lines.append(f"- `{comp}/model.onnx`")
            for kind in ("inputs", "outputs"):
                for v in sg[kind]:
                    lines.append(f"  - {kind[:-1]} `{v['name']}` {v['dtype']} {v['shape']}")
        lines.append("")
    lines += ["Machine-readable copy: `signatures.json`.", ""]
    write_json(sigs, os.path.join(root, "signatures.json"))
    open(os.path.join(root, "README.md"), "w").write("\n".join(lines))
    log("fixtures written: " + ", ".join(os.path.basename(o) for o in outs))
