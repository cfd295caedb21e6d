import Foundation

/// `python3 -m aiosmtpd` writing to a maildir in a temporary directory.
final class SMTPSink: Sendable {
    let port: Int
    let directory: URL
    let process: Process

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    static func start() throws -> SMTPSink {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
            directory.appendingPathComponent("maildir").path,
        ]
        try process.run()
        // Wait until it accepts connections (at most 10 s).
        for _ in 0..<100 {
            if canConnect(port) { return SMTPSink(port: port, directory: directory, process: process) }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw SinkError.notStarted("aiosmtpd did not start; install it with `python3 -m pip install aiosmtpd`")
    }

    /// A loopback port that was free a moment ago (the OS picks it; aiosmtpd cannot report one it chose).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw SinkError.notStarted("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    func messages() throws -> [String] {
        let new = directory.appendingPathComponent("maildir/new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []
        return try names.map { try String(contentsOf: new.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Stops the sink: SIGTERM, then SIGKILL if it lingers; never waits unboundedly.
    func stop() {
        process.terminate()
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    enum SinkError: Error, CustomStringConvertible {
        case notStarted(String)
        var description: String {
            switch self {
            case .notStarted(let text): return text
            }
        }
    }
}
