"""Sampler-aware decoder fine-tune (encoder and U-Nets untouched).

Why: the autoencoder is deterministic and its decoder was trained on clean latents only, so it reads shape
from tiny latent details. Latent noise of 0.1 (latents have std 1) halves small-shape accuracy, and the
U-Net's own x0 estimates carry errors of that size even at t=100. So the decoder is fine-tuned, encoder
frozen (the latent space, the cached latents and every U-Net stay valid), on what it is really given:
the output of the model's own DDIM tail. Pairs: an image's latent is noised to one of the 20-step DDIM
timesteps, denoised by the eps U-Net with guidance down to t=0, and the decoder learns to map that latent
back to the image. Clean latents and slightly noised ones are mixed in so reconstructions stay sharp.
Pairs come from images the U-Nets never trained on (after CFG["n_latents"]).
"""
import math
import os
import time

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import CFG, WORK, load_data, log, save_atomic, to_t

import numpy as np
import torch

import shapes as S
from nets import alphas_cumprod, ddim_timesteps
from sampling import TorchBackend, guided_ddim
from train import dec_loss, decoder_trainer, opt_step


def pairs_path():
    return os.path.join(WORK, "dec_pairs.npz")


def cmd_dec_pairs(args):
    """Latents produced by the eps model's DDIM tail (1..max_k of the 20 steps, random guidance)."""
    p = pairs_path()
    if os.path.exists(p) and not args.force:
        log("dec-pairs: exist"); return
    imgs, attrs = load_data()
    be = TorchBackend("eps")  # eps U-Net (EMA), its tokenizer, and the autoencoder whose encoder makes z0
    n, max_k, B = args.n or CFG["dec_pairs"], CFG["dec_pairs_max_k"], 96
    first = CFG["n_latents"]
    ts, ratio = ddim_timesteps(20)
    acp = alphas_cumprod()
    rng = np.random.default_rng([CFG["seed"], 23])
    g = torch.Generator().manual_seed(CFG["seed"] + 23)
    out = np.zeros((n, 4, 16, 16), np.float16)
    ks = np.zeros(n, np.int16)
    t0 = time.time()
    with torch.no_grad():
        for i in range(0, n, B):
            j = np.arange(i, min(n, i + B))
            k = int(rng.integers(1, max_k + 1))  # remaining DDIM steps for this batch
            z0 = be.ae.enc(to_t(imgs[first + j])) * be.sf
            caps = [S.random_caption(S.index_to_attrs(attrs[first + q]), rng) for q in j]
            ctx = torch.cat([be.encode([""] * len(j)), be.encode(caps)])
            gs = torch.from_numpy(rng.uniform(2, 8, len(j)).astype(np.float32))[:, None, None, None]
            tail = ts[-k:]
            a = acp[int(tail[0])]
            x = a.sqrt() * z0 + (1 - a).sqrt() * torch.randn(z0.shape, generator=g)
            x = guided_ddim(be, x, ctx, tail, ratio, gs)
            out[j] = (x / be.sf).numpy().astype(np.float16)
            ks[j] = k
            if (i // B) % 10 == 0:
                log(f"dec-pairs {i + len(j)}/{n} {(time.time() - t0) / 60:.1f}min")
    tmp = p + ".tmp.npz"
    np.savez(tmp, z=out, k=ks, first=first)
    os.replace(tmp, p)
    log(f"dec-pairs: {n} pairs in {(time.time() - t0) / 60:.1f} min")


def cmd_robust_dec(args):
    """Decoder fine-tune on the dec-pairs mix (half model latents, a quarter lightly noised, a quarter clean)."""
    imgs, _ = load_data()
    d = np.load(pairs_path())
    zg, first = torch.from_numpy(d["z"].astype(np.float32)), int(d["first"])
    steps = args.steps or CFG["robust_dec_steps"]
    ck = os.path.join(WORK, "vae_robust.pt")
    base, ae, opt, step = decoder_trainer(ck, CFG["robust_dec_lr"], "robust-dec")
    sf = float(np.load(os.path.join(WORK, "latents.npz"))["scaling_factor"])
    B = CFG["robust_dec_batch"]
    t0 = time.time()
    while step < steps:
        rng = np.random.default_rng([CFG["seed"], 29, step])
        g = torch.Generator().manual_seed(CFG["seed"] * 29 + step)
        j = rng.integers(len(zg), size=B)
        x = to_t(imgs[first + j])
        with torch.no_grad():
            zc = ae.enc(x)
        z = zg[j].clone()
        h, q = B // 2, B // 4
        sig = torch.from_numpy(rng.uniform(0, CFG["robust_dec_noise"], q).astype(np.float32))[:, None, None, None]
        z[h:h + q] = zc[h:h + q] + sig / sf * torch.randn(zc[h:h + q].shape, generator=g)
        z[h + q:] = zc[h + q:]
        lr = CFG["robust_dec_lr"] * min(1, (step + 1) / 50) * 0.5 * (1 + math.cos(math.pi * step / steps))
        for gr in opt.param_groups:
            gr["lr"] = lr
        y = ae.dec(z)
        loss = dec_loss(y, x)
        opt_step(opt, loss, ae.dec.parameters()); step += 1
        if step % 50 == 0:
            log(f"robust-dec step {step}/{steps} loss {loss.item():.4f} lr {lr:.2e} {(time.time() - t0) / 60:.1f}min")
        if step % 100 == 0 or step == steps:
            save_atomic({"dec": ae.dec.state_dict(), "opt": opt.state_dict(), "step": step}, ck)
    if base.get("robust_dec_steps", 0) < step:
        base.setdefault("clean_dec", {k: v for k, v in base["model"].items() if k.startswith("dec.")})
        base["model"] = ae.state_dict(); base["robust_dec_steps"] = step
        save_atomic(base, os.path.join(WORK, "vae.pt"))
        log(f"robust decoder merged into vae.pt (step {step})")
