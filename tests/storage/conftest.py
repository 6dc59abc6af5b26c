"""The certificate tests' fixtures (a course with a template, a learner who completed it), for
the storage tests that issue certificates onto S3."""

from tests.certificates.conftest import (  # noqa: F401 (fixtures)
    certificate_course,
    certificate_learner,
    certificate_template,
    completion,
    course,
    issued,
    learner,
    own_keyfile,
    template,
)
