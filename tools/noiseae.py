"""Noise-robust autoencoder fine-tune (encoder and decoder), run after the decoder fine-tune.

Why: the deterministic autoencoder coded small shapes in tiny latent details: Gaussian latent noise of 0.1 x
their std cut small-shape accuracy of its round trip from 96 % to 64 %, and the U-Net's x0 estimates at low
noise carry errors of that size, so generated small shapes came out as the wrong kind (SDEdit from t=100 on
real latents: 60 % small-shape accuracy against 96 % for the round trip). Training the decoder on noised
latents with the encoder frozen only traded clean accuracy for robustness (the code itself is fragile). Here
both halves train: latents are noised by up to noise_ae_sigma x the starting latents' root mean square before
decoding, so the encoder has to spread shape over directions that survive noise; a penalty keeps the latent
second moment at or below its starting value, so growing the latents cannot beat the noise.
"""
import math
import os
import time

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import CFG, WORK, load_data, log, save_atomic, to_t

import numpy as np
import torch

import shapes as S
from nets import AE
from train import ae_batch, dec_loss, opt_step
from judge import classify, load_clf, load_crop


def robustness_report(ae, clf, crop, n=96):
    """Shape accuracy of the round trip of n held-out images, clean and with latent noise 0.1 / 0.2 std."""
    rng = np.random.default_rng(77)
    A = [S.sample_attrs(rng) for _ in range(n)]
    x = to_t(np.stack([S.render(a, rng) for a in A]))
    gt = np.array([S.attrs_to_index(a) for a in A])
    ks, small = S.FIELDS.index("shape"), gt[:, S.FIELDS.index("size")] == S.SIZES.index("small")
    g = torch.Generator().manual_seed(3)
    out = {}
    with torch.no_grad():
        z = ae.enc(x)
        for sig in (0.0, 0.1, 0.2):
            p = classify(clf, ae.dec(z + sig * z.std() * torch.randn(z.shape, generator=g)).clamp(-1, 1), crop)
            ok = p[:, ks] == gt[:, ks]
            out[f"shape@{sig}"] = round(float(ok.mean()), 3)
            out[f"small@{sig}"] = round(float(ok[small].mean()), 3)
    return out


def cmd_noise_ae(args):
    base_p, ck = os.path.join(WORK, "vae.pt"), os.path.join(WORK, "vae_noise.pt")
    base = torch.load(base_p)
    steps = args.steps or CFG["noise_ae_steps"]
    # --force: one more round from the current vae.pt (the shipped models' data was re-rendered after the
    # first round; a fresh recipe run needs one round). A round cut short resumes with --force again.
    hist = base.get("noise_ae_history", [])  # one entry per finished round
    done = len(hist)
    rnd = done + 1 if (args.force and done) else max(done, 1)
    if rnd <= done:
        log("noise-ae: done"); return
    if os.path.exists(ck) and torch.load(ck).get("round", 1) < rnd:
        os.replace(ck, ck.replace(".pt", f".round{rnd - 1}.pt"))
    imgs, _ = load_data()
    ae = AE(CFG["ae_ch"])
    ae.load_state_dict(base["model"])
    clf, _ = load_clf(); crop = load_crop()
    with torch.no_grad():  # the second moment the latents may not exceed
        m2 = float((ae.enc(to_t(imgs[:200])) ** 2).mean())
    opt = torch.optim.AdamW(ae.parameters(), CFG["noise_ae_lr"], betas=(0.9, 0.99))
    step, prev_sec = 0, 0.0
    if os.path.exists(ck):
        s = torch.load(ck)
        ae.load_state_dict(s["model"]); opt.load_state_dict(s["opt"])
        step, prev_sec, m2, before = s["step"], s["seconds"], s["m2"], s["before"]
        log(f"noise-ae round {rnd} resume at step {step}")
    else:
        before = robustness_report(ae.eval(), clf, crop)
        log(f"noise-ae round {rnd} start: {before}")
    B, C, smax = CFG["ae_batch"], CFG["ae_crop"], CFG["noise_ae_sigma"]
    t0 = time.time()
    ae.train()
    while step < steps:
        rng = np.random.default_rng([CFG["seed"], 41, step])
        g = torch.Generator().manual_seed(CFG["seed"] * 41 + step)
        x = ae_batch(imgs, rng, step, B, C)
        lr = CFG["noise_ae_lr"] * min(1, (step + 1) / 50) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for gr in opt.param_groups:
            gr["lr"] = lr
        z = ae.enc(x)
        sig = torch.rand((len(x), 1, 1, 1), generator=g) * smax * math.sqrt(m2)
        y = ae.dec(z + sig * torch.randn(z.shape, generator=g))
        excess = torch.relu((z ** 2).mean() / m2 - 1)
        loss = dec_loss(y, x) + excess
        opt_step(opt, loss, ae.parameters())
        step += 1
        if step % 50 == 0:
            log(f"noise-ae step {step}/{steps} loss {loss.item():.4f} m2 {(z ** 2).mean().item() / m2:.3f} lr {lr:.2e} "
                f"{(time.time() - t0) / 60:.1f}min")
        if step % 250 == 0 or step == steps:
            rep = robustness_report(ae.eval(), clf, crop)
            save_atomic({"model": ae.state_dict(), "opt": opt.state_dict(), "step": step, "m2": m2, "before": before,
                         "seconds": prev_sec + time.time() - t0, "round": rnd, "report": rep}, ck)
            log(f"noise-ae step {step}: {rep}")
            ae.train()
    s = torch.load(ck)
    rep = s["report"]
    # files made with the old encoder would otherwise be picked up as done by encode and train-unet --variant v
    # (the eps U-Net adapts to the new latents in an adaptation phase, CFG["adapt_from"])
    for f in ("latents.npz", "unet_v.pt"):
        if os.path.exists(os.path.join(WORK, f)):
            os.replace(os.path.join(WORK, f), os.path.join(WORK, f + ".old-encoder"))
            log(f"noise-ae: {f} was made with the old encoder, moved to {f}.old-encoder")
    base["model"] = s["model"]
    base["noise_ae_history"] = hist + [dict(noise_ae_steps=s["step"], noise_ae_seconds=s["seconds"],
                                            noise_ae_before=s["before"], noise_ae_report=rep)]
    save_atomic(base, base_p)
    log(f"noise-ae round {rnd} merged into vae.pt: {rep}; next: encode and the U-Nets")

