"""Minimal CLIP-format byte-level BPE: trainer, encoder and HF-compatible files."""
import collections
import json
import os

import regex as re

PAT = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
                 re.IGNORECASE)
BOS, EOS = "<|startoftext|>", "<|endoftext|>"


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


B2U = bytes_to_unicode()


def _clean(text):
    return " ".join(text.split()).lower()


def _words(text):
    out = []
    for tok in PAT.findall(_clean(text)):
        out.append("".join(B2U[b] for b in tok.encode("utf-8")))
    return out


def _word_symbols(w):
    return tuple(w[:-1]) + (w[-1] + "</w>",)


def train(texts, max_merges=400, min_freq=2):
    """Classic BPE on word frequencies; returns merges list [(a, b), ...] in rank order."""
    freq = collections.Counter()
    for t in texts:
        for w in _words(t):
            freq[_word_symbols(w)] += 1
    vocab = dict(freq)
    merges = []
    while len(merges) < max_merges:
        pairs = collections.Counter()
        for sym, f in vocab.items():
            for i in range(len(sym) - 1):
                pairs[(sym[i], sym[i + 1])] += f
        if not pairs:
            break
        best, bf = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        if bf < min_freq:
            break
        merges.append(best)
        new = {}
        for sym, f in vocab.items():
            out = []
            i = 0
            while i < len(sym):
                if i < len(sym) - 1 and (sym[i], sym[i + 1]) == best:
                    out.append(sym[i] + sym[i + 1])
                    i += 2
                else:
                    out.append(sym[i])
                    i += 1
            new[tuple(out)] = new.get(tuple(out), 0) + f
        vocab = new
    return merges


def build_vocab(merges):
    base = list(B2U.values())
    toks = base + [c + "</w>" for c in base] + ["".join(m) for m in merges] + [BOS, EOS]
    vocab = {}
    for t in toks:
        if t not in vocab:
            vocab[t] = len(vocab)
    return vocab


class Tokenizer:
    def __init__(self, vocab, merges, pad_token=EOS, max_length=77):
        self.vocab = vocab
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        self.bos = vocab[BOS]
        self.eos = vocab[EOS]
        self.pad_token = pad_token
        self.pad = vocab[pad_token]
        self.max_length = max_length
        self.cache = {}

    @classmethod
    def load(cls, d, pad_token=EOS):
        vocab = json.load(open(os.path.join(d, "vocab.json")))
        merges = [tuple(l.split()) for l in open(os.path.join(d, "merges.txt"), encoding="utf-8").read().split("\n")[1:] if l.strip()]
        return cls(vocab, merges, pad_token)

    def bpe(self, w):
        if w in self.cache:
            return self.cache[w]
        word = list(_word_symbols(w))
        while len(word) > 1:
            pairs = [(self.ranks.get((word[i], word[i + 1]), 1 << 30), i) for i in range(len(word) - 1)]
            r, _ = min(pairs)
            if r == 1 << 30:
                break
            a, b = self.merges[r]
            out = []
            i = 0
            while i < len(word):
                if i < len(word) - 1 and word[i] == a and word[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            word = out
        ids = [self.vocab[t] for t in word]
        self.cache[w] = ids
        return ids

    def encode(self, text):
        ids = []
        for w in _words(text):
            if w == BOS or w == EOS:  # specials spelled in text
                ids.append(self.vocab[w])
            else:
                ids.extend(self.bpe(w))
        return ids

    def __call__(self, text, length=None):
        length = length or self.max_length
        ids = [self.bos] + self.encode(text)[: length - 2] + [self.eos]
        return ids + [self.pad] * (length - len(ids))

    def save(self, d, pad_token=None):
        pad_token = pad_token or self.pad_token
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(self.vocab, f, ensure_ascii=False)
        with open(os.path.join(d, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n")
            for a, b in self.merges:
                f.write(f"{a} {b}\n")
        special = {
            "bos_token": {"content": BOS, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False},
            "eos_token": {"content": EOS, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False},
            "unk_token": {"content": EOS, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False},
            "pad_token": pad_token,
        }
        json.dump(special, open(os.path.join(d, "special_tokens_map.json"), "w"), indent=2)
        cfg = {
            "add_prefix_space": False,
            "bos_token": BOS, "eos_token": EOS, "unk_token": EOS, "pad_token": pad_token,
            "clean_up_tokenization_spaces": True,
            "do_lower_case": True,
            "errors": "replace",
            "model_max_length": self.max_length,
            "tokenizer_class": "CLIPTokenizer",
        }
        json.dump(cfg, open(os.path.join(d, "tokenizer_config.json"), "w"), indent=2)
