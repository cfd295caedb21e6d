"""Three `sargs serve` processes on one PostgreSQL, written to and read from concurrently through
a round-robin client: no lost or duplicated subject, decisions on one instance see consents given
through another at once, the audit chain does not fork (`sargs audit verify`), and each outbox
message is sent exactly once. Usage: python3 Tests/multi-instance/multi_instance_test.py path/to/sargs
Needs SARGS_TEST_DATABASE_URL (a PostgreSQL the user may create databases on), as ./scripts/test gives it.
"""
import base64, email, glob, json, os, secrets, socket, subprocess, sys, tempfile, threading, time, urllib.error, urllib.parse, urllib.request

BINARY = sys.argv[1]
POLICY = "examples/coral-club.yaml"
INSTANCES, CLIENTS, ROUNDS = 3, 12, 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, statement):
    parts = urllib.parse.urlsplit(url)
    env = dict(os.environ, PGPASSWORD=parts.password or "")
    out = subprocess.run(["psql", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username, "-d", parts.path.lstrip("/"),
                          "-tAc", statement], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


def main():
    base_url = os.environ["SARGS_TEST_DATABASE_URL"]
    name = f"sargs_multi_{os.getpid()}"
    psql(base_url, f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(base_url)
    database_url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    data = tempfile.mkdtemp(prefix="sargs-multi-")
    env = dict(os.environ, DATABASE_URL=database_url, SARGS_MASTER_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
               SARGS_RETENTION_SCHEDULE="off")
    servers = []
    try:
        subprocess.run([BINARY, "migrate", "--data-dir", data, "--policy", POLICY], env=env, check=True, capture_output=True)
        key = [line for line in subprocess.run([BINARY, "keys", "create", "--role", "admin", "--data-dir", data, "--policy", POLICY],
                                                env=env, check=True, capture_output=True, text=True).stdout.splitlines()
               if line.startswith("sargs_")][0]
        ports = [free_port() for _ in range(INSTANCES)]
        for port in ports:
            servers.append(subprocess.Popen([BINARY, "serve", "--data-dir", data, "--policy", POLICY, "--port", str(port)],
                                            env=dict(env, SARGS_PUBLIC_URL=f"http://127.0.0.1:{port}"),
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for port in ports:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError(f"instance on {port} did not start")

        turn = [0]
        lock = threading.Lock()

        def call(method, path, body=None, instance=None):
            with lock:
                index = turn[0] % INSTANCES if instance is None else instance
                turn[0] += 1
            request = urllib.request.Request(f"http://127.0.0.1:{ports[index]}{path}", method=method,
                                             data=json.dumps(body).encode() if body is not None else None,
                                             headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return json.loads(raw) if raw else None

        failures, created, requests = [], [], []

        def client(number):
            try:
                for round in range(ROUNDS):
                    address = f"multi-{number}-{round}@example.lv"
                    subject = call("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "multi", "collected_for": "services",
                                                            "data": {"user.contact.email": address, "user.name": "Multi"}})["id"]
                    created.append(subject)
                    # Consent through one instance, the decision through the next: no stale cache.
                    first = (number + round) % INSTANCES
                    call("POST", f"/v1/subjects/{subject}/consents", {"purpose": "marketing", "channel": "email", "state": "given",
                                                                     "method": "multi"}, instance=first)
                    given = call("POST", "/v1/decisions", {"subject_id": subject, "purpose": "marketing", "channel": "email"},
                                 instance=(first + 1) % INSTANCES)
                    assert given["allowed"] is True, given
                    call("POST", f"/v1/subjects/{subject}/consents", {"purpose": "marketing", "channel": "email", "state": "withdrawn",
                                                                     "method": "multi"}, instance=(first + 1) % INSTANCES)
                    withdrawn = call("POST", "/v1/decisions", {"subject_id": subject, "purpose": "marketing", "channel": "email"},
                                     instance=(first + 2) % INSTANCES)
                    assert withdrawn["allowed"] is False, withdrawn
                    if round % 5 == 0:
                        requests.append(call("POST", "/v1/requests", {"type": "access", "email": address, "language": "lv", "channel": "web",
                                                                      "client_ip": f"10.0.{number}.{round}"})["id"])
            except Exception as error:  # noqa: BLE001 - reported below
                failures.append(f"client {number}: {error!r}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        assert not failures, "\n".join(failures[:5])

        expected_subjects = CLIENTS * ROUNDS
        messages = int(psql(database_url, "SELECT count(*) FROM outbox"))
        deadline = time.time() + 60
        while time.time() < deadline and int(psql(database_url, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL")) > 0:
            time.sleep(0.5)
        for server in servers:
            server.terminate()
            server.wait(timeout=15)
        servers.clear()

        subjects = int(psql(database_url, "SELECT count(*) FROM subjects"))
        assert subjects == expected_subjects == len(set(created)), f"subjects: {subjects} stored, {len(set(created))} answered, {expected_subjects} sent"
        creates = int(psql(database_url, "SELECT count(*) FROM audit_entries WHERE action = 'subject.create'"))
        assert creates == expected_subjects, f"{creates} subject.create entries for {expected_subjects} subjects"
        assert messages >= 2 * len(requests) > 0, f"{messages} outbox messages for {len(requests)} requests"
        undelivered = int(psql(database_url, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"))
        assert undelivered == 0, f"{undelivered} messages not delivered"
        files = glob.glob(os.path.join(data, "mail", "*.eml"))
        ids = [email.message_from_binary_file(open(path, "rb"))["Message-ID"] for path in files]
        assert len(files) == messages and len(set(ids)) == len(ids), f"{len(files)} mails written ({len(set(ids))} distinct) for {messages} messages"
        verify = subprocess.run([BINARY, "audit", "verify", "--data-dir", data, "--policy", POLICY], env=env, capture_output=True, text=True)
        assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr
        print(f"multi-instance: ok ({INSTANCES} instances, {expected_subjects} subjects, {messages} messages sent once, "
              f"{verify.stdout.strip()}; {elapsed:.1f} s)")
    finally:
        for server in servers:
            server.kill()
        psql(base_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
