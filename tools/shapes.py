"""Procedural "shapes world": attribute sampling, rendering and captions.

Everything is seeded through numpy Generators so datasets are reproducible.
"""
import math

import numpy as np
from PIL import Image

IMG = 128

COLORS = {
    "red": (220, 40, 40),
    "orange": (245, 140, 20),
    "yellow": (240, 210, 40),
    "green": (40, 160, 60),
    "blue": (40, 90, 220),
    "purple": (140, 60, 200),
    "white": (245, 245, 245),
    "black": (20, 20, 20),
}
BG_COLORS = dict(COLORS, gray=(128, 128, 128))
COLOR_NAMES = list(COLORS)
BG_NAMES = list(BG_COLORS)
SHAPES = ["circle", "square", "triangle", "star", "cross", "diamond"]
SIZES = ["small", "large"]
COMPOSITIONS = ["centered", "top left", "top right", "bottom left", "bottom right"]
STYLES = ["flat", "outline", "pixel art", "watercolor"]
LIGHTINGS = ["soft light", "dramatic lighting", "lit from the left", "lit from the right", "golden hour"]

SIZE_FRAC = {"small": 0.30, "large": 0.55}
POS_FRAC = {"small": (0.27, 0.73), "large": (0.36, 0.64)}

FIELDS = ["size", "color", "shape", "background", "composition", "style", "lighting"]
FIELD_VALUES = {
    "size": SIZES, "color": COLOR_NAMES, "shape": SHAPES, "background": BG_NAMES,
    "composition": COMPOSITIONS, "style": STYLES, "lighting": LIGHTINGS,
}


def sample_attrs(rng):
    color = COLOR_NAMES[rng.integers(len(COLOR_NAMES))]
    bgs = [b for b in BG_NAMES if b != color]
    return {
        "size": SIZES[rng.integers(2)],
        "color": color,
        "shape": SHAPES[rng.integers(len(SHAPES))],
        "background": bgs[rng.integers(len(bgs))],
        "composition": COMPOSITIONS[rng.integers(len(COMPOSITIONS))],
        "style": STYLES[rng.integers(len(STYLES))],
        "lighting": LIGHTINGS[rng.integers(len(LIGHTINGS))],
    }


def attrs_to_index(a):
    return [FIELD_VALUES[f].index(a[f]) for f in FIELDS]


def index_to_attrs(idx):
    return {f: FIELD_VALUES[f][int(i)] for f, i in zip(FIELDS, idx)}


def center_of(size, comp):
    lo, hi = POS_FRAC[size]
    if comp == "centered":
        return 0.5, 0.5
    y = lo if comp.startswith("top") else hi
    x = lo if comp.endswith("left") else hi
    return x, y


# ---------------------------------------------------------------- geometry
def _polygon(shape):
    """Vertices in a unit box ([-0.5,0.5]^2, y down)."""
    if shape == "square":
        h = 0.44
        return np.array([[-h, -h], [h, -h], [h, h], [-h, h]])
    if shape == "diamond":
        return np.array([[0, -0.5], [0.5, 0], [0, 0.5], [-0.5, 0]])
    if shape == "triangle":
        h = 0.5 * math.sqrt(3) / 2
        return np.array([[0, -h - 0.03], [0.5, h - 0.03], [-0.5, h - 0.03]])
    if shape == "star":
        pts = []
        for k in range(10):
            r = 0.52 if k % 2 == 0 else 0.21
            ang = -math.pi / 2 + k * math.pi / 5
            pts.append([r * math.cos(ang), r * math.sin(ang) + 0.05])
        return np.array(pts)
    if shape == "cross":
        a, t = 0.5, 0.5 / 3  # arm half-length 0.5, half-thickness = length/3/2
        return np.array([[-t, -a], [t, -a], [t, -t], [a, -t], [a, t], [t, t], [t, a], [-t, a],
                         [-t, t], [-a, t], [-a, -t], [-t, -t]])
    raise ValueError(shape)


def sdf(shape, px, py):
    """Signed distance (unit-box units, negative inside) at points px,py (arrays)."""
    if shape == "circle":
        return np.sqrt(px * px + py * py) - 0.5
    v = _polygon(shape)
    w = np.roll(v, -1, axis=0)
    d = np.full(px.shape, np.inf)
    inside = np.zeros(px.shape, bool)
    for (ax, ay), (bx, by) in zip(v, w):
        ex, ey = bx - ax, by - ay
        qx, qy = px - ax, py - ay
        t = np.clip((qx * ex + qy * ey) / (ex * ex + ey * ey), 0, 1)
        dx, dy = qx - t * ex, qy - t * ey
        d = np.minimum(d, dx * dx + dy * dy)
        cond = (ay > py) != (by > py)
        xint = ax + (py - ay) * ex / (ey if ey != 0 else 1e-12)
        inside ^= cond & (px < xint)
    d = np.sqrt(d)
    return np.where(inside, -d, d)


