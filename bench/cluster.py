"""Several Isoko nodes behind a real load balancer, on loopback: the harness of tests/nodes/ and of
the two-node and load benches (docs/scaling.md says what it stands for).

    from bench.cluster import cluster

    with cluster(database_url, redis_url) as c:
        c.url              # https://127.0.0.1:<port>: HAProxy, TLS ended there (c.ca_file)
        c.http_url         # http://127.0.0.1:<port>: the same HAProxy in plain HTTP
        c.nodes[0].url     # one gunicorn node directly (plain HTTP)
        c.nodes[1].kill()  # SIGKILL a node (its whole process group); .stop() is graceful
        c.workers, c.beats # Celery worker and beat processes, with .kill(), .log(), .alive
        c.env              # the environment every process got (for manage.py and the like)

What runs, all on free loopback ports and in process groups of their own:
- ``web_nodes`` gunicorn nodes (production settings, ``web_workers`` sync workers each);
- HAProxy in front: round robin, a health check on /healthz every 0.5 s, X-Forwarded-Proto and
  X-Forwarded-For, ``option redispatch`` with retries, so the requests of a dead node go to the
  others. A request that fails mid-way (the node died under it) is replayed on another node only
  if it is a GET or HEAD; a POST is replayed only if it never reached a node. Every answer says
  which node gave it (``X-Isoko-Node: n1``), and a request with ``X-Isoko-Node: n2`` goes to n2
  while n2 is up (tests use it to alternate nodes);
- ``celery_workers`` Celery workers and ``beats`` beat processes (one sends: the Redis lock of
  config/beat.py, with ``beat_lock_timeout``/``beat_interval`` seconds);
- all on one PostgreSQL database (``database_url``, migrated by the caller), one Redis database
  (``redis_url``; the cluster's own queue and beat keys in it, removed at the end) and one object
  store: the S3 server given as ``s3`` (the ISOKO_STORAGE=s3 variables, as tests/s3.py's
  ``S3Server.env()`` gives them), or else a media and a private directory shared by every
  process.

Ready means: every node answers /healthz with 200 directly and through HAProxy, every worker
said "ready", and one beat holds the lock. A process that exits or a timeout raises ClusterError
with the end of every process's log. On leaving, every process group is stopped (SIGTERM, then
SIGKILL) and the cluster's files are removed (``keep_logs=True`` keeps them, and says where).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import http.client
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The sandbox's public dev-only pair (marketplace_sandbox/config.py): nothing real is called.
MARKETPLACE_DEV_KEY = ("isoko-dev", "isoko-dev-sandbox-secret")


class ClusterError(RuntimeError):
    pass


_handed_out: set[int] = set()


def free_port() -> int:
    """A free loopback port, never one handed out before in this process (the cluster picks all
    its ports before anything binds them): from BENCH_PORTS ("21500-21599", on a machine where
    port ranges are shared out) if set, else any the system gives."""
    first, _, last = os.environ.get("BENCH_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0] * 50
    for candidate in candidates:
        if candidate in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port
    raise ClusterError(f"no free port (BENCH_PORTS={os.environ.get('BENCH_PORTS', '')})")


@dataclass
class Process:
    """One process of the cluster, the leader of its own process group, logging to a file."""

    name: str
    popen: subprocess.Popen
    log_path: Path
    url: str = ""  # nodes only: http://127.0.0.1:<port>

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the process and its children at once: nothing is finished or handed back."""
        _signal_group(self.popen, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (gunicorn and Celery finish what they hold), then SIGKILL what is left."""
        if self.alive:
            _signal_group(self.popen, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        _signal_group(self.popen, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)


def stop_all(processes: list[Process], timeout: float = 5.0) -> None:
    """Stop processes together: SIGTERM to each group, a shared wait, then SIGKILL."""
    for process in processes:
        if process.alive:
            _signal_group(process.popen, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.popen.wait(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        _signal_group(process.popen, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.popen.wait(timeout=10)


def _signal_group(popen: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(popen.pid, signum)


@dataclass
class Cluster:
    url: str
    http_url: str
    ca_file: Path
    nodes: list[Process]
    workers: list[Process]
    beats: list[Process]
    haproxy: Process
    env: dict
    queue: str
    beat_key_prefix: str
    workdir: Path

    @property
    def processes(self) -> list[Process]:
        return [*self.nodes, *self.workers, *self.beats, self.haproxy]

    def node(self, name: str) -> Process:
        return next(node for node in self.nodes if node.name == name)

    def logs(self, tail: int = 40) -> str:
        """The last `tail` lines of every process's log, for a failure message."""
        parts = []
        for process in self.processes:
            state = "running" if process.alive else f"exited {process.popen.returncode}"
            lines = process.log().splitlines()[-tail:]
            parts.append(f"--- {process.name} ({state}) {process.log_path}\n" + "\n".join(lines))
        return "\n".join(parts)

    def active_beat(self) -> Process | None:
        """The live beat that holds the lock (its log says it acquired it; the others wait),
        or None if no live beat, or more than one, says so."""
        holders = [beat for beat in self.beats if beat.alive and "Acquired lock" in beat.log()]
        return holders[-1] if len(holders) == 1 else None

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run ``manage.py`` with the cluster's environment."""
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, **kwargs
        )


