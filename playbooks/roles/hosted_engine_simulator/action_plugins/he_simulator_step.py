# One simulated step of the hosted-engine role (simulator / test double only).
#
# Runs on the controller (no module is sent to the host): waits until the wall-clock time
# `until` (epoch seconds; or for `seconds`), then either fails
# with `fail_msg` (when `fail` is true) or succeeds, returning `result` merged into the task
# result and `facts` as ansible_facts (as set_fact would). With `mkdtemp` ({path, prefix}) it
# creates an empty temporary directory and returns it in the shape of ansible.builtin.tempfile.
from __future__ import annotations

import grp
import os
import pwd
import stat
import tempfile
import time

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('seconds', 'until', 'fail', 'fail_msg', 'result', 'facts', 'mkdtemp'))

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
        if args.get('result'):
            result.update(args['result'])
        if args.get('facts'):
            result['ansible_facts'] = dict(args['facts'])
        return result


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
