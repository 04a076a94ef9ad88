# -*- coding: utf-8 -*-
"""Hosted Engine Wizard event callback.

Writes one JSON object per line, flushed per event, to the file named by the
environment variable WIZARD_EVENTS_FILE, and a short human line per event to
stdout (ansible.log). Every secret value (extra vars whose name contains
"password") and every private-key block is masked *before* anything is
written, to either place: the role masks almost nothing itself (FIELDS.md,
"Secrets").

Enable as the stdout callback:
  ANSIBLE_STDOUT_CALLBACK=wizard_events ANSIBLE_CALLBACK_PLUGINS=<playbooks>/callback_plugins
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
    name: wizard_events
    type: stdout
    short_description: JSON lines for the Hosted Engine Wizard, secrets masked
    description:
      - One JSON event per line to the file named by WIZARD_EVENTS_FILE; short masked lines to stdout.
'''

import datetime
import json
import os
import re
import shlex
import sys
from urllib.parse import quote, quote_plus

from ansible import context
from ansible.plugins.callback import CallbackBase

MASK = '********'
FIELD_CAP = 8 * 1024
LIST_CAP = 200
DEPTH_CAP = 12
# Named by the wizard (FIELDS.md, "Secrets"); any other var with "password" in its name counts too.
SECRET_VARS = ('he_appliance_password', 'he_admin_password', 'he_iscsi_password', 'he_iscsi_discover_password')
PRIVATE_KEY = re.compile(
    r'-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\Z)', re.DOTALL)
# What may stand between two characters of a secret that output wrapped: a real or JSON-escaped break.
BREAK = r'(?:\r?\n[ \t]*|(?:\\r)?\\n)?'
SHELL_SAFE = re.compile(r'[\w@%+=:,./-]+', re.ASCII)
# The server names the variables it sent as secrets (names only); each must be found to be masked.
SECRET_NAMES_ENV = 'WIZARD_SECRET_VARS'
MASKING_FAILED_TASK = 'Load the values to mask'
# The exit code of a run the callback refused (ansible-playbook itself never uses it).
REFUSED_EXIT = 3


def _forms(value):
    """Each literal form a secret takes in output (the server's Redactor.forms keeps the same list)."""
    forms = [value, json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1]]
    if not SHELL_SAFE.fullmatch(value):
        forms.append(shlex.quote(value))
        forms.append("'" + value.replace("'", "'\\''") + "'")
        forms.append(''.join(c if SHELL_SAFE.fullmatch(c) else '\\' + c for c in value))
    path = quote(value, safe='')
    forms += [path, quote_plus(value, safe=''), quote_plus(value, safe='').replace('%2A', '*').replace('~', '%7E')]
    seen = []
    for form in forms:
        if form not in seen:
            seen.append(form)
    return seen


