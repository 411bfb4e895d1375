"""Independent diffusers-semantics reference (numpy + onnxruntime + torch RNG) for the Java engine.

Prints the numbers DiffusersParityTest pins: `python3 tools/parity.py [FOLDER]` (DDIM, SD 1.x/2.x)
and `python3 tools/parity.py src/test/resources/fixtures/sd2v xl` (Euler, SDXL fixture, absent and empty negative prompt).
Re-run it and update the test when the fixtures are regenerated."""
import json, sys, os
import numpy as np, torch, onnxruntime as ort
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bpe

def run(folder, prompt, negative, seed, steps, g, h=64, w=64):
    sched = json.load(open(f"{folder}/scheduler/scheduler_config.json"))
    tc = json.load(open(f"{folder}/tokenizer/tokenizer_config.json"))
    tok = bpe.Tokenizer.load(f"{folder}/tokenizer", tc["pad_token"])
    te = ort.InferenceSession(f"{folder}/text_encoder/model.onnx")
    un = ort.InferenceSession(f"{folder}/unet/model.onnx")
    vae = ort.InferenceSession(f"{folder}/vae_decoder/model.onnx")
    idt = np.int32 if "int32" in te.get_inputs()[0].type else np.int64
    tdt = {"tensor(int64)": np.int64, "tensor(float)": np.float32}[[i for i in un.get_inputs() if i.name == "timestep"][0].type]
    enc = lambda s: te.run(["last_hidden_state"], {"input_ids": np.array([tok(s)], idt)})[0]
    cond, unc = enc(prompt), enc(negative)
    T = 1000
    betas = torch.linspace(sched["beta_start"] ** 0.5, sched["beta_end"] ** 0.5, T, dtype=torch.float32) ** 2
    acp = torch.cumprod(1.0 - betas, dim=0).numpy()
    ratio = T // steps
    ts = (np.arange(0, steps) * ratio).round()[::-1].astype(np.int64) + sched["steps_offset"]
    x = torch.randn((1, 4, h // 8, w // 8), generator=torch.Generator("cpu").manual_seed(seed)).numpy()
    ctx = np.concatenate([unc, cond])
    for t in ts:
        out = un.run(["out_sample"], {"sample": np.concatenate([x, x]), "timestep": np.array([t, t], tdt),
                                      "encoder_hidden_states": ctx})[0]
        u, c = out[:1], out[1:]
        eps = u + np.float32(g) * (c - u)
        prev = t - ratio
        a = acp[t]; ap = acp[prev] if prev >= 0 else acp[0]; b = 1 - a
        if sched["prediction_type"] == "v_prediction":
            x0 = a ** 0.5 * x - b ** 0.5 * eps; e = a ** 0.5 * eps + b ** 0.5 * x
        else:
            x0 = (x - b ** 0.5 * eps) / a ** 0.5; e = eps
        x = (ap ** 0.5 * x0 + (1 - ap) ** 0.5 * e).astype(np.float32)
    sf = json.load(open(f"{folder}/vae_decoder/config.json"))["scaling_factor"]
    img = vae.run(None, {"latent_sample": (x / np.float32(sf)).astype(np.float32)})[0]
    img = np.clip(img / 2 + 0.5, 0, 1).transpose(0, 2, 3, 1)[0]
    px = (img * 255).round().astype("uint8")
    return x, px

def report_ddim(folder):
    x, px = run(folder, "a large red star on a blue background", "green", 42, 10, 5.0)
    print("latents[:8]", [float(v) for v in x.reshape(-1)[:8]])
    print("latents sum", float(x.sum()), "abs", float(np.abs(x).sum()))
    print("px sum per channel", [int(px[..., c].astype(np.int64).sum()) for c in range(3)])
    print("px first", px.reshape(-1)[:12].tolist())
    print("px (31,17)", px[17, 31].tolist(), "(5,60)", px[60, 5].tolist())


def run_xl(folder, prompt, negative, seed, steps, g, h=64, w=64):
    import re
    sched = json.load(open(f"{folder}/scheduler/scheduler_config.json"))
    mi = json.load(open(f"{folder}/model_index.json"))
    toks, encs = [], []
    for td, ed in (("tokenizer", "text_encoder"), ("tokenizer_2", "text_encoder_2")):
        tc = json.load(open(f"{folder}/{td}/tokenizer_config.json"))
        toks.append(bpe.Tokenizer.load(f"{folder}/{td}", tc["pad_token"]))
        encs.append(ort.InferenceSession(f"{folder}/{ed}/model.onnx"))

    def enc(s):
        hs, pooled = [], None
        for tok, e in zip(toks, encs):
            idt = np.int32 if "int32" in e.get_inputs()[0].type else np.int64
            names = [o.name for o in e.get_outputs()]
            n = max(int(m.group(1)) for m in (re.fullmatch(r"hidden_states\.(\d+)", x) for x in names) if m)
            outs = dict(zip(names, e.run(None, {"input_ids": np.array([tok(s)], idt)})))
            hs.append(outs[f"hidden_states.{n - 1}"])
            if "text_embeds" in outs:
                pooled = outs["text_embeds"]
        return np.concatenate(hs, -1), pooled
    cond, pc = enc(prompt)
    if negative is None and mi.get("force_zeros_for_empty_prompt"):
        unc, pu = np.zeros_like(cond), np.zeros_like(pc)
    else:
        unc, pu = enc(negative or "")
    un = ort.InferenceSession(f"{folder}/unet/model.onnx")
    T = 1000
    betas = torch.linspace(sched["beta_start"] ** 0.5, sched["beta_end"] ** 0.5, T, dtype=torch.float32) ** 2
    acp = torch.cumprod(1.0 - betas, dim=0)
    train_sigmas = (((1 - acp) / acp) ** 0.5).numpy()
    ts = (np.arange(0, steps) * (T // steps)).round()[::-1].copy().astype(np.float32) + sched["steps_offset"]
    sig = np.interp(ts, np.arange(0, T), train_sigmas)
    sig = np.concatenate([sig, [0.0]]).astype(np.float32)
    init = float((sig.max() ** 2 + 1) ** 0.5)
    x = torch.randn((1, 4, h // 8, w // 8), generator=torch.Generator("cpu").manual_seed(seed)).numpy() * np.float32(init)
    tid = np.array([[h, w, 0, 0, h, w]] * 2, np.float32)
    for i, t in enumerate(ts):
        s = sig[i]
        xin = (x / ((s ** 2 + 1) ** 0.5)).astype(np.float32)
        out = un.run(["out_sample"], {"sample": np.concatenate([xin, xin]), "timestep": np.array(t, np.float32),
                                      "encoder_hidden_states": np.concatenate([unc, cond]).astype(np.float32),
                                      "text_embeds": np.concatenate([pu, pc]).astype(np.float32), "time_ids": tid})[0]
        u, c = out[:1], out[1:]
        eps = u + np.float32(g) * (c - u)
        x0 = x - s * eps
        d = (x - x0) / s
        x = (x + d * (sig[i + 1] - s)).astype(np.float32)
    sf = json.load(open(f"{folder}/vae_decoder/config.json"))["scaling_factor"]
    vae = ort.InferenceSession(f"{folder}/vae_decoder/model.onnx")
    img = vae.run(None, {"latent_sample": (x / np.float32(sf)).astype(np.float32)})[0]
    img = np.clip(img / 2 + 0.5, 0, 1).transpose(0, 2, 3, 1)[0]
    return x, (img * 255).round().astype("uint8")


if len(sys.argv) > 2 and sys.argv[2] == "xl":  # SDXL + Euler only
    for neg in (None, ""):
        x, px = run_xl(os.path.join(HERE, "..", "src/test/resources/fixtures/sdxl"), "a large red star on a blue background", neg, 42, 10, 5.0)
        print("XL neg", repr(neg), "latents[:8]", [float(v) for v in x.reshape(-1)[:8]], "sum", float(x.sum()))
        print("  px sums", [int(px[..., c].astype(np.int64).sum()) for c in range(3)], "first", px.reshape(-1)[:12].tolist())
else:
    report_ddim(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "src/test/resources/fixtures/sd2v"))
