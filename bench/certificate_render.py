"""Certificate PDF render time and memory, beside the naive WeasyPrint baseline in the same run.

The baseline is the naive render: plain ``weasyprint.HTML(string=html).write_pdf()`` of the
same certificate (same template, stylesheet inlined) in the system's default font, measured as
is (HarfBuzz subsets the fonts, if libharfbuzz-subset0 is installed) and with WeasyPrint's
fontTools fallback forced, which is where most installs end up without that library. Ours is
certificates.pdf.render_pdf in a warm process. Each is measured for a Latin name with diacritics
and for a Chinese name. Then the process renders 1,000 certificates (a mix of both, all
different) and prints its RSS before and after: a worker must not grow more than 10%.

Every PDF of ours is read back with pypdf: the name must be extractable and every font embedded.

    .venv/bin/python bench/certificate_render.py [--renders 40] [--memory-renders 1000]
"""

from __future__ import annotations

import argparse
import datetime
import io
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
# WeasyPrint's progress lines and its per-font fontTools warning would drown the table.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

import pypdf  # noqa: E402
import weasyprint  # noqa: E402
from weasyprint.pdf import fonts as weasyprint_fonts  # noqa: E402

from certificates.pdf import DEFAULT_LOOK, CertificateContent, render_pdf  # noqa: E402
from certificates.pdf.render import _renderer as renderer  # noqa: E402
from certificates.pdf.render import certificate_html  # noqa: E402

TARGETS = {"latin": 0.06, "chinese": 0.25}


def content(name: str, language: str, serial: int = 0) -> CertificateContent:
    code = f"q7Yx3vJ0aZ-4kLm_NpQr{serial:06d}"
    return CertificateContent(
        name=name,
        course="Coffee seller readiness: from farm to online store",
        issued_on=datetime.date(2026, 3, 3),
        hours=12,
        code=code,
        verify_url=f"https://isoko.example/certificates/verify/{code}/",
        language=language,
        issuer_name="Isoko Digital Trade Academy",
    )


SAMPLES = {
    "latin": content("Éric Ngabo Uwimana-Nsengimana", "fr"),
    "chinese": content("王小明", "zh-hans"),
}


def baseline_pdf(sample: CertificateContent) -> bytes:
    html = certificate_html(sample, DEFAULT_LOOK, inline_css=renderer().base_css)
    return weasyprint.HTML(string=html).write_pdf()


def timed(render, sample, count: int) -> tuple[list[float], bytes]:
    pdf = render(sample)  # warm: first use loads fonts and parses the stylesheet
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        pdf = render(sample)
        timings.append(time.perf_counter() - started)
    return timings, pdf


def check(pdf: bytes, sample: CertificateContent) -> str:
    """'ok' if the name and code read back and every font is embedded, else what is wrong."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    if sample.name not in text or sample.code not in text:
        return "TEXT MISSING"
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            return f"NOT EMBEDDED {font['/BaseFont']}"
    return "ok"


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory_growth(count: int) -> str:
    """RSS before and after `count` renders of different certificates, in a warm process that
    has done nothing else (the baselines load big system fonts: they run after this)."""
    for sample in SAMPLES.values():
        for _ in range(5):
            render_pdf(sample, DEFAULT_LOOK)
    names = ["Mutoni Ingabire", "Zoë Ñúñez", "Jean-Baptiste Habimana", "李华", "Amani Wanjiru"]
    before = rss_kib()
    started = time.perf_counter()
    for serial in range(count):
        name = names[serial % len(names)]
        sample = content(f"{name} {serial}", "zh-hans" if serial % 5 == 3 else "en", serial)
        render_pdf(sample, DEFAULT_LOOK)
    elapsed = time.perf_counter() - started
    after = rss_kib()
    growth = (after - before) / before * 100
    return (
        f"memory: RSS {before / 1024:.1f} MiB after warm-up, {after / 1024:.1f} MiB after "
        f"{count} more renders ({elapsed / count * 1000:.1f} ms "
        f"each): {growth:+.1f}% ({'OK' if growth < 10 else 'OVER'} the 10% budget)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=40, help="timed renders per row")
    parser.add_argument("--memory-renders", type=int, default=1000)
    args = parser.parse_args()
    slow = 3  # the fontTools baseline takes 0.5 s (Latin) to 3.5 s (Chinese) a render
    hb_subset = weasyprint_fonts.harfbuzz_subset
    if hb_subset is None:
        print("note: HarfBuzz's subsetter is missing, the 'as is' rows use fontTools too")

    memory = memory_growth(args.memory_renders)
    rows = []
    for script, sample in SAMPLES.items():
        base_t, base_pdf = timed(baseline_pdf, sample, args.renders)
        weasyprint_fonts.harfbuzz_subset = None
        try:
            slow_t, slow_pdf = timed(baseline_pdf, sample, slow)
        finally:
            weasyprint_fonts.harfbuzz_subset = hb_subset
        ours_t, ours_pdf = timed(lambda s: render_pdf(s, DEFAULT_LOOK), sample, args.renders)
        base, slow_base = statistics.median(base_t), statistics.median(slow_t)
        for name, timings, pdf in (
            ("baseline, as is", base_t, base_pdf),
            ("baseline, fontTools", slow_t, slow_pdf),
            ("render_pdf", ours_t, ours_pdf),
        ):
            median = statistics.median(timings)
            rows.append(
                {
                    "row": f"{script}: {name}",
                    "n": len(timings),
                    "median": median * 1000,
                    "p95": sorted(timings)[max(0, int(len(timings) * 0.95) - 1)] * 1000,
                    "vs as is": base / median,
                    "vs fontTools": slow_base / median,
                    "size": len(pdf) / 1024,
                    "check": check(pdf, sample),
                }
            )
        ours = statistics.median(ours_t)
        rows[-1]["target"] = f"target <= {TARGETS[script] * 1000:.0f} ms: " + (
            "met" if ours <= TARGETS[script] else "MISSED"
        )

    print(
        f"{'':<29}{'n':>4}{'median ms':>11}{'p95 ms':>9}{'x as is':>9}{'x fontTools':>13}"
        f"{'PDF KiB':>9}  read-back"
    )
    for row in rows:
        print(
            f"{row['row']:<29}{row['n']:>4}{row['median']:>11.1f}{row['p95']:>9.1f}"
            f"{row['vs as is']:>9.2f}{row['vs fontTools']:>13.2f}{row['size']:>9.1f}"
            f"  {row['check']}" + (f"  ({row['target']})" if "target" in row else "")
        )
    print("(x as is / x fontTools: how many times faster than that baseline's median)")
    print(memory)


if __name__ == "__main__":
    main()
