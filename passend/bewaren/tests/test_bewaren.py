"""B9: retention by document type, with a frozen clock (`nu` passed in): what is past its term
goes, rows and files; what is held or within its term stays; the dry run lists the same set;
every run is logged without content; the review setting blocks."""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from passend.audit.models import Beheerhandeling, Inzage
from passend.bewaren import services
from passend.bewaren.models import Bewaartermijn, Eenheid
from passend.bewaren.selectors import plus_maanden, verlopen
from passend.bewaren.tests.conftest import Dossiers
from passend.bijlagen.models import Bijlage, Bijlageverwijdering
from passend.bijlagen.opslag import opslag
from passend.core.models import AlleenToevoegenError, bewaartermijn_verwijderen
from passend.core.periodiek import _werk
from passend.dossiers.models import Leerling
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.overlegrondes.models import Overlegronde, Reactie


def moment(d: Dossiers, maanden: int, dagen: int = 0) -> datetime:
    dag = plus_maanden(d.t0, maanden) + timedelta(days=dagen)
    return timezone.make_aware(datetime.combine(dag, time(3, 0)))


def bestaande(d: Dossiers) -> set[str]:
    return set(Hulpvraag.objects.filter(swv=d.o.ppo).values_list("referentie", flat=True))


def bestand_er(naam: str) -> bool:
    return bool(opslag().exists(naam))


def uitvoeren(d: Dossiers, nu: datetime) -> services.Resultaat:
    """A run as the periodic job makes it, committed, so the files go after the commit."""
    with transaction.atomic():
        resultaat = services.bewaarronde_uitvoeren(swv=d.o.ppo, nu=nu)
    return resultaat


