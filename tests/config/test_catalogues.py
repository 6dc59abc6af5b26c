"""The translation catalogues as they ship: French, Swahili and Simplified Chinese are complete
(nothing untranslated, nothing fuzzy: a fuzzy entry is msgmerge's guess from another string and
is never shown), and Kinyarwanda has no machine translation: each entry without a reviewed
translation is empty and marked for a reviewer, so English shows in its place.

`make makemessages` after new UI strings leaves them untranslated (and some fuzzy) until someone
translates them; these tests say which catalogue and how many. They use gettext's own tools, as
`make messages` does."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
COMPLETE = ["fr", "sw", "zh_Hans"]
MARK = "# untranslated: needs a Kinyarwanda reviewer"


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def entries(language: str, *options: str) -> list[str]:
    """The catalogue's live entries that msgattrib selects with ``options``, header left out."""
    text = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *options, str(catalogue(language))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blocks = [block for block in text.split("\n\n") if block.strip()]
    return [block for block in blocks if 'msgid ""\nmsgstr' not in block]


def statistics(language: str) -> str:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(catalogue(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr  # a placeholder lost or changed, a bad plural
    return result.stderr.strip()


@pytest.mark.parametrize("language", [*COMPLETE, "rw"])
def test_every_catalogue_compiles_with_its_placeholders_intact(language):
    counts = r"\d+ translated messages?(, \d+ untranslated messages?)?\."  # and no fuzzy ones
    assert re.fullmatch(counts, statistics(language))


@pytest.mark.parametrize("language", COMPLETE)
def test_complete_catalogues_have_nothing_untranslated_or_fuzzy(language):
    missing = [block.splitlines()[-2:] for block in entries(language, "--untranslated")]
    fuzzy = entries(language, "--only-fuzzy")
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:3]}"


def test_kinyarwanda_is_reviewed_or_marked_for_a_reviewer_never_guessed():
    untranslated = entries("rw", "--untranslated")
    assert untranslated  # the marker below is checked on something
    unmarked = [block for block in untranslated if MARK not in block.splitlines()]
    assert not unmarked, f"{len(unmarked)} unmarked: {unmarked[:3]}"
    assert not entries("rw", "--only-fuzzy")
    # A reviewed translation drops the marker.
    assert not [block for block in entries("rw", "--translated") if MARK in block]
