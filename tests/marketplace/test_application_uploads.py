"""Validation and upload errors on the application's forms, and that nothing typed is lost."""

from __future__ import annotations

import pytest

from marketplace_link.models import ExportDocument, Product, StorefrontApplication
from tests.huge_images import huge_gif, huge_jpeg, huge_png, huge_webp
from tests.marketplace.conftest import DETAILS, PRODUCT, image_bytes, pdf_bytes, png, upload

DETAILS_URL = "/storefront/apply/details/"
IMAGES_URL = "/storefront/apply/images/"
DOCUMENTS_URL = "/storefront/apply/documents/"
ADD_PRODUCT_URL = "/storefront/apply/products/add/"

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def application(graduate_client):
    graduate_client.post("/storefront/apply/start/")
    return StorefrontApplication.objects.get()


def test_bad_tin_registration_and_phone_are_explained_and_nothing_is_saved(
    graduate_client, application
):
    data = {**DETAILS, "tin": "12345", "registration_number": "ABC123456", "contact_phone": "0788"}
    response = graduate_client.post(DETAILS_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A TIN is 9 digits" in html
    assert "company registration number (RDB) is 9 digits" in html
    assert "international format" in html
    # Errors are tied to their fields for screen readers.
    assert 'aria-describedby="id_tin_helptext id_tin_error"' in html
    assert 'id="id_tin_error"' in html and 'aria-invalid="true"' in html
    # What was typed comes back, valid and invalid alike.
    assert 'value="Inzozi Coffee Ltd"' in html and 'value="12345"' in html
    application.refresh_from_db()
    assert application.legal_name == "" and application.tin == ""


def test_a_draft_saves_partial_details_normalised(graduate_client, application):
    response = graduate_client.post(
        DETAILS_URL,
        {"trading_name": "Inzozi", "tin": "101 234 567", "contact_phone": "+250 788 123 456"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.trading_name, application.tin, application.contact_phone) == (
        "Inzozi",
        "101234567",
        "+250788123456",
    )
    assert application.status == "draft"


def test_bad_hs_code_keeps_every_typed_field(graduate_client, application):
    data = {**PRODUCT, "hs_code": "0901", "new_images": [png()]}
    response = graduate_client.post(ADD_PRODUCT_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "An HS code is 6 digits" in html
    assert 'value="Green coffee, fully washed"' in html and "Grade A1, screen 15+." in html
    assert 'value="organic" id="id_certifications_0" checked' in html
    # The photo was fine: it is kept (ticked) so it need not be chosen again.
    assert "Kept from your last try" in html and "Photo: photo.png" in html
    assert 'name="kept"' in html and "checked" in html
    assert not Product.objects.exists()


def test_a_jpg_that_is_really_html_is_refused_and_the_rest_is_kept(graduate_client, application):
    fake = upload("coffee.jpg", HTML, "image/jpeg")
    response = graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "new_images": [fake]})
    html = response.content.decode()
    assert "coffee.jpg: This file is not a PNG, JPEG or WebP image" in html
    assert 'value="Green coffee, fully washed"' in html and 'value="090111"' in html
    assert 'value="12000"' in html and 'value="9.50"' in html
    assert not Product.objects.exists()


def test_a_product_needs_a_photo(graduate_client, application):
    response = graduate_client.post(ADD_PRODUCT_URL, PRODUCT)
    assert "Add at least one photo of the product." in response.content.decode()
    assert not Product.objects.exists()


def test_a_valid_product_is_saved_with_its_photos_named_by_type(graduate_client, application):
    photos = [png("a.png"), upload("b.webp", image_bytes(fmt="WEBP"), "image/webp")]
    response = graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "new_images": photos})
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.certifications == ["organic", "fair_trade"]
    assert product.hs_code == "090111" and str(product.price_usd) == "9.50"
    names = sorted(image.image.name.rsplit(".", 1)[-1] for image in product.images.all())
    assert names == ["png", "webp"]


