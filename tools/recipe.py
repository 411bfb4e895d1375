#!/usr/bin/env python3
"""Atelier embedded-model recipe.

    python3 tools/recipe.py all --out models/

Subcommands: data, train-vae, encode, train-unet, classifier, export, eval, grid, fixtures, all.
Everything is seeded; training lengths are in optimizer steps; checkpoints go to tools/.work/
every few hundred steps and every command resumes from them.
"""
import os
# Passive OpenMP waiting: with spinning threads, training on a shared, oversubscribed 2-core box
# ran ~15x slower (measured 14.1 s/step vs 0.81 s/step).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import shapes as S  # noqa: E402
import bpe  # noqa: E402
from nets import (AE, TextEncoder, UNet, alphas_cumprod, ddim_step, ddim_timesteps, init_latents,  # noqa: E402
                  nparams)

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
    "te": dict(hidden=128, layers=3, heads=4, inter=256),
    "unet_ch": (32, 64, 128),
    "unet_batch": 32,
    "eps_steps": 2700, "eps_lr": 8e-4,
    "v_steps": 250, "v_lr": 3e-4,
    "guidance": 5.0,
    "ema": 0.995,
    "offset_noise": 0.15,
    "hi_t_from": {"eps": 1800, "v": 0},  # this run switched the high-noise treatment on at eps step 1800
    "hi_t_strong_from": {"eps": 2400, "v": 0},  # ... and its stronger form at eps step 2400
    # Experimental, OFF in the shipped run (a 700-step continuation with them did not make composition
    # words work, see MODEL_CARD): pure-noise "anchor" samples with x0-space weight, CoordConv inputs.
    "anchor_from": {},
    "coords_from": {},
    "offset_noise_from": {"eps": 1600, "v": 0},  # this run switched it on at step 1600 (found at eval)
    "bpe_merges": 400,
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


# ---------------------------------------------------------------- data + tokenizer
def cmd_data(args):
    p = os.path.join(WORK, "data.npz")
    if not os.path.exists(p):
        t = time.time()
        imgs, attrs = S.render_dataset(CFG["n_images"], CFG["seed"])
        np.savez(p, imgs=imgs, attrs=attrs)
        log(f"rendered {len(imgs)} images in {time.time() - t:.0f}s")
    tok_dir = os.path.join(WORK, "tokenizer")
    if not os.path.exists(os.path.join(tok_dir, "merges.txt")):
        rng = np.random.default_rng(CFG["seed"] + 1)
        caps = S.all_vocab_captions(rng, 30000)
        # every vocabulary word at least once in canonical form
        for f, vals in S.FIELD_VALUES.items():
            caps += list(vals) * 3
        caps += ["an", "in the center", "style", "shape", "background"] * 3
        merges = bpe.train(caps, CFG["bpe_merges"])
        vocab = bpe.build_vocab(merges)
        tok = bpe.Tokenizer(vocab, merges)
        tok.save(tok_dir)
        log(f"tokenizer: {len(merges)} merges, vocab {len(vocab)}")


def load_data():
    d = np.load(os.path.join(WORK, "data.npz"))
    return d["imgs"], d["attrs"]


def load_tokenizer(pad=bpe.EOS):
    return bpe.Tokenizer.load(os.path.join(WORK, "tokenizer"), pad)


# ---------------------------------------------------------------- VAE
def ae_loss(x, y):
    l1 = (x - y).abs().mean()
    mse = ((x - y) ** 2).mean()
    gx = ((x[..., 1:] - x[..., :-1]) - (y[..., 1:] - y[..., :-1])).abs().mean()
    gy = ((x[..., 1:, :] - x[..., :-1, :]) - (y[..., 1:, :] - y[..., :-1, :])).abs().mean()
    return l1 + mse + 0.5 * (gx + gy)


def to_t(imgs):
    return torch.from_numpy(imgs).permute(0, 3, 1, 2).float() / 127.5 - 1


