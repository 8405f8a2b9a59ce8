"""The hub files in deploy/ and the students' environment.

No cluster or container engine is available here, so these tests check what can be checked without
one (deploy/README.md says what was and was not tested): the values files against a schema of the
chart's keys they use (tests/deploy/z2jh-values.schema.json, every object closed); that the hub
admits the class through a group, or through the LMS with hub names equal to LMS logins; that
the hub pulls the students' repository; that the homes are on the claim the grading Job reads; and
that the students' requirements keep the course's pins, leave out the test tools and never pin
jupyterhub.
"""

import copy
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from natocourse.tooling import machine

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SCHEMA = json.loads((ROOT / "tests" / "deploy" / "z2jh-values.schema.json").read_text())
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
VALUES = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())
LTI = yaml.safe_load((DEPLOY / "z2jh-lti.yaml").read_text())
GRADING = list(yaml.safe_load_all((DEPLOY / "grading.yaml").read_text()))
TEST_TOOLS = ("pytest", "nbval", "hypothesis", "playwright", "beautifulsoup4", "jsonschema", "nbgrader",
              "jupyter-book", "sphinx", "jupyterhub")


def pins(text: str) -> dict[str, str]:
    return dict(line.split("#")[0].strip().split("==", 1) for line in text.splitlines()
                if "==" in line and not line.lstrip().startswith("#"))


def merged(*layers):
    """Helm's merge of values files: maps merge, anything else is replaced."""
    out: dict = {}
    for layer in layers:
        out = _merge(out, layer)
    return out


def _merge(a, b):
    out = copy.deepcopy(a)
    for key, value in b.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def problems(values) -> list[str]:
    return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(values)]


def test_student_requirements_keep_the_course_pins_without_test_tools_or_jupyterhub():
    student = (ROOT / "requirements-student.txt").read_text()
    mine, everything = pins(student), pins((ROOT / "requirements.txt").read_text())
    assert {"jupyterlab", "ipywidgets", "anywidget", "ipykernel", "pandas", "matplotlib", "nbgitpuller"} <= set(mine)
    assert {name: version for name, version in mine.items() if everything.get(name) != version} == {}
    assert [name for name in mine if name.startswith(TEST_TOOLS)] == []
    assert [line for line in student.splitlines()
            if line.strip() and not line.startswith("#") and "==" not in line] == []  # no -e, no -r, no URL


def test_the_image_installs_the_student_environment_and_the_hubs_jupyterhub():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r /tmp/natocourse/requirements-student.txt" in dockerfile
    assert "pip install --no-cache-dir --no-deps /tmp/natocourse" in dockerfile and " -e " not in dockerfile
    copied = re.findall(r"^COPY (.+) \S+$", dockerfile, re.M)
    assert copied == ["requirements-student.txt pyproject.toml README.md", "src"]  # the students' repository only
    version = re.search(r"^ARG JUPYTERHUB_VERSION=(\S+)$", dockerfile, re.M)[1]
    header = (DEPLOY / "z2jh-values.yaml").read_text()
    assert f"--version 4.4.0" in header and f"whose hub runs JupyterHub {version}" in header
    assert 'CMD ["jupyterhub-singleuser"]' in dockerfile and "--uid 1000" in dockerfile
    assert "bubblewrap" in dockerfile.split("apt-get install", 1)[1].split("&&", 1)[0]  # grading's sandbox


@pytest.mark.parametrize("layers", [[VALUES], [VALUES, LTI]], ids=["single sign-on", "LTI"])
def test_the_values_follow_the_charts_keys_and_types(layers):
    assert problems(merged(*layers)) == []


@pytest.mark.parametrize("path, value", [
    (["singleuser", "storage", "static", "pvcname"], "x"),  # a misspelt key
    (["singleuser", "memory", "limit"], "2 gigabytes"),
    (["hub", "config", "GenericOAuthenticator", "allowed_groups"], "nato-course-2027"),  # not a list
    (["cull", "timout"], 60),
])
def test_the_schema_catches_a_mistake(path, value):
    values = copy.deepcopy(VALUES)
    place = values
    for key in path[:-1]:
        place = place.setdefault(key, {})
    place[path[-1]] = value
    assert problems(values)


