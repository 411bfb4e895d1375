#!/usr/bin/python3
"""SD 1.5-shaped benchmark model: Stable Diffusion 1.5's channel widths at tiny depth, seeded random weights.

U-Net 320/640/1280/1280 (one ResBlock per level, self+cross attention with 8 heads at the first three levels
and in the middle, cross-attention width 768), text encoder 768 wide with 2 layers (12 heads, MLP 3072), VAE
decoder 512/512/256/128 from the latent up to full resolution (one ResBlock per level). The images are noise;
the graphs cost what SD 1.5's cost per layer, so the benchmark's time and memory are SD 1.5's in kind.

Written as a diffusers-layout ONNX folder (the tokenizer is the embedded tiny-shapes BPE). Run with Debian's
python3-torch / python3-onnx:

    /usr/bin/python3 tools/sd15_shaped.py [--out target/bench-models/sd15-shaped]

`atelier bench --against-bare` runs it when the folder is missing.
"""
import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# common first: it sets the OpenMP policy before torch loads
from common import REPO, log, write_json  # noqa: E402

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import bpe  # noqa: E402
from export import DIFFUSERS_VERSION, TEWrap, UNetWrap, VAEWrap, ddim_config, te_config  # noqa: E402
from fixtures import _sane_init  # noqa: E402
from nets import ResBlock, SpatialTransformer, TextEncoder, gn, nparams, timestep_embedding  # noqa: E402

UNET_CH = (320, 640, 1280, 1280)
ATTENTION = (True, True, True, False)  # SD 1.5: CrossAttnDownBlock2D x3, DownBlock2D
HEADS = 8
CTX = 768
VAE_CH = (128, 256, 512, 512)  # full resolution first, as diffusers lists block_out_channels


class Sd15ShapedUNet(nn.Module):
    """Four levels of SD 1.5's widths, one ResBlock (+ transformer) per level down and up, a middle block."""

    def __init__(self, ch=UNET_CH, attention=ATTENTION, ctx_dim=CTX):
        super().__init__()
        self.ch, self.attention = ch, attention
        self.tin = ch[0]
        td = ch[0] * 4
        self.time_mlp = nn.Sequential(nn.Linear(self.tin, td), nn.SiLU(), nn.Linear(td, td))
        self.conv_in = nn.Conv2d(4, ch[0], 3, padding=1)

        def attn(c, on):
            return SpatialTransformer(c, ctx_dim, head_dim=c // HEADS) if on else None

        self.down_res, self.down_attn, self.down_conv = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        prev = ch[0]
        for i, c in enumerate(ch):
            self.down_res.append(ResBlock(prev, c, td))
            self.down_attn.append(attn(c, attention[i]) or nn.Identity())
            self.down_conv.append(nn.Conv2d(c, c, 3, stride=2, padding=1) if i < len(ch) - 1 else nn.Identity())
            prev = c
        self.mid_res = ResBlock(ch[-1], ch[-1], td)
        self.mid_attn = attn(ch[-1], True)
        self.up_res, self.up_attn, self.up_conv = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        for i in reversed(range(len(ch))):
            self.up_res.append(ResBlock(prev + ch[i], ch[i], td))
            self.up_attn.append(attn(ch[i], attention[i]) or nn.Identity())
            self.up_conv.append(nn.Conv2d(ch[i], ch[i], 3, padding=1) if i > 0 else nn.Identity())
            prev = ch[i]
        self.out_norm = gn(ch[0])
        self.conv_out = nn.Conv2d(ch[0], 4, 3, padding=1)

    def forward(self, x, t, ctx):
        temb = self.time_mlp(timestep_embedding(t, self.tin).to(x.dtype))
        h = self.conv_in(x)
        skips = []
        for res, at, down in zip(self.down_res, self.down_attn, self.down_conv):
            h = res(h, temb)
            h = at(h, ctx) if isinstance(at, SpatialTransformer) else h
            skips.append(h)
            h = down(h)
        h = self.mid_attn(self.mid_res(h, temb), ctx)
        for res, at, up in zip(self.up_res, self.up_attn, self.up_conv):
            h = res(torch.cat([h, skips.pop()], 1), temb)
            h = at(h, ctx) if isinstance(at, SpatialTransformer) else h
            if not isinstance(up, nn.Identity):
                h = up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.out_norm(h)))


class Sd15ShapedDecoder(nn.Module):
    """SD 1.5's decoder widths (512 at the latent size, 512, 256, 128 at full size), one ResBlock per level."""

    def __init__(self, ch=VAE_CH):
        super().__init__()
        rev = list(reversed(ch))
        self.conv_in = nn.Conv2d(4, rev[0], 3, padding=1)
        self.mid = ResBlock(rev[0], rev[0])
        self.res, self.up = nn.ModuleList(), nn.ModuleList()
        prev = rev[0]
        for i, c in enumerate(rev):
            self.res.append(ResBlock(prev, c))
            self.up.append(nn.Conv2d(c, c, 3, padding=1) if i < len(rev) - 1 else nn.Identity())
            prev = c
        self.out_norm = gn(rev[-1])
        self.conv_out = nn.Conv2d(rev[-1], 3, 3, padding=1)

    def forward(self, z):
        h = self.mid(self.conv_in(z))
        for res, up in zip(self.res, self.up):
            h = res(h)
            if not isinstance(up, nn.Identity):
                h = up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.out_norm(h)))


