#!/usr/bin/env python
"""Django's command-line utility for Isoko."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
    # The command is done: skip the shutdown's full collections (core/quick_exit.py).
    from core.quick_exit import freeze_for_exit

    freeze_for_exit()
