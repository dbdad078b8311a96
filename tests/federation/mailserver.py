"""A real SMTP server on loopback (aiosmtpd) that refuses as many messages as a test asks."""

import email
import email.policy
import socket
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

BUSY = "451 4.3.0 Mail server busy, try again later"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class MailServer:
    """Accepts every message, after refusing the next `refusals` (None: refuses them all)."""

    refusals: int | None = 0
    refused: int = 0
    received: list = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refusals is None or self.refusals > 0:
            if self.refusals:
                self.refusals -= 1
            self.refused += 1
            return BUSY
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append(message)
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [str(message["subject"]).strip() for message in self.received]

    def email_url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


def start(server: MailServer) -> Controller:
    server.port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    return controller
