"""Evaluation judges: the field classifier and the crop classifier, their training / report / fine-tune
commands, and classify() which the evaluation uses."""
import json
import math
import os

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import CFG, WORK, load_ae, log, save_atomic, to_t

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import shapes as S


# ---------------------------------------------------------------- evaluation classifier
def _heads_step(model, opt, x, y, step, total):
    """One optimiser step of a one-head-per-field judge (cross-entropy summed over heads, cosine LR)."""
    loss = sum(F.cross_entropy(o, y[:, k]) for k, o in enumerate(model(x)))
    for g in opt.param_groups:
        g["lr"] = 2e-3 * 0.5 * (1 + math.cos(math.pi * step / total))
    opt.zero_grad(); loss.backward(); opt.step()
    return loss


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
            loss = _heads_step(clf, opt, x, y, step, total); step += 1
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
            loss = _heads_step(m, opt, c, y, step, total); step += 1
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
    crop = load_crop()
    x = to_t(vimgs)
    ae = load_ae()
    with torch.no_grad():
        rec = torch.cat([ae.dec(ae.enc(x[i:i + 100])).clamp(-1, 1) for i in range(0, len(x), 100)])
    rep = {"vae_psnr_db": -10 * math.log10(((rec - x) ** 2).mean().item() / 4)}
    for name, t in (("clean_renders", x), ("vae_reconstructions", rec)):
        p = classify(clf, t, crop)
        rep[name] = {f: float((p[:, k] == vattrs[:, k]).mean()) for k, f in enumerate(S.FIELDS)}
        rep[name].update(style_accuracy(p, vattrs))
    log("judge accuracy: " + json.dumps(rep))
    json.dump(rep, open(os.path.join(WORK, "judge_report.json"), "w"), indent=1)


def cmd_judge_ft(args):
    """Fine-tune both judges on a 50/50 mix of clean renders and their autoencoder reconstructions (same
    ground-truth labels), so blur from the 8x decoder is not mistaken for a different attribute. Runs once:
    the judges stay fixed afterwards, so every later evaluation uses the same judge."""
    if torch.load(os.path.join(WORK, "clf.pt")).get("recon_ft") and not args.force:
        log("judge-ft: done"); return
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


def classify(clf, imgs_t, crop=None):
    """Main classifier for every field; shape, style and color are then re-judged by the crop classifier
    (see load_crop) at the predicted position/size when one is given."""
    clf.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(imgs_t), 100):
            preds.append(torch.stack([o.argmax(-1) for o in clf(imgs_t[i:i + 100])], 1))
    pred = torch.cat(preds).numpy()
    if crop is not None:
        cm = crop
        isz, icp = S.FIELDS.index("size"), S.FIELDS.index("composition")
        with torch.no_grad():
            c = crop_objects(imgs_t, pred[:, isz], pred[:, icp])
            cpred = torch.stack([o.argmax(-1) for o in cm(c)], 1).numpy()
        for k, f in enumerate(CropClassifier.FIELDS):
            pred[:, S.FIELDS.index(f)] = cpred[:, k]
    return pred


def style_accuracy(pred, gt):
    """Judged style accuracy per style ("style(pixel art)": ...), NaN for a style with no sample."""
    k = S.FIELDS.index("style")
    return {f"style({st})": float((pred[gt[:, k] == i, k] == i).mean()) if (gt[:, k] == i).any() else float("nan")
            for i, st in enumerate(S.STYLES)}


def classify_acc(clf, imgs, attrs, crop=None):
    x = imgs if torch.is_tensor(imgs) else to_t(imgs)
    p = classify(clf, x, crop)
    return {f: float((p[:, k] == attrs[:, k]).mean()) for k, f in enumerate(S.FIELDS)}


def load_clf():
    s = torch.load(os.path.join(WORK, "clf.pt"))
    c = Classifier(); c.load_state_dict(s["model"])
    return c.eval(), s


def load_crop():
    """The crop classifier (loaded once per command), or None before `crop-classifier` has run."""
    cp = os.path.join(WORK, "cropclf.pt")
    if not os.path.exists(cp):
        return None
    cm = CropClassifier(); cm.load_state_dict(torch.load(cp)["model"])
    return cm.eval()
