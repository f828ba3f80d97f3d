#!/usr/bin/env python3
"""Build hierarchical word clusters (Brown-style bit paths) from unlabeled news.

Output: crates/readout-entities/data/clusters.tsv, one `WORD<TAB>PATH` line per word,
where PATH is a bit string; its prefixes (4, 6, 10, 16 bits) are coarser clusters.
See README.md beside this file for the method and the rebuild command.

Pipeline (all deterministic):
  1. tokenise the "text" field of every article (an approximation of readout-text's
     scanner, see `Tokenizer`), paragraph by paragraph;
  2. truecase sentence-initial words ("The" -> "the" when "the" is the commoner form
     inside sentences; "Apple", "US" stay as they are);
  3. vocabulary: forms seen >= 3 times, the 60,000 most frequent;
  4. positional co-occurrence counts (word at offsets -2, -1, +1, +2) with the 10,000
     most frequent words plus a paragraph-boundary marker as contexts;
  5. PPMI with context-distribution smoothing (alpha 0.75), randomized truncated SVD to
     100 dims (fixed seed), rows scaled by sqrt(singular values), L2-normalised;
  6. 1,000 leaf clusters by k-means on those vectors (k-means++ seeding, fixed seed, each
     word weighted by sqrt(count)), as Brown clusters are usually cut at 1,000 classes;
  7. a binary tree over the leaves, built top-down: each node's leaf centroids are split
     in two by their principal direction (PDDP, Boley 1998) refined by spherical 2-means,
     every leaf weighted by sqrt(token count); the side holding the more frequent word
     gets bit 0. A word's path is its leaf's path, so all words of a leaf share it (as in
     Brown clustering) and paths have different lengths (about 6 to 16 bits).

The script re-executes itself inside tools/clusters/.venv (created on first run with the
pinned packages below) with every BLAS/OpenMP pool at one thread, so the output is
bit-identical run to run on the same machine type.
"""

import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VENV = HERE / ".venv"
REQUIREMENTS = ["numpy==2.2.6", "scipy==1.15.3", "scikit-learn==1.6.1"]
THREAD_VARS = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}

SEED = 20240601
MIN_COUNT = 3
MAX_VOCAB = 60_000
N_CONTEXT = 10_000
WINDOW = 2
DIMS = 100
SVD_ITERS = 5
CDS_ALPHA = 0.75
N_LEAVES = 1000
KMEANS_MAX_ITER = 100
SPLIT_ITERS = 50
PROBES = ["Monday", "London", "Clinton", "Reuters", "said", "Ltd", "January", "Germany", "John"]


# --------------------------------------------------------------------------- venv


def ensure_venv():
    """Re-exec inside the pinned venv with single-threaded pools (creating it if needed)."""
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    threads_ok = all(os.environ.get(k) == v for k, v in THREAD_VARS.items())
    if in_venv and threads_ok:
        return
    py = VENV / "bin" / "python"
    stamp = VENV / "requirements.stamp"
    wanted = "\n".join(REQUIREMENTS) + "\n"
    if not (py.exists() and stamp.exists() and stamp.read_text() == wanted):
        print(f"creating {VENV} with {' '.join(REQUIREMENTS)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            + REQUIREMENTS,
            check=True,
        )
        stamp.write_text(wanted)
    env = dict(os.environ)
    env.update(THREAD_VARS)
    os.execve(str(py), [str(py), str(Path(__file__).resolve())] + sys.argv[1:], env)


# --------------------------------------------------------------------------- tokeniser

