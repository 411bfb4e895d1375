"""ONNX export: diffusers-layout pipeline folders (wrappers, config writers, onnxruntime verification) and
the export command with its json side files."""
import os

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import CFG, VARIANTS, WORK, load_ae, load_diffusion, load_latents, load_tokenizer, log, write_json

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import shapes as S
from nets import nparams


# ---------------------------------------------------------------- ONNX export
DIFFUSERS_VERSION = "0.30.0"


def onnx_export(module, args, path, input_names, output_names, dynamic_axes):
    import onnx
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp.onnx"
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, tmp, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=17, dynamo=False, do_constant_folding=True)
    m = onnx.load(tmp)
    onnx.checker.check_model(m)
    onnx.save(m, path)  # single file, no external data
    os.remove(tmp)
    for f in os.listdir(os.path.dirname(path)):
        if f.endswith(".data") or f.endswith(".onnx_data"):
            os.remove(os.path.join(os.path.dirname(path), f))


class TEWrap(nn.Module):
    def __init__(self, te, mode="clip", half=False):
        super().__init__()
        self.te, self.mode, self.half = te, mode, half

    def forward(self, input_ids):
        last, pooled, hs = self.te(input_ids, output_hidden_states=True)
        if self.mode == "clip":
            return last, pooled
        if self.mode == "xl1":
            return (last, pooled, *hs)
        return (pooled, last, *hs)  # xl2: text_embeds first


class UNetWrap(nn.Module):
    def __init__(self, unet, extra=()):
        super().__init__()
        self.unet, self.extra = unet, extra

    def forward(self, sample, timestep, encoder_hidden_states, *rest):
        kw = dict(zip(self.extra, rest))
        t = timestep.to(sample.dtype)
        if t.dim() == 0:
            t = t.reshape(1).expand(sample.shape[0])
        return self.unet(sample, t, encoder_hidden_states, **kw)


class VAEWrap(nn.Module):
    def __init__(self, dec):
        super().__init__()
        self.dec = dec

    def forward(self, latent_sample):
        return self.dec(latent_sample).clamp(-1, 1)


def ddim_config(pred):
    return {"_class_name": "DDIMScheduler", "_diffusers_version": DIFFUSERS_VERSION, "num_train_timesteps": 1000,
            "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear", "trained_betas": None,
            "clip_sample": False, "clip_sample_range": 1.0, "set_alpha_to_one": False, "steps_offset": 1,
            "prediction_type": pred, "thresholding": False, "dynamic_thresholding_ratio": 0.995,
            "sample_max_value": 1.0, "timestep_spacing": "leading", "rescale_betas_zero_snr": False}


def te_config(te, tok, pad_id, proj=None):
    c = te.cfg
    return {"_name_or_path": "atelier", "architectures": ["CLIPTextModel" if not proj else "CLIPTextModelWithProjection"],
            "model_type": "clip_text_model", "hidden_size": c["hidden"], "intermediate_size": c["inter"],
            "num_attention_heads": c["heads"], "num_hidden_layers": c["layers"], "vocab_size": c["vocab_size"],
            "max_position_embeddings": c["max_pos"], "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5,
            "projection_dim": proj or c["hidden"], "bos_token_id": tok.bos, "eos_token_id": tok.eos,
            "pad_token_id": pad_id, "torch_dtype": "float32", "causal_mask": True,
            "pooler_output": "last_hidden_state at argmax(input_ids) (the eos position)"}


def unet_config(unet, sample_size, extra=None):
    c = unet.cfg
    d = {"_class_name": "UNet2DConditionModel", "_diffusers_version": DIFFUSERS_VERSION,
         "sample_size": sample_size, "in_channels": 4, "out_channels": 4, "cross_attention_dim": c["ctx_dim"],
         "block_out_channels": c["ch"], "layers_per_block": 1,
         "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
         "mid_block_type": "UNetMidBlock2DCrossAttn",
         "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
         "attention_head_dim": 32, "flip_sin_to_cos": True, "freq_shift": 0, "act_fn": "silu",
         "norm_num_groups": 8, "time_embedding_type": "positional",
         "latent_size_multiple": 4,
         "_atelier_note": "latent height/width must be a multiple of 4 (two stride-2 downsamplings), i.e. image size a multiple of 32 px"}
    if extra:
        d.update(extra)
    return d


