"""A stand-in PDF renderer (ISOKO_CERTIFICATE_RENDERER) for tests about credentials and status
lists, where the PDF itself is not under test: issuing then takes milliseconds, not seconds.
The real renderer is tested in test_pdf.py and test_issuance.py."""


def tiny_pdf(content, look) -> bytes:
    return f"%PDF-1.4\n% {content.code} {content.name}\n%%EOF\n".encode()
