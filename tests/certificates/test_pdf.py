"""Certificate PDFs: real renders read back with pypdf (text, fonts, page, QR code, images)."""

from __future__ import annotations

import dataclasses
import datetime
import io
import math

import pypdf
import pytest
import segno
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf.generic import ContentStream

from certificates.pdf import (
    DEFAULT_LOOK,
    CertificateContent,
    CertificateLook,
    look_from_template,
    render_pdf,
)
from certificates.pdf.render import certificate_html

BASE_14 = {
    "Courier",
    "Helvetica",
    "Times",
    "Times-Roman",
    "Symbol",
    "ZapfDingbats",
}
CODE = "Qm9vLXZlcmlmeS1jb2RlLTEyOA"


def content(**changes) -> CertificateContent:
    values = {
        "name": "Éric Ngabo Uwimana",
        "course": "Selling coffee online",
        "issued_on": datetime.date(2026, 3, 3),
        "hours": 12,
        "code": CODE,
        "verify_url": f"https://isoko.example/certificates/verify/{CODE}/",
        "language": "en",
        "issuer_name": "Isoko Digital Trade Academy",
    }
    return CertificateContent(**{**values, **changes})


def read(pdf: bytes) -> tuple[pypdf.PdfReader, str]:
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader, reader.pages[0].extract_text()


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces (a long line may wrap on the page)."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    "name", ["Éric Ngabo Uwimana", "Mutoni Ingabire-Nsengimana", "Zoë Ñúñez", "Ŋoɓa Ƙirâ Dũng"]
)
def test_latin_names_course_and_code_read_back(name):
    _, text = read(render_pdf(content(name=name), DEFAULT_LOOK))
    assert name in text
    assert "Selling coffee online" in text
    assert CODE in text
    assert "Certificate of completion" in text


def test_chinese_name_reads_back():
    _, text = read(render_pdf(content(name="王小明", language="zh-hans"), DEFAULT_LOOK))
    assert "王小明" in text
    assert "Selling coffee online" in text
    assert CODE in text
    assert "2026年3月3日" in text  # the date in Chinese format


def fonts_of(reader: pypdf.PdfReader) -> list[tuple[str, pypdf.generic.DictionaryObject]]:
    found = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        found.append((str(font["/BaseFont"]), descriptor))
    return found


