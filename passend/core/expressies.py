"""Query expressions Django does not have."""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, Func, QuerySet, Subquery
from django.db.models.sql.compiler import SQLCompiler


class IsOneOf(Func):
    """`veld IN (subquery)`, written `veld = ANY(ARRAY(subquery))` on PostgreSQL.

    PostgreSQL joins an IN-subquery with a row estimate from the column's statistics; when the
    rows it selects correlate with another condition on the table (a school's schoolgegevens all
    belong to one SWV's hulpvragen) it guesses a handful and scans the whole SWV. An array is
    read first and then looked up in the column's index (bench/README.md).
    """

    output_field = BooleanField()

    def __init__(self, veld: str, deelvraag: QuerySet[Any]) -> None:
        super().__init__(F(veld), Subquery(deelvraag.order_by()))  # order is no matter here

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        veld, deelvraag, parameters = self._delen(compiler)
        return f"{veld} IN {deelvraag}", parameters

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        veld, deelvraag, parameters = self._delen(compiler)
        return f"{veld} = ANY(ARRAY{deelvraag})", parameters

    def _delen(self, compiler: SQLCompiler) -> tuple[str, str, tuple[Any, ...]]:
        veld, deelvraag = self.get_source_expressions()
        veld_sql, veld_parameters = compiler.compile(veld)
        deelvraag_sql, deelvraag_parameters = compiler.compile(deelvraag)  # "(SELECT ...)"
        return veld_sql, deelvraag_sql, (*veld_parameters, *deelvraag_parameters)
