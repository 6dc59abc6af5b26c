"""Build the certificate fonts under static/fonts/ from Debian's Noto packages.

    apt-get install fonts-noto-core fonts-noto-cjk
    .venv/bin/python certificates/pdf/build_fonts.py

The full fonts are too big for git (the CJK collection alone is 19 MB), and WeasyPrint subsets
whatever it embeds on every render, so smaller inputs also mean faster renders. We keep:

- Noto Serif Regular and Bold, for Latin script: Basic Latin, Latin-1, Latin Extended-A/B and
  Additional, IPA and spacing modifiers (the Kinyarwanda apostrophe ʼ), combining marks, general
  punctuation and currency signs: enough for names in Kinyarwanda, French, Swahili and most other
  Latin-script languages.
- Noto Sans CJK SC Regular: the 6,763 hanzi of GB2312 plus its symbols (full-width punctuation,
  kana, Greek, Cyrillic), for Chinese names and the Simplified Chinese labels.

Each output keeps its layout tables (kerning, mark positioning, ligatures), so text shapes as
with the full font; hinting is dropped (PDF viewers do not use it). The licence (SIL OFL 1.1) is
written beside the fonts with the copyright notices read from the fonts themselves. The output is
deterministic: rerunning on the same Debian packages gives the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
CJK_COLLECTION = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_LICENCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

LATIN_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x024F),  # Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters (ʼ U+02BC)
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, …)
    (0x20A0, 0x20BF),  # currency signs
    (0x2116, 0x2116),  # numero sign
    (0x2122, 0x2122),  # trade mark
    (0xFB00, 0xFB06),  # Latin ligatures
]


def latin_codepoints() -> set[int]:
    return {cp for start, end in LATIN_RANGES for cp in range(start, end + 1)}


def gb2312_codepoints() -> set[int]:
    """Every character of GB2312: rows 1-9 (symbols) and 16-87 (the 6,763 hanzi)."""
    found = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return found


def subset_font(font: TTFont, codepoints: set[int], target: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every feature: shaping must match the full font
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.ignore_missing_unicodes = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.save(target)


def ofl_text() -> str:
    """The OFL 1.1 text as Debian ships it, un-indented from its copyright file."""
    lines = CJK_LICENCE.read_text(encoding="utf-8").splitlines()
    start = lines.index("License: SIL-1.1", lines.index("License: SIL-1.1") + 1) + 1
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    notices = []
    for style in ("Regular", "Bold"):
        font = TTFont(NOTO / f"NotoSerif-{style}.ttf")
        notices.append((f"NotoSerif-{style}", font["name"].getDebugName(0)))
        subset_font(font, latin_codepoints(), OUT / f"NotoSerif-{style}.latin.ttf")
    collection = TTCollection(CJK_COLLECTION)
    sc = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    notices.append(("NotoSansCJKsc-Regular", sc["name"].getDebugName(0)))
    cjk = gb2312_codepoints() | set(range(0x0020, 0x007F)) | {0x00B7, 0x3000}
    subset_font(sc, cjk, OUT / "NotoSansSC-Regular.gb2312.otf")

    header = [
        "The fonts in this folder are subsets of Google's Noto fonts, made by",
        "certificates/pdf/build_fonts.py from Debian's fonts-noto-core and fonts-noto-cjk.",
        "",
        *(f"{name}: {' '.join(notice.split())}" for name, notice in notices),
        "",
        "They are licensed under the SIL Open Font License, Version 1.1:",
        "",
    ]
    (OUT / "OFL.txt").write_text("\n".join(header) + "\n" + ofl_text(), encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        sys.stderr.write(f"{path.stat().st_size:>10,} B  {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
