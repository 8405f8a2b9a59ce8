"""The classroom test names what is missing instead of skipping (checked without starting a hub)."""

import classroom_hub


def test_everything_the_classroom_needs_is_here():
    assert classroom_hub.requirements_problem() is None


def test_a_missing_proxy_is_named_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(classroom_hub, "PROXY", classroom_hub.ROOT / "node_modules" / ".bin" / "no-such-proxy")
    problem = classroom_hub.requirements_problem()
    assert "no-such-proxy is missing" in problem and "npm ci" in problem


def test_a_missing_browser_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(classroom_hub, "CHROMIUM", tmp_path / "chromium")
    assert "install Debian's chromium" in classroom_hub.requirements_problem()


def test_the_hub_binds_loopback_only(tmp_path):
    hub = classroom_hub.Hub(tmp_path / "hub", ["ann"])
    config = hub.config()
    for key in ("bind_url", "hub_bind_url", "api_url"):
        assert f'"{key}": "http://127.0.0.1:' in config
    assert "c.Spawner.ip = '127.0.0.1'" in config
    assert "0.0.0.0" not in config
