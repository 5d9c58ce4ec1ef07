"""The role x object x action matrix for SWV-beheer's koppelingen screens (issue 16 item 1;
issue 14 R8, R10, issue 15 B7): every role of test_rechtenmatrix.py, both SWVs, every URL,
reads and writes.

Objects: "eigen" is PPO Rotterdam's (an API client with De Regenboog linked, De Regenboog's
Esis code, the aanvraagtype TLV of the preset); "ander" the same of SWV PO9999, made for the
test. Only the application administrator of the object's own SWV reads and changes; a school
user, an SWV user without the beheer role, and the beheerder of another SWV get a 404 and
nothing changes (no beheerlog row).
"""

from typing import Any

import pytest
from django.urls import reverse

from passend.audit.models import Beheerhandeling
from passend.koppelingen.models import (
    Aanvraagtype,
    ApiClient,
    Osoinstellingen,
    Schoolkoppeling,
    Verificatiecode,
)
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.organisaties.models import School
from passend.organisaties.tests.factories import SchoolFactory
from passend.processen.models import Hulpvraagtitel, Proces, Status
from passend.web.tests.test_rechtenmatrix import (
    ROLLEN,
    Matrix,
    Tabel,
    cellen_per_object,
)
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")

# + 200 (a read; in a list: the object is shown) or 302 and the change made (a write; a new
#   client: 200, its token page);
# - 404, or not in the list, and nothing changed;
# x the form is the administrator's, but the choice (a school of another SWV) is not: the form
#   says so (200) and nothing changes.
# The pages without an object (new client, new code, OSO settings, new aanvraagtype) are the
# own SWV's for the beheerder of either SWV (++).
# fmt: off
_GEEN_LEZEN = ("--",) * 12
LEZEN: Tabel = {
    # columns: the order of LEESACTIES (clients, nieuwe client, client, intrekken (vraag),
    # school nieuw, school, codes, nieuwe code, oso, aanvraagtypen, nieuw aanvraagtype, type)
    **{rol: _GEEN_LEZEN for rol in ROLLEN},
    "beheerder":           ("+-", "++", "+-", "+-", "+-", "+-", "+-", "++", "++", "+-", "++", "+-"),
    "beheerder_ander_swv": ("-+", "++", "-+", "-+", "-+", "-+", "-+", "++", "++", "-+", "++", "-+"),
}
_GEEN_SCHRIJVEN = ("--",) * 12
SCHRIJVEN: Tabel = {
    # columns: the order of SCHRIJFACTIES (client nieuw, wijzigen, intrekken; school nieuw,
    # wijzigen, weg; code nieuw, pauzeren; oso; aanvraagtype nieuw, wijzigen, weg)
    **{rol: _GEEN_SCHRIJVEN for rol in ROLLEN},
    "beheerder":           ("++", "+-", "+-", "+-", "+-", "+-", "+x", "+-", "++", "++", "+-", "+-"),
    "beheerder_ander_swv": ("++", "-+", "-+", "-+", "-+", "-+", "x+", "-+", "++", "++", "-+", "-+"),
}
# fmt: on
LEESACTIES = (
    "api_clients",
    "api_client_nieuw",
    "api_client",
    "api_client_intrekken",
    "schoolkoppeling_nieuw",
    "schoolkoppeling",
    "verificatiecodes",
    "verificatiecode_nieuw",
    "osoinstellingen",
    "aanvraagtypen",
    "aanvraagtype_nieuw",
    "aanvraagtype",
)
SCHRIJFACTIES = (
    "api_client_nieuw",
    "api_client",
    "api_client_intrekken",
    "schoolkoppeling_nieuw",
    "schoolkoppeling",
    "schoolkoppeling_verwijderen",
    "verificatiecode_nieuw",
    "verificatiecode_pauzeren",
    "osoinstellingen",
    "aanvraagtype_nieuw",
    "aanvraagtype",
    "aanvraagtype_verwijderen",
)
CODES = {"eigen": "12AB00-matrix-esis-code-01", "ander": "99ZZ00-matrix-esis-code-01"}
NIEUWE_CODES = {"eigen": "12AB00-matrix-esis-code-02", "ander": "99ZZ00-matrix-esis-code-02"}


def _swv(m: Matrix, object: str) -> Any:
    return m.ppo if object == "eigen" else m.ander_swv


