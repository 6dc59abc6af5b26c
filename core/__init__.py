"""What every Isoko app shares, at the bottom of the layers: absolute links, e-mail in the
reader's language, rate limits with one 429, private file responses, content negotiation, and
small form, id, image and search helpers.

Any app may import any module here; core imports no Isoko app (import-linter holds both)."""
