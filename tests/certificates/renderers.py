"""The stand-in PDF renderer the test settings name (ISOKO_CERTIFICATE_RENDERER) for every test
that does not read the PDF back: issuing then takes microseconds, not a WeasyPrint render. Tests
that open the PDF use the real renderer (the ``real_pdf`` marker, and every e2e, services and
make-run test; tests/conftest.py); the renderer itself is tested in test_pdf.py."""


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, hex-encoded (any script is safe)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def tiny_pdf(content, look) -> bytes:
    """A valid one-page, blank A4 PDF whose document information names the certificate, so two
    certificates never share a file or a hash."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] >>",
        b"<< /Title " + _text(content.code) + b" /Subject " + _text(content.name) + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