def _school(m: Matrix, object: str) -> School:
    if object == "eigen":
        return m.regenboog
    school = School.objects.filter(swv=m.ander_swv, code="99ZZ00").first()
    return school or SchoolFactory.create(swv=m.ander_swv, code="99ZZ00", naam="Voorbeeldschool")


def _titel(m: Matrix, object: str) -> Hulpvraagtitel:
    """A title of the object's SWV: PPO's Ondersteuningsbudget, or one made for PO9999."""
    if object == "eigen":
        return Hulpvraagtitel.objects.get(swv=m.ppo, naam="Ondersteuningsbudget")
    proces, nieuw = Proces.objects.get_or_create(swv=m.ander_swv, code="ander", naam="Ander")
    if nieuw:
        begin = Status.objects.create(proces=proces, code="aanmelding", naam="Aanmelding")
        Hulpvraagtitel.objects.create(
            swv=m.ander_swv, naam="Ondersteuningsbudget", proces=proces, beginstatus=begin
        )
    return Hulpvraagtitel.objects.get(swv=m.ander_swv, naam="Ondersteuningsbudget")


def _client(m: Matrix, object: str) -> ApiClient:
    """The object's API client, with the object's school linked (R8)."""
    swv = _swv(m, object)
    client = ApiClient.objects.filter(swv=swv, naam="Matrixclient").first()
    if client is None:
        client, _token = client_registreren(swv=swv, naam="Matrixclient", soort="oso", door=None)
        Schoolkoppeling.objects.create(
            client=client, school=_school(m, object), routeringskenmerk="RK-1"
        )
    return client


def _koppeling(m: Matrix, object: str) -> Schoolkoppeling:
    return _client(m, object).schoolkoppelingen.get()


def _code(m: Matrix, object: str) -> Verificatiecode:
    school = _school(m, object)
    rij = Verificatiecode.objects.filter(school=school).order_by("pk").first()
    if rij is None:
        rij = verificatiecode_registreren(school=school, code=CODES[object], door=None)
    return rij


def _aanvraagtype(m: Matrix, object: str) -> Aanvraagtype:
    if object == "eigen":
        return Aanvraagtype.objects.get(swv=m.ppo, code="TLV")
    # Without titles yet: the write cell gives it one, a change that shows.
    rij, _ = Aanvraagtype.objects.get_or_create(swv=m.ander_swv, code="TLV")
    return rij


def _objecten_maken(m: Matrix, object: str) -> None:
    """The other SWV's rows exist before a page is read or a change counted."""
    _client(m, object)
    _code(m, object)
    _aanvraagtype(m, object)


def _url(m: Matrix, actie: str, object: str) -> str:
    if actie in (
        "api_clients",
        "api_client_nieuw",
        "verificatiecodes",
        "verificatiecode_nieuw",
        "osoinstellingen",
        "aanvraagtypen",
        "aanvraagtype_nieuw",
    ):
        return reverse(f"swvbeheer:{actie}")
    if actie in ("api_client", "api_client_intrekken", "schoolkoppeling_nieuw"):
        return reverse(f"swvbeheer:{actie}", args=[_client(m, object).pk])
    if actie in ("schoolkoppeling", "schoolkoppeling_verwijderen"):
        koppeling = _koppeling(m, object)
        return reverse(f"swvbeheer:{actie}", args=[koppeling.client_id, koppeling.pk])
    if actie == "verificatiecode_pauzeren":
        return reverse(f"swvbeheer:{actie}", args=[_code(m, object).pk])
    return reverse(f"swvbeheer:{actie}", args=[_aanvraagtype(m, object).pk])


def _in_lijst(m: Matrix, actie: str, object: str) -> str:
    """What shows the object in a list: the link to its page (or its pause button)."""
    if actie == "api_clients":
        return reverse("swvbeheer:api_client", args=[_client(m, object).pk])
    if actie == "verificatiecodes":
        return reverse("swvbeheer:verificatiecode_pauzeren", args=[_code(m, object).pk])
    return reverse("swvbeheer:aanvraagtype", args=[_aanvraagtype(m, object).pk])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return cellen_per_object(tabel, acties, OBJECTEN)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_issue16_r8_r10_koppelingen_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _objecten_maken(matrix, object)
    antwoord = matrix.clients[rol].get(_url(matrix, actie, object))
    if actie in ("api_clients", "verificatiecodes", "aanvraagtypen"):
        pad = _in_lijst(matrix, actie, object)
        gezien = antwoord.status_code == 200 and f'"{pad}"' in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in ("beheerder", "beheerder_ander_swv"):
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


