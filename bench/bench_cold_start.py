"""Cold-start proxies for the Lambda functions: handler import time (layer-only) and unzipped sizes.

Sizes: the layer exactly as `sam build` makes it (shared/Makefile's
build-SharedLayer for arm64, Lambda's architecture here) and each function's
own packages (functions/<f>/requirements.txt, arm64 wheels), measured on disk
against the 150 MB budget for the layer and Lambda's 250 MB for layer +
function. The alternative in the same run: the layer as `sam build`'s plain
python3.11 method makes it (pip's full resolution, with the botocore that
aws-xray-sdk drags in) and with PyAV in the layer instead of in transcribe.

Imports: per function, the median time to import functions/<f>/app.py in a
fresh `python -I -S -B` that sees only the layer, the function's packages and
the runtime's boto3 (tests/support/lambda_layer.py's cache, this machine's
platform), with the Powertools tracer active as in Lambda. Lambda mounts the
layer read-only, so nothing is compiled and kept between cold starts: the
layer ships its bytecode (shared/Makefile compiles it) and the bench imports
from a compiled copy of podcast_digest made the same way, writing nothing.
Both wall and CPU time are printed: on a shared machine, CPU time is the
figure that other processes disturb least. Beside them, in the same run: the
same import from the layer without bytecode (what the layer shipped before),
with the function's heavy modules imported eagerly (what a top-level
import of them would cost at every cold start), and with the first DynamoDB
client made (what the first AWS call of the first invocation adds: boto3,
botocore's client machinery and the tracer's patch, kept out of the import).

Run: .venv/bin/python bench/bench_cold_start.py [--only notify,roundup] [--runs 7]
     (the first run builds the layers: about a minute)
"""

import argparse
import dataclasses
import hashlib
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.lambda_layer import LambdaPaths, folder_megabytes, lambda_paths  # noqa: E402

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
start, cpu = time.perf_counter(), time.process_time()
spec = importlib.util.spec_from_file_location("app", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
for name in filter(None, sys.argv[2].split(",")):
    if name.startswith("client:"):  # what the first AWS call of an invocation adds: boto3, the X-Ray patch
        importlib.import_module("podcast_digest.adapters.aws.clients").client(name[len("client:"):])
    else:
        importlib.import_module(name)
print(time.perf_counter() - start, time.process_time() - cpu)
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


def import_ms(function: str, eager: list[str], paths: LambdaPaths) -> tuple[float, float]:
    """Median (wall, CPU) milliseconds to import the handler from these folders, writing no bytecode."""
    app = str(REPO / "functions" / function / "app.py")
    env = {**os.environ, **ENVIRONMENT}
    wall, cpu = [], []
    for _ in range(RUNS):
        command = [sys._base_executable, "-I", "-S", "-B", "-c", IMPORT_ONE, app, ",".join(eager)]
        command += paths.sys_path(REPO / "functions" / function)
        out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise SystemExit(f"{function}: import failed\n{out.stderr}")
        seconds, used = out.stdout.strip().splitlines()[-1].split()
        wall.append(float(seconds))
        cpu.append(float(used))
    return 1000 * statistics.median(wall), 1000 * statistics.median(cpu)


def as_shipped() -> tuple[LambdaPaths, LambdaPaths]:
    """The layer's folders with bytecode as shared/Makefile ships it, and the same without any.

    podcast_digest is copied and compiled as the Makefile does (the tests' layer points at the
    worktree instead); the copies without bytecode are what the layer was before it shipped any.
    """
    layer = lambda_paths()
    compiled = BENCH_CACHE / "code-compiled"
    shutil.rmtree(compiled, ignore_errors=True)
    shutil.copytree(REPO / "shared" / "podcast_digest", compiled / "podcast_digest", ignore=_BYTECODE)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash",
         str(compiled)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    bare = BENCH_CACHE / f"bare-{layer.layer.parent.parent.name}"
    if not (bare / "ready").exists():
        shutil.rmtree(bare, ignore_errors=True)
        for name, folder in (
            ("layer", layer.layer),
            ("runtime", layer.runtime),
            ("functions", layer.functions),
        ):
            shutil.copytree(folder, bare / name, ignore=_BYTECODE)
        (bare / "ready").touch()
    shutil.rmtree(bare.with_name("code-bare"), ignore_errors=True)
    shutil.copytree(
        REPO / "shared" / "podcast_digest", bare.with_name("code-bare") / "podcast_digest", ignore=_BYTECODE
    )
    shipped = dataclasses.replace(layer, code=compiled)
    without = LambdaPaths(code=bare.with_name("code-bare"), layer=bare / "layer", runtime=bare / "runtime",
                          functions=bare / "functions")  # fmt: skip
    return shipped, without


_BYTECODE = shutil.ignore_patterns("__pycache__", "*.pyc")


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
    inputs = b"".join(
        (REPO / f).read_bytes()
        for f in ("shared/Makefile", "shared/requirements.txt", "functions/transcribe/requirements.txt")
    )
    stamp = hashlib.sha256(inputs).hexdigest()
    if (BENCH_CACHE / "ready").exists() and (BENCH_CACHE / "ready").read_text() == stamp:
        return built
    shutil.rmtree(BENCH_CACHE, ignore_errors=True)
    subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO / "shared"), "build-SharedLayer",
         f"ARTIFACTS_DIR={BENCH_CACHE / 'layer'}", f"PIP={sys.executable} -m pip", f"PYTHON={sys.executable}"],
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
    (BENCH_CACHE / "ready").write_text(stamp)
    return built


