import pytest
from django.core.management import call_command

from .smtp import SmtpServer


@pytest.fixture
def smtp(settings):
    server = SmtpServer().start()
    server.settings(settings)
    settings.SITE_URL = "https://press.example.org"
    settings.MAIL_RETRY_SECONDS = 0
    yield server
    server.stop()


@pytest.fixture
def run_worker():
    """Run every task that is due, as `manage.py run_worker --batch` would."""

    def run():
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            queue_name="*",
            verbosity=0,
        )

    return run
