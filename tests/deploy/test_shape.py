"""The Dockerfile, docker-compose.yml, the entrypoint and the README stay in step (no Docker engine
runs in CI; `make prod-check` runs the entrypoint's commands themselves)."""

import os
import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
# Read by the entrypoint, gunicorn or Celery rather than by the settings.
PROCESS_VARIABLES = {
    "BIND",
    "WEB_CONCURRENCY",
    "FORWARDED_ALLOW_IPS",
    "CELERY_CONCURRENCY",
    "CELERY_LOG_LEVEL",
    "CELERY_BEAT_SCHEDULE_FILE",
}


def entrypoint_commands() -> set[str]:
    return set(re.findall(r"^  ([a-z]+)\)$", ENTRYPOINT.read_text(), flags=re.MULTILINE))


def settings_variables() -> set[str]:
    source = (ROOT / "nangsuat" / "settings.py").read_text()
    return set(re.findall(r'env\.[a-z_]+\("([A-Z0-9_]+)"', source))


def test_the_entrypoint_is_executable_and_knows_every_process():
    assert os.access(ENTRYPOINT, os.X_OK)
    assert entrypoint_commands() == {"collectstatic", "migrate", "web", "worker", "beat", "manage"}


def test_the_image_builds_and_starts_through_the_entrypoint():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["deploy/entrypoint.sh"]' in dockerfile
    assert 'CMD ["web"]' in dockerfile
    assert "deploy/entrypoint.sh collectstatic" in dockerfile
    # The build-time settings are enough for the production settings to load.
    for variable in ("DEBUG=0", "SECRET_KEY=", "EMAIL_URL=", "REDIS_URL=", "SITE_URL="):
        assert variable in dockerfile


def test_every_compose_service_of_the_image_runs_an_entrypoint_command():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = {name: s for name, s in compose["services"].items() if s.get("image") == "nangsuat:latest"}
    assert {name: s["command"] for name, s in services.items()} == {
        "migrate": ["migrate"],
        "web": ["web"],
        "worker": ["worker"],
        "beat": ["beat"],
    }
    known = settings_variables() | PROCESS_VARIABLES
    for name, service in services.items():
        unknown = set(service["environment"]) - known
        assert not unknown, f"{name} sets variables nothing reads: {unknown}"
        assert service["environment"]["DEBUG"] == "0"
        assert service["environment"]["S3_ENDPOINT_URL"] == "http://minio:9000"
    assert "minio" in compose["services"]


def test_the_readme_documents_every_setting_the_environment_gives():
    readme = (ROOT / "README.md").read_text()
    missing = sorted(v for v in settings_variables() | PROCESS_VARIABLES if f"`{v}`" not in readme)
    assert not missing, f"not in the README: {missing}"