def _schrijven(m: Matrix, actie: str, rol: str, object: str) -> tuple[Any, bool]:
    """Posts a valid change; returns the answer and whether the change was made."""
    http = m.clients[rol]
    url = _url(m, actie, object)
    if actie == "api_client_nieuw":
        antwoord = http.post(url, {"naam": f"Nieuw {object}", "soort": "api", "max_per_minuut": 60})
        return antwoord, ApiClient.objects.filter(naam=f"Nieuw {object}").exists()
    if actie == "api_client":
        pk = _client(m, object).pk
        antwoord = http.post(url, {"naam": "Hernoemd", "max_per_minuut": 99})
        client = ApiClient.objects.get(pk=pk)
        return antwoord, (client.naam, client.max_per_minuut) == ("Hernoemd", 99)
    if actie == "api_client_intrekken":
        antwoord = http.post(url)
        return antwoord, ApiClient.objects.get(pk=_client(m, object).pk).ingetrokken_op is not None
    if actie == "schoolkoppeling_nieuw":
        client = _client(m, object)
        client.schoolkoppelingen.all().delete()
        antwoord = http.post(
            url,
            {"school": _school(m, object).pk, "routeringskenmerk": "RK-2", "sinds": "01-11-2026"},
        )
        return antwoord, client.schoolkoppelingen.filter(routeringskenmerk="RK-2").exists()
    if actie == "schoolkoppeling":
        koppeling = _koppeling(m, object)
        antwoord = http.post(
            url, {"school": koppeling.school_id, "routeringskenmerk": "RK-3", "sinds": "01-11-2026"}
        )
        return antwoord, Schoolkoppeling.objects.get(pk=koppeling.pk).routeringskenmerk == "RK-3"
    if actie == "schoolkoppeling_verwijderen":
        koppeling = _koppeling(m, object)
        antwoord = http.post(url)
        return antwoord, not Schoolkoppeling.objects.filter(pk=koppeling.pk).exists()
    if actie == "verificatiecode_nieuw":
        school = _school(m, object)
        antwoord = http.post(url, {"school": school.pk, "code": NIEUWE_CODES[object]})
        return antwoord, Verificatiecode.objects.filter(school=school).count() == 2
    if actie == "verificatiecode_pauzeren":
        antwoord = http.post(url)
        return antwoord, Verificatiecode.objects.get(
            pk=_code(m, object).pk
        ).verwijderd_op is not None
    if actie == "osoinstellingen":
        antwoord = http.post(url, {"te_bewaren": ["bijlagen", "verzuim"]})
        return antwoord, any(
            rij.te_bewaren == ["bijlagen", "verzuim"] for rij in Osoinstellingen.objects.all()
        )
    if actie == "aanvraagtype_nieuw":
        # The title of the SWV of whoever posts: a choice the beheerder of either SWV has.
        titel = _titel(m, "ander" if rol == "beheerder_ander_swv" else "eigen")
        antwoord = http.post(url, {"code": f"Nieuw-{object}", "titels": [titel.pk]})
        return antwoord, Aanvraagtype.objects.filter(code=f"Nieuw-{object}").exists()
    if actie == "aanvraagtype":
        rij = _aanvraagtype(m, object)
        titel = _titel(m, object)
        antwoord = http.post(url, {"code": "TLV", "titels": [titel.pk]})
        return antwoord, list(rij.titels.values_list("pk", flat=True)) == [titel.pk]
    rij = _aanvraagtype(m, object)
    antwoord = http.post(url)
    return antwoord, not Aanvraagtype.objects.filter(pk=rij.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_issue16_r8_r10_koppelingen_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _objecten_maken(matrix, object)
    _titel(matrix, "ander")  # a title of PO9999 exists for its beheerder's new aanvraagtype
    log_voor = Beheerhandeling.objects.count()
    antwoord, veranderd = _schrijven(matrix, actie, rol, object)
    if teken == "+":
        # A new client answers with its token page (shown once), not a redirect.
        verwacht = 200 if actie == "api_client_nieuw" else 302
        assert antwoord.status_code == verwacht, antwoord.content.decode()[-2000:]
        assert veranderd
        assert Beheerhandeling.objects.count() > log_voor
    elif teken == "x":
        assert antwoord.status_code == 200
        assert "veld--fout" in antwoord.content.decode()
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor
