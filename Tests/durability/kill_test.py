"""Kill -9 under load loses no acknowledged write: concurrent clients create subjects on the
embedded default (group commit on), the server is killed with SIGKILL mid-load, restarted on the
same data directory, and every subject it had answered 201 for is there, with its audit entry; the
chain verifies. Usage: python3 Tests/durability/kill_test.py path/to/sargs
"""
import json, os, signal, socket, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

BINARY = sys.argv[1]
POLICY = "examples/coral-club.yaml"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data, port):
    process = subprocess.Popen([BINARY, "serve", "--data-dir", data, "--policy", POLICY, "--port", str(port)],
                               env=dict(os.environ, SARGS_RETENTION_SCHEDULE="off"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("sargs serve did not start")


def main():
    data = tempfile.mkdtemp(prefix="sargs-kill-")
    key = [line for line in subprocess.run([BINARY, "keys", "create", "--role", "admin", "--data-dir", data, "--policy", POLICY],
                                            capture_output=True, text=True, check=True).stdout.splitlines() if line.startswith("sargs_")][0]
    port = free_port()
    server = start(data, port)
    acknowledged, stop = [], threading.Event()
    lock = threading.Lock()

    def client(number):
        count = 0
        while not stop.is_set():
            count += 1
            body = {"country": "LV", "language": "lv", "source": "kill", "collected_for": "services",
                    "data": {"user.contact.email": f"kill-{number}-{count}@example.lv", "user.name": "Kill"}}
            request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/subjects", method="POST", data=json.dumps(body).encode(),
                                             headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    if response.status == 201:
                        with lock:
                            acknowledged.append(json.loads(response.read())["id"])
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server is gone: whatever was not answered 201 may or may not be stored

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 50, f"only {len(acknowledged)} creates were acknowledged before the kill"

    server = start(data, port)
    try:
        missing = []
        for subject in acknowledged:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/subjects/{subject}?purpose=services",
                                             headers={"Authorization": f"Bearer {key}"})
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    missing.append(subject)
                else:
                    raise
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged subjects were lost"
    finally:
        server.terminate()
        server.wait(timeout=15)
    verify = subprocess.run([BINARY, "audit", "verify", "--data-dir", data, "--policy", POLICY], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    print(f"kill -9: ok ({len(acknowledged)} acknowledged creates all present after the restart; {verify.stdout.strip()})")


if __name__ == "__main__":
    main()