def cmd_train_vae(args):
    imgs, _ = load_data()
    steps = args.steps or CFG["ae_steps"]
    ck = os.path.join(WORK, "vae.pt")
    torch.manual_seed(CFG["seed"])
    ae = AE(CFG["ae_ch"])
    opt = torch.optim.AdamW(ae.parameters(), CFG["ae_lr"], weight_decay=0.0, betas=(0.9, 0.99))
    step = 0
    if os.path.exists(ck):
        s = torch.load(ck)
        ae.load_state_dict(s["model"]); opt.load_state_dict(s["opt"]); step = s["step"]
        log(f"vae resume at step {step}")
    prev_sec = s.get("seconds", 0.0) if step else 0.0
    B, C = CFG["ae_batch"], CFG["ae_crop"]
    t0 = time.time()
    ae.train()
    while step < steps:
        rng = np.random.default_rng([CFG["seed"], 7, step])
        idx = rng.integers(len(imgs), size=B)
        full = step % 10 == 9  # occasionally full images so borders/context are seen
        if full:
            x = to_t(imgs[idx[:max(2, B // 4)]])
        else:
            oy, ox = rng.integers(0, (128 - C) // 8 + 1, size=2) * 8
            x = to_t(imgs[idx, oy:oy + C, ox:ox + C])
        lr = CFG["ae_lr"] * min(1, (step + 1) / 100) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        z = ae.enc(x)
        y = ae.dec(z)
        loss = ae_loss(y, x) + 1e-4 * (z ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(ae.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 50 == 0:
            with torch.no_grad():
                psnr = -10 * math.log10(((y.clamp(-1, 1) - x) ** 2).mean().item() / 4)
            log(f"vae step {step}/{steps} loss {loss.item():.4f} psnr {psnr:.2f} z.std {z.std().item():.3f} lr {lr:.2e} {(time.time() - t0) / 60:.1f}min")
        if step % 200 == 0 or step == steps:
            save_atomic({"model": ae.state_dict(), "opt": opt.state_dict(), "step": step,
                         "seconds": prev_sec + time.time() - t0}, ck)
    log("vae done")


def cmd_finetune_dec(args):
    """Decoder-only fine-tuning with the encoder frozen: the latent space (and the cached latents the
    U-Nets train on) stays exactly the same, so it can run alongside U-Net training."""
    imgs, _ = load_data()
    steps = args.steps or CFG["dec_ft_steps"]
    ck = os.path.join(WORK, "vae_ft.pt")
    base = torch.load(os.path.join(WORK, "vae.pt"))
    ae = AE(CFG["ae_ch"]); ae.load_state_dict(base["model"])
    ae.enc.requires_grad_(False); ae.enc.eval()
    opt = torch.optim.AdamW(ae.dec.parameters(), CFG["dec_ft_lr"], betas=(0.9, 0.99))
    step = 0
    if os.path.exists(ck):
        s = torch.load(ck)
        ae.dec.load_state_dict(s["dec"]); opt.load_state_dict(s["opt"]); step = s["step"]
        log(f"dec-ft resume at step {step}")
    B, C = CFG["ae_batch"], CFG["ae_crop"]
    t0 = time.time()
    while step < steps and not args.force:
        rng = np.random.default_rng([CFG["seed"], 17, step])
        idx = rng.integers(len(imgs), size=B)
        oy, ox = rng.integers(0, (128 - C) // 8 + 1, size=2) * 8
        x = to_t(imgs[idx, oy:oy + C, ox:ox + C])
        lr = CFG["dec_ft_lr"] * min(1, (step + 1) / 50) * 0.5 * (1 + math.cos(math.pi * step / steps))
        for g in opt.param_groups:
            g["lr"] = lr
        with torch.no_grad():
            z = ae.enc(x)
        y = ae.dec(z)
        loss = ae_loss(y, x) + 0.5 * ((y[..., 1:] - y[..., :-1]) - (x[..., 1:] - x[..., :-1])).abs().mean()
        opt.zero_grad(set_to_none=True); loss.backward()
        torch.nn.utils.clip_grad_norm_(ae.dec.parameters(), 1.0); opt.step(); step += 1
        if step % 50 == 0:
            psnr = -10 * math.log10(((y.detach().clamp(-1, 1) - x) ** 2).mean().item() / 4)
            log(f"dec-ft step {step}/{steps} loss {loss.item():.4f} psnr {psnr:.2f} {(time.time() - t0) / 60:.1f}min")
        if step % 100 == 0 or step == steps:
            save_atomic({"dec": ae.dec.state_dict(), "opt": opt.state_dict(), "step": step}, ck)
    if base.get("dec_ft_steps", 0) < step:
        base["model"] = ae.state_dict(); base["dec_ft_steps"] = step
        save_atomic(base, os.path.join(WORK, "vae.pt"))
        log(f"decoder fine-tune merged into vae.pt (step {step})")


def load_ae():
    ae = AE(CFG["ae_ch"])
    ae.load_state_dict(torch.load(os.path.join(WORK, "vae.pt"))["model"])
    return ae.eval()


def cmd_encode(args):
    out = os.path.join(WORK, "latents.npz")
    if os.path.exists(out) and not args.force:
        log("latents exist")
        return
    imgs, attrs = load_data()
    ae = load_ae()
    zs = []
    t = time.time()
    with torch.no_grad():
        imgs, attrs = imgs[:args.n or CFG["n_latents"]], attrs[:args.n or CFG["n_latents"]]
        for i in range(0, len(imgs), 100):
            zs.append(ae.enc(to_t(imgs[i:i + 100])).numpy())
            if i % 5000 == 0:
                log(f"encoded {i}")
    z = np.concatenate(zs)
    sf = float(1.0 / z.std())
    # reconstruction quality on a held-out set
    rng = np.random.default_rng(99)
    test = np.stack([S.render(S.sample_attrs(rng), rng) for _ in range(200)])
    with torch.no_grad():
        rec = ae.dec(ae.enc(to_t(test))).clamp(-1, 1)
    mse = ((rec - to_t(test)) ** 2).mean().item()
    psnr = -10 * math.log10(mse / 4)
    np.savez(out, z=z.astype(np.float16), scaling_factor=sf, attrs=attrs, psnr=psnr)
    log(f"latents {z.shape} std {z.std():.3f} mean {z.mean():.3f} scaling_factor {sf:.4f} recon psnr {psnr:.2f}dB in {time.time() - t:.0f}s")


def load_latents():
    d = np.load(os.path.join(WORK, "latents.npz"))
    return d["z"], float(d["scaling_factor"]), d["attrs"]


# ---------------------------------------------------------------- U-Net + text encoder
def build_te(vocab_size, **kw):
    c = dict(CFG["te"]); c.update(kw)
    return TextEncoder(vocab_size, c["hidden"], c["layers"], c["heads"], c["inter"])


class Diffusion(nn.Module):
    def __init__(self, vocab_size, coords=False):
        super().__init__()
        self.te = build_te(vocab_size)
        self.unet = UNet(CFG["unet_ch"], CFG["te"]["hidden"], coords=coords)


def ckpt_path(variant):
    return os.path.join(WORK, f"unet_{variant}.pt")


def load_diffusion(variant, ema=True):
    s = torch.load(ckpt_path(variant))
    m = Diffusion(s["vocab_size"], s.get("coords", False))
    m.load_state_dict(s["ema"] if ema else s["model"])
    return m.eval(), s


def cmd_train_unet(args):
    variant = args.variant
    V = VARIANTS[variant]
    z_all, sf, attrs = load_latents()
    z_all = torch.from_numpy(z_all.astype(np.float32) * sf)
    tok = load_tokenizer(V["pad"])
    steps = args.steps or CFG[f"{variant}_steps"]
    peak = CFG[f"{variant}_lr"]
    B = CFG["unet_batch"]
    torch.manual_seed(CFG["seed"] + (0 if variant == "eps" else 1))
    ck = ckpt_path(variant)
    step = 0
    rewarm = None
    s0 = torch.load(ck) if os.path.exists(ck) else None
    coords = CFG["coords_from"].get(variant, 10 ** 9) <= (s0["step"] if s0 else 0) or bool(s0 and s0.get("coords"))
    if s0 is None and variant == "v" and args.init_from_eps:
        coords = bool(torch.load(ckpt_path("eps")).get("coords", False))
    model = Diffusion(len(tok.vocab), coords)
    if s0 is not None:
        s = s0
        opt = torch.optim.AdamW(model.parameters(), peak, weight_decay=0.01)
        ema = Diffusion(len(tok.vocab), coords)
        if coords and not s.get("coords", False):
            # switch on coordinate channels: zero-initialised extra conv_in weights, fresh optimiser
            for key in ("model", "ema"):
                w = s[key]["unet.conv_in.weight"]
                s[key]["unet.conv_in.weight"] = torch.cat([w, torch.zeros(w.shape[0], 2, *w.shape[2:])], 1)
            log(f"{variant}: coordinate channels added at step {s['step']}")
            rewarm = s["step"]
        else:
            opt.load_state_dict(s["opt"])
        model.load_state_dict(s["model"]); ema.load_state_dict(s["ema"])
        step = s["step"]; prev_sec = s.get("seconds", 0.0)
        log(f"{variant} resume at step {step}")
    else:
        if variant == "v" and args.init_from_eps:
            s = torch.load(ckpt_path("eps"))
            model.load_state_dict(s["ema"])
            log("v: initialised from the eps model's EMA weights")
        ema = Diffusion(len(tok.vocab), coords); ema.load_state_dict(model.state_dict())
        opt = torch.optim.AdamW(model.parameters(), peak, weight_decay=0.01)
    ema.requires_grad_(False)
    if step == 0:
        prev_sec = 0.0
    acp = alphas_cumprod()
    log(f"{variant}: unet {nparams(model.unet)} te {nparams(model.te)} params, {steps} steps x {B}")
    model.train()
    t0 = time.time()
    warm = 200 if not (variant == "v" and args.init_from_eps) else 50
    while step < steps:
        rng = np.random.default_rng([CFG["seed"], 11 if variant == "eps" else 13, step])
        g = torch.Generator().manual_seed(CFG["seed"] * 1000 + step)
        idx = rng.integers(len(z_all), size=B)
        x0 = z_all[idx]
        caps = [S.random_caption(S.index_to_attrs(attrs[i]), rng) for i in idx]
        ids = torch.tensor([tok(c) for c in caps], dtype=torch.int64)
        t = torch.randint(0, 1000, (B,), generator=g)
        hi_from = CFG["hi_t_from"].get(variant, 0)
        if step >= hi_from:  # emphasise the high-noise steps that decide the layout
            strong = step >= CFG["hi_t_strong_from"].get(variant, 0)
            t = torch.where(torch.rand(B, generator=g) < (0.5 if strong else 0.3),
                            torch.randint(600 if strong else 700, 1000, (B,), generator=g), t)
        noise = torch.randn(x0.shape, generator=g)
        if step >= CFG["offset_noise_from"].get(variant, 0):
            # offset noise: the SD schedule keeps ~7 % signal at t=999; with 16x16 latents and plain
            # backgrounds the model otherwise reads the background colour from the mean of the initial noise
            noise = noise + CFG["offset_noise"] * torch.randn((B, x0.shape[1], 1, 1), generator=g)
        a = acp[t][:, None, None, None]
        xt = a.sqrt() * x0 + (1 - a).sqrt() * noise
        snr = (acp[t] / (1 - acp[t]))
        if V["prediction_type"] == "epsilon":
            target = noise
            w = torch.clamp(snr, max=5.0) / snr
            if step >= hi_from and step >= CFG["hi_t_strong_from"].get(variant, 0):
                # x0-space weighting at high noise (capped): layout errors there are amplified 1/sqrt(snr)x
                w = torch.where(snr < 1, torch.clamp(1 / snr, max=20.0), w)
        else:
            target = a.sqrt() * noise - (1 - a).sqrt() * x0
            w = torch.clamp(snr, max=5.0) / (snr + 1)
        if step >= hi_from:
            # The SD schedule is not zero-terminal-SNR: at t>=900 training inputs still carry ~8-10 % of the
            # image, but at sampling time the first DDIM step (t=951) sees pure noise.  For half of those
            # samples feed pure noise and ask for the output that makes DDIM's x0-estimate equal the image.
            anchor = step >= CFG["anchor_from"].get(variant, 10 ** 9)
            hi = (t >= 900) & (torch.rand(B, generator=g) < (1.0 if anchor else 0.5))
            if hi.any():
                ah = a[hi]
                xt = xt.clone(); target = target.clone(); w = w.clone()
                xt[hi] = noise[hi]
                if V["prediction_type"] == "epsilon":
                    target[hi] = (noise[hi] - ah.sqrt() * x0[hi]) / (1 - ah).sqrt()
                    if anchor:  # x0-space weight (1/snr, capped): the text alone must place the object
                        w[hi] = torch.clamp(1 / snr[hi], max=100.0)
                    elif not (step >= CFG["hi_t_strong_from"].get(variant, 0)):
                        w[hi] = w[hi] * 10.0
                else:
                    target[hi] = (ah.sqrt() * noise[hi] - x0[hi]) / (1 - ah).sqrt()
                    if anchor:  # v-error = x0-error here; min-SNR weighting would give these ~0.007
                        w[hi] = 1.0
        lr = peak * min(1, (step + 1) / warm) * (min(1, (step - rewarm + 1) / 50) if rewarm is not None else 1) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for gr in opt.param_groups:
            gr["lr"] = lr
        ctx = model.te(ids)[0]
        out = model.unet(xt, t.float(), ctx)
        loss = (((out - target) ** 2).mean((1, 2, 3)) * w).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        d = min(CFG['ema'], (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.lerp_(pm, 1 - d)
            for be, bm in zip(ema.buffers(), model.buffers()):
                be.copy_(bm)
        if step % 25 == 0:
            el = time.time() - t0
            log(f"{variant} step {step}/{steps} loss {loss.item():.4f} gn {gn.item():.2f} lr {lr:.2e} {el / 60:.1f}min")
        if step % 200 == 0 or step == steps:
            save_atomic({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "step": step,
                         "vocab_size": len(tok.vocab), "scaling_factor": sf, "variant": variant,
                         "seconds": prev_sec + time.time() - t0, "batch": B, "total_steps": steps,
                         "init_from_eps": bool(variant == "v" and args.init_from_eps),
                         "anchor": step > CFG["anchor_from"].get(variant, 10 ** 9), "coords": coords}, ck)
    log(f"{variant} done")



# ---------------------------------------------------------------- evaluation classifier
class Classifier(nn.Module):
    """Small CNN on 64x64 renders predicting every field (trained on ground-truth renders)."""

    def __init__(self):
        super().__init__()
        def blk(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2))
        self.f = nn.Sequential(blk(5, 32), blk(32, 64), blk(64, 96), nn.Conv2d(96, 96, 3, padding=1),
                               nn.ReLU())  # 32 -> 4
        self.heads = nn.ModuleList([nn.Linear(96 * 16, len(S.FIELD_VALUES[f])) for f in S.FIELDS])
        self.drop = nn.Dropout(0.2)

    def forward(self, x):  # x in [-1,1], Bx3x128x128 -> judged at 32x32
        x = F.avg_pool2d(x, 4)
        B = x.shape[0]
        yy, xx = torch.meshgrid(torch.linspace(-1, 1, 32), torch.linspace(-1, 1, 32), indexing="ij")
        x = torch.cat([x, yy.expand(B, 1, 32, 32), xx.expand(B, 1, 32, 32)], 1)
        h = self.drop(self.f(x).flatten(1))
        return [hd(h) for hd in self.heads]


def cmd_classifier(args):
    p = os.path.join(WORK, "clf.pt")
    if os.path.exists(p) and not args.force:
        log("classifier exists"); return
    n = 16000
    cache = os.path.join(WORK, "clf_data.npz")
    if os.path.exists(cache):
        d = np.load(cache); imgs, attrs, vimgs, vattrs = d["imgs"], d["attrs"], d["vimgs"], d["vattrs"]
    else:
        imgs, attrs = S.render_dataset(n, CFG["seed"] + 5)
        vimgs, vattrs = S.render_dataset(2000, CFG["seed"] + 6)
        np.savez(cache, imgs=imgs, attrs=attrs, vimgs=vimgs, vattrs=vattrs)
    torch.manual_seed(CFG["seed"] + 5)
    clf = Classifier()
    opt = torch.optim.AdamW(clf.parameters(), 2e-3, weight_decay=1e-4)
    B, epochs = 64, 2
    total = epochs * n // B
    step = 0
    rng = np.random.default_rng(5)
    for ep in range(epochs):
        perm = rng.permutation(n)
        clf.train()
        for i in range(0, n - B + 1, B):
            idx = perm[i:i + B]
            x = to_t(imgs[idx])
            # robustness to generator artefacts: blur / noise / small colour jitter
            if rng.random() < 0.5:
                x = F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), 3, 1)
            x = x + 0.04 * torch.randn_like(x)
            y = torch.from_numpy(attrs[idx].astype(np.int64))
            outs = clf(x)
            loss = sum(F.cross_entropy(o, y[:, k]) for k, o in enumerate(outs))
            for g in opt.param_groups:
                g["lr"] = 2e-3 * 0.5 * (1 + math.cos(math.pi * step / total))
            opt.zero_grad(); loss.backward(); opt.step(); step += 1
            if step % 50 == 0:
                log(f"clf ep {ep} step {step}/{total} loss {loss.item():.3f}")
    acc = classify_acc(clf, vimgs, vattrs)
    log("classifier held-out accuracy on clean renders: " + json.dumps(acc))
    save_atomic({"model": clf.state_dict(), "acc_clean": acc}, p)


class CropClassifier(nn.Module):
    """Shape/style/color judged on a 32x32 crop around the (predicted) object position, scaled to its size."""
    FIELDS = ["shape", "style", "color"]

    def __init__(self):
        super().__init__()
        def blk(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2))
        self.f = nn.Sequential(blk(3, 32), blk(32, 48), blk(48, 64), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU())
        self.heads = nn.ModuleList([nn.Linear(64 * 16, len(S.FIELD_VALUES[f])) for f in self.FIELDS])

    def forward(self, crops):
        h = self.f(crops).flatten(1)
        return [hd(h) for hd in self.heads]


def crop_objects(x, size_idx, comp_idx, jitter=None):
    """x: Bx3x128x128 in [-1,1]; returns Bx3x32x32 crops (window 1.4 x object size)."""
    B = x.shape[0]
    theta = torch.zeros(B, 2, 3)
    for i in range(B):
        sz, comp = S.SIZES[int(size_idx[i])], S.COMPOSITIONS[int(comp_idx[i])]
        cx, cy = S.center_of(sz, comp)
        w = 1.4 * S.SIZE_FRAC[sz]
        dx = dy = 0.0; sc = 1.0
        if jitter is not None:
            dx, dy, sc = jitter[i]
        theta[i, 0, 0] = theta[i, 1, 1] = w * sc
        theta[i, 0, 2] = (cx - 0.5) * 2 + dx
        theta[i, 1, 2] = (cy - 0.5) * 2 + dy
    grid = F.affine_grid(theta, (B, 3, 32, 32), align_corners=False)
    return F.grid_sample(F.avg_pool2d(x, 2), grid, mode="bilinear", padding_mode="border", align_corners=False)


def cmd_crop_classifier(args):
    p = os.path.join(WORK, "cropclf.pt")
    if os.path.exists(p) and not args.force:
        log("crop classifier exists"); return
    d = np.load(os.path.join(WORK, "clf_data.npz"))
    imgs, attrs, vimgs, vattrs = d["imgs"], d["attrs"], d["vimgs"], d["vattrs"]
    torch.manual_seed(CFG["seed"] + 8)
    m = CropClassifier()
    opt = torch.optim.AdamW(m.parameters(), 2e-3, weight_decay=1e-4)
    n, B, epochs = len(imgs), 64, 3
    total = epochs * (n // B)
    rng = np.random.default_rng(8)
    fi = [S.FIELDS.index(f) for f in CropClassifier.FIELDS]
    isz, icp = S.FIELDS.index("size"), S.FIELDS.index("composition")
    step = 0
    for ep in range(epochs):
        perm = rng.permutation(n)
        m.train()
        for i in range(0, n - B + 1, B):
            idx = perm[i:i + B]
            x = to_t(imgs[idx])
            jit = np.stack([rng.uniform(-0.06, 0.06, B), rng.uniform(-0.06, 0.06, B), rng.uniform(0.88, 1.12, B)], 1)
            c = crop_objects(x, attrs[idx, isz], attrs[idx, icp], jit)
            c = c + 0.04 * torch.randn_like(c)
            y = torch.from_numpy(attrs[idx][:, fi].astype(np.int64))
            outs = m(c)
            loss = sum(F.cross_entropy(o, y[:, k]) for k, o in enumerate(outs))
            for g in opt.param_groups:
                g["lr"] = 2e-3 * 0.5 * (1 + math.cos(math.pi * step / total))
            opt.zero_grad(); loss.backward(); opt.step(); step += 1
            if step % 50 == 0:
                log(f"cropclf ep {ep} step {step}/{total} loss {loss.item():.3f}")
    m.eval()
    with torch.no_grad():
        x = to_t(vimgs)
        pr = torch.stack([o.argmax(-1) for o in m(crop_objects(x, vattrs[:, isz], vattrs[:, icp]))], 1).numpy()
    acc = {f: float((pr[:, k] == vattrs[:, fi[k]]).mean()) for k, f in enumerate(CropClassifier.FIELDS)}
    log("crop classifier held-out accuracy (clean renders, true position): " + json.dumps(acc))
    save_atomic({"model": m.state_dict(), "acc_clean": acc}, p)


def cmd_clf_report(args):
    """Accuracy of the full judge (classifier + crop classifier) on clean renders and on autoencoder
    reconstructions (= the ceiling the diffusion model can reach through this VAE)."""
    d = np.load(os.path.join(WORK, "clf_data.npz"))
    vimgs, vattrs = d["vimgs"][:600], d["vattrs"][:600]
    clf, _ = load_clf()
    x = to_t(vimgs)
    ae = load_ae()
    with torch.no_grad():
        rec = torch.cat([ae.dec(ae.enc(x[i:i + 100])).clamp(-1, 1) for i in range(0, len(x), 100)])
    rep = {"vae_psnr_db": -10 * math.log10(((rec - x) ** 2).mean().item() / 4)}
    for name, t in (("clean_renders", x), ("vae_reconstructions", rec)):
        p = classify(clf, t)
        rep[name] = {f: float((p[:, k] == vattrs[:, k]).mean()) for k, f in enumerate(S.FIELDS)}
    log("judge accuracy: " + json.dumps(rep))
    json.dump(rep, open(os.path.join(WORK, "judge_report.json"), "w"), indent=1)


def cmd_judge_ft(args):
    """Fine-tune both judges on a 50/50 mix of clean renders and their autoencoder reconstructions (same
    ground-truth labels), so blur from the 8x decoder is not mistaken for a different attribute."""
    d = np.load(os.path.join(WORK, "clf_data.npz"))
    imgs, attrs = d["imgs"], d["attrs"]
    rp = os.path.join(WORK, "clf_recon.npz")
    nr = 5000
    if not os.path.exists(rp):
        ae = load_ae()
        out = []
        with torch.no_grad():
            for i in range(0, nr, 100):
                y = ae.dec(ae.enc(to_t(imgs[i:i + 100]))).clamp(-1, 1)
                out.append(((y + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy())
        np.savez(rp, rec=np.concatenate(out))
        log("reconstructions cached")
    rec = np.load(rp)["rec"]
    clf, cs = load_clf()
    cm = CropClassifier(); cps = torch.load(os.path.join(WORK, "cropclf.pt")); cm.load_state_dict(cps["model"])
    params = list(clf.parameters()) + list(cm.parameters())
    opt = torch.optim.AdamW(params, 5e-4, weight_decay=1e-4)
    rng = np.random.default_rng(21)
    fi = [S.FIELDS.index(f) for f in CropClassifier.FIELDS]
    isz, icp = S.FIELDS.index("size"), S.FIELDS.index("composition")
    steps = args.steps or 300
    clf.train(); cm.train()
    for step in range(steps):
        a = rng.integers(len(imgs), size=32); b = rng.integers(nr, size=32)
        x = torch.cat([to_t(imgs[a]), to_t(rec[b])])
        y = torch.from_numpy(np.concatenate([attrs[a], attrs[b]]).astype(np.int64))
        x = x + 0.03 * torch.randn_like(x)
        loss = sum(F.cross_entropy(o, y[:, k]) for k, o in enumerate(clf(x)))
        jit = np.stack([rng.uniform(-0.06, 0.06, 64), rng.uniform(-0.06, 0.06, 64), rng.uniform(0.88, 1.12, 64)], 1)
        c = crop_objects(x, y[:, isz].numpy(), y[:, icp].numpy(), jit)
        loss = loss + sum(F.cross_entropy(o, y[:, fi[k]]) for k, o in enumerate(cm(c)))
        for g in opt.param_groups:
            g["lr"] = 5e-4 * 0.5 * (1 + math.cos(math.pi * step / steps))
        opt.zero_grad(); loss.backward(); opt.step()
        if (step + 1) % 50 == 0:
            log(f"judge-ft step {step + 1}/{steps} loss {loss.item():.3f}")
    save_atomic({"model": clf.state_dict(), "acc_clean": cs.get("acc_clean"), "recon_ft": True}, os.path.join(WORK, "clf.pt"))
    save_atomic({"model": cm.state_dict(), "acc_clean": cps.get("acc_clean"), "recon_ft": True}, os.path.join(WORK, "cropclf.pt"))
    cmd_clf_report(args)


def classify(clf, imgs_t):
    """Main classifier for every field; shape, style and color are then re-judged by the crop classifier
    at the predicted position/size when it exists."""
    clf.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(imgs_t), 100):
            preds.append(torch.stack([o.argmax(-1) for o in clf(imgs_t[i:i + 100])], 1))
    pred = torch.cat(preds).numpy()
    cp = os.path.join(WORK, "cropclf.pt")
    if os.path.exists(cp):
        cm = CropClassifier(); cm.load_state_dict(torch.load(cp)["model"]); cm.eval()
        isz, icp = S.FIELDS.index("size"), S.FIELDS.index("composition")
        with torch.no_grad():
            c = crop_objects(imgs_t, pred[:, isz], pred[:, icp])
            cpred = torch.stack([o.argmax(-1) for o in cm(c)], 1).numpy()
        for k, f in enumerate(CropClassifier.FIELDS):
            pred[:, S.FIELDS.index(f)] = cpred[:, k]
    return pred


def classify_acc(clf, imgs, attrs):
    x = imgs if torch.is_tensor(imgs) else to_t(imgs)
    p = classify(clf, x)
    return {f: float((p[:, k] == attrs[:, k]).mean()) for k, f in enumerate(S.FIELDS)}


def load_clf():
    s = torch.load(os.path.join(WORK, "clf.pt"))
    c = Classifier(); c.load_state_dict(s["model"])
    return c.eval(), s


# ---------------------------------------------------------------- sampling backends
class TorchBackend:
    def __init__(self, variant, ema=True):
        self.m, s = load_diffusion(variant, ema)
        self.sf = s["scaling_factor"]
        self.ae = load_ae()
        self.tok = load_tokenizer(VARIANTS[variant]["pad"])
        self.pred = VARIANTS[variant]["prediction_type"]
        self.step = s["step"]

    def encode(self, texts):
        ids = torch.tensor([self.tok(t) for t in texts])
        with torch.no_grad():
            return self.m.te(ids)[0]

    def unet(self, x, t, ctx):
        with torch.no_grad():
            return self.m.unet(x, torch.full((x.shape[0],), float(t)), ctx)

    def decode(self, z):
        with torch.no_grad():
            return self.ae.dec(z / self.sf).clamp(-1, 1)


class OrtBackend:
    def __init__(self, folder):
        import onnxruntime as ort
        so = ort.SessionOptions(); so.intra_op_num_threads = torch.get_num_threads()
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared CPU: no busy-waiting
        mk = lambda c: ort.InferenceSession(os.path.join(folder, c, "model.onnx"), so, providers=["CPUExecutionProvider"])
        self.te, self.un, self.vd = mk("text_encoder"), mk("unet"), mk("vae_decoder")
        self.sf = json.load(open(os.path.join(folder, "vae_decoder", "config.json")))["scaling_factor"]
        tc = json.load(open(os.path.join(folder, "tokenizer", "tokenizer_config.json")))
        self.tok = bpe.Tokenizer.load(os.path.join(folder, "tokenizer"), tc["pad_token"])
        self.pred = json.load(open(os.path.join(folder, "scheduler", "scheduler_config.json")))["prediction_type"]
        self.ids_dtype = np.int32 if "int32" in self.te.get_inputs()[0].type else np.int64
        self.t_dtype = np.int64 if "int64" in self.un.get_inputs()[1].type else np.float32

    def encode(self, texts):
        ids = np.array([self.tok(t) for t in texts], self.ids_dtype)
        return torch.from_numpy(self.te.run(["last_hidden_state"], {"input_ids": ids})[0])

    def unet(self, x, t, ctx):
        o = self.un.run(["out_sample"], {"sample": x.numpy(), "timestep": np.full((x.shape[0],), t, self.t_dtype),
                                         "encoder_hidden_states": ctx.numpy()})[0]
        return torch.from_numpy(o)

    def decode(self, z):
        return torch.from_numpy(self.vd.run(["sample"], {"latent_sample": (z / self.sf).numpy().astype(np.float32)})[0])


def generate(be, prompts, seeds, negatives=None, guidance=5.0, steps=20, bs=32, h=16, w=16):
    """DDIM (diffusers-exact, eta 0) + CFG; uncond = empty caption or the negative prompt."""
    acp = alphas_cumprod()
    ts, ratio = ddim_timesteps(steps)
    out = []
    negatives = negatives or [""] * len(prompts)
    for i in range(0, len(prompts), bs):
        P, N = prompts[i:i + bs], negatives[i:i + bs]
        ctx = torch.cat([be.encode(N), be.encode(P)])
        x = init_latents(seeds[i:i + bs], h, w)
        for t in ts:
            o = be.unet(torch.cat([x, x]), int(t), ctx)
            ou, oc = o.chunk(2)
            x = ddim_step(ou + guidance * (oc - ou), int(t), x, acp, ratio, be.pred)
        out.append(be.decode(x))
    return torch.cat(out)


def eval_prompts():
    """Fixed held-out prompt set (seeded; canonical composer phrasing)."""
    rng = np.random.default_rng(424242)
    full = []
    for i in range(200):
        a = S.sample_attrs(rng)
        full.append((S.canonical_caption(a), a))
    neg = []
    for i in range(64):
        a = S.sample_attrs(rng)
        banned = a["color"]  # the color we ask the model to avoid
        if a["background"] == banned:
            continue
        neg.append((S.canonical_caption(a, ["size", "shape", "background", "composition", "style", "lighting"]), banned, a))
    return full, neg


def run_eval(be, guidance, n=None):
    clf, cs = load_clf()
    full, neg = eval_prompts()
    if n:
        full, neg = full[:n], neg[: max(8, n // 4)]
    t = time.time()
    imgs = generate(be, [p for p, _ in full], [1000 + i for i in range(len(full))], guidance=guidance)
    gen_s = time.time() - t
    pred = classify(clf, imgs)
    gt = np.array([S.attrs_to_index(a) for _, a in full])
    res = {f: float((pred[:, k] == gt[:, k]).mean()) for k, f in enumerate(S.FIELDS)}
    ip, isz = S.FIELDS.index("composition"), S.FIELDS.index("size")
    res["composition+size"] = float(((pred[:, ip] == gt[:, ip]) & (pred[:, isz] == gt[:, isz])).mean())
    res["all_four(color,shape,composition+size,background)"] = float(np.all(pred[:, [1, 2, 3, 4, 0]] == gt[:, [1, 2, 3, 4, 0]], 1).mean())
    ci = S.FIELDS.index("color")
    nimgs = generate(be, [p for p, _, _ in neg], [5000 + i for i in range(len(neg))],
                     negatives=[b for _, b, _ in neg], guidance=guidance)
    npred = classify(clf, nimgs)[:, ci]
    banned = np.array([S.COLOR_NAMES.index(b) for _, b, _ in neg])
    res["negative_avoid"] = float((npred != banned).mean())
    bimgs = generate(be, [p for p, _, _ in neg], [5000 + i for i in range(len(neg))], guidance=guidance)
    res["negative_baseline_avoid(no negative prompt)"] = float((classify(clf, bimgs)[:, ci] != banned).mean())
    res["n_prompts"] = len(full); res["n_negative"] = len(neg)
    res["guidance"] = guidance; res["steps"] = 20
    res["seconds_per_image(20 steps, cfg)"] = gen_s / len(full)
    return res, imgs


def cmd_eval(args):
    V = VARIANTS[args.variant]
    g = CFG["guidance"]
    if args.onnx:
        folder = os.path.join(args.out, V["name"])
        g = json.load(open(os.path.join(folder, "atelier.json")))["default_guidance"]
        be = OrtBackend(folder)
        tag = "onnx"
    else:
        be = TorchBackend(args.variant)
        tag = f"torch_step{be.step}"
    res, imgs = run_eval(be, g, args.n)
    res["backend"] = tag
    log(f"eval {args.variant} {tag}: " + json.dumps(res))
    p = os.path.join(WORK, f"eval_{args.variant}.json")
    allr = json.load(open(p)) if os.path.exists(p) else {}
    allr[tag if not args.n else tag + f"_n{args.n}"] = res
    json.dump(allr, open(p, "w"), indent=1)
    save_grid(imgs[:40], os.path.join(WORK, f"eval_{args.variant}_{tag}.png"), 10)


def save_grid(imgs, path, ncol):
    from PIL import Image
    x = ((imgs.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()
    n, h, w, _ = x.shape
    nrow = (n + ncol - 1) // ncol
    g = np.full((nrow * h, ncol * w, 3), 255, np.uint8)
    for i in range(n):
        r, c = divmod(i, ncol)
        g[r * h:(r + 1) * h, c * w:(c + 1) * w] = x[i]
    Image.fromarray(g).save(path)



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


def write_json(obj, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


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



# ---------------------------------------------------------------- sample grid + model card
def grid_prompts():
    rng = np.random.default_rng(777)
    cells = []
    for st in S.STYLES:
        for li in S.LIGHTINGS:
            a = S.sample_attrs(rng)
            a["style"], a["lighting"] = st, li
            cells.append(S.canonical_caption(a))
    for i in range(10):
        a = S.sample_attrs(rng)
        a["shape"] = S.SHAPES[i % 6]
        a["composition"] = S.COMPOSITIONS[i % 5]
        a["style"], a["lighting"] = "flat", "soft light"
        cells.append(S.canonical_caption(a))
    return cells


def cmd_grid(args):
    from PIL import Image, ImageDraw
    V = VARIANTS[args.variant]
    folder = os.path.join(args.out, V["name"])
    if args.onnx:
        be = OrtBackend(folder)
    else:
        be = TorchBackend(args.variant)
    g = json.load(open(os.path.join(folder, "atelier.json")))["default_guidance"] if os.path.exists(
        os.path.join(folder, "atelier.json")) else CFG["guidance"]
    prompts = grid_prompts()
    seeds = [42 + i for i in range(len(prompts))]
    imgs = generate(be, prompts, seeds, guidance=g)
    x = ((imgs.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()
    top, left, pad = 18, 110, 4
    W = left + 5 * (128 + pad)
    H = top + 6 * (128 + pad) + 16
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(canvas)
    for j, li in enumerate(S.LIGHTINGS):
        d.text((left + j * (128 + pad) + 2, 3), li, fill=(0, 0, 0))
    rows = S.STYLES + ["subjects", "subjects"]
    for r in range(6):
        d.text((4, top + r * (128 + pad) + 56), rows[r] + ("" if r < 4 else f" ({'flat, soft light'})"), fill=(0, 0, 0))
        for c in range(5):
            i = r * 5 + c
            canvas.paste(Image.fromarray(x[i]), (left + c * (128 + pad), top + r * (128 + pad)))
            d.text((left + c * (128 + pad) + 3, top + r * (128 + pad) + 115), f"#{i + 1}", fill=(255, 0, 255))
    d.text((4, H - 14), f"{V['name']}: DDIM 20 steps, guidance {g}, seeds 42..71; prompts in docs/samples/README.md",
           fill=(0, 0, 0))
    os.makedirs(os.path.join(REPO, "docs", "samples"), exist_ok=True)
    path = os.path.join(REPO, "docs", "samples", f"{V['name']}-grid.png")
    canvas.save(path)
    json.dump({"prompts": prompts, "seeds": seeds, "guidance": g}, open(os.path.join(WORK, f"grid_{args.variant}.json"), "w"))
    lines = ["# Sample grids", "",
             "Generated by `python3 tools/recipe.py grid --variant eps|v --onnx` through onnxruntime from the shipped",
             "`models/*/` ONNX files: DDIM 20 steps (scheduler_config.json), guidance from atelier.json, empty",
             "negative prompt, 128x128, initial latents `torch.randn([1,4,16,16], generator=manual_seed(seed))`.", "",
             "* `tiny-shapes-grid.png` - epsilon model (default)", "* `tiny-shapes-v-grid.png` - v-prediction model", "",
             "Rows 1-4: one style each (flat, outline, pixel art, watercolor); columns: one lighting each (soft light,",
             "dramatic lighting, lit from the left, lit from the right, golden hour). Rows 5-6: assorted subjects and",
             "compositions (flat, soft light). Cell `#n` uses prompt n and seed 41+n:", ""]
    lines += [f"{i + 1}. {p}" for i, p in enumerate(prompts)]
    open(os.path.join(REPO, "docs", "samples", "README.md"), "w").write("\n".join(lines) + "\n")
    log(f"grid -> {path}")


def cmd_all(args):
    t0 = time.time()
    times = {}
    def step(name, fn, **kw):
        t = time.time()
        a = argparse.Namespace(**dict(vars(args), **kw))
        fn(a)
        times[name] = time.time() - t
        json.dump(times, open(os.path.join(WORK, "timings.json"), "w"), indent=1)
    step("data", cmd_data)
    step("train-vae", cmd_train_vae)
    step("encode", cmd_encode)
    step("finetune-dec", cmd_finetune_dec)
    step("classifier", cmd_classifier)
    step("crop-classifier", cmd_crop_classifier)
    step("judge-ft", cmd_judge_ft)
    step("train-unet-eps", cmd_train_unet, variant="eps")
    step("export-eps", cmd_export, variant="eps")
    step("train-unet-v", cmd_train_unet, variant="v")
    step("export-v", cmd_export, variant="v")
    for v in ("eps", "v"):
        step(f"eval-{v}-torch", cmd_eval, variant=v, onnx=False)
        step(f"eval-{v}-onnx", cmd_eval, variant=v, onnx=True)
        step(f"grid-{v}", cmd_grid, variant=v, onnx=True)
        step(f"card-{v}", cmd_card, variant=v)
    if args.force or not os.path.exists(os.path.join(REPO, "src", "test", "resources", "fixtures", "README.md")):
        step("fixtures", cmd_fixtures)  # Java's DiffusersParityTest pins numbers computed from these files
    log(f"all done in {(time.time() - t0) / 60:.1f} min")



def _pct(x):
    return f"{100 * x:.1f} %" if isinstance(x, (int, float)) else str(x)


def cmd_card(args):
    V = VARIANTS[args.variant]
    out = os.path.join(args.out, V["name"])
    ex = json.load(open(os.path.join(WORK, f"export_{args.variant}.json")))
    ev = json.load(open(os.path.join(WORK, f"eval_{args.variant}.json"))) if os.path.exists(
        os.path.join(WORK, f"eval_{args.variant}.json")) else {}
    s = torch.load(getattr(args, "ckpt", "") or ckpt_path(args.variant), map_location="cpu")
    vae = torch.load(os.path.join(WORK, "vae.pt"), map_location="cpu")
    lat = np.load(os.path.join(WORK, "latents.npz"))
    jr = json.load(open(os.path.join(WORK, "judge_report.json")))
    at = json.load(open(os.path.join(out, "atelier.json")))
    prm = ex["params"]
    keys = ["color", "shape", "composition", "size", "composition+size", "background", "style", "lighting",
            "all_four(color,shape,composition+size,background)", "negative_avoid",
            "negative_baseline_avoid(no negative prompt)"]
    cols = [k for k in ev if not k.endswith(tuple(f"_n{i}" for i in range(1, 1000)))]
    table = ["| metric | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for k in keys:
        table.append(f"| {k} | " + " | ".join(_pct(ev[c].get(k, "-")) for c in cols) + " |")
    table.append("| seconds / image (20 steps, CFG, 2 CPU threads, shared box) | " +
                 " | ".join(f"{ev[c].get('seconds_per_image(20 steps, cfg)', 0):.2f}" for c in cols) + " |")
    diffs = "\n".join(f"| {k} | {v[0] if isinstance(v, list) else v:.2e} | {ex['shapes'][k]} |"
                      for k, v in ex["verify_max_abs_diff"].items())
    other = "tiny-shapes-v" if args.variant == "eps" else "tiny-shapes"
    train_desc = (f"{s['step']} steps x batch {s.get('batch', CFG['unet_batch'])} "
                  f"({s['step'] * s.get('batch', CFG['unet_batch']) / 1000:.0f} k samples), "
                  f"{s.get('seconds', 0) / 60:.0f} min wall-clock")
    if args.variant == "v":
        train_desc += (" of v-prediction fine-tuning, initialised from the tiny-shapes (epsilon) EMA weights "
                       "(different objective, `!` padding, int64 inputs)")
    ref = ev.get("onnx") or next(iter(ev.values()), {})
    bar = [("color", 0.9), ("shape", 0.9), ("composition", 0.9), ("size", 0.9), ("background", 0.9),
           ("negative_avoid", 0.8)]
    met = [(k, thr, ref.get(k, 0.0)) for k, thr in bar]
    status = ("\n".join(f"* {k}: {_pct(v)} (target >= {_pct(thr)}) - **{'met' if v >= thr else 'NOT met'}**"
                        for k, thr, v in met) if ref else "* not evaluated")
    if args.variant == "eps" and s["step"] > CFG["anchor_from"].get("eps", 10 ** 9):
        extra_phase = (f"\n  From step {CFG['anchor_from']['eps']}: every sample with t >= 900 uses the pure-noise input, "
                       "with x0-space loss weight 1/snr (capped at 100), and 50 % of timesteps come from [600, 999].")
    elif args.variant == "v":
        if s.get("anchor", False):
            extra_phase = ("\n  The v fine-tune used offset noise, 50 % of timesteps from [600, 999] and the pure-noise "
                           "input for every sample with t >= 900 (loss weight 1 there) from its first step.")
        else:
            extra_phase = ("\n  The v fine-tune used offset noise, 50 % of timesteps from [600, 999] and the pure-noise "
                           "input for half of the samples with t >= 900 (min-SNR weight) from its first step.")
    else:
        extra_phase = ""
    if args.variant == "eps" and s["step"] > CFG["hi_t_strong_from"]["eps"]:
        extra_phase += (f"\n  From step {CFG['hi_t_strong_from']['eps']}: 50 % of timesteps from [600, 999], and loss "
                        "weight 1/snr (capped at 20) wherever snr < 1, i.e. x0-space weighting of the high-noise steps.")
    md = f"""# {V['name']}

A tiny text-to-image latent diffusion model that ships inside Atelier so the app works out of the box.
It only knows the procedural **shapes world** (one object on a plain background). Everything - data,
tokenizer, autoencoder, text encoder, U-Net - was trained from scratch by `tools/recipe.py`.

* prediction type: **{V['prediction_type']}**; scheduler: DDIM (`scheduler/scheduler_config.json`, SD 1.5 noise
  schedule: scaled_linear 0.00085-0.012, 1000 steps, leading spacing, steps_offset 1); see also `{other}`.
* defaults (`atelier.json`): {at['default_steps']} DDIM steps, guidance {at['default_guidance']}, 128x128.
* License: Apache-2.0 (weights, data generator and recipe).

## Status against the quality bar (onnxruntime evaluation, see below)
{status}

Honest summary: backgrounds, colors, sizes, lighting and negative prompts work; the object is usually a
blob of the right color and size, but the **shape and the requested position are mostly not followed**
(near chance), and styles are not visible. The cause is explained under Training (the model learned to
take the object's layout from the initial noise instead of the prompt); more CPU training with the
high-noise treatment is the known next step.

## Data
Procedurally rendered 128x128 RGB images (`tools/shapes.py`): size (small approx. 30 % / large approx. 55 % of
the width) x 6 shapes x 8 colors x 9 backgrounds (8 colors + gray, never the object color) x 5 compositions x
4 styles (flat, outline, pixel art, watercolor) x 5 lightings (soft light, dramatic lighting, lit from the
left/right, golden hour). {CFG['n_images']} images rendered (seed {CFG['seed']}); the autoencoder trains on
64x64 crops of them, the U-Net on the latents of the first {len(lat['z'])}. Captions are re-drawn every step from
the image's attributes: canonical composer order (`subject, composition, style, lighting`), 30 % shuffled
order, each field dropped with p 0.15-0.25 (omitted = any), phrasing variants ("an orange star",
"blue background, a red star", "in the top left", "watercolor style"), 6 % bare word lists ("red, star") so
single words work as negative prompts, and 10 % empty captions for classifier-free guidance.

## Architecture ({(prm['unet'] + prm['text_encoder'] + prm['vae_decoder']) / 1e6:.2f} M shipped parameters)
| component | parameters | notes |
|---|---|---|
| text_encoder | {prm['text_encoder']:,} | CLIP-style causal transformer, width {CFG['te']['hidden']}, {CFG['te']['layers']} layers, {CFG['te']['heads']} heads, MLP {CFG['te']['inter']}, quick-GELU, final LayerNorm; `pooler_output` = hidden state at argmax(input_ids) (eos) |
| unet | {prm['unet']:,} | SD-style U-Net, channels {list(CFG['unet_ch'])} at latent 16/8/4 px; self+cross attention at 8x8 and 4x4 only; sinusoidal timestep embedding (flip_sin_to_cos); latent size must be a **multiple of 4** (image a multiple of 32 px) |
| vae_decoder | {prm['vae_decoder']:,} | deterministic autoencoder (encoder {prm['vae_encoder(not shipped)']:,} params, not shipped): 128x128x3 <-> 16x16x4, scaling_factor {lat['scaling_factor']:.4f} = 1/std(latents) |
| tokenizer | vocab {s['vocab_size']} | CLIP-format byte-level BPE trained on the captions (`merges.txt` #version 0.2); pad `{V['pad']}` |

## Training (CPU only: 2 shared AMD EPYC cores, torch {torch.__version__}, no GPU)
* autoencoder: {vae['step']} steps x batch {CFG['ae_batch']} 64x64 crops (every 10th step 3 full images),
  L1 + MSE + 0.5 x gradient(edge) L1 + 1e-4 latent L2, AdamW {CFG['ae_lr']}, cosine decay, grad-clip 1.
  Then {vae.get('dec_ft_steps', 0)} steps of decoder-only fine-tuning (encoder frozen, so the latent space is unchanged).
  Reconstruction PSNR on 600 fresh renders: **{jr['vae_psnr_db']:.1f} dB** (before decoder fine-tuning, on
  200 renders: {float(lat['psnr']):.1f} dB).
* U-Net + text encoder ({'jointly, from scratch' if args.variant == 'eps' else 'jointly'}): {train_desc}; AdamW, cosine LR, min-SNR-5 loss weighting,
  grad-clip 1, EMA {CFG['ema']} (the EMA weights ship), offset noise {CFG['offset_noise']} (per-sample,
  per-channel constant added to the noise) from step {CFG['offset_noise_from'][args.variant]}: SD's schedule keeps
  about 7 % of the signal at t=999, and with 16x16 latents and plain backgrounds the model otherwise learned to
  read the background colour from the mean of the initial noise instead of the prompt (found by the evaluation
  at step 1400 of this run: background 2.5 %; the eps run was then continued with offset noise).
  From step {CFG['hi_t_from'][args.variant]}: 30 % of timesteps drawn from [700, 999], and for half of the
  samples with t >= 900 the input is pure noise with the target that makes DDIM's x0-estimate equal the
  training image (eps: weight x10). Reason: the SD schedule is not zero-terminal-SNR, so training inputs at
  t >= 900 still contain 8-10 % of the image and the model learned to "find" the object in the noise; at
  sampling time the first step (t=951) sees pure noise and produced blobs at random places.{extra_phase}
* Wall-clock times are on a machine shared with other builds (load average 8-13 on 2 cores), so they are
  pessimistic; the recipe is step-based and reproducible.

## Evaluation
Fixed held-out prompt set (`eval_prompts()` in the recipe, seed 424242): 200 canonical prompts with every
field specified ("a large red star on a blue background, top left, watercolor, golden hour"), seeds 1000+i,
DDIM {at['default_steps']} steps exactly as `scheduler_config.json` (leading spacing, steps_offset 1,
set_alpha_to_one false, eta 0), CFG `eps = eps_u + g (eps_c - eps_u)` with the empty caption as
unconditional input, g = {at['default_guidance']}, initial latents `torch.randn([1,4,16,16],
generator=torch.Generator("cpu").manual_seed(seed))`.
Each generated image is judged automatically: a small CNN with one head per field (input 32x32, plus x/y
coordinate channels) trained on 16 k ground-truth renders of all styles/lightings (blur/noise augmentation)
predicts size, color, background, composition and lighting; a second CNN then judges shape and style on a
32x32 crop taken at the predicted position, scaled to the predicted size. Judge accuracy on 600 fresh
renders: {', '.join(f'{k} {_pct(v)}' for k, v in jr['clean_renders'].items())}; on the same images after
the autoencoder round trip (the ceiling for this VAE): {', '.join(f'{k} {_pct(v)}' for k, v in jr['vae_reconstructions'].items())}.
"composition" = the position class (centered / 4 corners), "size" = small/large.
Negative prompts: 64 prompts with no color word (e.g. "a large star on a gray background, top left, flat,
soft light") and a negative prompt naming one color (used as the unconditional input of CFG); the metric is
the fraction of images whose object is NOT that color. The baseline row is the same prompts/seeds without a
negative prompt.

{chr(10).join(table)}

`onnx` = the same evaluation run through onnxruntime on the shipped `model.onnx` files; `torch_stepN` = the
PyTorch EMA weights.

## ONNX export (opset 17, one self-contained `model.onnx` per component)
* text_encoder: `input_ids` {V['ids_dtype']} [batch, sequence<=77] -> `last_hidden_state` float32 [batch, sequence, {CFG['te']['hidden']}], `pooler_output` float32 [batch, {CFG['te']['hidden']}]
* unet: `sample` float32 [batch,4,h,w], `timestep` {V['t_dtype']} [batch], `encoder_hidden_states` float32 [batch, sequence, {CFG['te']['hidden']}] (any sequence: 77, 154, 231...) -> `out_sample` float32 [batch,4,h,w]; h, w multiples of 4
* vae_decoder: `latent_sample` float32 [batch,4,h,w] (= diffusion latents / scaling_factor) -> `sample` float32 [batch,3,8h,8w] in [-1,1]

onnxruntime vs torch verification (max abs difference):

| check | max abs diff | output shapes |
|---|---|---|
{diffs}

`latent_preview.json`: least-squares latent -> RGB fit (diffusion-space latents, image 8x average-pooled).

## Known limitations
* Only the shapes world; anything else gives shapes-world images. One object per image, no text.
* Small objects and fine style detail (outline strokes, pixel-art blocks, watercolor texture) are limited by
  the 16x16x4 autoencoder ({jr['vae_psnr_db']:.1f} dB) and the short CPU training.
* Evaluation numbers come from an automatic classifier, not human raters.
* Composition words have no measurable effect: the text encoder's output barely changes when only the
  position words change (mean |diff| 0.006, vs 0.30 for a color or size word), i.e. the model never had
  to use them (it found the object's position in the noisy input during training). Two continuations of
  the eps run were tried after the shipped checkpoint and did not fix it in the time available (not
  shipped; options `anchor_from` / `coords_from` in the recipe): 700 steps where every t >= 900 sample
  had a pure-noise input with x0-space weight, then 200 steps with CoordConv input channels. A longer
  run from scratch with these from step 0 (and a narrower caption dropout for composition) is the
  next thing to try.

## Reproduce
```
pip install -r tools/requirements.txt     # or Debian: python3-torch python3-onnx python3-regex python3-pil
python3 tools/recipe.py all --out models/
```
Seeded; checkpoints in `tools/.work/` (resumable). See `tools/README.md`.
"""
    open(os.path.join(out, "MODEL_CARD.md"), "w").write(md)
    log(f"wrote {out}/MODEL_CARD.md")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd")
    ap.add_argument("--variant", default="eps", choices=list(VARIANTS))
    ap.add_argument("--steps", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(REPO, "models"))
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--onnx", action="store_true")
    ap.add_argument("--init-from-eps", action="store_true", default=True)
    ap.add_argument("--n", type=int, default=0)
    ap.add_argument("--ckpt", default="", help="card: read training facts from this checkpoint")
    args = ap.parse_args()
    cmds = {k[4:].replace("_", "-"): v for k, v in globals().items() if k.startswith("cmd_")}
    if args.cmd not in cmds:
        ap.error(f"unknown command {args.cmd}; one of {sorted(cmds)}")
    cmds[args.cmd](args)