def test_every_font_is_ours_and_embedded():
    reader, _ = read(render_pdf(content(name="Zoë 王小明"), DEFAULT_LOOK))
    fonts = fonts_of(reader)
    families = set()
    for base_font, descriptor in fonts:
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, base_font
        # A subset tag ("ABCDEF+") and one of our @font-face families, never a base-14
        # substitute or a system font picked by Fontconfig.
        tag, _, family = base_font.lstrip("/").partition("+")
        assert len(tag) == 6 and tag.isupper()
        assert family.split("-")[0] not in BASE_14
        assert family.startswith(("Isoko-Serif", "Isoko-Sans-SC")), base_font
        families.add(family.split("-Bold")[0])
    assert families == {"Isoko-Serif", "Isoko-Sans-SC"}
    # Subsets of the glyphs used, not the shipped files (157 KB Latin, 2.9 MB Chinese).
    for base_font, descriptor in fonts:
        stream = (descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_object()
        limit = 40_000 if "Serif" in base_font else 150_000
        assert len(stream.get_data()) < limit, base_font


def test_orientation_landscape_by_default_and_portrait():
    landscape, _ = read(render_pdf(content(), DEFAULT_LOOK))
    box = landscape.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 in points
    portrait_look = dataclasses.replace(DEFAULT_LOOK, orientation="portrait")
    portrait, text = read(render_pdf(content(), portrait_look))
    box = portrait.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert CODE in text and "Éric Ngabo Uwimana" in text


def test_labels_and_date_in_french():
    look = dataclasses.replace(
        DEFAULT_LOOK, body="Nous certifions que {name} a suivi {course} le {date}."
    )
    _, text = read(render_pdf(content(language="fr", expires_on=datetime.date(2028, 3, 3)), look))
    text = flat(text)
    assert "le 3 mars 2026" in text
    assert "Code du certificat" in text
    assert "Délivré le 3 mars 2026" in text
    assert "Valable jusqu’au 3 mars 2028" in text
    assert "Vérifier sur https://isoko.example/certificates/verify/" in text
    assert "Certificate code" not in text and "Issued on" not in text


def test_english_labels_and_expiry():
    _, text = read(render_pdf(content(expires_on=datetime.date(2028, 3, 3)), DEFAULT_LOOK))
    text = flat(text)
    assert "Issued on 3 March 2026" in text
    assert "Valid until 3 March 2028" in text
    assert "Certificate code" in text
    assert f"Verify at https://isoko.example/certificates/verify/{CODE}/" in text.replace("/ ", "/")
    _, text = read(render_pdf(content(), DEFAULT_LOOK))
    assert "Valid until" not in text


def test_placeholders_filled_and_user_text_escaped():
    look = dataclasses.replace(
        DEFAULT_LOOK, body="Awarded to {name} for {course}: {hours} hours, finished {date}."
    )
    name = '<b>Ada</b> & "Co" <img src=x>'
    pdf = render_pdf(content(name=name, course="Fish & <chips>"), look)
    _, text = read(pdf)
    text = flat(text)
    assert name in text  # printed as typed, not interpreted as markup
    assert "for Fish & <chips>: 12 hours, finished 3 March 2026." in text
    assert "{" not in text
    html = certificate_html(content(name=name), look)
    assert "&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;Co&quot; &lt;img src=x&gt;" in html
    assert "<b>Ada" not in html


def test_broken_placeholders_stay_literal():
    look = dataclasses.replace(
        DEFAULT_LOOK, body="Dear {name}, {nom} {unknown} { left {course and }} {0} {{date}}."
    )
    _, text = read(render_pdf(content(), look))
    text = flat(text)
    assert "Dear Éric Ngabo Uwimana" in text  # the name sits on a line of its own
    assert "{nom} {unknown} { left {course and }} {0} {3 March 2026}." in text
    # {course} was not used as a placeholder, so the course is still printed.
    assert "Selling coffee online" in text


def test_body_without_name_still_names_the_learner():
    look = dataclasses.replace(DEFAULT_LOOK, body="Completed with distinction.")
    _, text = read(render_pdf(content(), look))
    assert "Éric Ngabo Uwimana" in text
    assert "Selling coffee online" in text
    assert "Completed with distinction." in text


def test_metadata():
    reader, _ = read(render_pdf(content(name="Zoë Ñúñez"), DEFAULT_LOOK))
    assert reader.metadata.title == "Certificate of completion – Zoë Ñúñez"
    assert reader.metadata.author == "Isoko Digital Trade Academy"


def qr_modules(reader: pypdf.PdfReader) -> set[tuple[int, int]]:
    """The dark modules drawn on the page: the QR code is the page's only stroked path, one
    horizontal segment (moveto, lineto at y = row + 0.5) per run of dark modules."""
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    dark = set()
    start = None
    for operands, operator in operations:
        if operator == b"m":
            start = [float(value) for value in operands]
        elif operator == b"l" and start is not None:
            x1, y1 = start
            x2, y2 = (float(value) for value in operands)
            assert y1 == y2 and math.isclose(y1 % 1, 0.5)
            dark.update((int(y1), column) for column in range(round(x1), round(x2)))
            start = [x2, y2]
    return dark


def test_qr_code_encodes_the_verification_url():
    reader, _ = read(render_pdf(content(), DEFAULT_LOOK))
    drawn = qr_modules(reader)
    expected = segno.make(content().verify_url, error="m", micro=False)
    border = 4  # segno's default quiet zone, part of the SVG's coordinates
    assert drawn == {
        (row + border, column + border)
        for row, line in enumerate(expected.matrix)
        for column, module in enumerate(line)
        if module
    }
    # A different URL draws a different code: the comparison above is not vacuous.
    other = segno.make(content().verify_url + "x", error="m", micro=False)
    assert drawn != {
        (row + border, column + border)
        for row, line in enumerate(other.matrix)
        for column, module in enumerate(line)
        if module
    }


def image_bytes(kind: str, size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def page_images(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    xobjects = reader.pages[0]["/Resources"].get("/XObject", {})
    sizes = []
    for xobject in xobjects.values():
        xobject = xobject.get_object()
        if xobject["/Subtype"] == "/Image":
            sizes.append((int(xobject["/Width"]), int(xobject["/Height"])))
    return sorted(sizes)


def test_logo_and_signature_images_render():
    look = CertificateLook(
        title="Certificate of achievement",
        body="{name} completed {course}.",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
        signature_image=image_bytes("PNG", (120, 40), (20, 20, 90)),
        logo=image_bytes("JPEG", (200, 80), (11, 93, 59)),
        accent_colour="#7a1f3d",
        orientation="landscape",
    )
    reader, text = read(render_pdf(content(), look))
    assert page_images(reader) == [(120, 40), (200, 80)]
    assert "Certificate of achievement" in text
    assert "Claudine Mukamana" in text and "Programme director" in text
    # A second certificate with the same look reuses the decoded images and is still right.
    reader, text = read(render_pdf(content(name="Zoë Ñúñez"), look))
    assert page_images(reader) == [(120, 40), (200, 80)]
    assert "Zoë Ñúñez" in text


def rectangles(reader: pypdf.PdfReader) -> int:
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    return sum(operator == b"re" for _, operator in operations)


def test_svg_logo_and_unreadable_image_do_not_stop_the_render():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 4">'
        b'<rect width="10" height="4" fill="#0b5d3b"/></svg>'
    )
    look = dataclasses.replace(DEFAULT_LOOK, logo=svg, signature_image=b"not an image")
    reader, text = read(render_pdf(content(), look))
    assert "Éric Ngabo Uwimana" in text and CODE in text
    plain, _ = read(render_pdf(content(), DEFAULT_LOOK))
    assert rectangles(reader) > rectangles(plain)  # the SVG logo, drawn as vectors
    assert page_images(reader) == []  # the broken signature is left out


def test_bad_accent_colour_is_not_injected_into_css():
    look = dataclasses.replace(DEFAULT_LOOK, accent_colour="red } @page { size: A3")
    html = certificate_html(content(), look)
    assert "A3" not in html
    reader, _ = read(render_pdf(content(), look))
    assert round(float(reader.pages[0].mediabox.width)) == 842


def test_same_certificate_renders_the_same_bytes():
    """The PDF's SHA-256 is stored: a re-render of the same content must match it."""
    assert render_pdf(content(), DEFAULT_LOOK) == render_pdf(content(), DEFAULT_LOOK)


def test_look_from_course_template(template):
    from wagtail.images.models import Image

    logo = image_bytes("PNG", (90, 30), (11, 93, 59))
    signature = image_bytes("PNG", (60, 20), (0, 0, 0))
    template.logo = Image.objects.create(
        title="Logo", file=ImageFile(io.BytesIO(logo), name="logo.png")
    )
    template.signature_image = Image.objects.create(
        title="Signature", file=ImageFile(io.BytesIO(signature), name="signature.png")
    )
    template.accent_colour = "#123456"
    template.orientation = "portrait"
    template.body = "{name} / {course}"
    template.save()

    look = look_from_template(template)
    assert look.logo == logo and look.signature_image == signature
    assert (look.accent_colour, look.orientation) == ("#123456", "portrait")
    assert (look.signatory_name, look.signatory_title) == (
        "Claudine Mukamana",
        "Programme director",
    )
    reader, text = read(render_pdf(content(), look))
    assert page_images(reader) == [(60, 20), (90, 30)]
    assert round(float(reader.pages[0].mediabox.height)) == 842
    assert "Éric Ngabo Uwimana / Selling coffee online" in flat(text)


def test_no_template_gives_the_default_look():
    assert look_from_template(None) == DEFAULT_LOOK


def test_without_harfbuzz_subset_one_warning_and_still_correct(monkeypatch, caplog):
    from weasyprint.pdf import fonts as weasyprint_fonts

    from certificates.pdf.render import Renderer

    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    with caplog.at_level("WARNING"):
        renderer = Renderer()
    assert [r.name for r in caplog.records] == ["certificates.pdf.render"]
    caplog.clear()
    with caplog.at_level("WARNING"):
        pdfs = [renderer.render(content(name="Zoë Ñúñez"), DEFAULT_LOOK) for _ in range(2)]
    for pdf in pdfs:
        reader, text = read(pdf)
        assert "Zoë Ñúñez" in text and CODE in text
        assert all("/FontFile2" in descriptor for _, descriptor in fonts_of(reader))
    assert not [r for r in caplog.records if "instead of HarfBuzz" in r.getMessage()]
