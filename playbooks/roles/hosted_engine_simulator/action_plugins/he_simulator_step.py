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
# On a remote host (an SSH connection) they are written there, over the run's own connection.
# With a state it also writes engine-admin.json beside the state file (mode 0600): a PBKDF2-SHA256
# hash of the play's he_admin_password, so the simulated engine (SimulatedEngine.java) can check
# admin@internal's password without keeping it. The password is read from task_vars, never taken
# as a task argument (those may be logged), and appears in no file, result or log; without the
# variable no such file is written.
# With `validate_hostnames` ({hosts_file, he_fqdn, he_host_address, he_host_ip, he_bridge_if, tasks,
# index}) it judges the names as the real role's 002_validate_hostname_tasks.yml does, with the
# real messages, resolving through a SIMULATED NAME TABLE (hosts_file, /etc/hosts format; a test
# double of DNS) before the real resolver, and fails only at the task where the role would fail.
# With he_simulator_log_root set, every step also writes the host's logs below that directory as a
# deployment would (var/log/ovirt-hosted-engine-setup/ovirt-hosted-engine-setup-ansible-<tag>-<time>.log;
# after a failure of a tag that has the local VM, the engine logs the role's fetch_engine_logs.yml
# copies; when the double is installed, the HA agent's and broker's logs), each file's first line
# saying it is a SIMULATOR TEST DOUBLE. Only task names and failure messages are written.
# With `restore` ({action, ...}) it plays one step of the real role's restore_backup.yml (see the
# section "restore" below): the archive is really read, by the engine-backup test double.
from __future__ import annotations