# Abbreviations that keep their period (a copy of readout-text's lexicon::abbreviation).
ABBREVIATIONS = set(
    """Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Gov Govs Sen Sens Rep Reps Gen Gens Col
    Lt Capt Cpt Sgt Maj Adm Cmdr Cdr Brig Cpl Pvt Rev Revd Fr Hon Pres Supt Insp Amb Atty Rt
    Mt Ft Sec Lieut Cmdt Sra Sgto vs Vs v cf Cf viz approx Approx ca nr Inc Corp Co Cos Ltd
    Bros Jr Sr Snr Jnr etc al Dept Univ Assn Ave Blvd Rd St Sq Hwy Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Ala Ariz Ark Calif
    Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla
    Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo est Est min max Govt govt Intl Natl Dist Mgr
    Gov't""".split()
)
# Abbreviations that keep their period only before a number (lexicon::numeric_abbreviation).
NUMERIC_ABBREVIATIONS = set(
    "No no Nos nos Art art Vol vol Fig fig p pp Ch ch Para para Sect sect Nr Ps Op op".split()
)

WORD_RUN = re.compile(r"[^\W_]+")
SPACE_RUN = re.compile(r"\s+")
URL_START = re.compile(r"(?i)https://|http://|ftp://|www\.")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n|\n[ \t\u00a0]+")
APOSTROPHES = "'\u2019"
HYPHENS = "-\u2010\u2011"
URL_END = set('"<>\u201c\u201d\u00ab\u00bb')
# Mojibake in newsarticles.jsonl: a smart quote or apostrophe became `"?` and swallowed the
# following space ("DeVos\"?highly"); it and U+FFFD are turned into a quote plus a space.
MOJIBAKE = re.compile(r'"\?(?=\w)|\ufffd')
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\x03"), None)


def is_word_char(c):
    return c.isalnum()


