#!/usr/bin/env python3
"""Regenerate vars/main/tasks.yml, durations.yml and restore.yml from the installed real role.

For each tag the wizard runs, this lists the real role's tasks with
  ansible-playbook -i localhost, playbooks/list_tasks.yml --list-tasks --tags TAG --skip-tags always
and keeps the names in listing order (without the "role : " prefix). Unnamed includes are
listed by ansible as "include_tasks" and are kept as such: the simulator emits one task per
listed line. Durations spread each tag's share of a ~60 s deployment (at he_simulator_speed
1.0) over its steps by a weight per step: the steps that are slow on a real host (waits,
engine-setup, appliance install, disk copies) weigh more.

The restore steps (restore_backup.yml, and restore_host_redeploy.yml which it includes once per
loop item) run only when he_restore_from_file is set, through an include_tasks that
bootstrap_local_vm lists as one unnamed "include_tasks". They are listed under list_tasks.yml's
own tags; where that include sits in bootstrap_local_vm, and how many times restore_backup.yml
includes restore_host_redeploy.yml, are read from the role's YAML (vars/main/restore.yml).

Run from anywhere:  python3 playbooks/roles/hosted_engine_simulator/tools/generate_tasks.py
"""
import json
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = os.path.dirname(HERE)
PLAYBOOKS = os.path.dirname(os.path.dirname(ROLE))

# The tags the wizard runs, in the order of partial_execution.yml.
TAGS = ["initial_clean", "bootstrap_local_vm", "create_storage_domain", "create_target_vm",
        "final_clean", "get_network_interfaces", "validate_hostnames", "fc_getdevices",
        "iscsi_discover", "iscsi_getdevices"]

# Seconds per tag at speed 1.0. The five deployment tags add up to 56 s (with ansible's own
# start-up and per-task overhead, about 60 s measured), in the proportions
# of a real deployment (bootstrap ~25 min, target VM ~20 min, storage ~5, cleanups ~1-3).
TOTALS = {"initial_clean": 2.5, "bootstrap_local_vm": 27.0, "create_storage_domain": 4.0,
          "create_target_vm": 21.0, "final_clean": 1.5, "get_network_interfaces": 1.0,
          "validate_hostnames": 1.5, "fc_getdevices": 1.5, "iscsi_discover": 2.0,
          "iscsi_getdevices": 2.0}

# The restore steps' share, at speed 1.0, on top of bootstrap_local_vm's: a restore of a small
# engine takes a few minutes on a real host.
RESTORE_TOTAL = 4.0
# Listing tag (playbooks/list_tasks.yml) of each task file of the restore.
RESTORE_LISTS = {"restore_backup": "list_restore_backup", "restore_host_redeploy": "list_restore_host_redeploy"}
# The debug task before the pause that precedes the restore in 03_engine_initial_tasks.yml.
PAUSE_BEFORE_ENGINE_SETUP = "Allow the user to connect to the bootstrap engine VM and change configuration"

# Weight of one step (default 1): patterns of the steps that take minutes on a real host.
WEIGHTS = [
    (r"^Run engine-backup$", 30),
    (r"^Copy the backup file", 5),
    (r"^Run engine setup$", 60),
    (r"^Install .*(appliance|packages)", 25),
    (r"^Extract appliance", 15),
    (r"^(Wait|Check) .*(host|engine|VM|storage domain|OVF).*(up|running|ready|created|available|alive)", 20),
    (r"^Wait ", 10),
    (r"Copy .*(disk|image)|Inject network configuration|Update local VM", 12),
    (r"^Add (HE host|host)|^Add .*storage domain|^Activate storage domain", 10),
    (r"^Start|^Restart|^Reboot", 4),
]

# Variables that real task names template (e.g. "Fetch IPv4 CIDR for {{ virbr_default }}"). The
# names are kept raw, as the listing shows them; the simulator defines these variables (in
# vars/main/simulator.yml) with the value a real host has, so the running name matches a real run's.
NAME_VARS = {"virbr_default"}

LINE = re.compile(r"^\s+(?:(\S+) : )?(.*?)\tTAGS: \[.*\]$")


def list_tag(tag):
    out = subprocess.run(
        ["ansible-playbook", "-i", "localhost,", os.path.join(PLAYBOOKS, "list_tasks.yml"),
         "--list-tasks", "--tags", tag, "--skip-tags", "always"],
        check=True, capture_output=True, text=True).stdout
    names = []
    started = False
    for line in out.splitlines():
        if line.strip() == "tasks:":
            started = True
            continue
        m = LINE.match(line) if started else None
        if m:
            names.append(m.group(2))
    if not names:
        sys.exit("no tasks listed for tag %s" % tag)
    return names


