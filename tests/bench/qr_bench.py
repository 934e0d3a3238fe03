"""QR decoding benchmark: each library alone versus our engine, on a generated corpus.

    ./dev bench qr                      # the default corpus (seed 0), a few minutes
    python tests/bench/qr_bench.py --seed 1 --per-kind 4 --tune

The corpus is made here, deterministically from the seed: webcam-like frames at 480p, 720p and
1080p (rotation and perspective always, plus one kind of damage each), screen-like grabs with
small codes, and frames with several codes. A frame counts as decoded when every code in it
is found; a text that is not in the frame counts as a misread. Times are wall-clock
milliseconds per frame on this machine, grey conversion included. --tune also prints, for
the frames the first pass misses, which extra passes would rescue them, and their cost.
The engine's passes were chosen with --tune on seeds 1 and 2; the default seed 0 is kept
for reporting, so the engine is not judged on the frames it was tuned on.
"""

from __future__ import annotations

import argparse
import math
import statistics
import string
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from desktop_app.core.importers.google_migration import OtpParameters, build_migration_uri
from desktop_app.core.qr import synth
from desktop_app.core.qr.backends import available_backends, make_backend
from desktop_app.core.qr.engine import QrEngine
from desktop_app.core.qr.images import to_grey

RESOLUTIONS = {"480p": (640, 480), "720p": (1280, 720), "1080p": (1920, 1080)}
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ISSUERS = ["Acme", "GitHub", "Example Bank", "Mail", "VPN", "Cloud Console", "Shop"]
COLOUR_PAIRS = [  # (dark, light) in BGR: codes printed or shown in colour
    ((120, 40, 0), (200, 255, 255)),
    ((0, 0, 160), (240, 240, 255)),
    ((60, 90, 0), (220, 230, 210)),
    ((90, 0, 90), (180, 250, 220)),
    ((0, 60, 120), (140, 220, 255)),
]


@dataclass(frozen=True)
class Sample:
    source: str  # 480p, 720p, 1080p (webcam-like) or screen
    damage: str
    image: np.ndarray
    texts: frozenset[str]


def random_payload(rng: np.random.Generator) -> str:
    """An otpauth URI (mostly) or a Google Authenticator export, as real enrolment codes are."""
    secret = "".join(rng.choice(list(BASE32), int(rng.choice([16, 32]))))
    issuer = str(rng.choice(ISSUERS))
    user = "".join(rng.choice(list(string.ascii_lowercase), int(rng.integers(4, 10))))
    if rng.random() < 0.2:
        entries = [
            OtpParameters(secret=rng.bytes(20), name=f"{user}{i}@example.com", issuer=issuer)
            for i in range(int(rng.integers(1, 4)))
        ]
        return build_migration_uri(entries, batch_id=int(rng.integers(1, 2**31)))
    quoted = issuer.replace(" ", "%20")
    uri = f"otpauth://totp/{quoted}:{user}%40example.com?secret={secret}&issuer={quoted}"
    return uri + ("&digits=8" if rng.random() < 0.2 else "")


def _error_level(rng: np.random.Generator) -> str:
    return str(rng.choice(["l", "m", "m", "q"]))


