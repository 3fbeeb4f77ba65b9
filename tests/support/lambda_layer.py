"""The packages a handler can import in Lambda: the layer as `sam build` makes it, plus the runtime's SDK.

The layer's third-party packages are installed with shared/Makefile's
build-SharedLayer target (what `sam build` runs), for this machine's
platform; a function with its own requirements.txt gets those installed
beside its code, as `sam build` does; the runtime folder holds the
boto3/botocore the python3.11 runtime ships. All are cached under .cache/lambda-layer/, keyed by a hash of what
goes into them, so a fresh machine builds them once (about 10 s with a warm
pip cache) and later runs reuse them. Handlers then run in an interpreter that
sees nothing else (`python -I -S`, tests/support/lambda_worker.py).
"""

import fcntl
import hashlib
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "lambda-layer"
# The SDK the python3.11 managed runtime includes (AWS's "Runtime-included SDK versions" table).
RUNTIME_SDK = ("boto3==1.34.145", "botocore==1.34.145")


@dataclass(frozen=True)
class LambdaPaths:
    """sys.path of a function in Lambda: its code and packages, the layer, then the runtime."""

    code: Path  # the layer's podcast_digest (the worktree's shared/, as the layer's content root)
    layer: Path  # third-party packages from shared/requirements.txt
    runtime: Path  # boto3/botocore of the runtime
    functions: Path  # <folder>/: packages from functions/<folder>/requirements.txt

    def sys_path(self, function_dir: Path) -> list[str]:
        own = self.functions / function_dir.name
        packages = [str(own)] if own.is_dir() else []
        return [str(function_dir), *packages, str(self.code), str(self.layer), str(self.runtime)]


def lambda_paths() -> LambdaPaths:
    """Build (once per content hash) and return the layer and runtime folders."""
    key = _content_key()
    root = CACHE / key
    if not (root / "ready").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(CACHE / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (root / "ready").exists():
                _build(root)
    return LambdaPaths(
        code=REPO / "shared",
        layer=root / "layer" / "python",
        runtime=root / "runtime",
        functions=root / "functions",
    )


def function_requirements() -> list[Path]:
    return sorted((REPO / "functions").glob("*/requirements.txt"))


def _platform_tag() -> str:
    return f"manylinux2014_{platform.machine()}"


def _content_key() -> str:
    digest = hashlib.sha256()
    for path in (
        REPO / "shared" / "requirements.txt",
        REPO / "shared" / "Makefile",
        Path(__file__),
        *function_requirements(),
    ):
        digest.update(str(path.relative_to(REPO)).encode() + path.read_bytes())
    digest.update("|".join((*RUNTIME_SDK, _platform_tag(), sys.version.split()[0])).encode())
    return digest.hexdigest()[:16]


def _build(root: Path) -> None:
    staging = root.with_name(root.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    pip = f"{sys.executable} -m pip"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO / "shared"), "build-SharedLayer",
         f"ARTIFACTS_DIR={staging / 'layer'}", f"LAYER_PLATFORM={_platform_tag()}", f"PIP={pip}",
         f"PYTHON={sys.executable}"],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    # The worktree's podcast_digest comes first on the path: the copy make made would only go stale.
    shutil.rmtree(staging / "layer" / "python" / "podcast_digest")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile", "--target",
         str(staging / "runtime"), *RUNTIME_SDK],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for requirements in function_requirements():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile", "--only-binary=:all:",
             "--platform", _platform_tag(), "--implementation", "cp", "--python-version", "3.11",
             "--target", str(staging / "functions" / requirements.parent.name), "-r", str(requirements)],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    # The managed runtime ships its SDK compiled; the functions' own packages stay as pip put them.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash",
         str(staging / "runtime")],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (staging / "ready").touch()
    shutil.rmtree(root, ignore_errors=True)
    staging.rename(root)
    for stale in CACHE.iterdir():  # builds for requirements that have since changed
        if stale.is_dir() and stale != root:
            shutil.rmtree(stale, ignore_errors=True)


def folder_megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
