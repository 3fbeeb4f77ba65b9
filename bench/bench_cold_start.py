"""Cold-start proxies for the Lambda functions: handler import time (layer-only) and unzipped sizes.

Sizes: the layer exactly as `sam build` makes it (shared/Makefile's
build-SharedLayer for arm64, Lambda's architecture here) and each function's
own packages (functions/<f>/requirements.txt, arm64 wheels), measured on disk
against the 150 MB budget for the layer and Lambda's 250 MB for layer +
function. The alternative in the same run: the layer as `sam build`'s plain
python3.11 method makes it (pip's full resolution, with the botocore that
aws-xray-sdk drags in) and with PyAV in the layer instead of in transcribe.

Imports: per function, the median wall time to import functions/<f>/app.py in
a fresh `python -I -S` that sees only the layer, the function's packages and
the runtime's boto3 (tests/support/lambda_layer.py's cache, this machine's
platform), with the Powertools tracer active as in Lambda; beside it, the
same import with the function's heavy modules imported eagerly (what a
top-level import of them would cost at every cold start).

Run: .venv/bin/python bench/bench_cold_start.py   (first run builds the layers: about a minute)
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.lambda_layer import folder_megabytes, lambda_paths  # noqa: E402

FUNCTIONS = sorted(p.name for p in (REPO / "functions").iterdir() if (p / "app.py").is_file())
RUNS = 7
LAYER_BUDGET_MB = 150
LIMIT_MB = 250
ARM = "manylinux2014_aarch64"
BENCH_CACHE = REPO / ".cache" / "bench-cold-start"

# What each function imports when it works (lazily, inside the code paths that need it).
HEAVY = {
    "transcribe": ["openai", "av", "numpy", "podcast_digest.transcription.engines.openai_engine"],
    "summarize": [
        "openai",
        "numpy",
        "podcast_digest.summarization.llm",
        "podcast_digest.summarization.extractive",
    ],
    "notify": ["jinja2", "nh3", "podcast_digest.adapters.aws.ses", "podcast_digest.adapters.aws.dynamodb"],
    "poll_feed_batch": ["feedparser", "podcast_digest.feeds.fetch", "podcast_digest.adapters.aws.dynamodb"],
    "subscription_api": ["jinja2", "podcast_digest.adapters.aws.ses", "podcast_digest.adapters.aws.dynamodb"],
    "roundup": ["jinja2", "podcast_digest.adapters.aws.ses", "podcast_digest.adapters.aws.dynamodb"],
}
DEFAULT_HEAVY = ["podcast_digest.adapters.aws.dynamodb", "podcast_digest.adapters.aws.s3"]

IMPORT_ONE = """
import importlib, importlib.util, sys, time
sys.path[:0] = sys.argv[3:]
start = time.perf_counter()
spec = importlib.util.spec_from_file_location("app", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
for name in filter(None, sys.argv[2].split(",")):
    importlib.import_module(name)
print(time.perf_counter() - start)
"""

ENVIRONMENT = {
    "AWS_LAMBDA_FUNCTION_NAME": "bench",
    # Set in every Lambda. Powertools turns its tracer on only with it, and the X-Ray SDK takes its
    # Lambda path (local sampling) only with it: without it the SDK builds two botocore X-Ray clients
    # for centralised sampling at import (~160 ms here), a cost no Lambda pays.
    "LAMBDA_TASK_ROOT": "/var/task",
    "AWS_REGION": "eu-west-1",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "PODCAST_DIGEST_RECORDS": "dynamodb",
    "PODCAST_DIGEST_BLOBS": "s3",
    "PODCAST_DIGEST_MAILER": "ses",
    "PODCAST_DIGEST_TRANSCRIBER": "openai",
    "PODCAST_DIGEST_SUMMARIZER": "llm",
    "PODCAST_DIGEST_SECRET_NAME": "podcast-digest/openai",
    "PODCAST_DIGEST_TABLE_NAME": "bench-table",
    "PODCAST_DIGEST_BUCKET_NAME": "bench-bucket",
    "PODCAST_DIGEST_STATE_MACHINE_ARN": "arn:aws:states:eu-west-1:123456789012:stateMachine:bench",
    "PODCAST_DIGEST_POLL_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/bench",
    "PODCAST_DIGEST_TOKEN_SECRET_NAME": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token",
    "PODCAST_DIGEST_SENDER": "digest@example.com",
}


def import_ms(function: str, eager: list[str]) -> float:
    paths = lambda_paths().sys_path(REPO / "functions" / function)
    app = str(REPO / "functions" / function / "app.py")
    env = {**os.environ, **ENVIRONMENT}
    times = []
    for _ in range(RUNS):
        command = [sys._base_executable, "-I", "-S", "-c", IMPORT_ONE, app, ",".join(eager), *paths]
        out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise SystemExit(f"{function}: import failed\n{out.stderr}")
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return 1000 * statistics.median(times)


def pip(*args: str) -> None:
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
    ]
    subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def arm_builds() -> dict[str, Path]:
    """The arm64 layer (shared/Makefile), transcribe's packages and the plain-pip layer, built once."""
    built = {
        "layer": BENCH_CACHE / "layer" / "python",
        "transcribe": BENCH_CACHE / "transcribe",
        "plain": BENCH_CACHE / "plain",
        "plain+av": BENCH_CACHE / "plain-av",
    }
    if (BENCH_CACHE / "ready").exists():
        return built
    shutil.rmtree(BENCH_CACHE, ignore_errors=True)
    subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO / "shared"), "build-SharedLayer",
         f"ARTIFACTS_DIR={BENCH_CACHE / 'layer'}", f"PIP={sys.executable} -m pip"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    arm = ["--platform", ARM, "--implementation", "cp", "--python-version", "3.11", "--only-binary=:all:"]
    with tempfile.TemporaryDirectory() as wheels:
        pip("--no-deps", "--target", wheels, "sgmllib3k")  # sdist only: give pip a local copy
        found = ["--find-links", wheels]
        pip(
            *arm,
            "--target",
            str(built["transcribe"]),
            "-r",
            str(REPO / "functions/transcribe/requirements.txt"),
        )
        pip(*arm, *found, "--target", str(built["plain"]), "-r", str(REPO / "shared/requirements.txt"))
        shutil.copytree(built["plain"], built["plain+av"])
        pip(
            *arm,
            "--target",
            str(built["plain+av"]),
            "-r",
            str(REPO / "functions/transcribe/requirements.txt"),
        )
    (BENCH_CACHE / "ready").touch()
    return built


