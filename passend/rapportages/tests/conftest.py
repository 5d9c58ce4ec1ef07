# The small PPO Rotterdam of the hulpvragen tests: preset processes, two regions, every role.
from passend.hulpvragen.tests.conftest import omgeving  # noqa: F401
