"""How much a browser may send: the body of a request is counted as it arrives, and refused (413)
once it is larger than its address allows, before the rest is read or written anywhere."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ground.errors import TooLarge

FORM_BYTES = 64 * 1024
"""Every form but the statistics' upload: a login, a filter, a new request, a certificate."""


class BodyTooLarge(TooLarge):
    """The request's body is larger than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request is larger than {limit:,} bytes")
        self.limit = limit


class BodyLimit:
    """ASGI middleware: ``BodyTooLarge`` as soon as a body is known to pass its limit, ``FORM_BYTES``
    unless ``uploads`` gives its path a larger one. The declared length is believed when it is too
    large, and never trusted when it is small: the bytes are counted."""

    def __init__(self, app: ASGIApp, uploads: dict[str, int]) -> None:
        self.app = app
        self.uploads = uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope["path"], FORM_BYTES)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        received = 0

        async def counted() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)
