"""Amazon Transcribe for the AWS stack: start a job, look at it later, read its JSON into a Transcript.

Transcribe works asynchronously: the state machine calls `start_job`, waits
(a Wait state, no Lambda held), and calls `job_result` until it returns a
transcript. The job name derives from the episode id, so a retried start
finds the job already running instead of paying twice. Speakers come from
Transcribe's speaker labels (`spk_0` becomes "Speaker 1"); segments follow
speaker turns, split at a sentence end when a turn runs long.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import Any
from urllib.parse import unquote, urlparse

from pydantic import Field, ValidationError

from podcast_digest.errors import (
    BadInputError,
    ConfigurationError,
    NotFoundError,
    TranscriptFormatError,
    UpstreamUnavailable,
)
from podcast_digest.models import Episode, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.models.base import DomainModel
from podcast_digest.models.languages import language_name, normalise_language, transcribe_code
from podcast_digest.transcription.merge import TimedWord, segments_from_words
from podcast_digest.transcription.pricing import transcription_cost_usd

log = logging.getLogger(__name__)

ENGINE = "amazon-transcribe"
JOB_PREFIX = "podcast-digest-"
MAX_SPEAKERS = 10
MAX_OUTPUT_BYTES = 256 * 1024 * 1024  # a ten-hour episode's JSON is a few tens of MB
LONG_TURN_SECONDS = 30.0  # past this, a speaker's turn is split at the next sentence end
_MEDIA_FORMATS = {"mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a"}
_JOB_NAME_UNSAFE = re.compile(r"[^0-9A-Za-z._-]")
_ATTEMPT_SUFFIX = re.compile(r"-attempt\d+$")
MAX_JOB_ATTEMPTS = 10
_SENTENCE_END = (".", "?", "!")


class TranscriptionJobFailed(BadInputError):
    """Amazon Transcribe gave up on the audio (unsupported, corrupt, too long…): retrying will not help."""


# The output JSON, validated at the boundary (it is an S3 object: treat it as untrusted).
class _Alternative(DomainModel):
    content: str


class _Item(DomainModel):
    type: str
    alternatives: list[_Alternative] = Field(min_length=1)
    start_time: float | None = None
    end_time: float | None = None
    speaker_label: str | None = None


class _LabelledSpan(DomainModel):
    start_time: float
    end_time: float
    speaker_label: str


class _SpeakerSegment(_LabelledSpan):
    items: list[_LabelledSpan] = Field(default_factory=list)


class _SpeakerLabels(DomainModel):
    segments: list[_SpeakerSegment] = Field(default_factory=list)


class _Results(DomainModel):
    items: list[_Item]
    speaker_labels: _SpeakerLabels | None = None


class _Output(DomainModel):
    results: _Results


def job_name_for(episode_id: str, attempt: int = 1) -> str:
    """The job's name: stable for an episode and attempt, within Transcribe's alphabet and 200 characters.

    The first attempt keeps the plain name; a later one carries `-attempt<n>`,
    because Transcribe keeps a failed job's name (and its failure) for 90 days.
    """
    safe = _JOB_NAME_UNSAFE.sub("-", episode_id)
    if not safe or safe != episode_id or len(JOB_PREFIX + safe) > 200 - len(f"-attempt{MAX_JOB_ATTEMPTS}"):
        safe = hashlib.sha256(episode_id.encode("utf-8")).hexdigest()
    return JOB_PREFIX + safe + (f"-attempt{attempt}" if attempt > 1 else "")


def episode_id_of_job(job_name: str) -> str:
    return _ATTEMPT_SUFFIX.sub("", job_name.removeprefix(JOB_PREFIX))


def start_job(
    episode: Episode,
    audio_key: str,
    *,
    bucket: str,
    output_prefix: str = "transcribe-output/",
    client: Any = None,
    language: str | None = None,
) -> str:
    """Start the Transcribe job for this episode's audio (or find it started); returns the job name.
    `language` is the feed's pin: the job's LanguageCode, instead of the feed's word or identification.

    A job of the same name that is queued, running or done serves (an
    at-least-once retry of this step pays once); one that FAILED does not stick:
    the next attempt's name starts a new job.
    """
    from botocore.exceptions import ClientError

    language_code = pinned_language_code(language) if language else feed_language_code(episode.language)
    transcribe = _translating(client or _client("transcribe"), "Transcribe", {"ConflictException"})
    for attempt in range(1, MAX_JOB_ATTEMPTS + 1):
        name = job_name_for(episode.episode_id, attempt)
        try:
            transcribe.start_transcription_job(
                **_job_request(audio_key, name, bucket, output_prefix, language_code)
            )
        except ClientError:  # ConflictException, the one code passed through: the name is taken
            job = transcribe.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]
            if job.get("TranscriptionJobStatus") != "FAILED":
                return name
            log.warning("Transcribe job %s failed (%s): starting a new one", name, job.get("FailureReason"))
            continue
        return name
    raise TranscriptionJobFailed(
        f"Amazon Transcribe failed {MAX_JOB_ATTEMPTS} jobs for episode {episode.episode_id}; see the jobs "
        f"named {job_name_for(episode.episode_id)}* in the Transcribe console"
    )


def pinned_language_code(pin: str) -> str:
    """Transcribe's LanguageCode for a feed's pin; ConfigurationError where Transcribe has no model."""
    code = transcribe_code(pin)
    if code is None:
        raise ConfigurationError(
            f"Amazon Transcribe has no model for {language_name(pin)}, this feed's language pin: "
            "clear it (`podcast-digest feeds set FEED --clear language`) or transcribe with OpenAI"
        )
    return code


def feed_language_code(declared: str | None) -> str | None:
    """Transcribe's LanguageCode for the language a feed declares (untrusted); None: identify it."""
    for form in (declared, (declared or "").split("-")[0]):  # "de-AT": no such model, German will do
        try:
            return transcribe_code(normalise_language(form)) if form else None
        except ValueError:
            continue
    return None