class Tokenizer:
    """A port of the main rules of readout-text's scanner (crates/readout-text/src/
    tokenize.rs): words keep internal hyphens, apostrophes and initialism periods
    ("U.S.", "Ph.D", "D-Mass."), known abbreviations keep their period, English clitics
    are split off ("Trump's" -> "Trump" "'s", "don't" -> "do" "n't"), numbers keep
    internal "," ":" "/" between digits, runs of "." or "-" are one token, and every
    other non-word character is a token of its own."""

    def tokens(self, s):
        out = []
        n = len(s)
        i = 0
        while i < n:
            m = SPACE_RUN.match(s, i)
            if m:
                i = m.end()
                continue
            i = self.scan_at(s, i, out)
        return out

    def scan_at(self, s, i, out):
        c = s[i]
        n = len(s)
        if is_word_char(c):
            attached = i > 0 and is_word_char(s[i - 1])
            if attached and c in "nN":
                end = self.nt_clitic(s, i)
                if end:
                    out.append(s[i:end])
                    return end
            if not attached:
                end = self.url(s, i)
                if end:
                    out.append(s[i:end])
                    return end
            return self.word(s, i, out)
        if c in APOSTROPHES:
            attached = i > 0 and (is_word_char(s[i - 1]) or s[i - 1] == ".")
            if attached:
                ln = self.clitic_len(s, i + 1)
                if ln:
                    out.append(s[i : i + 1 + ln])
                    return i + 1 + ln
        elif c in "@#":
            if not (i > 0 and is_word_char(s[i - 1])):
                p = i + 1
                letters = False
                while p < n and (is_word_char(s[p]) or s[p] == "_"):
                    letters |= s[p].isalpha()
                    p += 1
                if letters:
                    out.append(s[i:p])
                    return p
        elif c in ".-":
            p = i + 1
            while p < n and s[p] == c:
                p += 1
            out.append(s[i:p])
            return p
        out.append(c)
        return i + 1

    @staticmethod
    def clitic_len(s, j):
        a = s[j : j + 1].lower()
        b = s[j + 1 : j + 2].lower()
        if a in ("s", "d", "m") and a:
            ln = 1
        elif (a, b) in (("r", "e"), ("v", "e"), ("l", "l")):
            ln = 2
        else:
            return 0
        if j + ln < len(s) and is_word_char(s[j + ln]):
            return 0
        return ln

    @staticmethod
    def nt_clitic(s, i):
        if i + 2 >= len(s) or s[i + 1] not in APOSTROPHES or s[i + 2] not in "tT":
            return 0
        end = i + 3
        if end < len(s) and is_word_char(s[end]):
            return 0
        return end

    @staticmethod
    def url(s, i):
        m = URL_START.match(s, i)
        if not m or m.end() >= len(s):
            return 0
        start = m.end()
        p = start
        opened = 0
        n = len(s)
        while p < n:
            c = s[p]
            if c.isspace() or c in URL_END:
                break
            if c in "([":
                opened += 1
            elif c in ")]":
                opened -= 1
            p += 1
        while p > start:
            c = s[p - 1]
            if c in ".,;:!?" or c in APOSTROPHES:
                p -= 1
            elif c in ")]" and opened < 0:
                opened += 1
                p -= 1
            else:
                break
        return p if p > start else 0

    def word(self, s, start, out):
        n = len(s)
        p = start
        has_letter = False
        inner_period = False
        seg_len = 0
        part_start = start
        while True:
            m = WORD_RUN.match(s, p)
            if m:
                run = m.group()
                if not has_letter and not (run.isascii() and run.isdigit()):
                    has_letter = True
                seg_len += len(run)
                p = m.end()
            if p >= n:
                break
            c = s[p]
            nxt = s[p + 1] if p + 1 < n else ""
            next_word = nxt != "" and is_word_char(nxt)
            prev_digit = s[p - 1] in "0123456789"
            next_digit = nxt != "" and nxt in "0123456789"
            if c == "." and next_word:
                join = (prev_digit and next_digit) or nxt.islower() or (seg_len <= 2 and not prev_digit)
                if not join:
                    break
                inner_period |= not (prev_digit and next_digit)
                seg_len = 0
                p += 1
            elif c == ".":
                if not self.keeps_period(s, start, part_start, p, inner_period, seg_len, has_letter):
                    break
                p += 1
                if p + 1 < n and s[p] in HYPHENS and is_word_char(s[p + 1]):
                    p += 1
                    seg_len = 0
                    part_start = p
                    continue
                break
            elif c in HYPHENS and next_word:
                p += 1
                seg_len = 0
                part_start = p
            elif c in APOSTROPHES and next_word:
                if self.clitic_len(s, p + 1):
                    break
                before = s[p - 1]
                if (
                    before in "nN"
                    and s[p + 1 : p + 2] in ("t", "T")
                    and not (p + 2 < n and is_word_char(s[p + 2]))
                    and p - 1 > start
                ):
                    p -= 1
                    break
                p += 1
            elif c in ",:/" and prev_digit and next_digit:
                p += 1
            elif c == "&" and nxt.isupper() and s[p - 1].isupper():
                p += 1
            elif c == "_" and next_word:
                p += 1
            elif c == "@" and next_word:
                end = self.email_domain_end(s, p + 1)
                if end:
                    p = end
                break
            else:
                break
        out.append(s[start:p])
        return p

    @staticmethod
    def keeps_period(s, start, part_start, dot, inner_period, seg_len, has_letter):
        if s[dot + 1 : dot + 2] == "." or not has_letter:
            return False
        if inner_period and seg_len <= 2:
            return True
        word = s[start:dot]
        part = s[part_start:dot]
        if seg_len == 1 and part[:1].isalpha():
            return True
        if word in ABBREVIATIONS or part in ABBREVIATIONS:
            return True
        if word in NUMERIC_ABBREVIATIONS:
            after = s[dot + 1 :].lstrip()
            return after[:1] in tuple("0123456789")
        return False

    @staticmethod
    def email_domain_end(s, i):
        p = i
        last = i
        dot = False
        n = len(s)
        while p < n:
            c = s[p]
            if is_word_char(c):
                p += 1
                last = p
            elif c in ".-" and p + 1 < n and is_word_char(s[p + 1]):
                dot |= c == "."
                p += 1
            else:
                break
        return last if dot else 0


SENTENCE_END = {".", "!", "?", "...", "\u2026"}
OPENERS = {'"', "'", "(", "[", "{", "`", "``", "\u201c", "\u2018", "\u00ab", "<", "-", "--"}