def _wrapped(value):
    """A form of a secret with an optional line break between any two of its characters."""
    return re.compile(BREAK.join(re.escape(c) for c in value))


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _plain(value):
    """AnsibleUnsafeText and friends become plain Python values."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        return value.decode('utf-8', 'replace')
    return value


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'wizard_events'

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._secrets = []
        self._wrapped = []
        self._fd = None
        path = os.environ.get('WIZARD_EVENTS_FILE')
        if path:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        tags = context.CLIARGS.get('tags') if context.CLIARGS else None
        self._tag = ','.join(t for t in (tags or ()) if t != 'all') or None
        self._wrap_display()

    # ---- masking -------------------------------------------------------
    def _collect_secrets(self, extra_vars):
        """Learns the values to mask; raises ValueError naming a secret the server sent but that is not here."""
        values = set()  # every form of every secret
        extra_vars = extra_vars or {}
        expected = [n for n in os.environ.get(SECRET_NAMES_ENV, '').split(',') if n]
        missing = [n for n in expected if n not in extra_vars]
        if missing:
            raise ValueError('the secret variable(s) %s did not arrive' % ', '.join(sorted(missing)))
        for name, value in extra_vars.items():
            if name in SECRET_VARS or name in expected or 'password' in str(name).lower():
                value = _plain(value)
                if value is None or isinstance(value, (dict, list)):
                    continue
                text = str(value)
                if len(text) >= 1:
                    values.update(_forms(text))
        known = set(self._secrets)
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted(known | values, key=len, reverse=True)
        self._wrapped += [_wrapped(v) for v in sorted(values - known) if len(v) > 1]

    def _mask_text(self, text):
        text = PRIVATE_KEY.sub(MASK, text)
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        if '\n' in text or '\\n' in text:
            for pattern in self._wrapped:
                text = pattern.sub(MASK, text)
        return text

    def _clean(self, value, depth=0):
        """Masked, trimmed, JSON-ready copy of any result value."""
        value = _plain(value)
        if depth > DEPTH_CAP:
            return '(nested too deep)'
        if isinstance(value, str):
            text = self._mask_text(value)
            if len(text) > FIELD_CAP:
                text = text[:FIELD_CAP] + '... (%d characters cut)' % (len(text) - FIELD_CAP)
            return text
        if isinstance(value, dict):
            return {self._clean(str(_plain(k)), depth + 1): self._clean(v, depth + 1) for k, v in value.items()}
        if isinstance(value, (list, tuple, set)):
            items = list(value)
            cleaned = [self._clean(v, depth + 1) for v in items[:LIST_CAP]]
            if len(items) > LIST_CAP:
                cleaned.append('... (%d items cut)' % (len(items) - LIST_CAP))
            return cleaned
        if value is None or isinstance(value, (bool, int, float)):
            return value
        return self._clean(str(value), depth + 1)

    # ---- writing -------------------------------------------------------
    def _emit(self, event, task=None, host=None, human=None, **fields):
        record = {
            'event': event,
            'time': _now(),
            # A task of the play, or the name of a step of the callback's own (a plain string).
            'task': task.get_name() if hasattr(task, 'get_name') else task,
            'task_path': task.get_path() if hasattr(task, 'get_path') else None,
            'host': host,
            'tag': self._tag,
        }
        record.update(fields)
        record.setdefault('otopi', {})
        line = json.dumps(self._clean(record), ensure_ascii=False, sort_keys=False, default=str) + '\n'
        if self._fd is not None:
            data = line.encode('utf-8')
            # One write per line: a reader never sees two events interleaved.
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
        if human:
            self._human(human)

    def _human(self, text):
        sys.stdout.write(self._mask_text(text) + '\n')
        sys.stdout.flush()

    def _wrap_display(self):
        """Masks what Ansible itself prints (warnings, errors) and records warnings as events."""
        display = self._display
        if getattr(display, '_wizard_wrapped', False):
            return
        original_display = display.display
        original_warning = display.warning
        callback = self

        def masked_display(msg, *args, **kwargs):
            return original_display(callback._mask_text(str(msg)), *args, **kwargs)

        def warning(msg, *args, **kwargs):
            try:
                callback._emit('warning', msg=str(msg))
            except Exception:  # a warning must never break the run
                pass
            return original_warning(callback._mask_text(str(msg)), *args, **kwargs)

        display.display = masked_display
        display.warning = warning
        display._wizard_wrapped = True

    def _refuse(self, error):
        """Ends the run before any task: the values to mask could not be read, so nothing may be written."""
        msg = ('The run was stopped before any task ran: the wizard could not read the passwords it must hide'
               ' from the log (%s). Nothing was done on the host. Start it again; if this repeats, restart'
               ' the wizard.') % type(error).__name__
        if isinstance(error, ValueError):
            msg = msg.replace('(%s)' % type(error).__name__, '(%s)' % error)
        self._emit('failed', task=MASKING_FAILED_TASK, msg=msg, masking=True, human='failed: %s' % msg)
        sys.stdout.flush()
        if self._fd is not None:
            os.close(self._fd)
        os._exit(REFUSED_EXIT)

    # ---- results -------------------------------------------------------
    def _otopi(self, result):
        values = {}
        res = result._result if hasattr(result, '_result') else {}
        register = getattr(result._task, 'register', None)
        if register and str(register).startswith('otopi_'):
            values[str(register)] = {k: v for k, v in res.items() if not str(k).startswith('_ansible')}
        for source in (res, res.get('ansible_facts') or {}):
            if isinstance(source, dict):
                for key, value in source.items():
                    if str(key).startswith('otopi_'):
                        values[str(key)] = value
        return values

    def _result_fields(self, result):
        res = dict(result._result)
        fields = {'otopi': self._otopi(result)}
        # path: where a file task (tempfile, file, stat) acted; the role's pauses name their lock file by it.
        for key in ('msg', 'stderr', 'stdout', 'rc', 'cmd', 'path'):
            if key in res and res[key] not in (None, ''):
                fields[key] = res[key]
        if res.get('warnings'):
            fields['warnings'] = res['warnings']
        if '_ansible_item_label' in res or 'item' in res:
            fields['item'] = res.get('_ansible_item_label', res.get('item'))
        fields['changed'] = bool(res.get('changed', False))
        return fields

    def _host(self, result):
        return result._host.get_name() if result._host is not None else None

    # ---- hooks ---------------------------------------------------------
    def v2_playbook_on_start(self, playbook):
        self._emit('playbook_start', playbook=os.path.basename(playbook._file_name),
                   human='PLAYBOOK [%s]' % os.path.basename(playbook._file_name))

    def v2_playbook_on_play_start(self, play):
        try:
            self._collect_secrets(play.get_variable_manager().extra_vars)
        except Exception as e:  # fail closed: nothing runs that could print an unmasked secret
            self._refuse(e)
        name = play.get_name().strip()
        self._emit('play_start', play=name, human='PLAY [%s]' % name)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit('task_start', task=task, human='TASK [%s]' % task.get_name())

    def v2_playbook_on_handler_task_start(self, task):
        self._emit('task_start', task=task, handler=True, human='HANDLER [%s]' % task.get_name())

    def v2_runner_on_ok(self, result):
        host = self._host(result)
        fields = self._result_fields(result)
        word = 'changed' if fields['changed'] else 'ok'
        self._emit('ok', task=result._task, host=host, human='%s: [%s]' % (word, host), **fields)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        host = self._host(result)
        fields = self._result_fields(result)
        fields.setdefault('msg', 'the task failed')
        self._emit('failed', task=result._task, host=host, ignored=bool(ignore_errors),
                   human='failed: [%s] %s%s' % (host, fields['msg'], ' (ignored)' if ignore_errors else ''),
                   **fields)

    def v2_runner_on_skipped(self, result):
        host = self._host(result)
        self._emit('skipped', task=result._task, host=host, human='skipping: [%s]' % host)

    def v2_runner_on_unreachable(self, result):
        host = self._host(result)
        fields = self._result_fields(result)
        fields.setdefault('msg', 'the host is unreachable')
        self._emit('unreachable', task=result._task, host=host,
                   human='unreachable: [%s] %s' % (host, fields['msg']), **fields)

    def v2_runner_item_on_ok(self, result):
        host = self._host(result)
        fields = self._result_fields(result)
        self._emit('item_ok', task=result._task, host=host, human='  item ok: [%s]' % host, **fields)

    def v2_runner_item_on_failed(self, result):
        host = self._host(result)
        fields = self._result_fields(result)
        fields.setdefault('msg', 'the item failed')
        self._emit('item_failed', task=result._task, host=host,
                   human='  item failed: [%s] %s' % (host, fields['msg']), **fields)

    def v2_runner_item_on_skipped(self, result):
        host = self._host(result)
        fields = self._result_fields(result)
        self._emit('item_skipped', task=result._task, host=host, human='  item skipped: [%s]' % host, **fields)

    def v2_runner_retry(self, result):
        host = self._host(result)
        res = result._result
        self._emit('retry', task=result._task, host=host,
                   attempt=res.get('attempts'), retries=res.get('retries'),
                   human='retrying: [%s] (%s/%s)' % (host, res.get('attempts'), res.get('retries')))

    def v2_playbook_on_no_hosts_matched(self):
        self._emit('warning', msg='no hosts matched', human='no hosts matched')

    def v2_playbook_on_stats(self, stats):
        summary = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
        lines = ['PLAY RECAP'] + ['%s : %s' % (h, ' '.join('%s=%s' % kv for kv in sorted(s.items())))
                                  for h, s in summary.items()]
        self._emit('stats', stats=summary, human='\n'.join(lines))