def role_dir():
    """The installed hosted_engine_setup role, where ansible finds the ovirt.ovirt collection."""
    out = subprocess.run(["ansible-galaxy", "collection", "list", "ovirt.ovirt", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    for path, collections in json.loads(out).items():
        if "ovirt.ovirt" in collections:
            return os.path.join(path, "ovirt", "ovirt", "roles", "hosted_engine_setup")
    sys.exit("the ovirt.ovirt collection is not installed")


def load_tasks(role, relative):
    with open(os.path.join(role, "tasks", relative)) as f:
        return yaml.safe_load(f)


def restore_include_index(role, bootstrap_names):
    """Index in bootstrap_local_vm's listing of the include_tasks that pulls in restore_backup.yml.

    03_engine_initial_tasks.yml has, one after the other, the block of the pause before engine-setup
    (its debug, then include_tasks ../pause_execution.yml) and the block of the restore (include_tasks
    ../restore_backup.yml alone): the restore's include is listed two lines after that debug."""
    steps = load_tasks(role, "bootstrap_local_vm/03_engine_initial_tasks.yml")[0]["block"]
    for i, step in enumerate(steps[:-1]):
        inner = step.get("block") or []
        if inner and inner[0].get("name") == PAUSE_BEFORE_ENGINE_SETUP:
            restore = steps[i + 1].get("block") or []
            if ([t.get("include_tasks") for t in inner[1:]] == ["../pause_execution.yml"]
                    and [t.get("include_tasks") for t in restore] == ["../restore_backup.yml"]):
                index = bootstrap_names.index(PAUSE_BEFORE_ENGINE_SETUP) + 2
                if bootstrap_names[index - 1:index + 1] == ["include_tasks", "include_tasks"]:
                    return index
    sys.exit("03_engine_initial_tasks.yml no longer has the restore right after the pause before engine-setup:"
             " teach the simulator where the restore runs now")


def host_redeploy_include(role):
    """The task of restore_backup.yml that includes restore_host_redeploy.yml, and how many times it
    does (once per loop item: the host by name, then by unique id)."""
    for step in load_tasks(role, "restore_backup.yml"):
        if step.get("include_tasks") == "restore_host_redeploy.yml":
            return step["name"], len(step.get("loop") or [None])
    sys.exit("restore_backup.yml no longer includes restore_host_redeploy.yml")


def spread(total, names):
    ws = [weight(n) for n in names]
    return [round(total * w / sum(ws), 3) for w in ws]


def weight(name):
    for pattern, w in WEIGHTS:
        if re.search(pattern, name):
            return w
    return 1


def main():
    tasks, durations = {}, {}
    for tag in TAGS:
        names = list_tag(tag)
        for n in names:
            for expr in re.findall(r"{{(.*?)}}|{%", n):
                if expr.strip() not in NAME_VARS:
                    sys.exit("task name %r templates %r: define it in the simulator's vars/main/simulator.yml"
                             " and add it to NAME_VARS" % (n, expr))
        tasks[tag] = names
        durations[tag] = spread(TOTALS[tag], names)
    role = role_dir()
    restore = {name: list_tag(tag) for name, tag in RESTORE_LISTS.items()}
    include_name, rounds = host_redeploy_include(role)
    # One time budget for the whole restore, each host_redeploy step counted once per round.
    all_restore = restore["restore_backup"] + restore["restore_host_redeploy"] * rounds
    per_step = dict(zip(all_restore, spread(RESTORE_TOTAL, all_restore)))
    restore_durations = {name: [per_step[n] for n in names] for name, names in restore.items()}
    include_index = restore_include_index(role, tasks["bootstrap_local_vm"])
    header = ("# GENERATED by tools/generate_tasks.py from the installed ovirt.ovirt.hosted_engine_setup\n"
              "# role (--list-tasks through playbooks/list_tasks.yml). Do not edit: re-run the script.\n")
    # JSON is valid YAML and keeps names quoted exactly.
    with open(os.path.join(ROLE, "vars", "main", "tasks.yml"), "w") as f:
        f.write(header + "---\nhe_sim_tasks:\n")
        for tag in TAGS:
            f.write("  %s:\n" % tag)
            for n in tasks[tag]:
                f.write("    - %s\n" % json.dumps(n))
    with open(os.path.join(ROLE, "vars", "main", "durations.yml"), "w") as f:
        f.write(header + "# Seconds per step at he_simulator_speed 1.0, same order as vars/main/tasks.yml.\n---\n"
                "he_sim_durations:\n")
        for tag in TAGS:
            f.write("  %s: %s  # %.1f s\n" % (tag, json.dumps(durations[tag]), sum(durations[tag])))
    with open(os.path.join(ROLE, "vars", "main", "restore.yml"), "w") as f:
        f.write(header + "---\n"
                "# The tasks of restore_backup.yml and restore_host_redeploy.yml, run only with he_restore_from_file.\n"
                "he_sim_restore_tasks:\n")
        for name, names in restore.items():
            f.write("  %s:\n" % name)
            for n in names:
                f.write("    - %s\n" % json.dumps(n))
        f.write("# Seconds per step at he_simulator_speed 1.0, same order.\nhe_sim_restore_durations:\n")
        for name, seconds in restore_durations.items():
            f.write("  %s: %s\n" % (name, json.dumps(seconds)))
        f.write("# he_sim_tasks.bootstrap_local_vm[this] is the include_tasks that pulls in restore_backup.yml.\n"
                "he_sim_restore_include_index: %d\n" % include_index)
        f.write("# This step of restore_backup.yml includes restore_host_redeploy.yml once per loop item.\n"
                "he_sim_restore_host_redeploy:\n  include: %s\n  rounds: %d\n" % (json.dumps(include_name), rounds))
    for tag in TAGS:
        print("%-24s %4d tasks %6.1f s" % (tag, len(tasks[tag]), sum(durations[tag])))
    print("%-24s %4d tasks %6.1f s (include at bootstrap_local_vm[%d])" % (
        "restore", len(all_restore), sum(per_step[n] for n in all_restore), include_index))


if __name__ == "__main__":
    main()