def sentence_initial_flags(toks):
    """True for the first word of each sentence: paragraph start, or after ".", "!", "?"
    (skipping opening quotes and brackets)."""
    flags = [False] * len(toks)
    expect = True
    for k, t in enumerate(toks):
        if expect and t in OPENERS:
            continue
        flags[k] = expect
        expect = t in SENTENCE_END
    return flags


def mostly_upper(text):
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 0 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def read_corpus(paths, log):
    """Token ids (paragraphs separated by two -1 sentinels), sentence-initial flags and the
    id -> form table."""
    from array import array

    tok = Tokenizer()
    form_id = {}
    forms = []
    ids = array("i")
    initial = array("b")
    stats = {"docs": 0, "skipped_upper": 0, "skipped_empty": 0, "paragraphs": 0}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                text = html.unescape(text).translate(INVISIBLE)
                text = MOJIBAKE.sub('" ', text)
                if not text.strip():
                    stats["skipped_empty"] += 1
                    continue
                if mostly_upper(text):
                    stats["skipped_upper"] += 1
                    continue
                stats["docs"] += 1
                for para in PARAGRAPH_BREAK.split(text):
                    toks = tok.tokens(para)
                    if not toks:
                        continue
                    stats["paragraphs"] += 1
                    flags = sentence_initial_flags(toks)
                    for t in toks:
                        k = form_id.get(t)
                        if k is None:
                            k = form_id[t] = len(forms)
                            forms.append(t)
                        ids.append(k)
                    initial.extend(flags)
                    ids.extend((-1, -1))
                    initial.extend((0, 0))
        log(f"read {path.name}: {len(ids):,} slots so far")
    return ids, initial, forms, form_id, stats


# --------------------------------------------------------------------------- clustering


def truecase(np, ids, initial, forms, form_id):
    """Map sentence-initial title-case forms to lower case when the lower-case form is the
    commoner one inside sentences."""
    inside = np.bincount(ids[(~initial) & (ids >= 0)], minlength=len(forms))
    mapping = np.arange(len(forms), dtype=np.int32)
    changed = 0
    for k in np.unique(ids[initial]):
        w = forms[k]
        if not w[:1].isupper() or (len(w) > 1 and not w[1:].islower()):
            continue
        lo = form_id.get(w.lower())
        if lo is not None and inside[lo] > inside[k]:
            mapping[k] = lo
            changed += 1
    out = ids.copy()
    sel = initial & (ids >= 0)
    out[sel] = mapping[ids[sel]]
    return out, changed


def embed(np, sp, seq, V, log):
    """PPMI over positional +-2 contexts, then truncated SVD; rows L2-normalised."""
    from sklearn.utils.extmath import randomized_svd

    boundary = N_CONTEXT  # context column of the paragraph-boundary marker
    C = N_CONTEXT + 1
    ctx = np.where(seq < 0, boundary, np.where(seq < N_CONTEXT, seq, -1)).astype(np.int64)
    keys = []
    offsets = [o for o in range(-WINDOW, WINDOW + 1) if o != 0]
    for slot, off in enumerate(offsets):
        if off > 0:
            t, c = seq[:-off], ctx[off:]
        else:
            t, c = seq[-off:], ctx[:off]
        ok = (t >= 0) & (t < V) & (c >= 0)
        keys.append(t[ok].astype(np.int64) * (len(offsets) * C) + slot * C + c[ok])
    keys = np.concatenate(keys)
    uniq, counts = np.unique(keys, return_counts=True)
    del keys
    ncols = len(offsets) * C
    rows = (uniq // ncols).astype(np.int32)
    cols = (uniq % ncols).astype(np.int32)
    M = sp.csr_matrix((counts.astype(np.float64), (rows, cols)), shape=(V, ncols))
    log(f"co-occurrence matrix {V:,} x {ncols:,}, {M.nnz:,} non-zeros, {counts.sum():,} pairs")
    total = M.data.sum()
    row = np.asarray(M.sum(axis=1)).ravel()
    col = np.asarray(M.sum(axis=0)).ravel() ** CDS_ALPHA
    col /= col.sum()
    coo = M.tocoo()
    pmi = np.log(coo.data) - np.log(total) - np.log(row[coo.row] / total) - np.log(col[coo.col])
    keep = pmi > 0
    P = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=M.shape)
    log(f"PPMI non-zeros {P.nnz:,}")
    U, S, _ = randomized_svd(P, DIMS, n_oversamples=20, n_iter=SVD_ITERS, random_state=SEED)
    # Fix the sign of each component so it does not depend on solver internals.
    signs = np.sign(U[np.abs(U).argmax(axis=0), np.arange(U.shape[1])])
    U *= np.where(signs == 0, 1, signs)
    E = U * np.sqrt(S)
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    E /= np.where(norms == 0, 1, norms)
    log(f"SVD done, top singular values {np.round(S[:5], 2).tolist()}")
    return E


