"""Home page budget: throughput, latency and weight, beside a bare Django view in the same run.

Requests go to the home page (Wagtail page, template, CMS sections) and to /robots.txt (a bare
Django view through the same middleware): the baseline. Prints requests per second, p50/p95
latency, the ratio to the baseline, and the home page's weight as sent (HTML + CSS + JS, gzip),
against the 100 KB budget.

    .venv/bin/python bench/home_page.py [--requests 300]
"""

from __future__ import annotations

import argparse
import gzip
import sys

from _support import demo_server, measure, print_table, summary

BUDGET_BYTES = 100 * 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with demo_server() as (port, _env):
        measure(port, "/", 20)  # warm up both workers' caches
        measure(port, "/robots.txt", 20)
        home_t, html = measure(port, "/", args.requests)
        base_t, _ = measure(port, "/robots.txt", args.requests)
        _, css = measure(port, "/static/css/isoko.css", 1)

    home, base = summary("home page /", home_t), summary("baseline /robots.txt", base_t)
    print_table([home, base])
    print(f"home/baseline throughput ratio: {home['rps'] / base['rps']:.2f}")
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    print(
        f"home weight (gzip, HTML {len(html)} B raw + CSS {len(css)} B raw, no JS): "
        f"{weight} B of a {BUDGET_BYTES} B budget -> {'OK' if weight <= BUDGET_BYTES else 'OVER'}"
    )
    if weight > BUDGET_BYTES:
        sys.exit(1)


if __name__ == "__main__":
    main()
