"""The ``boundary`` import contract (config/import_contracts.py): lms.cohorts and the rest of lms
meet only at the coupling points the contract names."""

import grimp

from config.import_contracts import BoundaryContract


def contract() -> BoundaryContract:
    return BoundaryContract(
        name="cohorts",
        session_options={},
        contract_options={
            "package": "lms.cohorts",
            "container": "lms",
            "entry": "lms.cohorts.api",
            "coupling_points": ["lms.models -> lms.cohorts.models"],
            "uses": ["lms.models", "lms.errors"],
        },
    )


def graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    modules = [
        "lms",
        "lms.cohorts",
        "lms.cohorts.api",
        "lms.cohorts.models",
        "lms.cohorts.services",
        "lms.errors",
        "lms.models",
        "lms.models.learning",
        "lms.views",
        "courses",
        "courses.api",
    ]
    result = grimp.ImportGraph()
    for module in modules:
        result.add_module(module)
    for number, (importer, imported) in enumerate(imports, start=1):
        result.add_import(
            importer=importer, imported=imported, line_number=number, line_contents="import"
        )
    return result


def test_the_api_the_coupling_points_and_the_uses_keep_it():
    check = contract().check(
        graph(
            ("lms.views", "lms.cohorts.api"),
            ("lms.models", "lms.cohorts.models"),
            ("lms.cohorts.services", "lms.models.learning"),
            ("lms.cohorts.services", "lms.errors"),
            ("lms.cohorts.api", "lms.cohorts.services"),
            ("lms.cohorts.services", "courses.api"),  # another app: api_only's business
        ),
        verbose=False,
    )
    assert check.kept, check.metadata


def test_reaching_past_the_api_or_into_learning_internals_breaks_it():
    check = contract().check(
        graph(
            ("lms.views", "lms.cohorts.services"),  # past the api
            ("lms.models.learning", "lms.cohorts.services"),  # a coupling point names models
            ("lms.cohorts.services", "lms.views"),  # not a listed use
            ("lms.cohorts.api", "lms"),  # the container itself is not a use
        ),
        verbose=False,
    )
    assert not check.kept
    assert {(importer, imported) for importer, imported, _lines in check.metadata["illegal"]} == {
        ("lms.cohorts.api", "lms"),
        ("lms.views", "lms.cohorts.services"),
        ("lms.models.learning", "lms.cohorts.services"),
        ("lms.cohorts.services", "lms.views"),
    }
