"""The sandbox marketplace: a stand-in for the eWTP seller API.

A separate server process that implements ``marketplace_link/openapi.yaml``. It keeps its own
SQLite file and talks to Isoko only over HTTP, both ways, so it imports nothing from Isoko and
nothing but the standard library: the boundary that the real marketplace will have is kept here
from the first day. Run it with ``python -m marketplace_sandbox --port 8910``.
"""
