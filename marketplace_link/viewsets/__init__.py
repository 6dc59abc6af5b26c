"""Storefront applications and storefronts in the Wagtail admin, on Wagtail's ModelViewSet
(registered in marketplace_link/wagtail_hooks.py). Every screen needs the review permission."""
