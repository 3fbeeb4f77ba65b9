"""The one module that talks to the model: chat completions with a strict JSON schema.

It owns the transport rules: the `openai` client's own retries with backoff
for 429, 5xx and timeouts (`max_retries`, `timeout`), a bounded retry of an
answer that is not valid JSON or fails validation, one retry with twice the
output budget for an answer cut off by the token limit, and a refusal turned
into a SummarizationError carrying the model's words. Every attempt's `usage`
is added up, since every attempt is billed. openai's exceptions become the
package's typed errors, whose names the state machine's Retry/Catch match.
"""

import logging
from collections.abc import Callable
from typing import TypeVar, cast

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema
from pydantic import BaseModel, ValidationError

from podcast_digest.errors import (
    ConfigurationError,
    SummarizationError,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.schemas import response_format

log = logging.getLogger(__name__)

Answer = TypeVar("Answer", bound=BaseModel)


class InvalidAnswerError(SummarizationError):
    """The model's answer kept failing the schema or the checks in code."""

    def __init__(self, message: str, usage: Usage) -> None:
        super().__init__(message)
        self.usage = usage


class ChatClient:
    """Asks one model for answers shaped by a pydantic model."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None,
        base_url: str | None,
        timeout_seconds: float = 120.0,
        max_retries: int = 4,
        invalid_answer_attempts: int = 3,
        temperature: float | None = None,
    ) -> None:
        if not api_key and not base_url:
            raise ConfigurationError(
                "the LLM summarizer needs PODCAST_DIGEST_OPENAI_API_KEY (OpenAI) or "
                "PODCAST_DIGEST_OPENAI_BASE_URL (a compatible server such as Ollama or vLLM)"
            )
        self.model = model
        self.base_url = base_url
        self.invalid_answer_attempts = max(1, invalid_answer_attempts)
        self.temperature = temperature
        # Local servers (Ollama, vLLM, LM Studio) take any key, but the client insists on one.
        self._openai = openai.OpenAI(
            api_key=api_key or "unused-by-local-server",
            base_url=base_url,
            timeout=timeout_seconds,
            max_retries=max_retries,
        )
        # OpenAI's reasoning models accept only max_completion_tokens; compatible servers know max_tokens.
        self._official = base_url is None or "api.openai.com" in base_url

    def ask(
        self,
        *,
        system: str,
        user: str,
        answer: type[Answer],
        schema_name: str,
        max_output_tokens: int,
        check: Callable[[Answer], None] | None = None,
        counts: dict[str, tuple[int, int]] | None = None,
    ) -> tuple[Answer, Usage]:
        """The validated answer and the usage of every attempt it took.

        `check` validates beyond the schema; a ValueError it raises counts as an
        invalid answer and is retried like invalid JSON. `counts` sets this call's
        minItems/maxItems of top-level arrays in the schema (schemas.response_format).
        """
        usage = Usage()
        limit = max_output_tokens
        grown = False
        problems: list[str] = []
        while True:
            completion = self._complete(system, user, response_format(answer, schema_name, counts), limit)
            usage = usage + _usage_of(completion)
            if not completion.choices:
                problems.append("the answer had no choices")
            else:
                choice = completion.choices[0]
                refusal = getattr(choice.message, "refusal", None)
                if refusal:
                    raise SummarizationError(
                        f"the model refused to summarize ({schema_name}): {refusal} - try another model "
                        "(PODCAST_DIGEST_LLM_MODEL) or the extractive summarizer (PODCAST_DIGEST_SUMMARIZER=extractive)"
                    )
                if choice.finish_reason == "content_filter":
                    raise SummarizationError(f"the model's content filter stopped the answer ({schema_name})")
                if choice.finish_reason == "length":
                    if grown:
                        raise SummarizationError(
                            f"the model's answer ({schema_name}) was cut off at {limit} output tokens even "
                            "after doubling the budget: use a model with a larger output limit"
                        )
                    log.warning("answer cut off at %d tokens; retrying once with %d", limit, limit * 2)
                    grown, limit = True, limit * 2
                    continue
                try:
                    parsed = answer.model_validate_json(choice.message.content or "")
                    if check is not None:
                        check(parsed)
                    return parsed, usage
                except ValueError as exc:  # pydantic's ValidationError is a ValueError
                    problems.append(_brief(exc))
            if len(problems) >= self.invalid_answer_attempts:
                raise InvalidAnswerError(
                    f"the model's answer ({schema_name}) was invalid {len(problems)} times; last: {problems[-1]}. "
                    "Use a model that supports structured outputs (JSON schema response_format)",
                    usage,
                )
            log.warning("invalid answer (%s): %s; asking again", schema_name, problems[-1])

    def _complete(self, system: str, user: str, response: dict[str, object], limit: int) -> ChatCompletion:
        try:
            messages: list[ChatCompletionMessageParam] = [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ]
            schema = cast(ResponseFormatJSONSchema, response)
            create = self._openai.chat.completions.create
            # A reasoning model takes no temperature: leave the parameter out rather than send null.
            temperature = openai.omit if self.temperature is None else self.temperature
            return create(
                model=self.model,
                messages=messages,
                response_format=schema,
                max_completion_tokens=limit if self._official else openai.omit,
                max_tokens=openai.omit if self._official else limit,
                temperature=temperature,
            )
        except openai.RateLimitError as exc:
            raise UpstreamThrottled(
                f"the model API kept throttling (429) after retries: {_status_text(exc)}",
                retry_after=_retry_after(exc),
            ) from exc
        except openai.APITimeoutError as exc:
            raise UpstreamUnavailable(f"the model API timed out after retries ({self._where()})") from exc
        except openai.APIConnectionError as exc:
            raise UpstreamUnavailable(f"could not reach the model API at {self._where()}: {exc}") from exc
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise ConfigurationError(
                f"the model API refused the key ({_status_text(exc)}): check PODCAST_DIGEST_OPENAI_API_KEY"
            ) from exc
        except openai.NotFoundError as exc:
            raise ConfigurationError(
                f"the model API does not know model {self.model!r} or the URL {self._where()} is wrong "
                f"({_status_text(exc)}): check PODCAST_DIGEST_LLM_MODEL and PODCAST_DIGEST_OPENAI_BASE_URL"
            ) from exc
        except openai.APIStatusError as exc:
            if exc.status_code >= 500:
                raise UpstreamUnavailable(
                    f"the model API kept failing after retries: {_status_text(exc)}"
                ) from exc
            raise SummarizationError(f"the model API rejected the request: {_status_text(exc)}") from exc
        except ValidationError as exc:
            raise SummarizationError(f"the model API sent a malformed response: {_brief(exc)}") from exc

    def _where(self) -> str:
        return self.base_url or "api.openai.com"


def _usage_of(completion: object) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage(calls=1)
    details = getattr(usage, "prompt_tokens_details", None)
    return Usage(
        input_tokens=usage.prompt_tokens or 0,
        output_tokens=usage.completion_tokens or 0,
        cached_input_tokens=(getattr(details, "cached_tokens", None) or 0) if details else 0,
        calls=1,
    )


def _status_text(exc: openai.APIStatusError) -> str:
    return f"HTTP {exc.status_code}: {str(exc.message)[:300]}"


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _brief(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]
