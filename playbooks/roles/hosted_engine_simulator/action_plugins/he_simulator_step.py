# One simulated step of the hosted-engine role (simulator / test double only).
#
# Runs on the controller (no module is sent to the host): waits until the wall-clock time
# `until` (epoch seconds; or for `seconds`), then either fails
# with `fail_msg` (when `fail` is true) or succeeds, returning `result` merged into the task
# result and `facts` as ansible_facts (as set_fact would). With `mkdtemp` ({path, prefix}) it
# creates an empty temporary directory and returns it in the shape of ansible.builtin.tempfile.
# With `install_double` ({bin_dir, state_file, state}) it copies the role's test doubles
# (files/hosted-engine, files/ovirt-hosted-engine-cleanup) into bin_dir and writes `state` as the
# doubles' JSON state file: done here, not as extra tasks, so the run shows only real task names.
from __future__ import annotations

import grp
import json
import os
import shutil
import pwd
import stat
import tempfile
import time

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('seconds', 'until', 'fail', 'fail_msg', 'result', 'facts', 'mkdtemp', 'install_double'))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        try:
            seconds = float(args.get('seconds') or 0)
            if args.get('until'):
                seconds = float(args['until']) - time.time()
        except (TypeError, ValueError):
            seconds = 0.0
        if seconds > 0:
            time.sleep(seconds)
        result['changed'] = False
        if _bool(args.get('fail')):
            result['failed'] = True
            result['msg'] = str(args.get('fail_msg') or 'Simulated failure')
            return result
        mk = args.get('mkdtemp')
        if mk:
            path = tempfile.mkdtemp(prefix=str(mk.get('prefix') or 'ansible.'), dir=str(mk.get('path')))
            st = os.stat(path)
            result.update(changed=True, path=path, state='directory', mode='%04o' % stat.S_IMODE(st.st_mode),
                          uid=st.st_uid, gid=st.st_gid, owner=_user(st.st_uid), group=_group(st.st_gid),
                          size=st.st_size)
        double = args.get('install_double')
        if double and str(double.get('bin_dir') or ''):
            self._install_double(double)
            result.update(changed=True, hosted_engine=os.path.join(str(double['bin_dir']), 'hosted-engine'))
        if args.get('result'):
            result.update(args['result'])
        if args.get('facts'):
            result['ansible_facts'] = dict(args['facts'])
        return result

    def _install_double(self, double):
        bin_dir = str(double['bin_dir'])
        os.makedirs(bin_dir, mode=0o755, exist_ok=True)
        for name in ('hosted-engine', 'ovirt-hosted-engine-cleanup'):
            source = self._find_needle('files', name)
            target = os.path.join(bin_dir, name)
            shutil.copyfile(source, target + '.tmp')
            os.chmod(target + '.tmp', 0o755)
            os.replace(target + '.tmp', target)
        if double.get('state') is None:
            return  # the tools only (installing packages): the host's state stays as it is
        state_file = str(double.get('state_file') or os.path.join(os.path.dirname(bin_dir.rstrip('/')), 'state.json'))
        os.makedirs(os.path.dirname(state_file), mode=0o700, exist_ok=True)
        fd = os.open(state_file + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            json.dump(_plain(double.get('state') or {}), f, indent=1)
        os.replace(state_file + '.tmp', state_file)


def _plain(value):
    """Ansible's unsafe strings and lazy containers as plain JSON values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return str(value)


def _bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ('1', 'true', 'yes', 'on')
    return bool(value)


def _user(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid):
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)