import base64
import datetime
import grp
import hashlib
import ipaddress
import json
import os
import socket
import subprocess
import shutil
import pwd
import shlex
import stat
import sys
import tempfile
import time

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('seconds', 'until', 'fail', 'fail_msg', 'result', 'facts', 'mkdtemp', 'install_double',
                             'validate_hostnames', 'restore'))

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
        logs = _SimulatedLogs(task_vars or {})
        if _bool(args.get('fail')):
            result['failed'] = True
            result['msg'] = str(args.get('fail_msg') or 'Simulated failure')
            logs.step(self._task.name, result['msg'])
            return result
        restore = args.get('restore')
        if restore:
            self._restore(_plain(restore), result)
            failure = result.get('msg') if result.get('failed') else None
            # "Run engine-backup" has ignore_errors: the role goes on, so no engine logs are fetched.
            logs.step(self._task.name, failure, fetch_engine_logs=not self._task.ignore_errors)
            return result
        logs.step(self._task.name, None)
        check = args.get('validate_hostnames')
        if check:
            verdict = _validate_hostnames(_plain(check))
            if verdict and verdict[0] == int(check.get('index', -1)):
                result['failed'] = True
                result['msg'] = verdict[1]
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
            self._install_double(double, task_vars or {})
            result.update(changed=True, hosted_engine=os.path.join(str(double['bin_dir']), 'hosted-engine'))
        if double and double.get('state') is not None:
            # The deployment is done: the HA agent and broker run now, and write their logs.
            logs.ha_logs((task_vars or {}).get('he_host_name') or 'localhost')
        if args.get('result'):
            result.update(args['result'])
        if args.get('facts'):
            result['ansible_facts'] = dict(args['facts'])
        return result

    def _install_double(self, double, task_vars):
        if not self._runs_here():
            return self._install_double_remotely(double, task_vars)
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
        state_file = _state_file(double)
        os.makedirs(os.path.dirname(state_file), mode=0o700, exist_ok=True)
        fd = os.open(state_file + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            json.dump(_plain(double.get('state') or {}), f, indent=1)
        os.replace(state_file + '.tmp', state_file)
        password = self._admin_password(task_vars)
        if password:
            _write_private_json(os.path.join(os.path.dirname(state_file), 'engine-admin.json'), _admin_hash(password))
        # A new engine VM comes from the appliance: what an update of the last one did is gone with it.
        try:
            os.remove(os.path.join(os.path.dirname(state_file), 'engine-vm', 'var/lib/engine-update-double/state.json'))
        except FileNotFoundError:
            pass

    def _install_double_remotely(self, double, task_vars):
        """The same files and state as _install_double, written on the remote host over Ansible's
        connection (the run's inventory, its pinned host key): a remote deployment leaves its
        double on that host, at the paths the wizard gave (its per-host directory), never here."""
        bin_dir = str(double['bin_dir'])
        self._remote('mkdir -p -m 0755 %s' % shlex.quote(bin_dir))
        for name in ('hosted-engine', 'ovirt-hosted-engine-cleanup'):
            target = os.path.join(bin_dir, name)
            self._connection.put_file(self._find_needle('files', name), target + '.tmp')
            self._remote('chmod 0755 %s && mv -f %s %s' % (shlex.quote(target + '.tmp'), shlex.quote(target + '.tmp'),
                                                             shlex.quote(target)))
        if double.get('state') is None:
            return
        state_file = _state_file(double)
        self._remote('mkdir -p -m 0700 %s' % shlex.quote(os.path.dirname(state_file)))
        files = [(state_file, _plain(double.get('state') or {}))]
        password = self._admin_password(task_vars)
        if password:
            files.append((os.path.join(os.path.dirname(state_file), 'engine-admin.json'), _admin_hash(password)))
        for path, value in files:
            self._put_private_json_remotely(path, value)

    def _put_private_json_remotely(self, path, value):
        local = tempfile.mkdtemp(prefix='he-simulator-')
        try:
            staged = os.path.join(local, 'file.json')
            _write_private_json(staged, value)
            self._connection.put_file(staged, path + '.tmp')
        finally:
            shutil.rmtree(local, ignore_errors=True)
        self._remote('chmod 0600 %s && mv -f %s %s' % (shlex.quote(path + '.tmp'), shlex.quote(path + '.tmp'),
                                                       shlex.quote(path)))

    def _runs_here(self):
        """A local run (the host is this machine), not one over SSH."""
        return getattr(self._connection, 'transport', 'local') == 'local'

    def _write_beside_state(self, path, value):
        """A private JSON file where the double's state is: here, or on the remote host of an SSH run."""
        if self._runs_here():
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            _write_private_json(path, value)
        else:
            self._remote('mkdir -p -m 0700 %s' % shlex.quote(os.path.dirname(path)))
            self._put_private_json_remotely(path, value)

    def _remove_beside_state(self, path):
        if self._runs_here():
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
        else:
            self._remote('rm -f %s' % shlex.quote(path))

    def _restore(self, r, result):
        """One step of restore_backup.yml; see the section "restore" below."""
        action = r.get('action')
        beside_state = _state_file(r)
        restored_file = os.path.join(os.path.dirname(beside_state), RESTORED_ENGINE) if beside_state else None
        if action == 'forget':
            if restored_file:
                self._remove_beside_state(restored_file)
        elif action == 'copy':
            _restore_copy(str(r.get('src') or ''), result)
        elif action == 'run':
            _restore_run(self._find_needle('files', 'engine-backup'), r, result)
        elif action in ('engine_db', 'rename'):
            if not _bool(r.get('restored')):
                result.update(failed=True, changed=True, rc=2, stdout='', stderr=NO_ENGINE_DB,
                              msg='non-zero return code')
                return
            result.update(changed=True, rc=0, stdout='', stderr='')
            if action == 'rename':
                result['stdout'] = 'UPDATE 1'
                if restored_file:
                    self._write_beside_state(restored_file, _restored_engine(r))
        else:
            raise ValueError('unknown restore action %r' % action)

    def _remote(self, command):
        result = self._low_level_execute_command(command)
        if result.get('rc') != 0:
            raise RuntimeError('%s failed on the remote host: %s' % (command.split()[0], result.get('stderr', '')))

    def _admin_password(self, task_vars):
        """he_admin_password as the role would see it (templated; the wizard marks it unsafe), or None."""
        raw = task_vars.get('he_admin_password')
        if raw is None:
            return None
        try:
            value = self._templar.template(raw)
        except Exception:  # noqa: BLE001 - its message could quote the value: no hash rather than a leak
            return None
        return str(value) if isinstance(value, str) else None


# The admin password's check, in the shape SimulatedEngine.java reads (algorithm and count are in the file).
ADMIN_ALGORITHM = 'PBKDF2WithHmacSHA256'
ADMIN_ITERATIONS = 210000


def _admin_hash(password):
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt, ADMIN_ITERATIONS, dklen=32)
    return {'algorithm': ADMIN_ALGORITHM, 'iterations': ADMIN_ITERATIONS,
            'salt': base64.b64encode(salt).decode('ascii'), 'hash': base64.b64encode(key).decode('ascii')}


