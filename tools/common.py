"""Shared state of the recipe: hyper-parameters, paths, logging/saving helpers and the loaders of the data,
tokenizer, autoencoder, latents and diffusion checkpoints that several commands use."""
import os
# OpenMP waiting: spinning threads are faster on idle cores (U-Net step 0.56 s vs 1.28 s passive, batch
# 32, 2 cores) but ~15x slower when other jobs share the cores (14.1 s vs 0.81 s/step). So passive only when
# asked: ATELIER_SHARED_CPU=1.
if os.environ.get("ATELIER_SHARED_CPU") == "1":
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bpe  # noqa: E402
from nets import AE, TextEncoder, UNet  # noqa: E402

torch.set_num_threads(int(os.environ.get("ATELIER_THREADS", "2")))
REPO = os.path.dirname(HERE)
WORK = os.environ.get("ATELIER_WORK", os.path.join(HERE, ".work"))
os.makedirs(WORK, exist_ok=True)


# ---------------------------------------------------------------- hyper-parameters
CFG = {
    "seed": 1234,
    "n_images": 40000,
    "n_latents": 12000,  # the U-Nets train on the latents of the first 12 k images
    "ae_ch": (32, 64, 128),
    "ae_steps": 1200, "ae_batch": 12, "ae_crop": 64, "ae_lr": 1.5e-3,
    "dec_ft_steps": 3500, "dec_ft_lr": 5e-4,
    # noise-robust autoencoder fine-tune (noiseae.py): latents noised by up to sigma x their RMS when decoding
    "noise_ae_steps": 1500, "noise_ae_lr": 5e-4, "noise_ae_sigma": 0.25,
    "te": dict(hidden=128, layers=3, heads=4, inter=256),
    "unet_ch": (32, 64, 128),
    "unet_batch": 64,
    "eps_steps": 15200, "eps_lr": 8e-4,
    # growth phase: at step fine_from a zero-initialised full-resolution block (UNet(fine=...)) is added and
    # training continues with its own warm-up + cosine and fewer high-noise samples (shape detail is
    # decided at low/mid noise; the layout was learnt in phase 1)
    "fine": 64, "fine_from": {"eps": 5600}, "fine_lr": 4e-4, "fine_hi_t": 0.25,
    # phase 3 (adaptation): from this step on the U-Net trained on the noise-robust autoencoder's latents
    # (the shipped run re-encoded here; a fresh `all` run encodes them before step 0, so there it only restarts
    # the optimiser and the learning-rate cycle), same lr and sampling
    # phase 4 (adaptation): from step 11200 on, the latents of the re-rendered data (bolder pixel art and
    # watercolor, shapes.py) after a second noise-ae round on it
    # phase 5 (adaptation): from step 13200 on, the latents of pixel art with its checker dither (shapes.py)
    # after a third noise-ae round
    "adapt_from": {"eps": [8400, 11200, 13200]},
    # why the latents changed at each of those steps in the shipped run (the model card cites it)
    "adapt_why": {8400: "those of the noise-robust autoencoder (above)",
                  11200: "those of the re-rendered data (bolder pixel art and watercolor, see Data) after the "
                         "autoencoder's second noise-robust round",
                  13200: "those of pixel art with its checker dither (see Data) after the autoencoder's third "
                         "noise-robust round"},
    "v_steps": 300, "v_lr": 3e-4,
    "guidance": 5.0,
    "ema": 0.995,
    "offset_noise": 0.15,
    # Layout comes from the text, not from the noise: SD 1.5's schedule keeps ~7 % of the image at t=999 but
    # sampling starts from pure noise, so from step 0 on (a) t>=600 is over-sampled, (b) t>=900 samples see
    # pure noise with an x0-space target ("anchor"), (c) offset noise, (d) CoordConv position channels.
    # (The first shipped run switched (a)-(c) on late, at steps 1600-2400, and its composition failed.)
    "hi_t_from": {"eps": 0, "v": 0},
    "hi_t_strong_from": {"eps": 0, "v": 0},
    "anchor_from": {"eps": 0, "v": 0},
    "coords_from": {"eps": 0, "v": 0},
    "offset_noise_from": {"eps": 0, "v": 0},
    "bpe_merges": 400,
    "te_pretrain_steps": 600,
    "te_frozen": True,
}
VARIANTS = {
    "eps": dict(name="tiny-shapes", prediction_type="epsilon", pad="<|endoftext|>", ids_dtype="int32",
                t_dtype="float32"),
    "v": dict(name="tiny-shapes-v", prediction_type="v_prediction", pad="!", ids_dtype="int64",
              t_dtype="int64"),
}


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def write_json(obj, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


# ---------------------------------------------------------------- loaders
def load_data():
    d = np.load(os.path.join(WORK, "data.npz"))
    return d["imgs"], d["attrs"]


def load_tokenizer(pad=bpe.EOS):
    return bpe.Tokenizer.load(os.path.join(WORK, "tokenizer"), pad)


def to_t(imgs):
    return torch.from_numpy(imgs).permute(0, 3, 1, 2).float() / 127.5 - 1


def load_ae():
    ae = AE(CFG["ae_ch"])
    ae.load_state_dict(torch.load(os.path.join(WORK, "vae.pt"))["model"])
    return ae.eval()


def load_latents():
    d = np.load(os.path.join(WORK, "latents.npz"))
    return d["z"], float(d["scaling_factor"]), d["attrs"]


# ---------------------------------------------------------------- U-Net + text encoder
def build_te(vocab_size, **kw):
    c = dict(CFG["te"]); c.update(kw)
    return TextEncoder(vocab_size, c["hidden"], c["layers"], c["heads"], c["inter"])


class Diffusion(nn.Module):
    def __init__(self, vocab_size, coords=False, fine=0):
        super().__init__()
        self.te = build_te(vocab_size)
        self.unet = UNet(CFG["unet_ch"], CFG["te"]["hidden"], coords=coords, fine=fine)


def ckpt_path(variant):
    return os.path.join(WORK, f"unet_{variant}.pt")


def load_diffusion(variant, ema=True):
    s = torch.load(ckpt_path(variant))
    m = Diffusion(s["vocab_size"], s.get("coords", False), s.get("fine", 0))
    m.load_state_dict(s["ema"] if ema else s["model"])
    return m.eval(), s


def te_pre_path():
    return os.path.join(WORK, "te_pretrained.pt")