def main() -> None:
    global RUNS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated functions (default: all)")
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh interpreters per figure (median)")
    args = parser.parse_args()
    RUNS = args.runs
    functions = [f for f in FUNCTIONS if not args.only or f in args.only.split(",")]
    built = arm_builds()
    layer = folder_megabytes(built["layer"])
    print(
        f"Layer as sam build makes it (shared/Makefile, arm64): {layer:.1f} MB of {LAYER_BUDGET_MB} MB budget"
    )
    biggest = sorted((folder_megabytes(p), p.name) for p in built["layer"].iterdir() if p.is_dir())[-5:]
    print("  largest: " + ", ".join(f"{name} {size:.1f} MB" for size, name in reversed(biggest)))
    sources = list(built["layer"].rglob("*.py"))
    compiled = sum(Path(importlib.util.cache_from_source(str(p))).is_file() for p in sources)
    bytecode = sum(p.stat().st_size for p in built["layer"].rglob("*.pyc")) / 1e6
    print(f"  bytecode: {compiled} of {len(sources)} modules compiled, {bytecode:.1f} MB of the layer")
    code = folder_megabytes(REPO / "shared" / "podcast_digest")
    for label, key, extra in (
        ("  vs plain pip (python3.11 build method, stray botocore)", "plain", 0.0),
        ("  vs plain pip with PyAV in the layer (as before)", "plain+av", 0.0),
    ):
        size = folder_megabytes(built[key]) + code + extra
        print(f"{label:<58}{size:>8.1f} MB")
    print()
    shipped, without = as_shipped()
    header = (
        f"{'function':<20}{'wall':>8}{'CPU':>8}{'no .pyc':>9}{'eager':>8}{'+client':>9}"
        f"{'own pkgs':>10}{'layer+fn':>10}{'of 250':>8}"
    )
    print(f"import ms, median of {RUNS} (python -I -S -B, layer only, this machine's wheels):")
    print(
        "  wall/CPU: as shipped, with bytecode; no .pyc: CPU without bytecode; eager: CPU, heavy modules eager"
    )
    print(
        "  +client: CPU, the import plus the first DynamoDB client (boto3 and the tracer's patch come with it)"
    )
    print(header)
    for function in functions:
        own = folder_megabytes(built["transcribe"]) if function == "transcribe" else 0.0
        total = layer + own + folder_megabytes(REPO / "functions" / function)
        wall, cpu = import_ms(function, [], shipped)
        _, bare = import_ms(function, [], without)
        _, eager = import_ms(function, HEAVY.get(function, DEFAULT_HEAVY), shipped)
        _, first_call = import_ms(function, ["client:dynamodb"], shipped)
        print(
            f"{function:<20}{wall:>8.0f}{cpu:>8.0f}{bare:>9.0f}{eager:>8.0f}{first_call:>9.0f}"
            f"{own:>7.1f} MB{total:>7.1f} MB{100 * total / LIMIT_MB:>7.0f}%"
        )


if __name__ == "__main__":
    main()
