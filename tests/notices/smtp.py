"""A real SMTP server on loopback (aiosmtpd) that remembers what it accepted."""

import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from tests.reliability.servers import free_port


class Inbox:
    """Accept every mail (or refuse all with 451 while `down`), keep a copy."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.refusing = False

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"].lower() == address.lower()]


class SmtpServer:
    """Start, stop and restart a real SMTP server on one loopback port."""

    def __init__(self, inbox: Inbox | None = None):
        self.inbox = inbox or Inbox()
        self.port = free_port()
        self.controller = None

    def start(self) -> "SmtpServer":
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, settings) -> None:
        """Point Django's mail settings at this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
