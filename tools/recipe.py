#!/usr/bin/env python3
"""Atelier embedded-model recipe.

    python3 tools/recipe.py all --out models/

Subcommands: data, train-vae, finetune-dec, classifier, crop-classifier, judge-ft, noise-ae, encode,
pretrain-te, train-unet, clf-report, export, eval, grid, card, fixtures, all.
Everything is seeded; training lengths are in optimizer steps; checkpoints go to tools/.work/
every few hundred steps and every command resumes from them.
"""
import os
# OpenMP waiting: spinning threads are faster on idle cores (U-Net step 0.56 s vs 1.28 s passive, batch
# 32, 2 cores) but ~15x slower when other jobs share the cores (14.1 s vs 0.81 s/step). So passive only when
# asked: ATELIER_SHARED_CPU=1.
if os.environ.get("ATELIER_SHARED_CPU") == "1":
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# Modules: common (CFG, paths, loaders), train, noiseae, judge, sampling (+ eval), export, fixtures, card.
# Every cmd_* name imported here becomes a subcommand (the table is built from globals() below).
from common import REPO, VARIANTS, WORK, log  # noqa: E402
from train import cmd_data, cmd_encode, cmd_finetune_dec, cmd_pretrain_te, cmd_train_unet, cmd_train_vae  # noqa: E402
from judge import cmd_classifier, cmd_clf_report, cmd_crop_classifier, cmd_judge_ft  # noqa: E402
from sampling import cmd_eval  # noqa: E402
from noiseae import cmd_noise_ae  # noqa: E402
from export import cmd_export  # noqa: E402
from fixtures import cmd_fixtures  # noqa: E402
from card import cmd_card, cmd_grid  # noqa: E402


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
    step("finetune-dec", cmd_finetune_dec)
    step("classifier", cmd_classifier)
    step("crop-classifier", cmd_crop_classifier)
    step("judge-ft", cmd_judge_ft)  # the judges learn the first autoencoder's blur, then stay fixed
    step("noise-ae", cmd_noise_ae)  # encoder changes: the latents are encoded after it
    step("encode", cmd_encode)
    step("pretrain-te", cmd_pretrain_te)
    step("train-unet-eps", cmd_train_unet, variant="eps")
    step("clf-report", cmd_clf_report)
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