def _job_request(
    audio_key: str, name: str, bucket: str, output_prefix: str, language: str | None
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TranscriptionJobName": name,
        "Media": {"MediaFileUri": f"s3://{bucket}/{audio_key}"},
        "OutputBucketName": bucket,
        "OutputKey": f"{output_prefix}{name}.json",
        "Settings": {"ShowSpeakerLabels": True, "MaxSpeakerLabels": MAX_SPEAKERS},
    }
    extension = audio_key.rsplit(".", 1)[-1].lower() if "." in audio_key else ""
    if extension in _MEDIA_FORMATS:
        request["MediaFormat"] = extension
    if language:
        request["LanguageCode"] = language
    else:
        request["IdentifyLanguage"] = True
    return request


def job_result(job_name: str, *, bucket: str, client: Any = None, s3_client: Any = None) -> Transcript | None:
    """The job's transcript; None while it is queued or running; TranscriptionJobFailed if it failed."""
    from botocore.exceptions import ClientError

    client = client or _client("transcribe")
    missing = {"BadRequestException", "NotFoundException"}
    try:
        job = _translating(client, "Transcribe", missing).get_transcription_job(TranscriptionJobName=job_name)
    except ClientError as exc:  # one of `missing`, passed through
        raise NotFoundError(f"no Amazon Transcribe job named {job_name}: start it first") from exc
    job = job["TranscriptionJob"]
    status = job.get("TranscriptionJobStatus")
    if status in ("QUEUED", "IN_PROGRESS"):
        return None
    if status == "FAILED":
        raise failure_of(job)
    if status != "COMPLETED":
        raise UpstreamUnavailable(f"Amazon Transcribe job {job_name} is in an unknown state {status!r}")
    key = output_key(job.get("Transcript", {}).get("TranscriptFileUri", ""), bucket) or (
        f"transcribe-output/{job_name}.json"
    )
    data = _read_output(s3_client or _client("s3"), bucket, key)
    return transcript_from_amazon_json(data, episode_id=episode_id_of_job(job_name))


def failure_of(job: dict[str, Any]) -> TranscriptionJobFailed:
    """The error for a FAILED job, carrying Transcribe's own reason."""
    reason = job.get("FailureReason") or "Transcribe gave no reason"
    return TranscriptionJobFailed(
        f"Amazon Transcribe could not transcribe the audio (job {job.get('TranscriptionJobName')}): {reason}. "
        "Check that the episode's audio is a supported format and not damaged"
    )