def test_fake_pdf_exe_and_oversized_documents_are_refused(graduate_client, application):
    cases = [
        (upload("origin.pdf", b"Certificate of origin\nthis is plain text\n", "application/pdf"),
         "not a PDF or an image"),
        (upload("licence.pdf", EXE, "application/pdf"), "not a PDF or an image"),
        (upload("scan.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "application/pdf"),
         "the limit is 10.0"),
    ]  # fmt: skip
    for file, message in cases:
        response = graduate_client.post(DOCUMENTS_URL, {"kind": "origin", "file": file})
        html = response.content.decode()
        assert response.status_code == 200 and message in html, message
        # The kind chosen stays selected.
        assert '<option value="origin" selected>' in html
    assert not ExportDocument.objects.exists()


def test_a_real_pdf_and_a_photo_are_stored_privately(graduate_client, application, settings):
    graduate_client.post(
        DOCUMENTS_URL, {"kind": "origin", "file": upload("origin.bin", pdf_bytes())}
    )
    graduate_client.post(DOCUMENTS_URL, {"kind": "quality", "file": png("grading.png")})
    pdf, photo = ExportDocument.objects.order_by("pk")
    assert (pdf.content_type, photo.content_type) == ("application/pdf", "image/png")
    assert pdf.original_name == "origin.bin"
    assert pdf.file.name.endswith(".pdf") and "origin" not in pdf.file.name
    assert pdf.file.storage is not StorefrontApplication.logo.field.storage
    assert str(settings.MEDIA_ROOT) not in pdf.file.path


def test_logo_and_banner_checks_and_a_failed_upload_keeps_the_stored_logo(
    graduate_client, application
):
    assert graduate_client.post(IMAGES_URL, {"logo": png("l.png", 256, 256)}).status_code == 302
    application.refresh_from_db()
    stored = application.logo.name
    assert stored.endswith(".png")

    too_big = upload("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024 + 1))
    html = graduate_client.post(IMAGES_URL, {"logo": too_big}).content.decode()
    assert "the limit is 2.0" in html
    html = graduate_client.post(IMAGES_URL, {"logo": png("tiny.png", 16, 16)}).content.decode()
    assert "16 × 16 pixels; it must be at least 128 × 128" in html
    # A good banner in the same POST as a bad logo is not saved yet, but kept for the next try.
    html = graduate_client.post(
        IMAGES_URL, {"logo": upload("x.jpg", HTML), "banner": png("b.png", 1200, 300)}
    ).content.decode()
    assert "not a PNG, JPEG or WebP image" in html and "Banner: b.png" in html
    application.refresh_from_db()
    assert application.logo.name == stored and application.logo.storage.exists(stored)
    assert not application.banner


def test_uploads_are_rate_limited_per_user(graduate_client, application, settings):
    settings.ISOKO_MARKETPLACE_UPLOAD_RATE_LIMIT = 2
    for _ in range(2):
        graduate_client.post(IMAGES_URL, {"logo": png("l.png", 256, 256)})
    response = graduate_client.post(IMAGES_URL, {"logo": png("l.png", 256, 256)})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    # Plain form posts (no files) are not counted.
    assert graduate_client.post(DETAILS_URL, {"trading_name": "X"}).status_code == 302


def _photo_with_gps(width: int, height: int) -> bytes:
    """A phone-like JPEG: EXIF with a GPS position (Huye) and "rotate 90° clockwise"."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was held upright
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "S", 2: (2.0, 35.0, 46.0), 3: "E", 4: (29.0, 44.0, 20.0)})
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, width // 2, height))  # left half blue, to see rotation
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()


def test_public_photos_lose_their_metadata_but_stay_upright(graduate_client, application):
    import io

    from PIL import Image

    raw = _photo_with_gps(800, 600)
    assert b"PhoneMaker" in raw
    response = graduate_client.post(
        ADD_PRODUCT_URL, {**PRODUCT, "new_images": [upload("IMG_0001.jpg", raw, "image/jpeg")]}
    )
    assert response.status_code == 302
    stored = Product.objects.get().images.get().image
    with stored.open("rb") as handle:
        published = handle.read()
    assert b"PhoneMaker" not in published and b"Exif" not in published
    with Image.open(io.BytesIO(published)) as image:
        assert image.format == "JPEG" and not image.getexif()
        # Turned upright: 600 × 800, and the blue half is now on top.
        assert image.size == (600, 800)
        top, bottom = image.getpixel((300, 100)), image.getpixel((300, 700))
        assert top[2] > 150 and bottom[0] > 150


def test_large_photos_are_scaled_for_slow_links_but_never_below_the_minimum(
    graduate_client, application
):
    from marketplace_link.application.uploads import BANNER, publishable, sniff
    from marketplace_link.application.uploads import check_image as check

    photo = upload("big.png", image_bytes(3000, 2400), "image/png")
    graduate_client.post(ADD_PRODUCT_URL, {**PRODUCT, "new_images": [photo]})
    image = Product.objects.get().images.get().image
    assert (image.width, image.height) == (2000, 1600)
    # An extreme banner keeps its minimum height rather than its 2,000-pixel width.
    banner = upload("wide.png", image_bytes(7680, 240), "image/png")
    published, checked = publishable(banner, check(banner, BANNER), BANNER)
    assert (checked.width, checked.height) == (7680, 240) and sniff(published) == "image/png"


@pytest.mark.parametrize("url", [IMAGES_URL, DOCUMENTS_URL, ADD_PRODUCT_URL])
def test_an_empty_post_is_a_form_with_errors_not_a_crash(graduate_client, application, url):
    """Found by tests/fuzz: ``Form(request.POST or None)`` left an empty POST unbound, and the
    kept-files step then read the unbound form's ``cleaned_data`` (AttributeError, a 500)."""
    response = graduate_client.post(url, {})
    assert response.status_code in (200, 400)
    assert "Nothing was saved. Correct the fields below" in response.content.decode()


def test_an_empty_post_of_the_details_saves_an_empty_draft(graduate_client, application):
    """A draft may be saved with any field empty (the same binding as the forms above)."""
    response = graduate_client.post(DETAILS_URL, {})
    assert response.status_code == 302


@pytest.mark.parametrize("url", [IMAGES_URL, DOCUMENTS_URL, ADD_PRODUCT_URL])
@pytest.mark.parametrize("token", ["a\x00b", "x" * 5000, "%", "' OR 1=1 --"])
def test_a_kept_file_token_of_any_shape_matches_nothing(graduate_client, application, url, token):
    """Found by tests/fuzz: a NUL in a ``kept`` token reached PostgreSQL (DataError, a 500)."""
    response = graduate_client.post(url, {"kept": token})
    assert response.status_code in (200, 400)


TOO_MANY_PIXELS = "This image has too many pixels: the limit is 50 million."


@pytest.mark.parametrize(
    ("name", "make"),
    [("huge.png", huge_png), ("huge.jpg", huge_jpeg), ("huge.webp", huge_webp)],
)
def test_an_image_of_too_many_pixels_is_refused_in_plain_words_everywhere(
    graduate_client, application, name, make
):
    """A valid 20,000 × 20,000 PNG (and JPEG and WebP headers claiming as much) was "damaged
    or incomplete": Pillow's DecompressionBombError was taken for a broken file."""
    content = make()
    posts = [
        (IMAGES_URL, {"logo": upload(name, content)}),
        (IMAGES_URL, {"banner": upload(name, content)}),
        (ADD_PRODUCT_URL, {**PRODUCT, "new_images": [upload(name, content)]}),
        (DOCUMENTS_URL, {"kind": "quality", "file": upload(name, content)}),
    ]
    for url, data in posts:
        response = graduate_client.post(url, data)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert TOO_MANY_PIXELS in html, url
        assert "damaged" not in html, url
    application.refresh_from_db()
    assert not application.logo and not application.banner
    assert not Product.objects.exists() and not ExportDocument.objects.exists()


def test_an_image_just_over_the_pixel_limit_is_refused_before_its_side_limit(
    graduate_client, application
):
    # 7,100 × 7,100 is 50.4 million pixels: under the 8,000 side limit, over the pixel limit.
    response = graduate_client.post(
        DOCUMENTS_URL, {"kind": "quality", "file": upload("scan.png", huge_png(7100, 7100))}
    )
    assert TOO_MANY_PIXELS in response.content.decode()


def test_a_gif_bomb_is_refused_as_a_type_we_do_not_take(graduate_client, application):
    response = graduate_client.post(
        DOCUMENTS_URL, {"kind": "quality", "file": upload("scan.gif", huge_gif())}
    )
    assert response.status_code == 200
    assert "not a PDF or an image" in response.content.decode()