def leaf_clusters(np, E, freq, log):
    """Flat spherical-ish k-means (unit vectors, Euclidean) into N_LEAVES clusters, each word
    weighted by sqrt(count) so that frequent words pull the centroids."""
    from sklearn.cluster import KMeans

    km = KMeans(
        n_clusters=N_LEAVES, init="k-means++", n_init=1, max_iter=KMEANS_MAX_ITER,
        random_state=SEED, algorithm="lloyd",
    )
    km.fit(E, sample_weight=np.sqrt(freq.astype(np.float64)))
    _, labels = np.unique(km.labels_, return_inverse=True)  # drop empty clusters, if any
    log(f"k-means: {labels.max() + 1} leaf clusters after {km.n_iter_} iterations")
    return labels


def leaf_tree(np, E, labels, freq):
    """Top-down binary tree over the leaf clusters; returns the bit path of every leaf."""
    K = labels.max() + 1
    cent = np.zeros((K, E.shape[1]))
    np.add.at(cent, labels, E)
    cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
    weight = np.sqrt(np.bincount(labels, weights=freq.astype(np.float64), minlength=K))
    first = np.full(K, len(labels))
    np.minimum.at(first, labels, np.arange(len(labels)))  # most frequent word of each leaf
    paths = [""] * K
    stack = [(np.argsort(first, kind="stable"), "")]
    while stack:
        idx, path = stack.pop()
        if len(idx) == 1:
            paths[idx[0]] = path
            continue
        side = split_two(np, cent[idx], weight[idx])
        # Bit 0 goes to the side holding the more frequent word (idx is in frequency order).
        if side[0]:
            side = ~side
        stack.append((idx[side], path + "1"))
        stack.append((idx[~side], path + "0"))
    return paths


def split_two(np, X, w):
    """Weighted 2-way split of unit vectors: principal-direction split (PDDP), refined by
    weighted spherical 2-means."""
    n, d = X.shape
    if n == 2:
        return np.array([False, True])
    Xc = X - (w[:, None] * X).sum(axis=0) / w.sum()
    if n > d:
        v = np.linalg.eigh((Xc * w[:, None]).T @ Xc)[1][:, -1]
    else:
        v = np.linalg.svd(Xc * np.sqrt(w)[:, None], full_matrices=False)[2][0]
    side = (Xc @ v) > 0
    if side.all() or not side.any():
        return np.arange(n) >= n // 2  # identical points: split by frequency rank
    for _ in range(SPLIT_ITERS):
        c1 = (w[side, None] * X[side]).sum(axis=0)
        c0 = (w[~side, None] * X[~side]).sum(axis=0)
        c1 /= np.linalg.norm(c1) or 1.0
        c0 /= np.linalg.norm(c0) or 1.0
        new = (X @ (c1 - c0)) > 0
        if new.all() or not new.any() or np.array_equal(new, side):
            break
        side = new
    return side