def _write_private_json(path, value):
    """path as JSON, mode 0600, through a temporary file renamed into place."""
    tmp = path + '.tmp'
    try:
        os.unlink(tmp)  # a leftover might have a looser mode, which O_CREAT would keep
    except FileNotFoundError:
        pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(value, f)
    os.replace(tmp, path)


def _state_file(args):
    """The double's state file: state_file, else state.json beside bin_dir; None without either."""
    if args.get('state_file'):
        return str(args['state_file'])
    if args.get('bin_dir'):
        return os.path.join(os.path.dirname(str(args['bin_dir']).rstrip('/')), 'state.json')
    return None


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


# ---- validate_hostnames, simulated ------------------------------------------------------------

LOCALHOST = ('localhost', 'localhost.localdomain')


def _name_table(path):
    """name -> [addresses] from a hosts-format file (the simulated name table)."""
    table = {}
    try:
        with open(path, encoding='utf-8') as f:
            for line in f:
                fields = line.split('#', 1)[0].split()
                for name in fields[1:]:
                    table.setdefault(name.lower(), []).append(fields[0])
    except (OSError, TypeError):
        pass
    return table


def _resolve(name, table):
    # kept out on purpose, also from "*.example.com" (SimulatedNameTable.java says the same)
    if name.lower() == 'unresolvable.example.com' or name.lower().endswith('.invalid'):
        return []
    if name.lower() in table:
        return table[name.lower()]
    # "*.example.com" stands for every name under example.com not listed on its own
    for pattern, addresses in table.items():
        if pattern.startswith('*.') and name.lower().endswith(pattern[1:]):
            return addresses
    try:
        found = []
        for info in socket.getaddrinfo(name, None, 0, socket.SOCK_STREAM):
            if info[4][0] not in found:
                found.append(info[4][0])
        return found
    except (socket.gaierror, UnicodeError, OSError):
        return []


def _host_addresses(interface=None):
    """This host's addresses (all, or of one interface), from `ip -j addr`, without lo."""
    try:
        links = json.loads(subprocess.run(['ip', '-j', 'addr', 'show'], capture_output=True, text=True,
                                          timeout=10).stdout or '[]')
    except (OSError, ValueError, subprocess.SubprocessError):
        return []
    out = []
    for link in links:
        if link.get('ifname') == 'lo' or (interface and link.get('ifname') != interface):
            continue
        out.extend(a.get('local') for a in link.get('addr_info', []) if a.get('local'))
    return out


def _not_link_local(addresses):
    kept = []
    for a in addresses:
        try:
            if not ipaddress.ip_address(a).is_link_local:
                kept.append(a)
        except ValueError:
            pass
    return kept


def _validate_hostnames(c):
    """(index of the task that fails, message) as the real role would fail, or None."""
    tasks = c.get('tasks') or []

    def at(name, last=False):
        hits = [i for i, t in enumerate(tasks) if t == name]
        return (hits[-1] if last else hits[0]) if hits else -1

    table = _name_table(c.get('hosts_file'))
    mine = _host_addresses()
    host = c.get('he_host_address') or None
    if host:
        if host in LOCALHOST:
            return at('Avoid localhost'), 'localhost is not a valid address'
        ip = c.get('he_host_ip') or None
        if not ip:
            found = _not_link_local(_resolve(host, table))
            if not found:
                return at('Check address resolution'), 'Unable to resolve address'
            ip = found[0]
        if ip not in mine:
            return at('Ensure host address resolves locally'), \
                'The address proposed for this host does not resolves locally'
        bridge = c.get('he_bridge_if') or None
        if bridge and ip not in _host_addresses(bridge):
            return at('Check the resolved address resolves on the selected interface'), \
                "The resolved address doesn't resolve on the selected interface"
    fqdn = c.get('he_fqdn') or None
    if fqdn:
        if fqdn in LOCALHOST:
            return at('Avoid localhost', last=True), 'localhost is not a valid he_fqdn for the engine VM'
        found = _resolve(fqdn, table)
        if not found:
            return at('Check engine he_fqdn resolution'), 'Unable to resolve address'
        if found[0] in mine:
            return at("Ensure engine he_fqdn doesn't resolve locally"), \
                'The he_fqdn proposed for the engine VM resolves on this host'
    return None


