"""Training commands: data + tokenizer, autoencoder (+ decoder fine-tune), latent cache, text-encoder
pre-training and the U-Net training of both variants."""
import json
import math
import os
import time

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import (CFG, VARIANTS, WORK, Diffusion, build_te, ckpt_path, load_ae, load_data, load_latents,
                    load_tokenizer, log, save_atomic, te_pre_path, to_t)

import numpy as np
import torch

import shapes as S
import bpe
from nets import AE, alphas_cumprod, nparams
import textenc


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


# ---------------------------------------------------------------- VAE
def ae_loss(x, y):
    l1 = (x - y).abs().mean()
    mse = ((x - y) ** 2).mean()
    gx = ((x[..., 1:] - x[..., :-1]) - (y[..., 1:] - y[..., :-1])).abs().mean()
    gy = ((x[..., 1:, :] - x[..., :-1, :]) - (y[..., 1:, :] - y[..., :-1, :])).abs().mean()
    return l1 + mse + 0.5 * (gx + gy)


def opt_step(opt, loss, params):
    """Backward, clip the gradient norm to 1, step."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()


def ae_batch(imgs, rng, step, B, C):
    """Autoencoder batch: B random CxC crops at multiples of 8 px; every 10th step B/4 full images, so
    borders and context are seen too."""
    idx = rng.integers(len(imgs), size=B)
    if step % 10 == 9:
        return to_t(imgs[idx[:max(2, B // 4)]])
    oy, ox = rng.integers(0, (128 - C) // 8 + 1, size=2) * 8
    return to_t(imgs[idx, oy:oy + C, ox:ox + C])


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
        x = ae_batch(imgs, rng, step, B, C)
        lr = CFG["ae_lr"] * min(1, (step + 1) / 100) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        z = ae.enc(x)
        y = ae.dec(z)
        loss = ae_loss(y, x) + 1e-4 * (z ** 2).mean()
        opt_step(opt, loss, ae.parameters())
        step += 1
        if step % 50 == 0:
            with torch.no_grad():
                psnr = -10 * math.log10(((y.clamp(-1, 1) - x) ** 2).mean().item() / 4)
            log(f"vae step {step}/{steps} loss {loss.item():.4f} psnr {psnr:.2f} z.std {z.std().item():.3f} lr {lr:.2e} {(time.time() - t0) / 60:.1f}min")
        if step % 200 == 0 or step == steps:
            save_atomic({"model": ae.state_dict(), "opt": opt.state_dict(), "step": step,
                         "seconds": prev_sec + time.time() - t0}, ck)
    log("vae done")


def dec_loss(y, x):
    """Autoencoder loss plus extra weight on horizontal edges (sharp outlines)."""
    return ae_loss(y, x) + 0.5 * ((y[..., 1:] - y[..., :-1]) - (x[..., 1:] - x[..., :-1])).abs().mean()


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
        loss = dec_loss(y, x)
        opt_step(opt, loss, ae.dec.parameters()); step += 1
        if step % 50 == 0:
            psnr = -10 * math.log10(((y.detach().clamp(-1, 1) - x) ** 2).mean().item() / 4)
            log(f"dec-ft step {step}/{steps} loss {loss.item():.4f} psnr {psnr:.2f} {(time.time() - t0) / 60:.1f}min")
        if step % 100 == 0 or step == steps:
            save_atomic({"dec": ae.dec.state_dict(), "opt": opt.state_dict(), "step": step}, ck)
    if base.get("dec_ft_steps", 0) < step:
        base["model"] = ae.state_dict(); base["dec_ft_steps"] = step
        save_atomic(base, os.path.join(WORK, "vae.pt"))
        log(f"decoder fine-tune merged into vae.pt (step {step})")


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


# ---------------------------------------------------------------- U-Net + text encoder
def cmd_pretrain_te(args):
    """Attribute pre-training of the text encoder (see textenc.py for why)."""
    p = te_pre_path()
    if os.path.exists(p) and not args.force:
        log("te-pretrain: exists"); return
    tok_dir = os.path.join(WORK, "tokenizer")
    toks = textenc.load_toks(tok_dir, [V["pad"] for V in VARIANTS.values()])
    torch.manual_seed(CFG["seed"] + 7)
    te = build_te(len(toks[0].vocab))
    t = time.time()
    before = textenc.position_separation(te, toks[0])
    acc = textenc.pretrain(te, toks, args.steps or CFG["te_pretrain_steps"], CFG["seed"] + 7, log)
    after = textenc.position_separation(te, toks[0])
    log(f"te-pretrain: held-out field accuracy {json.dumps(acc)}; output separation before {before} after {after}")
    save_atomic({"te": te.state_dict(), "acc": acc, "separation": after, "seconds": time.time() - t,
                 "steps": args.steps or CFG["te_pretrain_steps"]}, p)


def cmd_train_unet(args):
    """Phase 1 (the base U-Net), then, where CFG["fine_from"] names a step, phase 2 (the grown U-Net), then,
    for every step CFG["adapt_from"] lists, an adaptation phase: a fresh optimiser and learning-rate cycle,
    started when the latents changed under the U-Net (phase 3: the noise-robust autoencoder, noiseae.py;
    phase 4: the re-rendered styles and a second noise-ae round; phase 5: pixel art's checker dither and a third
    noise-ae round)."""
    total = args.steps or CFG[f"{args.variant}_steps"]
    ff = CFG["fine_from"].get(args.variant)
    if not (ff and ff < total):
        return _train_unet(args, total, grown=False)
    _train_unet(args, ff, grown=False)
    starts = [None] + [a for a in CFG["adapt_from"].get(args.variant, []) if a < total]
    for start, end in zip(starts, starts[1:] + [total]):
        _train_unet(args, end, grown=True, start=start)


def unet_batch(variant, step, grown, B, z_all, attrs, tok, acp):
    """One seeded training batch of the U-Net: noised latents, timesteps, targets, loss weights, caption ids."""
    V = VARIANTS[variant]
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
        p_hi = CFG["fine_hi_t"] if grown else (0.5 if strong else 0.3)
        t = torch.where(torch.rand(B, generator=g) < p_hi,
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
    return xt, t, target, w, ids


def _train_unet(args, steps, grown, start=None):
    variant = args.variant
    V = VARIANTS[variant]
    z_all, sf, attrs = load_latents()
    z_all = torch.from_numpy(z_all.astype(np.float32) * sf)
    tok = load_tokenizer(V["pad"])
    peak = CFG["fine_lr"] if grown else CFG[f"{variant}_lr"]
    ff = CFG["fine_from"].get(variant, 0)
    cycle = start or ff  # where the running learning-rate cycle began
    B = CFG["unet_batch"]
    torch.manual_seed(CFG["seed"] + (0 if variant == "eps" else 1))
    ck = ckpt_path(variant)
    step = 0
    rewarm = None
    s0 = torch.load(ck) if os.path.exists(ck) else None
    if s0 is not None and s0["step"] >= steps:
        return
    fine = CFG["fine"] if grown else 0
    if s0 is None and variant == "v" and args.init_from_eps:
        fine = int(torch.load(ckpt_path("eps")).get("fine", 0))
    fine = fine or int(s0.get("fine", 0) if s0 else 0)
    coords = CFG["coords_from"].get(variant, 10 ** 9) <= (s0["step"] if s0 else 0) or bool(s0 and s0.get("coords"))
    if s0 is None and variant == "v" and args.init_from_eps:
        coords = bool(torch.load(ckpt_path("eps")).get("coords", False))
    model = Diffusion(len(tok.vocab), coords, fine)
    frozen_te = CFG["te_frozen"] and os.path.exists(te_pre_path())
    if frozen_te:  # SD keeps its pre-trained CLIP frozen; so do we
        model.te.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    if s0 is not None:
        s = s0
        opt = torch.optim.AdamW(trainable, peak, weight_decay=0.01)
        ema = Diffusion(len(tok.vocab), coords, fine)
        regrow = fine and not s.get("fine", 0)
        if regrow:  # grow the full-resolution block: new weights from their init (zero output), fresh optimiser
            for key in ("model", "ema"):  # keys the checkpoint lacks keep the fresh model's init
                s[key] = {**model.state_dict(), **s[key]}
            log(f"{variant}: full-resolution block ({fine} channels) grown at step {s['step']}")
        elif start is not None and s.get("adapt_from") != start:  # adaptation: fresh optimiser and cycle
            changed = list(s.get("latents_changed_at") or [])
            if s["scaling_factor"] != sf:  # the latents were re-encoded under the U-Net (noise-ae)
                changed.append(s["step"])
            s["latents_changed_at"] = changed
            log(f"{variant}: adaptation phase from step {s['step']}, latents changed at {changed}")
        elif coords and not s.get("coords", False):
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
        elif frozen_te:
            model.te.load_state_dict(torch.load(te_pre_path())["te"])
            log(f"{variant}: text encoder from the attribute pre-training, frozen")
        ema = Diffusion(len(tok.vocab), coords, fine); ema.load_state_dict(model.state_dict())
        opt = torch.optim.AdamW(trainable, peak, weight_decay=0.01)
    ema.requires_grad_(False)
    if step == 0:
        prev_sec = 0.0
    acp = alphas_cumprod()
    log(f"{variant}: unet {nparams(model.unet)} te {nparams(model.te)} params, {steps} steps x {B}")
    model.train()
    t0 = time.time()
    warm = 200 if not (variant == "v" and args.init_from_eps) else 50
    while step < steps:
        xt, t, target, w, ids = unet_batch(variant, step, grown, B, z_all, attrs, tok, acp)
        if grown:  # own warm-up and cosine over the growth (or adaptation) phase
            lr = peak * min(1, (step - cycle + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - cycle) / (steps - cycle))))
        else:
            lr = peak * min(1, (step + 1) / warm) * (min(1, (step - rewarm + 1) / 50) if rewarm is not None else 1) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for gr in opt.param_groups:
            gr["lr"] = lr
        ctx = model.te(ids)[0]
        out = model.unet(xt, t.float(), ctx)
        loss = (((out - target) ** 2).mean((1, 2, 3)) * w).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(trainable, 1.0)
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
                         "init_from_eps": bool(variant == "v" and args.init_from_eps), "te_frozen": frozen_te,
                         "anchor": step > CFG["anchor_from"].get(variant, 10 ** 9), "coords": coords,
                         "fine": fine, "fine_from": ff if fine else None, "adapt_from": start,
                         "latents_changed_at": s0.get("latents_changed_at") if s0 else None}, ck)
    log(f"{variant} done")