def test_a_class_is_admitted_through_its_group_and_the_instructors_are_admins():
    config = VALUES["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == "generic-oauth"
    oauth = config["GenericOAuthenticator"]
    assert oauth["allowed_groups"] and oauth["admin_groups"] and oauth["manage_groups"] is True
    assert "allow_all" not in config.get("Authenticator", {})  # only the group gets in


def test_through_the_lms_hub_names_are_the_lms_logins():
    config = merged(VALUES, LTI)["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == "ltiauthenticator.lti13.auth.LTI13Authenticator"
    assert config["LTI13Authenticator"]["username_key"] == "custom_username"
    assert "username=$User.username" in (DEPLOY / "z2jh-lti.yaml").read_text()


def test_the_hub_pulls_the_students_repository_never_the_instructors():
    command = VALUES["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    settings = CONFIG["sphinx"]["config"]
    repository = settings["natocourse_class_repository"]
    assert command == ["gitpuller", repository, settings["natocourse_class_branch"],
                       repository.rstrip("/").split("/")[-1]]
    assert repository != CONFIG["repository"]["url"]


def test_collect_reads_the_homes_on_the_claim_the_hub_writes_them_to():
    claims = {d["metadata"]["name"]: d for d in GRADING if d["kind"] == "PersistentVolumeClaim"}
    storage = VALUES["singleuser"]["storage"]
    assert storage["type"] == "static" and storage["static"]["subPath"] == "home/{username}"
    assert claims[storage["static"]["pvcName"]]["spec"]["accessModes"] == ["ReadWriteMany"]
    job = next(d for d in GRADING if d["kind"] == "Job")
    pod = job["spec"]["template"]["spec"]
    container = pod["containers"][0]
    volumes = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    homes = container["command"][container["command"].index("--homes") + 1]
    assert container["command"][:5] == ["python", "-m", "natocourse", "collect", "ps1"]
    mount = next(m for path, m in mounts.items() if homes.startswith(path))
    assert volumes[mount["name"]] == storage["static"]["pvcName"] and mount["readOnly"] is True
    assert homes.endswith("/home")  # the subPath's parent: one folder per student
    assert container["image"].split(":")[0] == VALUES["singleuser"]["image"]["name"]


def test_grading_is_sized_to_the_jobs_pod():
    limits = next(d for d in GRADING if d["kind"] == "Job")["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]
    pod = machine.Resources(cpus=float(limits["cpu"]), memory_mb=int(limits["memory"].rstrip("Gi")) * 1024)
    assert machine.kernel_memory_mb(pod) == 2048 and machine.default_jobs(2048, pod) == 3
    student = VALUES["singleuser"]
    assert student["cpu"]["limit"] <= 1 and student["memory"]["limit"] == "2G"


def test_the_grading_job_can_start_the_sandbox_without_privileges():
    """What the instructor guide's "Grading securely" asks of a grading pod (bubblewrap's needs)."""
    pod = next(d for d in GRADING if d["kind"] == "Job")["spec"]["template"]["spec"]
    context = pod["containers"][0]["securityContext"]
    assert pod["hostUsers"] is False and context["procMount"] == "Unmasked"
    assert context["seccompProfile"]["type"] == context["appArmorProfile"]["type"] == "Unconfined"
    assert not context.get("privileged") and not context.get("capabilities", {}).get("add")


def test_the_readme_names_every_file_of_deploy():
    readme = (DEPLOY / "README.md").read_text()
    for path in DEPLOY.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme, path.name


def chart_schema() -> tuple[dict, dict]:
    """The chart's own schema and default values, from a chart folder named by NATOCOURSE_Z2JH_CHART
    (``helm pull jupyterhub/jupyterhub --version 4.4.0 --untar``, or the chart's source folder)."""
    folder = Path(os.environ.get("NATOCOURSE_Z2JH_CHART", ""))
    if not os.environ.get("NATOCOURSE_Z2JH_CHART"):
        pytest.skip("the Z2JH chart is in no package registry this course can reach: set "
                    "NATOCOURSE_Z2JH_CHART to a folder of chart 4.4.0 to validate against its own schema")
    for name in ("values.schema.json", "values.schema.yaml"):
        if (folder / name).is_file():
            return yaml.safe_load((folder / name).read_text()), yaml.safe_load((folder / "values.yaml").read_text())
    pytest.fail(f"{folder} holds no values.schema.json or values.schema.yaml: is it the chart's folder?")


def keys_the_chart_lacks(ours: dict, chart: dict, where: str = "") -> list[str]:
    """Each key our closed schema names that the chart's schema neither names (as a property or by a
    pattern) nor leaves open."""
    missing = []
    for key, sub in ours.get("properties", {}).items():
        theirs = chart.get("properties", {}).get(key) or next(
            (schema for pattern, schema in chart.get("patternProperties", {}).items() if re.search(pattern, key)), None)
        if theirs is not None:
            missing += keys_the_chart_lacks(sub, theirs, f"{where}{key}.")
        elif chart.get("additionalProperties", True) is False:
            missing.append(where + key)
    return missing


def test_the_values_pass_the_charts_own_schema_where_the_chart_is_available():
    schema, defaults = chart_schema()
    for layers in ([VALUES], [VALUES, LTI]):
        values = merged(defaults, *layers)  # Helm validates the defaults merged with the values files
        errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(values)]
        assert errors == []
    assert keys_the_chart_lacks(SCHEMA, schema) == []  # our schema names only keys the chart has
