"""A custom import-linter contract: another app may import only an app's ``api`` module.

The built-in contracts either check indirect imports too (``forbidden``: lms → courses.api →
courses.models would count) or cannot exempt one child module (``protected``), so this one looks
at direct imports only: any import of ``<app>.<anything but api>`` from outside ``<app>`` breaks it.
"""

from __future__ import annotations

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ApiOnlyContract(Contract):
    type_name = "api_only"

    apps = fields.ListField(subfield=fields.StringField())
    # Importers that may reach inside (the project shell's settings and URL configuration).
    exempt_importers = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        exempt = tuple(self.exempt_importers or ())  # type: ignore[arg-type]
        illegal = []
        for app in self.apps:  # type: ignore[attr-defined]
            for module in sorted(graph.find_descendants(app)):
                if module == f"{app}.api" or module.startswith(f"{app}.api."):
                    continue
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer == app or importer.startswith(f"{app}."):
                        continue
                    if importer.startswith(exempt):
                        continue
                    details = graph.get_import_details(importer=importer, imported=module)
                    lines = sorted({d["line_number"] for d in details})
                    illegal.append((importer, module, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Import another app only through its api module:", bold=False)
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            where = ", ".join(str(n) for n in lines)
            output.print_error(f"- {importer} -> {imported} (l.{where})", bold=False)
        output.new_line()


def _within(module: str, names) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in names)


class BoundaryContract(Contract):
    """Two parts of one Django app meet only at named coupling points.

    ``package`` sits inside ``container`` (lms.cohorts inside lms). The rest of the container
    imports the package only through ``entry`` (its api module) or a listed coupling point
    (``importer -> imported``, each side a module or a package and everything under it), and the
    package imports the rest of the container only from the modules in ``uses``. Direct imports
    only, as for ``api_only``; other apps are that contract's business.
    """

    type_name = "boundary"

    package = fields.StringField()
    container = fields.StringField()
    entry = fields.StringField()
    coupling_points = fields.ListField(subfield=fields.StringField(), required=False)
    uses = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        package, container = str(self.package), str(self.container)
        entry = str(self.entry)
        points = []
        for line in self.coupling_points or ():  # type: ignore[union-attr]
            importer, _, imported = str(line).partition("->")
            points.append((importer.strip(), imported.strip()))
        uses = [str(name) for name in self.uses]  # type: ignore[attr-defined]
        inside = {package, *graph.find_descendants(package)}
        illegal = []
        for module in sorted(inside):
            # Into the package, from the rest of the container.
            for importer in sorted(graph.find_modules_that_directly_import(module)):
                if importer in inside or not _within(importer, [container]):
                    continue
                if module == entry or any(
                    _within(importer, [source]) and _within(module, [target])
                    for source, target in points
                ):
                    continue
                illegal.append((importer, module, graph))
            # Out of the package, into the rest of the container.
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                if imported in inside or not _within(imported, [container]):
                    continue
                if imported != container and _within(imported, uses):
                    continue
                illegal.append((module, imported, graph))
        return ContractCheck(
            kept=not illegal,
            metadata={
                "illegal": [
                    (importer, imported, _lines(graph, importer, imported))
                    for importer, imported, graph in illegal
                ]
            },
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(
            f"{self.package} and the rest of {self.container} meet only at the coupling points "
            "listed in the contract:",
            bold=False,
        )
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            where = ", ".join(str(n) for n in lines)
            output.print_error(f"- {importer} -> {imported} (l.{where})", bold=False)
        output.new_line()


def _lines(graph, importer: str, imported: str) -> list[int]:
    details = graph.get_import_details(importer=importer, imported=imported)
    return sorted({d["line_number"] for d in details})