@contextlib.contextmanager
def cluster(
    database_url: str,
    redis_url: str,
    *,
    s3: dict | None = None,
    web_nodes: int = 2,
    web_workers: int = 2,
    celery_workers: int = 2,
    worker_concurrency: int = 1,
    beats: int = 2,
    beat_lock_timeout: int = 10,
    beat_interval: int = 2,
    env: dict | None = None,
    startup_timeout: float = 240.0,  # six Django processes on a busy 2-core CI machine
    keep_logs: bool = False,
) -> Iterator[Cluster]:
    """Start the cluster (see the module's doc), yield a Cluster, stop it on leaving."""
    workdir = Path(tempfile.mkdtemp(prefix="isoko-cluster-"))
    tag = uuid.uuid4().hex[:8]
    https_port, http_port = free_port(), free_port()
    url, http_url = f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
    pem, ca_file = _self_signed_certificate(workdir)
    process_env = _environment(
        workdir=workdir,
        database_url=database_url,
        redis_url=redis_url,
        base_url=url,
        s3=s3,
        queue=f"isoko-cluster-{tag}",
        beat_key_prefix=f"isoko-cluster-{tag}:beat",
        beat_lock_timeout=beat_lock_timeout,
        beat_interval=beat_interval,
        extra=env or {},
    )
    started: list[Process] = []
    running: Cluster | None = None
    try:
        process_env["STATIC_ROOT"] = str(collected_static(process_env))
        nodes = [
            _start_node(f"n{i + 1}", process_env, workdir, web_workers) for i in range(web_nodes)
        ]
        started += nodes
        workers = [
            _start(
                f"worker{i + 1}",
                [
                    *("-m", "celery", "-A", "config", "worker", "-l", "info"),
                    *("--concurrency", str(worker_concurrency)),
                    *("--hostname", f"w{i + 1}-{tag}@%h", "--without-gossip", "--without-mingle"),
                ],
                process_env,
                workdir,
            )
            for i in range(celery_workers)
        ]
        started += workers
        beat_processes = [
            _start(
                f"beat{i + 1}",
                [
                    *("-m", "celery", "-A", "config", "beat", "-l", "info"),
                    *("--schedule", str(workdir / f"beat{i + 1}-schedule")),
                ],
                process_env,
                workdir,
            )
            for i in range(beats)
        ]
        started += beat_processes
        haproxy = _start_haproxy(workdir, nodes, https_port, http_port, pem)
        started.append(haproxy)
        running = Cluster(
            url=url,
            http_url=http_url,
            ca_file=ca_file,
            nodes=nodes,
            workers=workers,
            beats=beat_processes,
            haproxy=haproxy,
            env=process_env,
            queue=process_env["ISOKO_CELERY_QUEUE"],
            beat_key_prefix=process_env["ISOKO_BEAT_KEY_PREFIX"],
            workdir=workdir,
        )
        _wait_ready(running, startup_timeout)
        yield running
    finally:
        stop_all(started)
        _forget_redis_keys(redis_url, process_env)
        if keep_logs:
            print(f"cluster: logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _environment(
    *,
    workdir: Path,
    database_url: str,
    redis_url: str,
    base_url: str,
    s3: dict | None,
    queue: str,
    beat_key_prefix: str,
    beat_lock_timeout: int,
    beat_interval: int,
    extra: dict,
) -> dict:
    if str(ROOT) not in sys.path:  # run as a script from bench/
        sys.path.insert(0, str(ROOT))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from certificates.credentials.multibase import encode_public_key, encode_secret_key

    key = Ed25519PrivateKey.generate()
    credential_keys = [
        {
            "id": f"cluster-{queue[-8:]}",
            "secretKeyMultibase": encode_secret_key(key),
            "publicKeyMultibase": encode_public_key(key.public_key()),
        }
    ]
    env = {
        key: value
        for key, value in os.environ.items()
        # What a test or a shell may have set for itself, never for production processes.
        if not key.startswith(("DJANGO_", "PYTEST_", "ISOKO_", "S3_"))
        and key not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "PRIVATE_ROOT", "STATIC_ROOT")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "ISOKO_CREDENTIAL_KEYS": json.dumps(credential_keys),
            "WAGTAILADMIN_BASE_URL": base_url,
            "ISOKO_MARKETPLACE_KEY_ID": MARKETPLACE_DEV_KEY[0],
            "ISOKO_MARKETPLACE_SECRET": MARKETPLACE_DEV_KEY[1],
            # HAProxy ends TLS; nodes are also reached directly over plain HTTP (benches).
            "SECURE_SSL_REDIRECT": "false",
            # No SMTP server here: e-mail stays in each process's memory.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "ISOKO_CELERY_QUEUE": queue,
            "ISOKO_BEAT_KEY_PREFIX": beat_key_prefix,
            "ISOKO_BEAT_LOCK_TIMEOUT": str(beat_lock_timeout),
            "ISOKO_BEAT_MAX_LOOP_INTERVAL": str(beat_interval),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            "PYTHONWARNINGS": "ignore",
        }
    )
    if s3:
        env.update({"ISOKO_STORAGE": "s3", **s3})
    else:
        # One directory every process reads and writes, standing in for the object store.
        for name in ("media", "private"):
            (workdir / name).mkdir()
        env.update({"MEDIA_ROOT": str(workdir / "media"), "PRIVATE_ROOT": str(workdir / "private")})
    env.update(extra)
    return env


