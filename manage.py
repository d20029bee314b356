#!/usr/bin/env python
"""Django's command-line utility for Pressroom."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from dotenv import load_dotenv

    load_dotenv(Path(__file__).resolve().parent / ".env", override=False)
    # A shell with no SECRET_KEY is a developer's machine: management commands
    # run in development mode there. Servers start through config/wsgi.py or
    # config/asgi.py, which get no such default and refuse to start without a
    # real key unless DEBUG=1 is set explicitly.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
