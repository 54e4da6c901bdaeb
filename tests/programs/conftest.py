import pytest

from programs import measures


@pytest.fixture
def measure_registry():
    """Register test measures for one test; the registry is restored afterwards."""
    saved = dict(measures._measures)
    yield measures.register_measure
    measures._measures.clear()
    measures._measures.update(saved)