def collected_static(env: dict) -> Path:
    """The production static files (hashed names and their manifest, which the production
    settings need to render any page), collected once per version of the sources and
    dependencies under var/cluster-static/. Django's ManifestStaticFilesStorage writes the same
    manifest as production's compressing storage, in a tenth of its time (4 s of CPU, not 40):
    WhiteNoise serves the files uncompressed, which no page's HTML depends on."""
    digest = hashlib.sha256((ROOT / "requirements" / "base.txt").read_bytes())
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    base = ROOT / "var" / "cluster-static"
    target = base / digest.hexdigest()[:16]
    if (target / "staticfiles.json").exists():
        return target
    base.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
    script = (
        "import django\n"
        "from django.conf import settings\n"
        "settings.STORAGES = {**settings.STORAGES, 'staticfiles': {'BACKEND': "
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
        f"settings.STATIC_ROOT = {str(building)!r}\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        shutil.rmtree(building, ignore_errors=True)
        raise ClusterError(f"collectstatic failed:\n{result.stdout}\n{result.stderr}")
    try:
        building.rename(target)
    except OSError:  # another run collected the same version meanwhile
        shutil.rmtree(building, ignore_errors=True)
    return target


def _start(name: str, args: list[str], env: dict, workdir: Path, url: str = "") -> Process:
    log_path = workdir / f"{name}.log"
    with open(log_path, "w") as log:
        popen = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name=name, popen=popen, log_path=log_path, url=url)


