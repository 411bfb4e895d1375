"""Model definitions (CLIP-style text encoder, SD-style U-Net, small autoencoder) and DDIM."""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def gn(c):
    for g in (32, 16, 8, 4, 2, 1):
        if c % g == 0 and c // g >= 4:
            return nn.GroupNorm(g, c, eps=1e-5)
    return nn.GroupNorm(1, c)


# ---------------------------------------------------------------- text encoder
class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    def __init__(self, dim, heads, ctx_dim=None, bias=True):
        super().__init__()
        ctx_dim = ctx_dim or dim
        self.h = heads
        self.q = nn.Linear(dim, dim, bias=bias)
        self.k = nn.Linear(ctx_dim, dim, bias=bias)
        self.v = nn.Linear(ctx_dim, dim, bias=bias)
        self.o = nn.Linear(dim, dim)

    def forward(self, x, ctx=None, mask=None):
        ctx = x if ctx is None else ctx
        B, N, C = x.shape
        h = self.h
        q = self.q(x).reshape(B, N, h, C // h).transpose(1, 2)
        k = self.k(ctx).reshape(B, ctx.shape[1], h, C // h).transpose(1, 2)
        v = self.v(ctx).reshape(B, ctx.shape[1], h, C // h).transpose(1, 2)
        w = (q * (C // h) ** -0.5) @ k.transpose(-1, -2)
        if mask is not None:
            w = w + mask
        w = w.softmax(-1)
        out = (w @ v).transpose(1, 2).reshape(B, N, C)
        return self.o(out)


class CLIPLayer(nn.Module):
    def __init__(self, d, heads, inter):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.attn = Attention(d, heads)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, inter)
        self.act = QuickGELU()
        self.fc2 = nn.Linear(inter, d)

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask=mask)
        return x + self.fc2(self.act(self.fc1(self.ln2(x))))


class TextEncoder(nn.Module):
    def __init__(self, vocab_size, hidden=128, layers=3, heads=4, inter=256, max_pos=77, proj_dim=None):
        super().__init__()
        self.cfg = dict(vocab_size=vocab_size, hidden=hidden, layers=layers, heads=heads, inter=inter,
                        max_pos=max_pos, proj_dim=proj_dim)
        self.tok = nn.Embedding(vocab_size, hidden)
        self.pos = nn.Parameter(torch.randn(max_pos, hidden) * 0.01)
        nn.init.normal_(self.tok.weight, std=0.02)
        self.layers = nn.ModuleList([CLIPLayer(hidden, heads, inter) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(hidden)
        self.proj = nn.Linear(hidden, proj_dim, bias=False) if proj_dim else None

    def forward(self, ids, output_hidden_states=False):
        L = ids.shape[1]
        x = self.tok(ids) + self.pos[:L]
        mask = torch.triu(torch.full((L, L), -1e4, dtype=x.dtype, device=x.device), 1)
        hs = [x]
        for layer in self.layers:
            x = layer(x, mask)
            hs.append(x)
        last = self.ln_f(x)
        eos = ids.to(torch.int64).argmax(-1)
        pooled = last[torch.arange(ids.shape[0], device=ids.device), eos]
        if self.proj is not None:
            pooled = self.proj(pooled)
        if output_hidden_states:
            return last, pooled, hs
        return last, pooled


# ---------------------------------------------------------------- U-Net
def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.to(torch.float32)[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], -1)  # flip_sin_to_cos=True, freq_shift=0


class ResBlock(nn.Module):
    def __init__(self, cin, cout, tdim=None):
        super().__init__()
        self.n1 = gn(cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(tdim, cout) if tdim else None
        self.n2 = gn(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, temb=None):
        h = self.c1(F.silu(self.n1(x)))
        if self.t is not None:
            h = h + self.t(F.silu(temb))[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return self.skip(x) + h


class SpatialTransformer(nn.Module):
    def __init__(self, c, ctx_dim, head_dim=32):
        super().__init__()
        heads = max(1, c // head_dim)
        self.norm = gn(c)
        self.proj_in = nn.Linear(c, c)
        self.ln1 = nn.LayerNorm(c)
        self.attn1 = Attention(c, heads, bias=False)
        self.ln2 = nn.LayerNorm(c)
        self.attn2 = Attention(c, heads, ctx_dim, bias=False)
        self.ln3 = nn.LayerNorm(c)
        self.ff1 = nn.Linear(c, c * 4)  # GEGLU with inner width 2c
        self.ff2 = nn.Linear(c * 2, c)
        self.proj_out = nn.Linear(c, c)

    def forward(self, x, ctx):
        B, C, H, W = x.shape
        res = x
        h = self.norm(x).reshape(B, C, H * W).transpose(1, 2)
        h = self.proj_in(h)
        h = h + self.attn1(self.ln1(h))
        h = h + self.attn2(self.ln2(h), ctx)
        a, g = self.ff1(self.ln3(h)).chunk(2, -1)
        h = h + self.ff2(a * F.gelu(g))
        h = self.proj_out(h)
        return res + h.transpose(1, 2).reshape(B, C, H, W)


class UNet(nn.Module):
    """SD-style U-Net, 2 downsamplings (latent size must be a multiple of 4).

    Levels: ch[0] at full latent res (no attention), ch[1] at /2 and ch[2] at /4 with
    self+cross attention.  Optional SDXL-style add-embedding (text_embeds + time_ids)
    and LCM-style timestep_cond.
    """

    def __init__(self, ch=(64, 128, 192), ctx_dim=128, in_ch=4, temb_in=None, add_embed=None, time_cond_dim=None,
                 coords=False, fine=0):
        super().__init__()
        c0, c1, c2 = ch
        self.cfg = dict(ch=list(ch), ctx_dim=ctx_dim, in_ch=in_ch, add_embed=add_embed, time_cond_dim=time_cond_dim,
                        coords=coords, fine=fine)
        self.coords = coords  # two extra input channels with the normalised x/y position (CoordConv)
        self.tin = temb_in or c0
        td = c0 * 4
        self.td = td
        self.time_mlp = nn.Sequential(nn.Linear(self.tin, td), nn.SiLU(), nn.Linear(td, td))
        self.cond_proj = nn.Linear(time_cond_dim, self.tin, bias=False) if time_cond_dim else None
        if add_embed:  # (text_embeds dim, addition_time_embed_dim)
            pdim, atd = add_embed
            self.atd = atd
            self.add_mlp = nn.Sequential(nn.Linear(pdim + 6 * atd, td), nn.SiLU(), nn.Linear(td, td))
        self.conv_in = nn.Conv2d(in_ch + (2 if coords else 0), c0, 3, padding=1)
        self.d0 = ResBlock(c0, c0, td)
        self.down0 = nn.Conv2d(c0, c0, 3, stride=2, padding=1)
        self.d1 = ResBlock(c0, c1, td)
        self.d1a = SpatialTransformer(c1, ctx_dim)
        self.down1 = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.d2 = ResBlock(c1, c2, td)
        self.d2a = SpatialTransformer(c2, ctx_dim)
        self.m1 = ResBlock(c2, c2, td)
        self.ma = SpatialTransformer(c2, ctx_dim)
        self.m2 = ResBlock(c2, c2, td)
        self.u2a = ResBlock(c2 + c2, c2, td)
        self.u2aa = SpatialTransformer(c2, ctx_dim)
        self.u2b = ResBlock(c2 + c1, c2, td)
        self.u2ba = SpatialTransformer(c2, ctx_dim)
        self.up2 = nn.Conv2d(c2, c2, 3, padding=1)
        self.u1a = ResBlock(c2 + c1, c1, td)
        self.u1aa = SpatialTransformer(c1, ctx_dim)
        self.u1b = ResBlock(c1 + c0, c1, td)
        self.u1ba = SpatialTransformer(c1, ctx_dim)
        self.up1 = nn.Conv2d(c1, c1, 3, padding=1)
        self.u0a = ResBlock(c1 + c0, c0, td)
        self.u0b = ResBlock(c0 + c0, c0, td)
        self.out_norm = gn(c0)
        self.conv_out = nn.Conv2d(c0, in_ch, 3, padding=1)
        nn.init.zeros_(self.conv_out.weight)
        nn.init.zeros_(self.conv_out.bias)
        self.fine = fine
        if fine:  # full-resolution refinement (self + cross attention at the latent size), a residual branch
            self.f_in = nn.Conv2d(c0 + c0, fine, 3, padding=1)
            self.f1 = ResBlock(fine, fine, td)
            self.fa = SpatialTransformer(fine, ctx_dim)
            self.f2 = ResBlock(fine, fine, td)
            self.f_norm = gn(fine)
            self.f_out = nn.Conv2d(fine, c0, 3, padding=1)
            nn.init.zeros_(self.f_out.weight)  # zero branch: grown onto a trained U-Net, it starts as identity
            nn.init.zeros_(self.f_out.bias)

    def forward(self, x, t, ctx, text_embeds=None, time_ids=None, timestep_cond=None):
        if t.dim() == 0:
            t = t.reshape(1).expand(x.shape[0])
        e = timestep_embedding(t, self.tin).to(x.dtype)
        if self.cond_proj is not None and timestep_cond is not None:
            e = e + self.cond_proj(timestep_cond)
        temb = self.time_mlp(e)
        if hasattr(self, "add_mlp") and text_embeds is not None:
            B = x.shape[0]
            tid = timestep_embedding(time_ids.reshape(-1), self.atd).to(x.dtype).reshape(B, -1)
            temb = temb + self.add_mlp(torch.cat([text_embeds, tid], -1))
        if self.coords:  # size-agnostic: built from cumulative sums, exports to ONNX with dynamic h/w
            one = torch.ones_like(x[:, :1])
            yy = (one.cumsum(2) - 0.5) / one.sum(2, keepdim=True) * 2 - 1
            xx = (one.cumsum(3) - 0.5) / one.sum(3, keepdim=True) * 2 - 1
            x = torch.cat([x, yy, xx], 1)
        h = self.conv_in(x)
        s0 = h
        h = self.d0(h, temb); s1 = h
        h = self.down0(h); s2 = h
        h = self.d1a(self.d1(h, temb), ctx); s3 = h
        h = self.down1(h); s4 = h
        h = self.d2a(self.d2(h, temb), ctx); s5 = h
        h = self.m2(self.ma(self.m1(h, temb), ctx), temb)
        h = self.u2aa(self.u2a(torch.cat([h, s5], 1), temb), ctx)
        h = self.u2ba(self.u2b(torch.cat([h, s4], 1), temb), ctx)
        h = self.up2(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u1aa(self.u1a(torch.cat([h, s3], 1), temb), ctx)
        h = self.u1ba(self.u1b(torch.cat([h, s2], 1), temb), ctx)
        h = self.up1(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u0a(torch.cat([h, s1], 1), temb)
        h = self.u0b(torch.cat([h, s0], 1), temb)
        if self.fine:
            f = self.fa(self.f1(self.f_in(torch.cat([h, s0], 1)), temb), ctx)
            h = h + self.f_out(F.silu(self.f_norm(self.f2(f, temb))))
        return self.conv_out(F.silu(self.out_norm(h)))


# ---------------------------------------------------------------- autoencoder
class Encoder(nn.Module):
    def __init__(self, ch=(48, 96, 128), zc=4):
        super().__init__()
        a, b, c = ch
        self.net = nn.ModuleList([
            nn.PixelUnshuffle(2), nn.Conv2d(12, a, 3, padding=1), ResBlock(a, a),
            nn.Conv2d(a, b, 3, stride=2, padding=1), ResBlock(b, b),
            nn.Conv2d(b, c, 3, stride=2, padding=1), ResBlock(c, c),
        ])
        self.out_norm = gn(c)
        self.out = nn.Conv2d(c, zc, 3, padding=1)

    def forward(self, x):
        for m in self.net:
            x = m(x)
        return self.out(F.silu(self.out_norm(x)))


class Decoder(nn.Module):
    def __init__(self, ch=(48, 96, 128), zc=4):
        super().__init__()
        a, b, c = ch
        self.cfg = dict(ch=list(ch), zc=zc)
        self.conv_in = nn.Conv2d(zc, c, 3, padding=1)
        self.r16a = ResBlock(c, c)
        self.r16b = ResBlock(c, c)
        self.up32 = nn.Conv2d(c, b, 3, padding=1)
        self.r32 = ResBlock(b, b)
        self.up64 = nn.Conv2d(b, a, 3, padding=1)
        self.r64 = ResBlock(a, a)
        self.out_norm = gn(a)
        self.out = nn.Conv2d(a, 12, 3, padding=1)
        self.ps = nn.PixelShuffle(2)

    def forward(self, z):
        h = self.conv_in(z)
        h = self.r16b(self.r16a(h))
        h = self.r32(self.up32(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        h = self.r64(self.up64(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        return self.ps(self.out(F.silu(self.out_norm(h))))


class AE(nn.Module):
    def __init__(self, ch=(48, 96, 128), zc=4):
        super().__init__()
        self.enc = Encoder(ch, zc)
        self.dec = Decoder(ch, zc)


def nparams(m):
    return sum(p.numel() for p in m.parameters())


# ---------------------------------------------------------------- schedule & DDIM (diffusers-exact)
def alphas_cumprod(n=1000, b0=0.00085, b1=0.012):
    betas = torch.linspace(b0 ** 0.5, b1 ** 0.5, n, dtype=torch.float64) ** 2
    return torch.cumprod(1 - betas, 0).to(torch.float32)


def ddim_timesteps(steps, n_train=1000, offset=1):
    ratio = n_train // steps
    return ((np.arange(0, steps) * ratio).round()[::-1].copy().astype(np.int64) + offset), ratio


def ddim_step(out, t, x, acp, ratio, prediction_type="epsilon"):
    prev = t - ratio
    a = acp[t]
    ap = acp[prev] if prev >= 0 else acp[0]  # set_alpha_to_one=False
    b = 1 - a
    if prediction_type == "epsilon":
        x0 = (x - b ** 0.5 * out) / a ** 0.5
        eps = out
    else:  # v_prediction
        x0 = a ** 0.5 * x - b ** 0.5 * out
        eps = a ** 0.5 * out + b ** 0.5 * x
    return ap ** 0.5 * x0 + (1 - ap) ** 0.5 * eps


def init_latents(seeds, h=16, w=16):
    """One torch.randn([1,4,h,w]) per seed (what the Java side reproduces), stacked."""
    return torch.cat([torch.randn((1, 4, h, w), generator=torch.Generator("cpu").manual_seed(int(s))) for s in seeds])
