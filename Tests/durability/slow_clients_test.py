"""Slow clients cannot take the server down (security review R3): thousands of loopback
connections that send a request head and a few bytes of a long body, and others that send half a
head, are held open; /healthz still answers at once, the per-client cap answers 429 past its limit,
the body deadline answers 408, the idle timeout closes the rest, and none of it is logged as one
error line per connection. Bounded: at most 3,000 sockets and about 30 seconds.
Usage: python3 Tests/durability/slow_clients_test.py path/to/sargs
"""
import os, resource, selectors, socket, subprocess, sys, tempfile, time, urllib.request

BINARY = sys.argv[1]
POLICY = "examples/coral-club.yaml"
SLOW_BODIES, SLOW_HEADS = 2000, 800


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port, timeout=2.0):
    started = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as response:
        assert response.status == 200, response.status
    return time.monotonic() - started


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    data = tempfile.mkdtemp(prefix="sargs-slow-")
    port = free_port()
    log = open(os.path.join(data, "server.log"), "w")
    env = dict(os.environ, SARGS_RETENTION_SCHEDULE="off", SARGS_IDLE_TIMEOUT="4", SARGS_BODY_TIMEOUT="3",
               SARGS_MAX_REQUESTS_PER_CLIENT="1500", SARGS_LOG_LEVEL="info")
    server = subprocess.Popen([BINARY, "serve", "--data-dir", data, "--policy", POLICY, "--port", str(port)], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    failures = []
    try:
        for _ in range(150):
            try:
                healthz(port, 1)
                break
            except OSError:
                time.sleep(0.1)
        sockets = []
        for number in range(SLOW_BODIES):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /privacy/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      b"Content-Length: 100000\r\n\r\nab")
            sockets.append(s)
        for number in range(SLOW_HEADS):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append(s)
        took = healthz(port)
        print(f"healthz with {len(sockets)} slow connections held: {took * 1000:.0f} ms")
        if took > 1.0:
            failures.append(f"healthz took {took:.2f} s")
        # Read what the server answers: 429 past the cap at once, 408 at the body deadline, then closes.
        selector = selectors.DefaultSelector()
        for s in sockets:
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ)
        answers, closed, deadline = {}, 0, time.monotonic() + 12
        while closed < len(sockets) and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.5):
                try:
                    chunk = key.fileobj.recv(4096)
                except OSError:
                    chunk = b""
                if chunk:
                    status = chunk.split(b" ", 2)[1].decode() if chunk.startswith(b"HTTP/1.1") else "?"
                    answers[status] = answers.get(status, 0) + 1
                else:
                    selector.unregister(key.fileobj)
                    key.fileobj.close()
                    closed += 1
        print(f"answers: {answers}; closed by the server: {closed} of {len(sockets)}")
        if closed < len(sockets):
            failures.append(f"{len(sockets) - closed} slow connections still open after the timeouts")
        if answers.get("429", 0) < SLOW_BODIES - 1500:
            failures.append(f"expected at least {SLOW_BODIES - 1500} answers 429 from the per-client cap, got {answers.get('429', 0)}")
        if answers.get("408", 0) < 1:
            failures.append("expected 408 for bodies past the deadline")
        healthz(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    errors = [line for line in open(os.path.join(data, "server.log")) if " error " in line]
    print(f"error lines in the server log: {len(errors)}")
    if len(errors) > 5:
        failures.append(f"{len(errors)} error lines logged, e.g. {errors[0].strip()}")
    if failures:
        print("slow clients: FAILED\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("slow clients: ok")


if __name__ == "__main__":
    main()
