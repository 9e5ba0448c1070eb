"""The fault tests use the same real relay and enrolled people as the service tests."""

from tests.services.conftest import make_ward, relay_dir

__all__ = ["make_ward", "relay_dir"]