def _smooth_noise(rng, res, grid, size=IMG):
    n = rng.standard_normal((grid, grid)).astype(np.float32)
    im = Image.fromarray(n, mode="F").resize((size, size), Image.BICUBIC)
    return np.asarray(im, np.float32)


_YY, _XX = np.mgrid[0:IMG, 0:IMG].astype(np.float64) + 0.5
CELL = 8  # one latent cell: the autoencoder downsamples 8x
# Pixel art's checker dither, one check per latent cell, +-PIXEL_DITHER (+-18 of 255) before lighting
PIXEL_DITHER = 0.07
_CHECKER = ((_YY // CELL + _XX // CELL) % 2 * 2 - 1).astype(np.float32)[..., None]


def render(a, rng, size=IMG):
    """Render attributes dict -> uint8 array (size,size,3)."""
    assert size == IMG
    s = SIZE_FRAC[a["size"]] * size * (1 + rng.uniform(-0.05, 0.05))
    cx, cy = center_of(a["size"], a["composition"])
    cx = cx * size + rng.uniform(-2.5, 2.5)
    cy = cy * size + rng.uniform(-2.5, 2.5)
    fg = np.array(COLORS[a["color"]], np.float32) / 255
    bg = np.array(BG_COLORS[a["background"]], np.float32) / 255
    style = a["style"]
    if style == "pixel art":
        # Blocks big enough for the 8x autoencoder to carry (4 px blocks were lost in its round trip:
        # judged style 4 %): 8 px = one latent cell for large objects; 6 px for small ones, where 8 px
        # leaves a star or a diamond 4-5 blocks wide and no longer recognisable. A block is filled when
        # the shape covers at least 45 % of it (centre sampling broke small stars apart).
        blk = CELL if a["size"] == "large" else 6
        g = -(-size // blk)
        d = sdf(a["shape"], (_XX - cx) / s, (_YY - cy) / s)
        cov = np.zeros((g * blk, g * blk), np.float32)
        cov[:size, :size] = d < 0
        cov = cov.reshape(g, blk, g, blk).mean((1, 3))
        alpha = np.kron((cov > 0.45).astype(np.float32), np.ones((blk, blk), np.float32))[:size, :size]
        img = bg * (1 - alpha[..., None]) + fg * alpha[..., None]
        # Checker dither over the whole picture, aligned with the latent grid: a pixel-art signature that
        # does not depend on sub-cell edges, which this 16x16x4 autoencoder either draws on every style or on
        # none (staircases alone were judged right 23 %)
        img = img + PIXEL_DITHER * _CHECKER
    else:
        d = sdf(a["shape"], (_XX - cx) / s, (_YY - cy) / s) * s  # pixels
        if style == "flat":
            alpha = np.clip(0.5 - d, 0, 1).astype(np.float32)
            img = bg * (1 - alpha[..., None]) + fg * alpha[..., None]
        elif style == "outline":
            w = 2.5 if a["size"] == "small" else 3.5
            dd = np.abs(d + w / 2) - w / 2
            alpha = np.clip(0.5 - dd, 0, 1).astype(np.float32)
            img = bg * (1 - alpha[..., None]) + fg * alpha[..., None]
        elif style == "watercolor":
            # Bold at the scale of a latent cell (8 px): wobbly bleeding edge, blotchy pale wash, a dark
            # pigment rim and a paper grain the background shares; finer texture does not survive the
            # 8x autoencoder (the first, subtler version was judged right after its round trip 43 %)
            wob = _smooth_noise(rng, size, 8) * (1.5 if a["size"] == "small" else 2.2)
            d2 = d + wob
            alpha = 1 / (1 + np.exp(np.clip(d2 / 2.0, -30, 30)))
            blot = _smooth_noise(rng, size, 7) * 0.16
            edge = np.exp(-((d2 + 2.0) ** 2) / 5.0)  # pigment pools at the rim
            a_fill = np.clip(0.62 + blot, 0.35, 0.95) * alpha
            a_fill = np.clip(a_fill + 0.45 * edge * alpha, 0, 1)
            img = bg * (1 - a_fill[..., None]) + fg * a_fill[..., None]
            img = img * (1 - 0.35 * edge * alpha)[..., None]  # the rim is darker than either colour
            img = img * (1 + 0.07 * _smooth_noise(rng, size, 14)[..., None])  # paper grain
        else:
            raise ValueError(style)
    img = img.astype(np.float32)
    light = a["lighting"]
    u = (_XX / size).astype(np.float32)
    v = (_YY / size).astype(np.float32)
    if light == "dramatic lighting":
        r2 = ((u - 0.5) ** 2 + (v - 0.5) ** 2) / 0.5
        f = np.clip(1.12 - 1.05 * r2, 0.12, 1.12)
        img = img * f[..., None]
    elif light == "lit from the left":
        f = 1.3 - 0.85 * u
        img = img * f[..., None] + 0.06 * (1 - u)[..., None]
    elif light == "lit from the right":
        f = 0.45 + 0.85 * u
        img = img * f[..., None] + 0.06 * u[..., None]
    elif light == "golden hour":
        img = img * np.array([1.05, 0.9, 0.62], np.float32) + np.array([0.08, 0.04, 0.0], np.float32)
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


# ---------------------------------------------------------------- captions
def subject_phrase(size=None, color=None, shape=None, background=None, article="a"):
    adj = " ".join(w for w in (size, color) if w)
    noun = shape or "shape"
    s = (adj + " " + noun).strip()
    if article:
        s = article + " " + s
    if background:
        s += f" on a {background} background"
    return s


def canonical_caption(a, fields=None):
    """The app composer's canonical order: subject, composition, style, lighting."""
    fields = set(FIELDS if fields is None else fields)
    parts = []
    if fields & {"size", "color", "shape", "background"}:
        parts.append(subject_phrase(*(a[f] if f in fields else None for f in ("size", "color", "shape", "background"))))
    for f in ("composition", "style", "lighting"):
        if f in fields:
            parts.append(a[f])
    return ", ".join(parts)


def random_caption(a, rng):
    return random_caption_fields(a, rng)[0]


def random_caption_fields(a, rng):
    """A random caption for attributes a, and the set of fields it mentions (for text-encoder pre-training)."""
    r = rng.random()
    if r < 0.10:
        return "", set()
    if r < 0.16:  # bare word list (useful for negative prompts)
        names = ["color", "shape", "style", "lighting", "size"]
        pool = [a[f] for f in names]
        k = int(rng.integers(1, 3))
        idx = rng.permutation(len(pool))[:k]
        return ", ".join(pool[i] for i in idx), {names[i] for i in idx}
    keep = {f: rng.random() < p for f, p in
            (("size", 0.75), ("color", 0.85), ("shape", 0.85), ("background", 0.8),
             ("composition", 0.75), ("style", 0.75), ("lighting", 0.75))}
    pieces = []
    size = a["size"] if keep["size"] else None
    color = a["color"] if keep["color"] else None
    shape = a["shape"] if keep["shape"] else None
    bgc = a["background"] if keep["background"] else None
    if size or color or shape or bgc:
        art = "a"
        first = size or color or shape or "shape"
        q = rng.random()
        if q < 0.12:
            art = ""
        elif first[0] in "aeiou" and q < 0.6:
            art = "an"
        v = rng.random()
        if v < 0.7 or not (size or color or shape):
            pieces.append(subject_phrase(size, color, shape, bgc, art))
        elif v < 0.85:
            p = subject_phrase(size, color, shape, None, art)
            pieces.append(p + (f", {bgc} background" if bgc else ""))
        else:
            p = subject_phrase(size, color, shape, None, art)
            pieces.append((f"{bgc} background, " if bgc else "") + p)
    for f in ("composition", "style", "lighting"):
        if keep[f]:
            w = a[f]
            q = rng.random()
            if f == "composition" and q < 0.15:
                w = "in the center" if w == "centered" else "in the " + w
            elif f == "style" and q < 0.15:
                w = w + " style"
            pieces.append(w)
    if not pieces:
        return "", set()
    if rng.random() < 0.3:
        pieces = [pieces[i] for i in rng.permutation(len(pieces))]
    return ", ".join(pieces), {f for f, k in keep.items() if k}


def render_dataset(n, seed):
    rng = np.random.default_rng(seed)
    imgs = np.empty((n, IMG, IMG, 3), np.uint8)
    attrs = np.empty((n, len(FIELDS)), np.int8)
    for i in range(n):
        a = sample_attrs(rng)
        imgs[i] = render(a, rng)
        attrs[i] = attrs_to_index(a)
    return imgs, attrs


def all_vocab_captions(rng, n=20000):
    """Caption corpus for BPE training."""
    caps = []
    for _ in range(n):
        caps.append(random_caption(sample_attrs(rng), rng))
    # make sure every word appears in canonical form as well
    return caps
