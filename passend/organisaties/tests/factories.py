import factory

from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School


class SamenwerkingsverbandFactory(factory.django.DjangoModelFactory[Samenwerkingsverband]):
    class Meta:
        model = Samenwerkingsverband
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"PO{7000 + n:04d}")
    naam = factory.Sequence(lambda n: f"SWV Testplaats {n}")


class RegioFactory(factory.django.DjangoModelFactory[Regio]):
    class Meta:
        model = Regio

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    naam = factory.Sequence(lambda n: f"Regio {n}")


class BestuurFactory(factory.django.DjangoModelFactory[Bestuur]):
    class Meta:
        model = Bestuur

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    naam = factory.Sequence(lambda n: f"Stichting Test {n}")
    nummer = factory.Sequence(lambda n: f"{40000 + n:05d}")


class SchoolFactory(factory.django.DjangoModelFactory[School]):
    class Meta:
        model = School

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    naam = factory.Sequence(lambda n: f"Basisschool {n}")
    code = factory.Sequence(lambda n: f"{10 + n % 90:02d}XY{n % 100:02d}")
    bestuur = factory.SubFactory(BestuurFactory, swv=factory.SelfAttribute("..swv"))
    regio = factory.SubFactory(RegioFactory, swv=factory.SelfAttribute("..swv"))
