"""The base of every pydantic model in Podcast Digest: its validator is built on first use.

pydantic builds a model's validator and serializer when the class is defined,
unless told to defer. A Lambda function imports the whole model package (its
step payloads, settings and records adapters need a few of them) but uses a
handful: deferring cut the models' import from ~150 to ~80 ms in
bench/bench_cold_start.py's layer-only interpreter, and a model that is never
validated in a function never costs it anything.
"""

from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    model_config = ConfigDict(defer_build=True)
