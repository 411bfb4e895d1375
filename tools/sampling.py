"""Sampling backends (torch checkpoint / onnxruntime folder), DDIM + CFG generation and the held-out
prompt evaluation command."""
import json
import os
import time

# common first: it sets the OpenMP policy before torch loads and puts tools/ on sys.path
from common import CFG, VARIANTS, WORK, load_ae, load_diffusion, load_tokenizer, log

import numpy as np
import torch

import shapes as S
import bpe
from nets import alphas_cumprod, ddim_step, ddim_timesteps, init_latents
from judge import classify, load_clf, load_crop, style_accuracy


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
    crop = load_crop()
    full, neg = eval_prompts()
    if n:
        full, neg = full[:n], neg[: max(8, n // 4)]
    t = time.time()
    imgs = generate(be, [p for p, _ in full], [1000 + i for i in range(len(full))], guidance=guidance)
    gen_s = time.time() - t
    pred = classify(clf, imgs, crop)
    gt = np.array([S.attrs_to_index(a) for _, a in full])
    res = {f: float((pred[:, k] == gt[:, k]).mean()) for k, f in enumerate(S.FIELDS)}
    ip, isz = S.FIELDS.index("composition"), S.FIELDS.index("size")
    res["composition+size"] = float(((pred[:, ip] == gt[:, ip]) & (pred[:, isz] == gt[:, isz])).mean())
    ish, small = S.FIELDS.index("shape"), gt[:, isz] == S.SIZES.index("small")
    res["shape(small objects)"] = float((pred[small, ish] == gt[small, ish]).mean())
    res["shape(large objects)"] = float((pred[~small, ish] == gt[~small, ish]).mean())
    res.update(style_accuracy(pred, gt))  # which styles come through (the grid shows them by eye)
    res["all_four(color,shape,composition+size,background)"] = float(np.all(pred[:, [1, 2, 3, 4, 0]] == gt[:, [1, 2, 3, 4, 0]], 1).mean())
    ci = S.FIELDS.index("color")
    nimgs = generate(be, [p for p, _, _ in neg], [5000 + i for i in range(len(neg))],
                     negatives=[b for _, b, _ in neg], guidance=guidance)
    npred = classify(clf, nimgs, crop)[:, ci]
    banned = np.array([S.COLOR_NAMES.index(b) for _, b, _ in neg])
    res["negative_avoid"] = float((npred != banned).mean())
    bimgs = generate(be, [p for p, _, _ in neg], [5000 + i for i in range(len(neg))], guidance=guidance)
    res["negative_baseline_avoid(no negative prompt)"] = float((classify(clf, bimgs, crop)[:, ci] != banned).mean())
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