# ---- restore (restore_backup.yml), simulated ----------------------------------------------------
#
# The real role copies he_restore_from_file (on the controller) into the bootstrap engine VM as
# /root/engine_backup, runs engine-backup --mode=restore there (ignore_errors: a failure pauses the
# role, then the database steps run anyway) and edits the restored database with engine-psql.sh.
# The simulator's database is restored-engine.json beside the hosted-engine double's state (the
# real role writes no such file), so that the simulated engine (SimulatedEngine.java) knows the
# restored backup's hosts. Actions: forget (remove a restored-engine.json left from before), copy,
# run, engine_db (a psql step), rename (the last psql step; writes restored-engine.json).

RESTORED_ENGINE = 'restored-engine.json'
# The role's command (restore_backup.yml, folded), as the shell module reports it in "cmd".
RESTORE_COMMAND = ('engine-backup --mode=restore --log=/var/log/ovirt-engine/setup/restore-backup-$(date -u +%Y%m%d%H%M%S).log'
                   ' --file=/root/engine_backup --provision-all-databases --restore-permissions')
# engine-psql.sh in a bootstrap VM whose restore failed before provisioning the databases: the
# appliance's PostgreSQL was never set up, so psql finds no server (PostgreSQL 13's libpq wording).
NO_ENGINE_DB = ('psql: error: could not connect to server: No such file or directory\n'
                '\tIs the server running locally and accepting\n'
                '\tconnections on Unix domain socket "/var/run/postgresql/.s.PGSQL.5432"?')
# ansible.builtin.copy with a src the controller does not have (ansible-core 2.14's AnsibleFileNotFound).
COPY_NOT_FOUND = ("Could not find or access '%s' on the Ansible Controller.\n"
                  "If you are using a module and expect the file to exist on the remote, see the remote_src option")
# he_cmd_lang of the real role.
CMD_LANG = {'LANG': 'en_US.UTF-8', 'LC_MESSAGES': 'en_US.UTF-8', 'LC_ALL': 'en_US.UTF-8'}


def _restore_copy(src, result):
    """'Copy the backup file to the engine VM for restore', in the copy module's result shape."""
    if not src or not os.path.exists(src) or not os.access(src, os.R_OK):
        result.update(failed=True, msg=COPY_NOT_FOUND % src)
        return
    result.update(changed=True, dest='/root/engine_backup', mode='0600', owner='root', group='root', uid=0, gid=0)
    if os.path.isfile(src):
        digest = hashlib.sha1()
        with open(src, 'rb') as f:
            for chunk in iter(lambda: f.read(1 << 20), b''):
                digest.update(chunk)
        result.update(state='file', size=os.path.getsize(src), checksum=digest.hexdigest())
    else:
        result.update(state='directory')


