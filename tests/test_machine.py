"""Grading sized to its machine: --jobs and the kernels' memory default to what the process's
cgroup (a pod's or a container's limits) allows, read from fake cgroup v1 and v2 trees."""

from pathlib import Path

import pytest

from natocourse.tooling import course, machine
from natocourse.tooling.classroom import commands

GIB = 2**30
V1_NO_LIMIT = "9223372036854771712"


def tree(root: Path, files: dict[str, str], proc_cgroup: str) -> tuple[Path, Path]:
    """A fake /sys/fs/cgroup under ``root`` holding ``files``, and a fake /proc/self."""
    cgroup = root / "sys-fs-cgroup"
    for name, text in files.items():
        path = cgroup / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n")
    cgroup.mkdir(exist_ok=True)
    proc = root / "proc-self"
    proc.mkdir()
    (proc / "cgroup").write_text(proc_cgroup)
    return cgroup, proc


def v2(tmp_path, files, path="/"):
    return tree(tmp_path, {"cgroup.controllers": "cpu memory", **files}, f"0::{path}\n")


def test_a_pod_on_a_big_node_gets_the_pods_cpus_not_the_nodes(tmp_path):
    # Kubernetes (cgroup v2): the pod's limit sits on a parent of the container's cgroup
    root, proc = v2(tmp_path, {"kubepods/pod1/cpu.max": "200000 100000", "kubepods/pod1/memory.max": str(8 * GIB),
                               "kubepods/pod1/ctr/cpu.max": "max 100000", "kubepods/pod1/ctr/memory.max": "max"},
                    path="/kubepods/pod1/ctr")
    available = machine.resources(root, proc, cpus=64, memory_bytes=256 * GIB)
    assert available == machine.Resources(cpus=2.0, memory_mb=8192)
    assert machine.kernel_memory_mb(available) == 2048
    assert machine.default_jobs(2048, available) == 2


def test_memory_caps_the_jobs_when_the_cpus_would_allow_more(tmp_path):
    root, proc = v2(tmp_path, {"cpu.max": "800000 100000", "memory.max": str(5 * GIB)})
    available = machine.resources(root, proc, cpus=64, memory_bytes=256 * GIB)
    assert available.cpus == 8
    assert machine.default_jobs(2048, available) == 2  # (5120 - 512) // 2048


def test_a_small_pod_gives_each_kernel_less_memory_and_runs_one(tmp_path):
    root, proc = v2(tmp_path, {"cpu.max": "50000 100000", "memory.max": str(GIB)})
    available = machine.resources(root, proc, cpus=16, memory_bytes=64 * GIB)
    assert available == machine.Resources(cpus=0.5, memory_mb=1024)
    assert machine.kernel_memory_mb(available) == 512
    assert machine.default_jobs(512, available) == 1


def test_no_limit_in_v2_is_the_machine(tmp_path):
    root, proc = v2(tmp_path, {"cpu.max": "max 100000", "memory.max": "max"})
    assert machine.resources(root, proc, cpus=6, memory_bytes=16 * GIB) == machine.Resources(6.0, 16384)


def test_cgroup_v1_quota_and_memory_limit(tmp_path):
    root, proc = tree(tmp_path, {
        "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "300000", "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000",
        "cpu,cpuacct/cpu.cfs_quota_us": "-1", "cpu,cpuacct/cpu.cfs_period_us": "100000",
        "memory/docker/abc/memory.limit_in_bytes": str(6 * GIB), "memory/memory.limit_in_bytes": V1_NO_LIMIT},
        "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n")
    available = machine.resources(root, proc, cpus=32, memory_bytes=128 * GIB)
    assert available == machine.Resources(cpus=3.0, memory_mb=6144)
    assert machine.default_jobs(machine.kernel_memory_mb(available), available) == 2  # (6144 - 512) // 2048


def test_cgroup_v1_inside_a_container_reads_its_own_mount(tmp_path):
    # with a private cgroup namespace the mount is the container's cgroup and its path is absent
    root, proc = tree(tmp_path, {"cpu/cpu.cfs_quota_us": "150000", "cpu/cpu.cfs_period_us": "100000",
                                 "memory/memory.limit_in_bytes": str(3 * GIB)},
                      "4:memory:/kubepods/burstable/pod9/x\n3:cpu:/kubepods/burstable/pod9/x\n")
    assert machine.resources(root, proc, cpus=48, memory_bytes=64 * GIB) == machine.Resources(1.5, 3072)


def test_v1_without_limits_and_missing_files_are_the_machine(tmp_path):
    root, proc = tree(tmp_path, {"cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000",
                                 "memory/memory.limit_in_bytes": V1_NO_LIMIT}, "2:cpu:/\n1:memory:/\n")
    assert machine.resources(root, proc, cpus=2, memory_bytes=24 * GIB) == machine.Resources(2.0, 24576)
    empty = tmp_path / "nothing"
    assert machine.resources(empty, empty, cpus=3, memory_bytes=7 * GIB) == machine.Resources(3.0, 7168)
    assert machine.kernel_memory_mb(machine.Resources(3.0, None)) == machine.KERNEL_MEMORY_MB


def test_worker_count_and_the_options_default_to_the_cgroup(tmp_path, monkeypatch):
    root, proc = v2(tmp_path, {"cpu.max": "400000 100000", "memory.max": str(GIB + GIB // 2)})
    small = machine.resources(root, proc, cpus=96, memory_bytes=512 * GIB)
    monkeypatch.setattr(machine, "resources", lambda *a, **k: small)
    assert course.worker_count(None, 100) == 1  # 4 CPUs, but (1536 - 512) // 1024 kernels of 1024 MB
    assert course.worker_count(None, 100, memory_mb=256) == 4
    assert course.worker_count(7, 100) == 7  # --jobs given: as asked
    from natocourse.tooling.cli import parser

    args = parser().parse_args(["grade", "x.ipynb", "--out", "g.csv"])
    assert commands.limits_from(args).memory_mb == 1024
    args = parser().parse_args(["grade", "x.ipynb", "--out", "g.csv", "--memory", "3000"])
    assert commands.limits_from(args).memory_mb == 3000


def test_this_machine_is_read_without_error():
    here = machine.resources()
    assert here.cpus >= 1 or 0 < here.cpus < 1
    assert course.worker_count(None, 1000) >= 1


@pytest.mark.parametrize("text", ["", "garbage", "max", "-5 100000", "100000 0"])
def test_unreadable_quotas_are_no_limit(tmp_path, text):
    root, proc = v2(tmp_path, {"cpu.max": text, "memory.max": text or "x"})
    assert machine.resources(root, proc, cpus=5, memory_bytes=10 * GIB) == machine.Resources(5.0, 10240)