def onnx_export(module, args, path, input_names, output_names, dynamic_axes):
    """export.onnx_export for Debian's torch 1.13 (no `dynamo` argument): one file, checked."""
    import onnx
    os.makedirs(os.path.dirname(path), exist_ok=True)
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=17, do_constant_folding=True)
    onnx.checker.check_model(path)


def unet_config_sd15(unet):
    return {"_class_name": "UNet2DConditionModel", "_diffusers_version": DIFFUSERS_VERSION, "sample_size": 64,
            "in_channels": 4, "out_channels": 4, "cross_attention_dim": CTX, "block_out_channels": list(UNET_CH),
            "layers_per_block": 1, "attention_head_dim": HEADS,
            "down_block_types": ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
            "mid_block_type": "UNetMidBlock2DCrossAttn",
            "up_block_types": ["UpBlock2D"] + ["CrossAttnUpBlock2D"] * 3,
            "flip_sin_to_cos": True, "freq_shift": 0, "act_fn": "silu", "norm_num_groups": 32,
            "_atelier_note": "SD 1.5 widths at tiny depth, random weights (tools/sd15_shaped.py); "
                             f"{nparams(unet) / 1e6:.1f} M parameters; latent size a multiple of 8"}


def vae_config_sd15():
    return {"_class_name": "AutoencoderKL", "_diffusers_version": DIFFUSERS_VERSION, "in_channels": 3,
            "out_channels": 3, "latent_channels": 4, "block_out_channels": list(VAE_CH), "layers_per_block": 1,
            "up_block_types": ["UpDecoderBlock2D"] * 4, "act_fn": "silu", "norm_num_groups": 32,
            "sample_size": 512, "scaling_factor": 0.18215, "force_upcast": False}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(REPO, "target", "bench-models", "sd15-shaped"))
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    tmp = out + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tok = bpe.Tokenizer.load(os.path.join(REPO, "models", "tiny-shapes", "tokenizer"))
    te = _sane_init(TextEncoder(len(tok.vocab), hidden=768, layers=2, heads=12, inter=3072), args.seed)
    unet = _sane_init(Sd15ShapedUNet(), args.seed + 1)
    nn.init.normal_(unet.conv_out.weight, std=1e-3)  # small eps: random latents stay O(1) over 20-50 steps
    dec = _sane_init(Sd15ShapedDecoder(), args.seed + 2)
    log(f"parameters: text encoder {nparams(te) / 1e6:.1f} M, U-Net {nparams(unet) / 1e6:.1f} M, "
        f"VAE decoder {nparams(dec) / 1e6:.1f} M")

    tok.save(os.path.join(tmp, "tokenizer"), bpe.EOS)
    sched = ddim_config("epsilon")
    write_json(sched, os.path.join(tmp, "scheduler", "scheduler_config.json"))
    write_json({"_class_name": "OnnxStableDiffusionPipeline", "_diffusers_version": DIFFUSERS_VERSION,
                "feature_extractor": [None, None], "requires_safety_checker": False, "safety_checker": [None, None],
                "scheduler": ["diffusers", sched["_class_name"]], "text_encoder": ["diffusers", "OnnxRuntimeModel"],
                "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "OnnxRuntimeModel"],
                "vae_decoder": ["diffusers", "OnnxRuntimeModel"]}, os.path.join(tmp, "model_index.json"))
    write_json({"default_steps": 20, "default_guidance": 7.5, "default_scheduler": "ddim", "width": 512,
                "height": 512, "size_multiple": 64}, os.path.join(tmp, "atelier.json"))

    ids = torch.tensor([tok("a large red star on a blue background"), tok("")], dtype=torch.int32)
    onnx_export(TEWrap(te), (ids,), os.path.join(tmp, "text_encoder", "model.onnx"), ["input_ids"],
                ["last_hidden_state", "pooler_output"],
                {"input_ids": {0: "batch", 1: "sequence"}, "last_hidden_state": {0: "batch", 1: "sequence"},
                 "pooler_output": {0: "batch"}})
    write_json(te_config(te, tok, tok.eos), os.path.join(tmp, "text_encoder", "config.json"))
    log("text encoder written")

    args_u = (torch.randn(2, 4, 8, 8), torch.tensor([500.0, 500.0]), torch.randn(2, 77, CTX))
    onnx_export(UNetWrap(unet), args_u, os.path.join(tmp, "unet", "model.onnx"),
                ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
                {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
                 "encoder_hidden_states": {0: "batch", 1: "sequence"},
                 "out_sample": {0: "batch", 2: "height", 3: "width"}})
    write_json(unet_config_sd15(unet), os.path.join(tmp, "unet", "config.json"))
    log("U-Net written")

    onnx_export(VAEWrap(dec), (torch.randn(1, 4, 8, 8),), os.path.join(tmp, "vae_decoder", "model.onnx"),
                ["latent_sample"], ["sample"],
                {"latent_sample": {0: "batch", 2: "height", 3: "width"},
                 "sample": {0: "batch", 2: "height", 3: "width"}})
    write_json(vae_config_sd15(), os.path.join(tmp, "vae_decoder", "config.json"))
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)  # whole folder or nothing: the benchmark treats a present folder as complete
    size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(out) for f in fs)
    log(f"wrote {out}: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
