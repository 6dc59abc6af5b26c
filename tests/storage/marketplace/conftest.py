"""The marketplace tests' fixtures (a graduate holding a storefront course's certificate), for the
storage tests of export documents, kept uploads and storefront images on S3."""

from tests.marketplace.conftest import (  # noqa: F401 (fixtures)
    graduate,
    graduate_client,
    own_keyfile,
    qualifying_course,
    storefront_course,
    storefront_template,
    template,
)