def main() -> None:
    built = arm_builds()
    layer = folder_megabytes(built["layer"])
    print(
        f"Layer as sam build makes it (shared/Makefile, arm64): {layer:.1f} MB of {LAYER_BUDGET_MB} MB budget"
    )
    biggest = sorted((folder_megabytes(p), p.name) for p in built["layer"].iterdir() if p.is_dir())[-5:]
    print("  largest: " + ", ".join(f"{name} {size:.1f} MB" for size, name in reversed(biggest)))
    code = folder_megabytes(REPO / "shared" / "podcast_digest")
    for label, key, extra in (
        ("  vs plain pip (python3.11 build method, stray botocore)", "plain", 0.0),
        ("  vs plain pip with PyAV in the layer (as before)", "plain+av", 0.0),
    ):
        size = folder_megabytes(built[key]) + code + extra
        print(f"{label:<58}{size:>8.1f} MB")
    print()
    header = f"{'function':<22}{'import, lazy':>14}{'eager heavy':>14}{'own pkgs':>10}{'layer+fn':>10}{'of 250':>8}"
    print(f"{header}   (import: median of {RUNS}, layer-only python -I -S, this machine's wheels)")
    for function in FUNCTIONS:
        own = folder_megabytes(built["transcribe"]) if function == "transcribe" else 0.0
        total = layer + own + folder_megabytes(REPO / "functions" / function)
        lazy = import_ms(function, [])
        eager = import_ms(function, HEAVY.get(function, DEFAULT_HEAVY))
        print(
            f"{function:<22}{lazy:>11.0f} ms{eager:>11.0f} ms{own:>7.1f} MB{total:>7.1f} MB"
            f"{100 * total / LIMIT_MB:>7.0f}%"
        )


if __name__ == "__main__":
    main()
