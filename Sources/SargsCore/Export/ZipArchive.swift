import Foundation

/// Writes a ZIP archive (APPNOTE 6.3) of stored, uncompressed entries: readable by every
/// operating system's built-in tools, with nothing to configure. Entries are small text files,
/// and the download is compressed in transit anyway.
public struct ZipArchive: Sendable {
    /// One file of the archive.
    public struct Entry: Sendable, Hashable {
        /// A relative path with `/` separators.
        public var path: String
        public var contents: [UInt8]

        public init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }

        public init(path: String, text: String) {
            self.init(path: path, contents: Array(text.utf8))
        }
    }

    /// Why an archive could not be written.
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLarge
        case invalidPath(String)

        public var description: String {
            switch self {
            case .tooLarge: return "the archive would exceed 4 GiB or 65,535 entries (ZIP64 is not written)"
            case .invalidPath(let path): return "the archive path '\(path)' is not a safe relative path"
            }
        }
    }

    /// The archive bytes. `modified` is stored as each entry's DOS date and time (UTC).
    public static func write(_ entries: [Entry], modified: Date) throws(WriteError) -> [UInt8] {
        guard entries.count < 0xFFFF else { throw .tooLarge }
        let (dosTime, dosDate) = dosDateTime(modified)
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            guard !entry.path.isEmpty, !entry.path.hasPrefix("/"), !entry.path.split(separator: "/").contains("..")
            else {
                throw .invalidPath(entry.path)
            }
            let name = Array(entry.path.utf8)
            let crc = CRC32.checksum(entry.contents)
            guard entry.contents.count < 0xFFFF_FFFF, output.count < 0xFFFF_FFFF else { throw .tooLarge }
            let size = UInt32(entry.contents.count)
            let offset = UInt32(output.count)
            // Local file header.
            output.append(le32: 0x0403_4B50)
            output.append(le16: 20)  // version needed: 2.0
            output.append(le16: 0x0800)  // flags: names are UTF-8
            output.append(le16: 0)  // method: stored
            output.append(le16: dosTime)
            output.append(le16: dosDate)
            output.append(le32: crc)
            output.append(le32: size)
            output.append(le32: size)
            output.append(le16: UInt16(name.count))
            output.append(le16: 0)
            output += name
            output += entry.contents
            // Central directory record.
            central.append(le32: 0x0201_4B50)
            central.append(le16: 0x031E)  // made by: Unix, 3.0
            central.append(le16: 20)
            central.append(le16: 0x0800)
            central.append(le16: 0)
            central.append(le16: dosTime)
            central.append(le16: dosDate)
            central.append(le32: crc)
            central.append(le32: size)
            central.append(le32: size)
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)  // extra
            central.append(le16: 0)  // comment
            central.append(le16: 0)  // disk
            central.append(le16: 0)  // internal attributes
            central.append(le32: 0o100644 << 16)  // external: regular file, rw-r--r--
            central.append(le32: offset)
            central += name
        }
        guard output.count + central.count < 0xFFFF_FFFF else { throw .tooLarge }
        let centralOffset = UInt32(output.count)
        output += central
        output.append(le32: 0x0605_4B50)
        output.append(le16: 0)
        output.append(le16: 0)
        output.append(le16: UInt16(entries.count))
        output.append(le16: UInt16(entries.count))
        output.append(le32: UInt32(central.count))
        output.append(le32: centralOffset)
        output.append(le16: 0)
        return output
    }

    static func dosDateTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = CivilDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = seconds - day.dayNumber * 86_400
        let year = min(max(day.year, 1980), 2107)
        let time =
            UInt16(secondOfDay / 3600) << 11 | UInt16(secondOfDay % 3600 / 60) << 5 | UInt16(secondOfDay % 60 / 2)
        let date = UInt16(year - 1980) << 9 | UInt16(day.month) << 5 | UInt16(day.day)
        return (time, date)
    }
}

extension [UInt8] {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