def _restore_run(engine_backup, r, result):
    """'Run engine-backup': the engine-backup test double restores the archive in a throwaway
    directory standing for the bootstrap engine VM's root (its paths shown as in the VM), in the
    shell module's result shape. The restored dump, when the double got as far as restoring the
    database, is kept in he_simulator_engine_db for the later steps. A requested failure makes the
    double fail right after its first line, before anything is restored."""
    root = tempfile.mkdtemp(prefix='he-simulator-engine-vm-')
    try:
        for directory in ('usr/bin', 'root', 'tmp', 'etc', 'var/log/ovirt-engine/setup'):
            os.makedirs(os.path.join(root, directory), mode=0o700)
        tool = os.path.join(root, 'usr/bin/engine-backup')
        os.symlink(engine_backup, tool)
        archive = os.path.join(root, 'root/engine_backup')
        src = str(r.get('src') or '')
        if os.path.isdir(src):
            os.mkdir(archive, 0o700)  # the copy module copies a directory: engine-backup cannot open it
        elif os.path.isfile(src):
            shutil.copyfile(src, archive)
            os.chmod(archive, 0o600)
        if _bool(r.get('fail')):
            message = str(r.get('fail_msg') or 'Simulated failure at Run engine-backup')
            with open(os.path.join(root, 'etc/engine-backup-double.json'), 'w', encoding='utf-8') as f:
                json.dump({'fail': {'mode': 'restore', 'at': "Start of engine-backup with mode 'restore'",
                                    'message': message}}, f)
        log = 'var/log/ovirt-engine/setup/restore-backup-%s.log' % time.strftime('%Y%m%d%H%M%S', time.gmtime())
        env = dict(os.environ, TMPDIR=os.path.join(root, 'tmp'), ENGINE_BACKUP_DOUBLE_SPEED=str(r.get('speed') or 1),
                   **CMD_LANG)
        started = datetime.datetime.now()
        done = subprocess.run([sys.executable, tool, '--mode=restore', '--log=' + os.path.join(root, log),
                               '--file=' + archive, '--provision-all-databases', '--restore-permissions'],
                              capture_output=True, text=True, env=env, timeout=3600)
        ended = datetime.datetime.now()
        stdout = done.stdout.replace(root, '').rstrip('\r\n')
        stderr = done.stderr.replace(root, '').rstrip('\r\n')
        result.update(changed=True, cmd=RESTORE_COMMAND, rc=done.returncode, stdout=stdout, stderr=stderr,
                      stdout_lines=stdout.splitlines(), stderr_lines=stderr.splitlines(), start=str(started),
                      end=str(ended), delta=str(ended - started), msg='')
        if done.returncode != 0:
            result.update(failed=True, msg='non-zero return code')
        try:
            with open(os.path.join(root, 'var/lib/engine-backup-double/restored.json'), encoding='utf-8') as f:
                result['he_simulator_engine_db'] = json.load(f)
        except (OSError, ValueError):
            pass  # nothing restored
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _restored_engine(r):
    """restored-engine.json: the restored database as the role leaves it. "Remove host used to
    redeploy" deleted this host's row (restore_host_redeploy.yml, matched case-insensitively as its
    upper() = upper() does); "Rename previous HE storage domain to avoid name conflicts" renamed the old
    domain <name>_old_<ansible_date_time.iso8601_basic_short> (taken here in UTC)."""
    dump = r.get('engine_db') if isinstance(r.get('engine_db'), dict) else {}
    this_host = str(r.get('host_name') or '').lower()
    hosts = [h for h in dump.get('hosts') or [] if isinstance(h, dict) and str(h.get('hostname', '')).lower() != this_host]
    return {
        'backup': os.path.basename(str(r.get('src') or '')),
        'engine_fqdn': dump.get('engine_fqdn'),
        'version': dump.get('version'),
        'data_center': dump.get('data_center'),
        'cluster': dump.get('cluster'),
        'hosts': hosts,
        'renamed_storage_domain': '%s_old_%s' % (r.get('storage_domain_name') or 'hosted_storage',
                                                 time.strftime('%Y%m%dT%H%M%S', time.gmtime())),
    }


_HEADER = '# SIMULATOR TEST DOUBLE: written by the hosted_engine_simulator role (the wizard\'s simulator), not by oVirt.\n'
# Tags that have the local VM: a failure there makes the real role fetch the engine's logs.
_DEPLOYMENT_TAGS = ('initial_clean', 'bootstrap_local_vm', 'create_storage_domain', 'create_target_vm', 'final_clean')
_ENGINE_TAGS = ('bootstrap_local_vm', 'create_storage_domain', 'create_target_vm')


