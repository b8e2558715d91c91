import pytest

from simulation import load_scenario


@pytest.fixture(scope="session")
def baseline():
    return load_scenario()