def bigram_ami(np, seq, V, classes):
    """Average mutual information (bits) between the classes of adjacent tokens, the
    quantity Brown clustering maximises; out-of-vocabulary tokens and paragraph
    boundaries are two extra classes."""
    n = classes.max() + 3
    cl = np.concatenate([classes, [n - 2]])
    c = np.where(seq < 0, n - 1, cl[np.minimum(seq, V)]).astype(np.int64)
    joint = np.bincount(c[:-1] * n + c[1:], minlength=n * n).reshape(n, n) / (len(c) - 1)
    pl, pr = joint.sum(axis=1), joint.sum(axis=0)
    nz = joint > 0
    return float((joint[nz] * np.log2(joint[nz] / np.outer(pl, pr)[nz])).sum())


# --------------------------------------------------------------------------- main


def main():
    ensure_venv()
    import numpy as np
    import scipy.sparse as sp

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument(
        "--out", type=Path, default=REPO / "crates" / "readout-entities" / "data" / "clusters.tsv"
    )
    args = ap.parse_args()

    t0 = time.time()

    def log(msg):
        print(f"[{time.time() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)

    paths = [args.corpus / "newsarticles.jsonl", args.corpus / "reuters21578.jsonl"]
    ids, initial, forms, form_id, stats = read_corpus(paths, log)
    ids = np.frombuffer(ids, dtype=np.int32).copy()
    initial = np.frombuffer(initial, dtype=np.int8).astype(bool)
    log(f"docs {stats['docs']:,} (skipped {stats['skipped_upper']} all-caps, "
        f"{stats['skipped_empty']} empty), paragraphs {stats['paragraphs']:,}, "
        f"tokens {(ids >= 0).sum():,}, distinct forms {len(forms):,}")

    ids, changed = truecase(np, ids, initial, forms, form_id)
    log(f"truecasing: {changed:,} sentence-initial forms mapped to lower case")

    counts = np.bincount(ids[ids >= 0], minlength=len(forms))
    cand = np.flatnonzero(counts >= MIN_COUNT)
    order = sorted(cand.tolist(), key=lambda k: (-counts[k], forms[k]))
    log(f"forms with count >= {MIN_COUNT}: {len(order):,}; keeping {min(len(order), MAX_VOCAB):,}")
    order = order[:MAX_VOCAB]
    V = len(order)
    remap = np.full(len(forms), V, dtype=np.int32)  # V = out of vocabulary
    remap[np.array(order)] = np.arange(V, dtype=np.int32)
    seq = np.where(ids >= 0, remap[np.maximum(ids, 0)], -1).astype(np.int32)
    vocab = [forms[k] for k in order]
    freq = counts[np.array(order)]

    E = embed(np, sp, seq, V, log)
    labels = leaf_clusters(np, E, freq, log)
    leaf_paths = leaf_tree(np, E, labels, freq)
    paths = [leaf_paths[k] for k in labels]
    log("tree done")

    lines = sorted(range(V), key=lambda i: (paths[i], -freq[i], vocab[i]))
    body = "".join(f"{vocab[i]}\t{paths[i]}\n" for i in lines).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(body)
    depth = np.array([len(p) for p in paths])
    log(f"wrote {args.out} ({len(body):,} bytes, {V:,} words, "
        f"sha256 {hashlib.sha256(body).hexdigest()})")
    for k in (4, 6, 8, 10, 16):
        prefixes = {}
        classes = np.array([prefixes.setdefault(p[:k], len(prefixes)) for p in paths])
        log(f"{k:2d}-bit prefixes: {len(prefixes):5,} clusters, largest "
            f"{np.bincount(classes).max():,} words, bigram AMI "
            f"{bigram_ami(np, seq, V, classes):.3f} bits")
    log(f"path length: min {depth.min()}, mean {depth.mean():.1f}, max {depth.max()}")

    by_word = {w: i for i, w in enumerate(vocab)}
    for probe in PROBES:
        i = by_word.get(probe)
        if i is None:
            print(f"{probe}: not in vocabulary")
            continue
        pre = paths[i][:8]
        same = [j for j in range(V) if paths[j][:8] == pre and j != i]
        print(f"{probe} [{pre}] ({len(same) + 1} words): " + " ".join(vocab[j] for j in same[:8]))


if __name__ == "__main__":
    main()