def plichten(d: Dossiers) -> None:
    services.bewaarplicht_zetten(
        door=d.o.beheerder,
        leerling=d.hulpvragen["vastgehouden"].leerling,
        reden="Lopende bezwaarprocedure",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b9_retention_removes_exactly_what_its_dry_run_lists_rows_and_files(
    dossiers: Dossiers,
) -> None:
    d = dossiers
    plichten(d)
    alle = bestaande(d)
    bijlage_bestanden = {naam: b.opslagnaam for naam, b in d.bijlagen.items()}
    assert all(bestand_er(naam) for naam in bijlage_bestanden.values())

    # Eleven months on: nothing is past its term; the dry run says so and a run removes nothing.
    vroeg = moment(d, 11)
    assert verlopen(d.o.ppo, nu=vroeg).leeg
    uitvoeren(d, vroeg)
    assert bestaande(d) == alle

    # Thirteen months on: the never-submitted request (a year after its last change) goes, and
    # with it Mila's dossier, her only one. Closed dossiers (three years) stay.
    nu = moment(d, 13)
    proef = verlopen(d.o.ppo, nu=nu)
    assert {item.referentie for item in proef.hulpvragen} == d.ref("concept")
    assert {item.soort for item in proef.hulpvragen} == {"nooit_ingediend"}
    mila = d.hulpvragen["concept"].leerling_id
    assert proef.leerlingen == (mila,)
    resultaat = uitvoeren(d, nu)
    assert resultaat.hulpvragen == {"nooit_ingediend": sorted(d.ref("concept"))}
    assert bestaande(d) == alle - d.ref("concept")
    assert not Leerling.objects.filter(pk=mila).exists()
    assert not Formulier.objects.filter(hulpvraag=d.hulpvragen["concept"].pk).exists()
    assert not bestand_er(bijlage_bestanden["concept"])
    assert all(bestand_er(bijlage_bestanden[n]) for n in bijlage_bestanden if n != "concept")

    # Three years and a month on: the closed supporting dossiers go (Jan's closed one with its
    # overlegronde and the reaction's file, Daan's with Daan's dossier); Jan keeps his open
    # hulpvraag and so his dossier; Sara is held; the TLV decision has its own, longer term.
    nu = moment(d, 37)
    proef = verlopen(d.o.ppo, nu=nu)
    verwacht = d.ref("afgesloten", "afgesloten_daan")
    assert {item.referentie for item in proef.hulpvragen} == verwacht
    daan = d.hulpvragen["afgesloten_daan"].leerling_id
    jan = d.hulpvragen["afgesloten"].leerling_id
    assert proef.leerlingen == (daan,)
    resultaat = uitvoeren(d, nu)
    assert set(resultaat.hulpvragen["afgesloten"]) == verwacht
    assert bestaande(d) == alle - d.ref("concept") - verwacht
    assert not Overlegronde.objects.exists() and not Reactie.objects.exists()
    assert not bestand_er(d.reactiebestand)
    assert not bestand_er(bijlage_bestanden["afgesloten"])
    assert not bestand_er(bijlage_bestanden["afgesloten_daan"])
    assert not Statuswijziging.objects.filter(hulpvraag__referentie__in=verwacht).exists()
    assert not Leerling.objects.filter(pk=daan).exists()
    assert Leerling.objects.filter(pk=jan).exists()
    for blijft in ("open", "vastgehouden", "tlv"):
        assert bestand_er(bijlage_bestanden[blijft])
        assert Bijlage.objects.filter(pk=d.bijlagen[blijft].pk).exists()

    # The access log of a removed pupil stays, by id only: no name anywhere in its rows, and
    # the search that named Daan lost its text.
    rijen = list(Inzage.objects.filter(leerling_id=daan).values())
    assert rijen
    alles = json.dumps([list(Inzage.objects.values())], default=str)
    for naam in ("Wisselink", "Daan", "Sterk", "Mila"):
        assert naam not in alles
    geschoond = Inzage.objects.get(gebeurtenis="hulpvragen_getoond")
    assert geschoond.details["filter_verwijderd"] == "bewaartermijn"

    # Eight years and two months on: the TLV (ended a year after T0, kept seven years after) and
    # every access-log row older than five years go, except those of the held pupil.
    nu = moment(d, 98)
    proef = verlopen(d.o.ppo, nu=nu)
    assert {item.referentie for item in proef.hulpvragen} == d.ref("tlv")
    sara = d.hulpvragen["vastgehouden"].leerling_id
    te_gaan = Inzage.objects.exclude(leerling_id=sara).count()
    assert proef.inzage_aantal == te_gaan
    resultaat = uitvoeren(d, nu)
    assert resultaat.hulpvragen == {"tlv_besluit": sorted(d.ref("tlv"))}
    assert resultaat.aantallen["inzagelog"] == te_gaan
    assert bestaande(d) == d.ref("open", "vastgehouden")
    assert set(Inzage.objects.values_list("leerling_id", flat=True)) == {sara}
    assert bestand_er(bijlage_bestanden["vastgehouden"])
    assert Leerling.objects.filter(pk=sara).exists()


@pytest.mark.django_db
def test_b9_nothing_under_hold_or_within_its_term_is_touched(dossiers: Dossiers) -> None:
    d = dossiers
    plichten(d)
    # Far beyond every term: the held pupil's closed hulpvraag is never listed; the open one
    # (Jan's) never either: only closed or never-submitted requests have a term.
    proef = verlopen(d.o.ppo, nu=moment(d, 600))
    lijst = {item.referentie for item in proef.hulpvragen}
    assert not lijst & d.ref("vastgehouden", "open")
    assert d.hulpvragen["vastgehouden"].leerling_id not in proef.leerlingen
    # Lifting the hold lets the terms apply again (and is logged, before and after).
    services.bewaarplicht_opheffen(
        door=d.o.beheerder, leerling=d.hulpvragen["vastgehouden"].leerling
    )
    rij = Beheerhandeling.objects.filter(gebeurtenis="bewaarplicht_gewijzigd").first()
    assert (
        rij is not None and rij.voor == {"bewaarplicht": True} and rij.na == {"bewaarplicht": False}
    )
    proef = verlopen(d.o.ppo, nu=moment(d, 600))
    assert d.ref("vastgehouden") <= {item.referentie for item in proef.hulpvragen}


@pytest.mark.django_db
def test_b9_the_run_is_logged_with_counts_and_references_never_content(dossiers: Dossiers) -> None:
    d = dossiers
    services.bewaarronde_uitvoeren(swv=d.o.ppo, nu=moment(d, 37))
    rij = Beheerhandeling.objects.get(gebeurtenis="bewaarronde_uitgevoerd")
    assert rij.gebruiker_id is None and rij.gebruikersnaam == "passend (periodiek)"
    assert rij.details["afgesloten"] == 3  # Jan's, Daan's and (not held here) Sara's
    assert rij.details["nooit_ingediend"] == 1
    assert set(rij.details["hulpvragen"]["afgesloten"]) == d.ref(
        "afgesloten", "afgesloten_daan", "vastgehouden"
    )
    tekst = json.dumps([rij.details, rij.voor, rij.na])
    for inhoud in ("Boven", "Wisselink", "Sterk", "Gedrag", "gedrag", "OPP", "advies"):
        assert inhoud not in tekst


@pytest.mark.django_db
def test_b9_review_first_setting_blocks_removal_until_a_dry_run_is_reviewed(
    dossiers: Dossiers,
) -> None:
    d = dossiers
    services.bewaartermijnen_wijzigen(
        door=d.o.beheerder,
        termijnen_per_soort={},
        alleen_na_beoordeelde_proefronde=True,
    )
    alle = bestaande(d)
    nu = moment(d, 13)
    resultaat = services.bewaarronde_uitvoeren(swv=d.o.ppo, nu=nu)
    assert not resultaat.uitgevoerd
    assert bestaande(d) == alle
    rij = Beheerhandeling.objects.get(gebeurtenis="bewaarronde_overgeslagen")
    assert rij.details == {"reden": "geen beoordeelde proefronde"}

    # A review of another list than the current one records nothing.
    with pytest.raises(ValidationError):
        services.proefronde_beoordelen(door=d.o.beheerder, vingerafdruk="oud", nu=nu)
    lijst = verlopen(d.o.ppo, nu=nu)
    proef = services.proefronde_beoordelen(
        door=d.o.beheerder, vingerafdruk=lijst.vingerafdruk, nu=nu
    )
    assert proef.beoordeeld_door == d.o.beheerder
    assert Beheerhandeling.objects.filter(gebeurtenis="proefronde_beoordeeld").exists()

    # Years later more is past its term, but only what the review listed goes.
    resultaat = services.bewaarronde_uitvoeren(swv=d.o.ppo, nu=moment(d, 37))
    assert resultaat.uitgevoerd
    assert resultaat.hulpvragen == {"nooit_ingediend": sorted(d.ref("concept"))}
    assert resultaat.aantallen["wacht_op_beoordeling"] == 3
    assert bestaande(d) == alle - d.ref("concept")


@pytest.mark.django_db
def test_b9_periodic_job_is_registered_and_runs_once_a_day(dossiers: Dossiers) -> None:
    d = dossiers
    assert "bewaartermijnen" in _werk
    nu = moment(d, 13)
    regel = services.bewaarrondes_uitvoeren(nu=nu)
    assert "1 hulpvraag/hulpvragen" in regel
    assert services.bewaarrondes_uitvoeren(nu=nu + timedelta(hours=2)).startswith(
        "Bewaartermijnen: 0"
    )
    # One run per SWV that day (PPO and the other SWV), each logged once.
    assert Beheerhandeling.objects.filter(gebeurtenis="bewaarronde_uitgevoerd").count() == 2


@pytest.mark.django_db
def test_b9_terms_are_data_per_swv_changed_by_the_administrator_and_logged(
    dossiers: Dossiers,
) -> None:
    d = dossiers
    # Shorter term for never-submitted requests: six months.
    services.bewaartermijnen_wijzigen(
        door=d.o.beheerder,
        termijnen_per_soort={"nooit_ingediend": (6, Eenheid.MAANDEN)},
        alleen_na_beoordeelde_proefronde=False,
    )
    assert d.ref("concept") == {i.referentie for i in verlopen(d.o.ppo, nu=moment(d, 7)).hulpvragen}
    rij = Beheerhandeling.objects.get(gebeurtenis="bewaartermijnen_gewijzigd")
    assert rij.voor["nooit_ingediend"] == "1 jaren" and rij.na["nooit_ingediend"] == "6 maanden"
    # The other SWV keeps its own (default) terms.
    assert not Bewaartermijn.objects.filter(swv=d.o.ander_swv, soort="nooit_ingediend").exists()
    with pytest.raises(PermissionDenied):
        services.bewaartermijnen_wijzigen(
            door=d.o.coordinator, termijnen_per_soort={}, alleen_na_beoordeelde_proefronde=True
        )
    with pytest.raises(ValidationError) as fout:
        services.bewaartermijnen_wijzigen(
            door=d.o.beheerder,
            termijnen_per_soort={"afgesloten": (0, Eenheid.JAREN)},
            alleen_na_beoordeelde_proefronde=False,
        )
    assert "afgesloten_aantal" in fout.value.message_dict


@pytest.mark.django_db
def test_b9_append_only_history_refuses_deletes_outside_retention(dossiers: Dossiers) -> None:
    d = dossiers
    rijen = Statuswijziging.objects.filter(hulpvraag=d.hulpvragen["afgesloten"])
    with pytest.raises(AlleenToevoegenError):
        rijen.na_bewaartermijn_verwijderen()
    with pytest.raises(AlleenToevoegenError):
        rijen.delete()
    with pytest.raises(AlleenToevoegenError):
        Inzage.objects.all().na_bewaartermijn_wijzigen(details={})
    with transaction.atomic(), bewaartermijn_verwijderen():
        assert rijen.na_bewaartermijn_verwijderen() == 2
    # The permission ends with the block.
    with pytest.raises(AlleenToevoegenError):
        Bijlageverwijdering.objects.all().na_bewaartermijn_verwijderen()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL")
def test_b9_postgresql_triggers_let_only_retention_delete_history(dossiers: Dossiers) -> None:
    from django.db import DatabaseError

    d = dossiers
    hulpvraag = d.hulpvragen["afgesloten"].pk
    for sql in (
        "DELETE FROM hulpvragen_statuswijziging WHERE hulpvraag_id = %s",
        "DELETE FROM audit_inzage WHERE id = %s",
        "UPDATE audit_inzage SET details = '{}' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [hulpvraag])
    with transaction.atomic():
        with bewaartermijn_verwijderen(), connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM hulpvragen_statuswijziging WHERE hulpvraag_id = %s", [hulpvraag]
            )
            assert cursor.rowcount == 2
        # After the block, in the same transaction, the database refuses again.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_inzage")
    # The schoolgeschiedenis was never opened for retention.
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        bewaartermijn_verwijderen(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM organisaties_schoolgeschiedenis")
