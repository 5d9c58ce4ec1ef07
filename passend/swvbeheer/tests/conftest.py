from passend.hulpvragen.tests import conftest as hulpvragen_conftest

omgeving = hulpvragen_conftest.omgeving
