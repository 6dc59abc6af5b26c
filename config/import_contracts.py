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
