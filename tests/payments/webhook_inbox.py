"""Stands in for the webhook service so tests see what the test provider delivers."""

import json

deliveries: list[tuple[bytes, str]] = []


def receive(*, body: bytes, signature: str) -> None:
    deliveries.append((body, signature))


def refuse(*, body: bytes, signature: str) -> None:
    raise RuntimeError("the webhook service is broken")


def events() -> list[dict]:
    return [json.loads(body) for body, _signature in deliveries]
