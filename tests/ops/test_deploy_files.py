"""The deployment files hold together: compose.yaml, .env.example, the Dockerfile, the scripts.

No Docker daemon runs here, so images are not built in tests; what can be checked without one
is checked: the compose file parses and gives every process what production settings require,
the Dockerfile has its stages, user, health check and WeasyPrint's libraries, and the shell
scripts pass shellcheck.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.config.test_readme_variables import readme_table, variables_read

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat", "migrate")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def test_compose_has_every_part_of_a_single_host_production(compose):
    services = compose["services"]
    assert {"proxy", "web", "worker", "beat", "migrate", "postgres", "redis", "minio"} <= set(
        services
    )
    # Only the proxy is reachable from outside.
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    # Long-running services have health checks (web's is the image's HEALTHCHECK).
    for name in ("proxy", "worker", "beat", "postgres", "redis", "minio"):
        assert services[name]["healthcheck"]["test"], name
    # Data lives in named volumes.
    for name in ("postgres", "redis", "minio"):
        assert any(":" in v and not v.startswith(".") for v in services[name]["volumes"]), name
    # Exactly one beat.
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    # The app waits for migrations and healthy services.
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"


def test_every_process_gets_what_production_requires(compose):
    """_required(...) in production.py, each given by compose's environment or by .env."""
    required = [
        v for v, req in variables_read(ROOT / "config/settings/production.py").items() if req
    ]
    assert "ISOKO_MARKETPLACE_SECRET" in required
    from_env_file = set(env_example())
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        given = set(service["environment"]) | from_env_file
        assert set(required) <= given, (name, set(required) - given)
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert service["environment"]["ISOKO_STORAGE"] == "s3"
        for storage in ("S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY",
                        "S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET"):  # fmt: skip
            assert storage in service["environment"], (name, storage)


def test_every_variable_compose_interpolates_is_in_env_example():
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "compose.yaml").read_text()))
    assert used - set(env_example()) == set()


def test_every_app_variable_in_env_example_is_documented_in_the_readme():
    documented = set(readme_table())
    compose_only = {
        "DOMAIN", "ACME_EMAIL", "ISOKO_IMAGE", "POSTGRES_PASSWORD", "MINIO_ROOT_USER",
        "MINIO_ROOT_PASSWORD", "BACKUP_ROOT",
    }  # fmt: skip
    assert set(env_example()) - compose_only - documented == set()


def test_the_dockerfile_is_multi_stage_non_root_with_weasyprint_and_a_health_check():
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, re.MULTILINE)
    assert stages == ["builder", "runtime"]
    assert "--require-hashes" in text and "requirements/base.txt" in text
    # The isoko user (uid 10001), by number: Kubernetes' runAsNonRoot can check it.
    assert re.search(r"^USER 10001:10001$", text, re.MULTILINE)
    assert "useradd --system --uid 10001" in text
    assert re.search(
        r'^HEALTHCHECK .*\n\s*CMD \["python", "deploy/healthcheck.py"\]', text, re.MULTILINE
    )
    assert "/healthz" in (ROOT / "deploy" / "healthcheck.py").read_text()
    assert "collectstatic" in text and "msgfmt" in text
    # WeasyPrint's libraries and fonts: the ones CI installs for the real renderer.
    ci = (ROOT / ".ci" / "run").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
                    "fonts-dejavu-core"):  # fmt: skip
        assert package in ci and package in text, package
    assert re.search(r'^CMD \["gunicorn", "-c", "deploy/gunicorn.conf.py"', text, re.MULTILINE)


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".venv", "var", ".git"):
        assert entry in ignored


def test_the_proxy_never_serves_metrics_to_the_internet():
    caddyfile = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    assert "@metrics path /metrics" in caddyfile and "respond @metrics 404" in caddyfile


def test_the_shell_scripts_pass_shellcheck():
    if not shutil.which("shellcheck"):
        if os.environ.get("ISOKO_REQUIRE_SERVICES") == "1":
            pytest.fail("shellcheck is not installed (.ci/run installs it)")
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    scripts = sorted(str(p) for p in (ROOT / "deploy").glob("*.sh"))
    assert scripts
    result = subprocess.run(["shellcheck", *scripts], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
