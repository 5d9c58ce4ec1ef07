"""Base classes for models of every app."""

from typing import Any, NoReturn

from django.db import models


class AlleenToevoegenError(Exception):
    """A row of a history or log is appended, never changed or deleted (ASVS V7.3.3,
    ARCHITECTURE.md rule 4)."""


class AlleenToevoegenMixin:
    """For the QuerySet of an append-only model: bulk updates and deletes are refused like
    single ones (`Model.objects.update()` would otherwise rewrite history without `save()`)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AlleenToevoegenError("Deze geschiedenis wordt nooit gewijzigd.")

    def delete(self) -> NoReturn:
        raise AlleenToevoegenError("Deze geschiedenis wordt nooit verwijderd.")


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