class _SimulatedLogs:
    """The logs a deployment leaves on the host, written below he_simulator_log_root (test double)."""

    def __init__(self, task_vars):
        self.root = str(task_vars.get('he_simulator_log_root') or '')
        tags = [t for t in (task_vars.get('ansible_run_tags') or []) if t != 'all']
        self.tag = str(tags[0]) if tags else 'untagged'

    def _append(self, relative, lines):
        path = os.path.join(self.root, relative)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        new = not os.path.exists(path)
        with open(path, 'a', encoding='utf-8') as f:
            if new:
                f.write(_HEADER)
            for line in lines:
                f.write(line + '\n')

    @staticmethod
    def _now():
        t = time.time()
        return time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(t)) + ',%03d+0000' % int((t % 1) * 1000)

    def _setup_log(self):
        # One file per playbook run, named as the real setup names them, stamped with the run's start.
        try:
            started = os.stat('/proc/%d' % os.getppid()).st_ctime
        except OSError:
            started = time.time()
        stamp = time.strftime('%Y%m%d%H%M%S', time.gmtime(started))
        return 'var/log/ovirt-hosted-engine-setup/ovirt-hosted-engine-setup-ansible-%s-%s-%d.log' % (
            self.tag, stamp, os.getppid())

    def step(self, name, failure, fetch_engine_logs=True):
        # Only a deployment's tags write the setup log (discovery and name checks do not, as on a host).
        if not self.root or self.tag not in _DEPLOYMENT_TAGS:
            return
        now = self._now()
        lines = ["%s INFO ansible task start {'status': 'OK', 'ansible_type': 'task', 'ansible_playbook': "
                 "'hosted_engine_setup', 'ansible_task': '%s'}" % (now, name)]
        if failure is None:
            lines.append("%s INFO ansible ok {'status': 'OK', 'ansible_type': 'task', 'ansible_task': '%s', "
                         "'ansible_host': 'localhost'}" % (now, name))
        else:
            lines.append("%s ERROR ansible failed {'status': 'FAILED', 'ansible_type': 'task', 'ansible_task': '%s', "
                         "'ansible_result': '%s'}" % (now, name, failure.replace("'", '"')))
        self._append(self._setup_log(), lines)
        if failure is not None and fetch_engine_logs and self.tag in _ENGINE_TAGS:
            stamp = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())
            self._append('var/log/ovirt-hosted-engine-setup/engine-logs-%s/log/ovirt-engine/engine.log' % stamp, [
                '%s INFO  [org.ovirt.engine.core.bll.ServiceLoader] (ServerService Thread Pool -- 1) Start org.ovirt.engine.core.bll.InitBackendServicesOnStartupBean' % now,
                '%s ERROR [org.ovirt.engine.core.bll.hostdeploy.AddVdsCommand] (default task-1) Simulated engine error while the role ran: %s'
                % (now, failure),
            ])

    def ha_logs(self, host):
        if not self.root:
            return
        now = self._now()
        self._append('var/log/ovirt-hosted-engine-ha/agent.log', [
            'MainThread::INFO::%s::agent::67::ovirt_hosted_engine_ha.agent.agent.Agent::(run) ovirt-hosted-engine-ha agent 2.5.0 started' % now,
            'MainThread::INFO::%s::hosted_engine::948::ovirt_hosted_engine_ha.agent.hosted_engine.HostedEngine::(_initialize_broker) Starting monitor network, options {\'addr\': \'%s\'}' % (now, host),
            'MainThread::INFO::%s::states::406::ovirt_hosted_engine_ha.agent.hosted_engine.HostedEngine::(consume) Engine vm running on localhost' % now,
            'MainThread::INFO::%s::hosted_engine::517::ovirt_hosted_engine_ha.agent.hosted_engine.HostedEngine::(_monitoring_loop) Current state EngineUp (score: 3400)' % now,
        ])
        self._append('var/log/ovirt-hosted-engine-ha/broker.log', [
            'MainThread::INFO::%s::broker::47::ovirt_hosted_engine_ha.broker.broker.Broker::(run) ovirt-hosted-engine-ha broker 2.5.0 started' % now,
            'Thread-1::INFO::%s::mem_free::51::mem_free.MemFree::(action) memFree: 28000' % now,
            'Thread-2::INFO::%s::engine_health::246::engine_health.EngineHealth::(_result_from_stats) VM is up on this host with healthy engine' % now,
        ])
