"""The demo: content as data (``demo/content``) and ``seed_demo``, which publishes it.

It sits above the apps, alongside ``config``: it composes them through their ``api`` modules and
no app imports it.
"""
