#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmtalks.settings")
    # manage.py is the developer's tool: DEBUG on unless the environment says otherwise.
    # Production sets DEBUG=0 (and SECRET_KEY) for its commands, as for the app server.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