def _webcam_scene(texts: list[str], size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    level = _error_level(rng)
    codes = [synth.render_qr(text, module_px=4, error=level) for text in texts]
    frame = synth.compose(
        codes,
        size,
        rng,
        code_fraction=rng.uniform(0.2, 0.6),
        max_angle=35,
        tilt=rng.uniform(0.02, 0.1),
        jitter=0.08,
    )
    return synth.gaussian_blur(frame, 0.6 * size[1] / 720)


Damage = Callable[[np.ndarray, np.random.Generator, float], np.ndarray]

# Each damage gets the frame, the generator and the frame height / 720 (sizes scale with it).
DAMAGE: dict[str, Damage] = {
    "clean": lambda f, r, k: f,
    "blur": lambda f, r, k: synth.gaussian_blur(f, r.uniform(1.5, 3.5) * k),
    "motion": lambda f, r, k: synth.motion_blur(f, int(r.uniform(8, 20) * k), r.uniform(0, 180)),
    "noise": lambda f, r, k: synth.noise(f, r.uniform(25, 55), r),
    "low-contrast": lambda f, r, k: synth.contrast(
        f, (lo := int(r.uniform(60, 160))), lo + int(r.uniform(14, 40))
    ),
    "uneven-light": lambda f, r, k: synth.uneven_light(f, r.uniform(0.7, 0.95), r),
    "jpeg": lambda f, r, k: synth.jpeg(f, int(r.uniform(4, 15))),
    "colour": lambda f, r, k: synth.noise(
        synth.colourise(f, *COLOUR_PAIRS[int(r.integers(len(COLOUR_PAIRS)))]), 6, r
    ),
    "combined": lambda f, r, k: synth.jpeg(
        synth.noise(
            synth.uneven_light(
                synth.gaussian_blur(f, r.uniform(0.6, 1.4) * k), r.uniform(0.3, 0.6), r
            ),
            r.uniform(6, 14),
            r,
        ),
        int(r.uniform(30, 60)),
    ),
}


def webcam_samples(rng: np.random.Generator, per_kind: int) -> list[Sample]:
    samples = []
    for resolution, size in RESOLUTIONS.items():
        for damage_name, damage in DAMAGE.items():
            for _ in range(per_kind):
                texts = [random_payload(rng)]
                frame = _webcam_scene(texts, size, rng)
                image = damage(frame, rng, size[1] / 720)
                samples.append(Sample(resolution, damage_name, image, frozenset(texts)))
    return samples


def _screen_grab(texts: list[str], rng: np.random.Generator) -> np.ndarray:
    """A desktop: panels and text-like lines, with small codes drawn at a fractional scale."""
    width, height = [(1920, 1080), (2560, 1440), (3840, 2160)][
        int(rng.choice(3, p=[0.5, 0.3, 0.2]))
    ]
    dark_theme = rng.random() < 0.3
    base, ink = (40, 200) if dark_theme else (245, 40)
    frame = np.full((height, width), base, np.uint8)
    for _ in range(12):  # panels
        x, y = int(rng.integers(0, width - 200)), int(rng.integers(0, height - 100))
        w, h = int(rng.integers(150, 700)), int(rng.integers(60, 400))
        frame[y : y + h, x : x + w] = base + int(rng.integers(0, 25)) * (1 if dark_theme else -1)
    for _ in range(250):  # words
        x, y = int(rng.integers(0, width - 120)), int(rng.integers(0, height - 12))
        frame[y : y + int(rng.integers(6, 11)), x : x + int(rng.integers(15, 110))] = ink
    for index, text in enumerate(texts):
        # As a web page shows it: a PNG made at 4 px per module, scaled by the browser.
        code = synth.render_qr(text, module_px=4, border=2, error=_error_level(rng))
        if dark_theme and rng.random() < 0.5:
            code = 255 - code  # an inverted code, as some dark-mode pages draw it
        module = rng.uniform(1.4, 3.2)
        side = int(code.shape[0] * module / 4)
        small = cv2.resize(code, (side, side), interpolation=cv2.INTER_AREA)
        slot = width // len(texts)
        x = int(rng.integers(20 + index * slot, (index + 1) * slot - side - 20))
        y = int(rng.integers(20, height - side - 20))
        frame[y : y + side, x : x + side] = small
    return frame


def screen_samples(rng: np.random.Generator, count: int) -> list[Sample]:
    samples = []
    for index in range(count):
        texts = [random_payload(rng) for _ in range(1 if index % 4 else 2)]
        samples.append(Sample("screen", "small codes", _screen_grab(texts, rng), frozenset(texts)))
    return samples


def multi_samples(rng: np.random.Generator, count: int) -> list[Sample]:
    samples = []
    for _ in range(count):
        texts = [random_payload(rng) for _ in range(int(rng.integers(2, 4)))]
        frame = _webcam_scene(texts, RESOLUTIONS["1080p"], rng)
        image = synth.noise(frame, 6, rng)
        samples.append(Sample("1080p", "several codes", image, frozenset(texts)))
    return samples


def make_corpus(seed: int, per_kind: int) -> list[Sample]:
    rng = np.random.default_rng(seed)
    return (
        webcam_samples(rng, per_kind)
        + screen_samples(rng, per_kind * 4)
        + multi_samples(rng, per_kind * 2)
    )


@dataclass
class Tally:
    decoded: int = 0
    misreads: int = 0
    frames: int = 0
    times: list[float] = field(default_factory=list)

    def add(self, ok: bool, misread: bool, ms: float) -> None:
        self.frames += 1
        self.decoded += ok
        self.misreads += misread
        self.times.append(ms)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def cell(self) -> str:
        rate = 100 * self.decoded / max(1, self.frames)
        return f"{rate:5.1f}% {statistics.median(self.times):6.1f}"


def run_decoder(
    name: str,
    decode: Callable[[np.ndarray], list[str]],
    corpus: list[Sample],
    results: dict[str, dict[str, Tally]],
) -> None:
    for sample in corpus:
        start = time.perf_counter()
        texts = set(decode(sample.image))
        ms = (time.perf_counter() - start) * 1000
        for key in (sample.damage, sample.source, "ALL"):
            results[key].setdefault(name, Tally()).add(
                sample.texts <= texts, bool(texts - sample.texts), ms
            )


def print_table(
    results: dict[str, dict[str, Tally]], names: list[str], corpus: list[Sample]
) -> None:
    header = f"{'frames':<16}" + "".join(f"{n:>16}" for n in names)
    rule = "-" * len(header)
    print(f"\nDecode rate and median ms/frame ({len(corpus)} frames)")
    print(header)
    groups = {
        "by damage": list(dict.fromkeys(s.damage for s in corpus)),
        "by source": list(dict.fromkeys(s.source for s in corpus)),
        "overall": ["ALL"],
    }
    for title, keys in groups.items():
        print(f"{rule}\n{title}")
        for key in keys:
            cells = "".join(f"{results[key][n].cell():>16}" for n in names)
            print(f"  {key:<14}{cells}")
    overall = results["ALL"]
    for label, fraction in (("90th pct ms", 0.9), ("max ms", 1.0)):
        print(
            f"  {label:<14}" + "".join(f"{overall[n].percentile(fraction):>16.1f}" for n in names)
        )
    print(rule)
    misreads = "  ".join(f"{n}={overall[n].misreads}" for n in names)
    print(f"misreads (texts not in the frame): {misreads}")


def tune(corpus: list[Sample], engine: QrEngine) -> None:
    """For frames the first pass misses: what each extra pass alone rescues, at what cost,
    and the order a greedy choice by rescues per millisecond would give."""
    first, *extras = engine.passes
    rescued: dict[str, set[int]] = defaultdict(set)
    cost: dict[str, list[float]] = defaultdict(list)
    missed = [
        s
        for s in corpus
        if not s.texts <= set(QrEngine([first], budget_ms=math.inf).decode(s.image))
    ]
    for index, sample in enumerate(missed):
        for step in extras:
            start = time.perf_counter()
            texts = set(QrEngine([step], budget_ms=math.inf).decode(sample.image))
            cost[step.name].append((time.perf_counter() - start) * 1000)
            if sample.texts <= texts:
                rescued[step.name].add(index)
    print(
        f"\nTuning: {len(missed)} of {len(corpus)} frames missed by the first pass ({first.name})"
    )
    for step in extras:
        times = cost[step.name] or [0.0]
        print(
            f"  {step.name:<26} rescues {len(rescued[step.name]):4d}   mean "
            f"{statistics.mean(times):6.1f} ms   max {max(times):6.1f} ms"
        )
    covered: set[int] = set()
    order = []
    candidates = [step.name for step in extras]
    while candidates:
        best = max(
            candidates,
            key=lambda name, done=frozenset(covered): (
                len(rescued[name] - done) / max(statistics.mean(cost[name] or [0.0]), 0.1)
            ),
        )
        if not rescued[best] - covered:
            break
        order.append(f"{best} (+{len(rescued[best] - covered)})")
        covered |= rescued[best]
        candidates.remove(best)
    print(f"  greedy order by rescues/ms: {', '.join(order)}; {len(covered)} rescued in all")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-kind", type=int, default=10, help="frames per resolution and damage")
    parser.add_argument("--tune", action="store_true", help="print what each extra pass rescues")
    args = parser.parse_args(argv)

    corpus = make_corpus(args.seed, args.per_kind)
    print(f"corpus: {len(corpus)} frames, seed {args.seed}")
    decoders: dict[str, Callable[[np.ndarray], list[str]]] = {}
    for name in available_backends():
        backend = make_backend(name)
        decoders[name] = lambda image, b=backend: [c.text for c in b.read(to_grey(image)).codes]
    engine = QrEngine()
    decoders["engine"] = engine.decode

    results: dict[str, dict[str, Tally]] = defaultdict(dict)
    for name, decode in decoders.items():
        run_decoder(name, decode, corpus, results)
        print(f"  {name}: done", flush=True)
    print_table(results, list(decoders), corpus)
    if args.tune:
        tune(corpus, engine)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