def _start_node(name: str, env: dict, workdir: Path, workers: int) -> Process:
    port = free_port()
    args = [
        *("-m", "gunicorn", "config.wsgi:application"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
        # Django is loaded once in the master and forked: half the CPU of a start.
        "--preload",
        *("--graceful-timeout", "5", "--log-level", "warning"),
    ]
    return _start(name, args, env, workdir, url=f"http://127.0.0.1:{port}")


HAPROXY_CONFIG = """\
global
    maxconn 2000
    log stdout format raw local0 info
    ssl-default-bind-options ssl-min-ver TLSv1.2

defaults
    mode http
    log global
    option httplog
    # Only what went wrong (errors, retries, redispatches) is logged.
    option dontlog-normal
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    # A node that refuses or drops a request: try again, on another node each time.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response 503

frontend https_in
    bind 127.0.0.1:{https_port} ssl crt {pem}
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    default_backend isoko

frontend http_in
    bind 127.0.0.1:{http_port}
    option forwardfor
    http-request set-header X-Forwarded-Proto http
    default_backend isoko

backend isoko
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # A node is taken out after 3 failed checks (a killed node refuses at once: ~1 s) and
    # back in after 2; a busy node gets 5 s to answer its check before it counts as failed.
    timeout check 5s
    default-server inter 500ms fall 3 rise 2
    # A request cut off mid-way (its node died) is replayed on another node only if it is safe
    # to repeat; a POST is retried only when it never reached a node (conn-failure).
    http-request disable-l7-retry if !{{ method GET HEAD }}
{use_servers}
    http-response set-header X-Isoko-Node %[srv_name]
{servers}
"""


def _start_haproxy(
    workdir: Path, nodes: list[Process], https_port: int, http_port: int, pem: Path
) -> Process:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise ClusterError("haproxy is not installed (apt-get install haproxy)")
    config = HAPROXY_CONFIG.format(
        https_port=https_port,
        http_port=http_port,
        pem=pem,
        use_servers="\n".join(
            f"    use-server {node.name} if {{ req.hdr(x-isoko-node) -m str {node.name} }}"
            for node in nodes
        ),
        servers="\n".join(
            f"    server {node.name} {node.url.removeprefix('http://')} check" for node in nodes
        ),
    )
    path = workdir / "haproxy.cfg"
    path.write_text(config)
    check = subprocess.run([haproxy, "-c", "-q", "-f", str(path)], capture_output=True, text=True)
    if check.returncode:
        raise ClusterError(f"haproxy refused its configuration:\n{check.stdout}{check.stderr}")
    log_path = workdir / "haproxy.log"
    with open(log_path, "w") as log:
        popen = subprocess.Popen(
            [haproxy, "-db", "-f", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name="haproxy", popen=popen, log_path=log_path)


def _self_signed_certificate(workdir: Path) -> tuple[Path, Path]:
    """A throw-away certificate authority and HAProxy's certificate for 127.0.0.1 and localhost,
    signed by it: (HAProxy's certificate and key, the authority's certificate for clients to
    trust). A real chain, not one self-signed certificate: urllib3 verifies strictly."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)

    def build(subject: str, issuer: x509.Name, public_key, signer):
        return (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()),
                critical=False,
            )
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Isoko cluster test CA")])
    ca_usage = x509.KeyUsage(
        digital_signature=False, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    ca = (
        build("Isoko cluster test CA", ca_name, ca_key.public_key(), ca_key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(ca_usage, critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    leaf = (
        build("127.0.0.1", ca_name, key.public_key(), ca_key)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    pem, ca_file = workdir / "haproxy.pem", workdir / "ca.pem"
    pem.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + key_pem)
    pem.chmod(0o600)
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return pem, ca_file


def get(url: str, path: str, *, node: str = "", ca_file: Path | None = None, timeout=5.0):
    """One GET: (status, headers, body). ``node`` asks HAProxy for that node."""
    scheme, _, hostport = url.partition("://")
    host, _, port = hostport.partition(":")
    if scheme == "https":
        context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        conn = http.client.HTTPSConnection(host, int(port), timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        headers = {"Host": host, **({"X-Isoko-Node": node} if node else {})}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        # HAProxy sends header names in lower case: HTTPMessage looks them up in any case.
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def _wait_ready(c: Cluster, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = "the cluster"

    def check_alive() -> None:
        for process in c.processes:
            if not process.alive:
                raise ClusterError(
                    f"{process.name} exited ({process.popen.returncode}) while the cluster "
                    f"started\n{c.logs()}"
                )

    def ready() -> str:
        """What is not ready yet ("" when all is)."""
        for node in c.nodes:
            with contextlib.suppress(OSError, http.client.HTTPException):
                if get(node.url, "/healthz")[0] == 200:
                    continue
            return f"{node.name} (/healthz)"
        for node in c.nodes:
            answer = None
            with contextlib.suppress(OSError, http.client.HTTPException):
                answer = get(c.url, "/healthz", node=node.name, ca_file=c.ca_file)
            if not answer or answer[0] != 200 or answer[1].get("X-Isoko-Node") != node.name:
                return f"haproxy to {node.name}"
        for worker in c.workers:
            if " ready." not in worker.log():
                return worker.name
        if c.beats and not any("Acquired lock" in beat.log() for beat in c.beats):
            return "a beat holding the lock"
        return ""

    while time.monotonic() < deadline:
        check_alive()
        waiting = ready()
        if not waiting:
            return
        time.sleep(0.3)
    raise ClusterError(f"not ready after {timeout:.0f} s: waiting for {waiting}\n{c.logs()}")


def _forget_redis_keys(redis_url: str, env: dict) -> None:
    """The cluster's queue and beat keys (its schedule, lock and entries) leave Redis with it."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        queue = env["ISOKO_CELERY_QUEUE"]
        keys = [queue, *client.scan_iter(f"{env['ISOKO_BEAT_KEY_PREFIX']}*", count=500)]
        client.delete(*keys)
    except redis.RedisError:
        pass
    finally:
        client.close()


def _smoke() -> None:
    """`python bench/cluster.py [DATABASE_URL [REDIS_URL]]` (defaults: BENCH_DATABASE_URL or
    postgres://postgres@127.0.0.1:5432/isoko_nodes_bench, made if missing; BENCH_REDIS_URL,
    REDIS_URL or Redis db 0 on loopback): migrate the database, start the cluster, show which
    nodes answer, kill one, show the other answering every request, stop. `make bench` runs it."""
    import psycopg

    database = (sys.argv[1:2] or [""])[0] or os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isoko_nodes_bench"
    )
    broker = (sys.argv[2:3] or [""])[0] or (
        os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    base, _, name = database.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database,
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    started = time.monotonic()
    with cluster(database, broker) as running:
        print(f"cluster: ready in {time.monotonic() - started:.1f} s at {running.url}")
        seen = [
            get(running.url, "/healthz", ca_file=running.ca_file)[1]["X-Isoko-Node"]
            for _ in range(6)
        ]
        print(f"cluster: /healthz through HAProxy answered by {seen}")
        running.nodes[0].kill()
        answers = [get(running.url, "/healthz", ca_file=running.ca_file) for _ in range(6)]
        print(
            f"cluster: after killing {running.nodes[0].name}: "
            f"{[(status, headers['X-Isoko-Node']) for status, headers, _ in answers]}"
        )
        if {status for status, _, _ in answers} != {200}:
            raise SystemExit(f"cluster: a request failed after the kill\n{running.logs()}")


if __name__ == "__main__":
    _smoke()