def vae_config(dec, sf, sample_size):
    a, b, c = dec.cfg["ch"]
    return {"_class_name": "AutoencoderKL", "_diffusers_version": DIFFUSERS_VERSION, "in_channels": 3, "out_channels": 3,
            "latent_channels": 4, "block_out_channels": [a, a, b, c], "layers_per_block": 1,
            "down_block_types": ["DownEncoderBlock2D"] * 4, "up_block_types": ["UpDecoderBlock2D"] * 4,
            "act_fn": "silu", "norm_num_groups": 8, "sample_size": sample_size, "scaling_factor": sf,
            "force_upcast": False,
            "_atelier_note": "deterministic autoencoder, 8x: two nearest-upsample stages + a 2x pixel-shuffle output; output clamped to [-1,1]"}


def ort_check(path, feeds, ref, name):
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    outs = sess.run(None, feeds)
    diffs = [float(np.abs(o.astype(np.float32) - r.astype(np.float32)).max()) for o, r in zip(outs, ref)]
    bad = any(not np.isfinite(o.astype(np.float32)).all() for o in outs)
    log(f"  verify {name}: max|ort-torch| = {max(diffs):.2e} shapes {[list(o.shape) for o in outs]}")
    assert not bad, "non-finite output"
    return max(diffs), [list(o.shape) for o in outs]


def export_pipeline(out, te, unet, dec, tok, sf, pred, ids_dtype, t_dtype, sample_size_latent, class_name, sched,
                    pad_token, verify=True):
    """Write a diffusers-layout ONNX SD-1/2 folder; returns verification report."""
    report = {}
    tok.save(os.path.join(out, "tokenizer"), pad_token)
    pad_id = tok.vocab[pad_token]
    write_json(sched, os.path.join(out, "scheduler", "scheduler_config.json"))
    write_json({"_class_name": class_name, "_diffusers_version": DIFFUSERS_VERSION,
                "feature_extractor": [None, None], "requires_safety_checker": False, "safety_checker": [None, None],
                "scheduler": ["diffusers", sched["_class_name"]], "text_encoder": ["diffusers", "OnnxRuntimeModel"],
                "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "OnnxRuntimeModel"],
                "vae_decoder": ["diffusers", "OnnxRuntimeModel"]}, os.path.join(out, "model_index.json"))
    itype = torch.int32 if ids_dtype == "int32" else torch.int64
    H = te.cfg["hidden"]
    # text encoder
    p = os.path.join(out, "text_encoder", "model.onnx")
    ids = torch.tensor([tok("a large red star on a blue background"), tok("")], dtype=itype)
    onnx_export(TEWrap(te), (ids,), p, ["input_ids"], ["last_hidden_state", "pooler_output"],
                {"input_ids": {0: "batch", 1: "sequence"}, "last_hidden_state": {0: "batch", 1: "sequence"},
                 "pooler_output": {0: "batch"}})
    write_json(te_config(te, tok, pad_id), os.path.join(out, "text_encoder", "config.json"))
    if verify:
        for name, x in (("b2", ids), ("b1", ids[:1]), ("b3_len20", torch.tensor([tok("red", 20)] * 3, dtype=itype))):
            with torch.no_grad():
                r = [v.numpy() for v in TEWrap(te)(x)]
            report[f"text_encoder_{name}"] = ort_check(p, {"input_ids": x.numpy()}, r, f"text_encoder {name}")
    # unet
    p = os.path.join(out, "unet", "model.onnx")
    L = sample_size_latent
    tt = torch.float32 if t_dtype == "float32" else torch.int64
    args = (torch.randn(2, 4, L, L), torch.tensor([500, 500], dtype=tt), torch.randn(2, 77, H))
    onnx_export(UNetWrap(unet), args, p, ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
                {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
                 "encoder_hidden_states": {0: "batch", 1: "sequence"}, "out_sample": {0: "batch", 2: "height", 3: "width"}})
    write_json(unet_config(unet, L), os.path.join(out, "unet", "config.json"))
    if verify:
        g = torch.Generator().manual_seed(0)
        for name, (b, h, w, s) in {"b2_s77": (2, L, L, 77), "b2_s154": (2, L, L, 154), "b1_12x20": (1, 12, 20, 77),
                                   "b3_8x8_s231": (3, 8, 8, 231)}.items():
            x = (torch.randn(b, 4, h, w, generator=g), torch.tensor([981] + [1] * (b - 1), dtype=tt),
                 torch.randn(b, s, H, generator=g))
            with torch.no_grad():
                r = [UNetWrap(unet)(*x).numpy()]
            report[f"unet_{name}"] = ort_check(p, {"sample": x[0].numpy(), "timestep": x[1].numpy(),
                                                   "encoder_hidden_states": x[2].numpy()}, r, f"unet {name}")
    # vae decoder
    p = os.path.join(out, "vae_decoder", "model.onnx")
    onnx_export(VAEWrap(dec), (torch.randn(1, 4, L, L),), p, ["latent_sample"], ["sample"],
                {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})
    write_json(vae_config(dec, sf, L * 8), os.path.join(out, "vae_decoder", "config.json"))
    if verify:
        g = torch.Generator().manual_seed(1)
        for name, (b, h, w) in {"b2": (2, L, L), "b1_12x20": (1, 12, 20)}.items():
            x = torch.randn(b, 4, h, w, generator=g) / sf
            with torch.no_grad():
                r = [VAEWrap(dec)(x).numpy()]
            report[f"vae_decoder_{name}"] = ort_check(p, {"latent_sample": x.numpy()}, r, f"vae_decoder {name}")
    return report


