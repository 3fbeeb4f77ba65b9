"""The local chat-completions server is an honest stand-in: the real openai client parses its answers,
its answers come from the request, and its faults and figures are what the tests rely on."""

import json

import openai
import pytest

from tests.support.chat_server import ChatServer, estimate_tokens


def client(server: ChatServer, **options) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, **options)


def test_a_plain_prompt_gets_a_summary_made_of_its_own_sentences_and_a_usage():
    text = (
        "Compost needs air and water to work well. Tomatoes love six hours of sun every day. "
        "Mulch keeps the soil cool through the summer. Water deeply twice a week for deep roots."
    )
    with ChatServer() as server:
        reply = client(server).chat.completions.create(
            model="m", messages=[{"role": "user", "content": f'Summarize:\n"{text}"'}]
        )
    answer = reply.choices[0].message.content
    assert answer
    for sentence in answer.split(". "):
        assert sentence.rstrip(".") in text
    assert reply.usage.prompt_tokens == server.input_tokens
    assert reply.usage.completion_tokens == estimate_tokens(answer)


def test_an_answer_longer_than_max_tokens_is_cut_with_finish_reason_length():
    with ChatServer() as server:
        reply = client(server).chat.completions.create(
            model="m",
            max_tokens=5,
            messages=[{"role": "user", "content": "A long sentence with many words in it. " * 20}],
        )
    assert reply.choices[0].finish_reason == "length"
    assert len(reply.choices[0].message.content) <= 20


def test_injected_faults_reach_the_client_as_the_api_would_send_them():
    with ChatServer(timeout_sleep=1.0) as server:
        server.inject("429")
        server.inject("500")
        server.inject("timeout")
        api = client(server, timeout=0.3)
        ask = {"model": "m", "messages": [{"role": "user", "content": "Hello there, how are you today?"}]}
        with pytest.raises(openai.RateLimitError):
            api.chat.completions.create(**ask)
        with pytest.raises(openai.InternalServerError):
            api.chat.completions.create(**ask)
        with pytest.raises(openai.APITimeoutError):
            api.chat.completions.create(**ask)
        assert api.chat.completions.create(**ask).choices[0].finish_reason == "stop"
    assert [c.status for c in server.calls][:2] == [429, 500]


def test_an_unknown_fault_or_route_is_refused():
    with ChatServer() as server:
        with pytest.raises(ValueError, match="unknown fault"):
            server.inject("gremlins")
        with pytest.raises(openai.NotFoundError):
            client(server).embeddings.create(model="m", input="x")


def test_dependency_depth_follows_answers_quoted_by_later_requests():
    with ChatServer() as server:
        api = client(server)
        first = api.chat.completions.create(
            model="m",
            messages=[{"role": "user", "content": "Rust has ownership rules that prevent data races."}],
        )
        api.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "Python has a garbage collector for cycles."}]
        )
        assert server.dependency_depth() == 1
        api.chat.completions.create(
            model="m", messages=[{"role": "user", "content": json.dumps(first.choices[0].message.content)}]
        )
        assert server.dependency_depth() == 2
