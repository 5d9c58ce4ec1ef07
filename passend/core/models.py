"""Base classes for models of every app."""

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from django.db import DatabaseError, connections, models


class AlleenToevoegenError(Exception):
    """A row of a history or log is appended, never changed or deleted (ASVS V7.3.3,
    ARCHITECTURE.md rule 4)."""


_bewaren = threading.local()


def bewaren_bezig() -> bool:
    return getattr(_bewaren, "aan", False)


@contextmanager
def bewaartermijn_verwijderen(using: str = "default") -> Iterator[None]:
    """The one deliberate way past the append-only rule: retention (passend.bewaren) removes
    history whose term has passed. Only inside a transaction; on PostgreSQL it sets the
    transaction-local `passend.bewaren` that the triggers of `core.migraties.bewaren_toestaan`
    check, so the database still refuses a delete from anywhere else."""
    verbinding = connections[using]
    if not verbinding.in_atomic_block:
        raise AlleenToevoegenError("Verwijderen na de bewaartermijn kan alleen in een transactie.")
    postgres = verbinding.vendor == "postgresql"
    if postgres:
        with verbinding.cursor() as cursor:
            cursor.execute("SELECT set_config('passend.bewaren', 'aan', true)")
    _bewaren.aan = True
    try:
        yield
    finally:
        _bewaren.aan = False
        if postgres:
            try:
                with verbinding.cursor() as cursor:
                    cursor.execute("SELECT set_config('passend.bewaren', 'uit', true)")
            except DatabaseError:
                # An aborted transaction takes the setting with it when it rolls back; the
                # error that aborted it is the one to see.
                pass


class AlleenToevoegenMixin:
    """For the QuerySet of an append-only model: bulk updates and deletes are refused like
    single ones (`Model.objects.update()` would otherwise rewrite history without `save()`)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AlleenToevoegenError("Deze geschiedenis wordt nooit gewijzigd.")

    def delete(self) -> NoReturn:
        raise AlleenToevoegenError("Deze geschiedenis wordt nooit verwijderd.")

    # Retention only (passend.bewaren), inside `bewaartermijn_verwijderen()`: anywhere else
    # these refuse like the methods above.

    def na_bewaartermijn_verwijderen(self) -> int:
        if not bewaren_bezig():
            raise AlleenToevoegenError("Deze geschiedenis wordt nooit verwijderd.")
        return int(super().delete()[0])  # type: ignore[misc]

    def na_bewaartermijn_wijzigen(self, **kwargs: Any) -> int:
        """Pseudonymising what outlives its subject (the access log of a removed pupil)."""
        if not bewaren_bezig():
            raise AlleenToevoegenError("Deze geschiedenis wordt nooit gewijzigd.")
        return int(super().update(**kwargs))  # type: ignore[misc]


class AlleenToevoegenQuerySet(AlleenToevoegenMixin, models.QuerySet[Any]):
    pass


class AlleenToevoegen(models.Model):
    """A row that is written once. The model refuses updates and deletes, and so does its
    QuerySet (give the concrete model a manager from an `AlleenToevoegenMixin` QuerySet); on
    PostgreSQL a trigger refuses them in the database too (`core.migraties.alleen_toevoegen`),
    so neither a bug nor a raw query rewrites what happened."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AlleenToevoegenError(f"{self._meta.verbose_name}: wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AlleenToevoegenError(f"{self._meta.verbose_name}: wordt nooit verwijderd.")


def volledig_controleren(rij: models.Model, **opties: Any) -> None:
    """`full_clean()` without reading back what the service already holds: a foreign key set
    to an object loaded in this transaction exists, and a fresh random UUID is not looked up;
    the database's foreign-key and unique constraints stay the guard for both. Every other
    check, `clean()` included, runs as in `full_clean()`. For rows a service creates on a hot
    path (one API intake read each such key once more: bench/README.md)."""
    bekend = [
        veld.name
        for veld in rij._meta.concrete_fields
        if _geladen_object(rij, veld)
        or (isinstance(veld, models.UUIDField) and veld.default is uuid.uuid4 and rij._state.adding)
    ]
    rij.full_clean(exclude=bekend, **opties)


def _geladen_object(rij: models.Model, veld: Any) -> bool:
    """A foreign key set to an object (not an id, not None): reading it takes no query. Not
    one with `limit_choices_to`: that check needs the database."""
    return bool(
        (veld.many_to_one or veld.one_to_one)
        and not veld.remote_field.limit_choices_to
        and veld.is_cached(rij)
        and getattr(rij, veld.name) is not None
    )