def output_key(uri: str, bucket: str) -> str | None:
    """The S3 key in a TranscriptFileUri (path-style or virtual-hosted), when it names our bucket."""
    parsed = urlparse(uri)
    path = unquote(parsed.path).lstrip("/")
    host = parsed.netloc.lower()
    if host.startswith(f"{bucket.lower()}.s3"):
        return path or None
    if path.startswith(f"{bucket}/"):
        return path[len(bucket) + 1 :] or None
    if parsed.scheme == "s3" and host == bucket.lower():
        return path or None
    return None


def transcript_from_amazon_json(data: bytes, *, episode_id: str) -> Transcript:
    """Transcribe's output JSON → segments per speaker turn, punctuation attached to its word."""
    try:
        output = _Output.model_validate(json.loads(data))
    except (ValueError, ValidationError) as exc:
        raise TranscriptFormatError(
            f"the Amazon Transcribe output is not the JSON Transcribe writes ({str(exc)[:200]}): "
            "run the job again"
        ) from exc
    speakers = _speakers_by_start(output.results)
    words: list[TimedWord] = []
    group = 0
    turn_start = 0.0
    for item in output.results.items:
        content = item.alternatives[0].content
        if item.type == "punctuation":
            if words:
                last = words[-1]
                words[-1] = TimedWord(last.text + content, last.start, last.end, last.group, last.speaker)
            continue
        if item.start_time is None or item.end_time is None:
            continue
        speaker = _speaker_name(item.speaker_label or speakers.get(round(item.start_time, 3)))
        if words:
            previous = words[-1]
            long_turn = item.start_time - turn_start > LONG_TURN_SECONDS and previous.text.endswith(
                _SENTENCE_END
            )
            if speaker != previous.speaker or long_turn:
                group += 1
                turn_start = item.start_time
        else:
            turn_start = item.start_time
        words.append(TimedWord(content, item.start_time, max(item.end_time, item.start_time), group, speaker))
    if not words:
        raise TranscriptFormatError("Amazon Transcribe heard no speech in the audio: nothing to summarise")
    audio_seconds = max(w.end for w in words)
    return Transcript(
        episode_id=episode_id,
        segments=segments_from_words(words),
        source=TranscriptSource(
            kind=TranscriptSourceKind.SPEECH_TO_TEXT,
            format="json",
            engine=ENGINE,
            audio_seconds=round(audio_seconds, 3),
            cost_usd=transcription_cost_usd(ENGINE, None, audio_seconds),
        ),
    )


def _speakers_by_start(results: _Results) -> dict[float, str]:
    """Older outputs carry speakers only in speaker_labels.segments: map each item's start to its speaker."""
    if results.speaker_labels is None:
        return {}
    return {
        round(item.start_time, 3): item.speaker_label
        for segment in results.speaker_labels.segments
        for item in segment.items
    }


def _speaker_name(label: str | None) -> str | None:
    if not label:
        return None
    match = re.fullmatch(r"spk_(\d+)", label)
    return f"Speaker {int(match.group(1)) + 1}" if match else label[:40]


def _read_output(s3: Any, bucket: str, key: str) -> bytes:
    from botocore.exceptions import ClientError

    try:
        response = _translating(s3, "S3", {"NoSuchKey", "404"}).get_object(Bucket=bucket, Key=key)
    except ClientError as exc:  # NoSuchKey or 404, passed through
        raise NotFoundError(f"the Transcribe output s3://{bucket}/{key} does not exist") from exc
    size = int(response.get("ContentLength") or 0)
    if size > MAX_OUTPUT_BYTES:
        raise TranscriptFormatError(
            f"the Transcribe output s3://{bucket}/{key} is {size} bytes: too large to read"
        )
    with response["Body"] as body:
        return body.read(MAX_OUTPUT_BYTES + 1)


def _client(service: str) -> Any:
    """The process's shared client (built on first use, adaptive retries), as every AWS adapter uses."""
    try:
        from podcast_digest.adapters.aws import clients
    except ImportError as exc:
        raise ConfigurationError("Amazon Transcribe needs boto3: pip install 'podcast-digest[aws]'") from exc
    return clients.client(service)


def _translating(client: Any, service: str, answers: set[str]) -> Any:
    """The client with the one botocore error translation every AWS adapter uses (adapters.aws.errors)."""
    from podcast_digest.adapters.aws.errors import translated_client

    return translated_client(client, service, answers)