def latent_preview(ae, sf, n=400):
    z_all, _, _ = load_latents()
    z = torch.from_numpy(z_all[:n].astype(np.float32))
    with torch.no_grad():
        img = ae.dec(z).clamp(-1, 1)
    small = F.avg_pool2d(img, 8)  # N,3,16,16
    X = (z * sf).permute(0, 2, 3, 1).reshape(-1, 4).numpy().astype(np.float64)
    Y = small.permute(0, 2, 3, 1).reshape(-1, 3).numpy().astype(np.float64)
    Xb = np.concatenate([X, np.ones((len(X), 1))], 1)
    W, *_ = np.linalg.lstsq(Xb, Y, rcond=None)
    pred = np.clip(Xb @ W, -1, 1)
    rmse = float(np.sqrt(((pred - Y) ** 2).mean()))
    return {"latent_rgb_factors": [[round(float(v), 5) for v in row] for row in W[:4]],
            "latent_rgb_bias": [round(float(v), 5) for v in W[4]],
            "_fit": f"least squares on {n} images x 16x16 latents (diffusion space, already x scaling_factor) "
                    f"-> 8x avg-pooled decoded image in [-1,1]; rmse {rmse:.3f}"}


def prompt_vocabulary():
    return {"subject": {"size": S.SIZES, "color": S.COLOR_NAMES, "shape": S.SHAPES, "background": S.BG_NAMES},
            "composition": S.COMPOSITIONS, "style": S.STYLES, "lighting": S.LIGHTINGS,
            "negative": S.COLOR_NAMES + ["gray"] + S.SHAPES + S.STYLES + S.LIGHTINGS + S.SIZES,
            "template": "a {size} {color} {shape} on a {background} background",
            "order": ["subject", "composition", "style", "lighting"], "separator": ", "}


def cmd_export(args):
    V = VARIANTS[args.variant]
    out = os.path.join(args.out, V["name"])
    m, s = load_diffusion(args.variant)
    ae = load_ae()
    sf = s["scaling_factor"]
    tok = load_tokenizer(V["pad"])
    log(f"export {V['name']} from step {s['step']} -> {out}")
    rep = export_pipeline(out, m.te, m.unet, ae.dec, tok, sf, V["prediction_type"], V["ids_dtype"], V["t_dtype"], 16,
                          "OnnxStableDiffusionPipeline", ddim_config(V["prediction_type"]), V["pad"])
    write_json(latent_preview(ae, sf), os.path.join(out, "latent_preview.json"))
    write_json(prompt_vocabulary(), os.path.join(out, "prompt_vocabulary.json"))
    write_json({"default_steps": 20, "default_guidance": CFG["guidance"], "default_scheduler": "ddim", "width": 128,
                "height": 128, "size_multiple": 32, "prediction_type": V["prediction_type"],
                "trained_steps": s["step"]}, os.path.join(out, "atelier.json"))
    write_json({"verify_max_abs_diff": {k: v[0] for k, v in rep.items()}, "shapes": {k: v[1] for k, v in rep.items()},
                "step": s["step"], "params": {"unet": nparams(m.unet), "text_encoder": nparams(m.te),
                                              "vae_decoder": nparams(ae.dec), "vae_encoder(not shipped)": nparams(ae.enc)}},
               os.path.join(WORK, f"export_{args.variant}.json"))
    tot = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(out) for f in fs)
    log(f"exported {out}: {tot / 1e6:.1f} MB")
