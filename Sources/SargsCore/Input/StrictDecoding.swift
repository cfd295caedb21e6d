import Foundation

/// Decoding that refuses what a type does not know.
///
/// `JSONDecoder` drops unknown keys silently, which has legal effect here: a typo in
/// `direct_marketing` records an ordinary objection, `colected_at` dates collection to today. A
/// type decoded through ``StrictDecoding`` is decoded as usual, and then every object in the input
/// is checked: a key the type never read is refused, naming its path. Every string read, and every
/// key, is also checked for control characters (``TextSafety``).
///
/// Use it by decoding ``StrictDecoding/Envelope`` with any `Decoder`-based decoder (JSON, forms):
/// `try JSONDecoder().decode(StrictDecoding.Envelope<Body, StrictDecoding.RejectUnknown>.self, from: data).value`.
public enum StrictDecoding {
    /// Whether keys a type did not read are refused (JSON bodies) or only checked for control
    /// characters (HTML forms, whose buttons and tokens travel with the fields).
    public protocol Mode { static var rejectsUnknownKeys: Bool { get } }
    public enum RejectUnknown: Mode { public static let rejectsUnknownKeys = true }
    public enum AllowUnknown: Mode { public static let rejectsUnknownKeys = false }

    /// A decodable wrapper that decodes `Value` strictly.
    public struct Envelope<Value: Decodable, Strictness: Mode>: Decodable {
        public let value: Value

        public init(from decoder: any Decoder) throws {
            let log = Log(strict: Strictness.rejectsUnknownKeys)
            value = try Value(from: Reader(base: decoder, log: log))
            if Strictness.rejectsUnknownKeys { try log.checkUnknownKeys() }
        }
    }

    /// A dotted path into the input, with array positions in brackets: `details.purposes[1]`.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// The objects seen and the keys each one's type read.
    final class Log: @unchecked Sendable {
        final class Object {
            let path: [any CodingKey]
            let keys: [String]
            var read: Set<String> = []
            init(path: [any CodingKey], keys: [String]) {
                self.path = path
                self.keys = keys
            }
        }

        var objects: [Object] = []
        /// Whether an explicit `null` is refused (JSON: an optional field is left out, never null).
        let strict: Bool

        init(strict: Bool) { self.strict = strict }

        func checkUnknownKeys() throws {
            for object in objects {
                if let unknown = object.keys.first(where: { !object.read.contains($0) }) {
                    // A key that is not a field name (an address pasted as a key) is not echoed back.
                    guard StrictDecoding.looksLikeFieldName(unknown) else {
                        throw DomainError.invalid(
                            StrictDecoding.path(object.path), "holds a key that is not a field name")
                    }
                    throw DomainError.invalid(
                        StrictDecoding.path(object.path + [AnyKey(unknown)]), "is not a known field")
                }
            }
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int?
        init(_ string: String) { stringValue = string; intValue = nil }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
    }

    /// Whether `key` reads as a field name (letters, digits, `_ . -`, at most 64), and so may be
    /// named back in an error; anything else might be a value typed in the wrong place.
    static func looksLikeFieldName(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 64
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// Types the base decoder reads as leaves with its own strategies (dates, data, URLs, decimals).
    static func isLeaf(_ type: Any.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == Decimal.self || type == UUID.self
    }

    /// The earliest and latest instants a time in a request may name: 1900-01-01 and 9999-12-31.
    static let plausibleTimes: ClosedRange<TimeInterval> = -2_208_988_800...253_402_300_799

    /// A decoded leaf, with times outside ``plausibleTimes`` refused (year 0 breaks calendars).
    static func checkedLeaf<T>(_ value: T, at path: [any CodingKey]) throws -> T {
        if let date = value as? Date, !plausibleTimes.contains(date.timeIntervalSince1970) {
            throw DomainError.invalid(StrictDecoding.path(path), "must be a time between the years 1900 and 9999")
        }
        return value
    }

    static func checked(_ text: String, at path: [any CodingKey]) throws -> String {
        if let scalar = TextSafety.forbiddenCharacter(in: text) {
            throw DomainError.invalid(
                StrictDecoding.path(path), "must not contain control characters (found U+\(TextSafety.hex(scalar)))")
        }
        return text
    }

    struct Reader: Decoder {
        let base: any Decoder
        let log: Log

        var codingPath: [any CodingKey] { base.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let raw = try base.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            // The path names the object, not the key: a key with a control character is no field name to echo.
            for key in raw { _ = try checked(key, at: codingPath) }
            let object = Log.Object(path: codingPath, keys: raw)
            log.objects.append(object)
            return KeyedDecodingContainer(Keyed(base: try base.container(keyedBy: type), object: object, log: log))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(base: try base.unkeyedContainer(), log: log)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            Single(base: try base.singleValueContainer(), reader: self)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>
        let object: Log.Object
        let log: Log

        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }

        func contains(_ key: Key) -> Bool {
            object.read.insert(key.stringValue)
            return base.contains(key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            object.read.insert(key.stringValue)
            guard try base.decodeNil(forKey: key) else { return false }
            if log.strict {
                throw DomainError.invalid(
                    StrictDecoding.path(codingPath + [key]), "must not be null; leave the field out instead")
            }
            return true
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            object.read.insert(key.stringValue)
            return try checked(try base.decode(type, forKey: key), at: codingPath + [key])
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try leaf(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try leaf(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try leaf(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try leaf(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try leaf(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try leaf(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try leaf(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try leaf(type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try leaf(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try leaf(type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try leaf(type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try leaf(type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try leaf(type, key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            object.read.insert(key.stringValue)
            if type == String.self { return try decode(String.self, forKey: key) as! T }
            guard !isLeaf(type), base.contains(key) else {
                return try checkedLeaf(try base.decode(type, forKey: key), at: codingPath + [key])
            }
            return try T(from: Reader(base: try base.superDecoder(forKey: key), log: log))
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            object.read.insert(key.stringValue)
            return try Reader(base: try base.superDecoder(forKey: key), log: log).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            object.read.insert(key.stringValue)
            return Unkeyed(base: try base.nestedUnkeyedContainer(forKey: key), log: log)
        }

        func superDecoder() throws -> any Decoder { Reader(base: try base.superDecoder(), log: log) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            object.read.insert(key.stringValue)
            return Reader(base: try base.superDecoder(forKey: key), log: log)
        }

        private func leaf<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            object.read.insert(key.stringValue)
            return try base.decode(type, forKey: key)
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        var base: any UnkeyedDecodingContainer
        let log: Log

        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int? { base.count }
        var isAtEnd: Bool { base.isAtEnd }
        var currentIndex: Int { base.currentIndex }

        mutating func decodeNil() throws -> Bool { try base.decodeNil() }

        mutating func decode(_ type: String.Type) throws -> String {
            let path = codingPath + [AnyKey(intValue: currentIndex)!]
            return try checked(try base.decode(type), at: path)
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == String.self { return try decode(String.self) as! T }
            if isLeaf(type) {
                let path = codingPath + [AnyKey(intValue: currentIndex)!]
                return try checkedLeaf(try base.decode(type), at: path)
            }
            return try T(from: Reader(base: try base.superDecoder(), log: log))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try Reader(base: try base.superDecoder(), log: log).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(base: try base.nestedUnkeyedContainer(), log: log)
        }

        mutating func superDecoder() throws -> any Decoder { Reader(base: try base.superDecoder(), log: log) }
    }

    struct Single: SingleValueDecodingContainer {
        let base: any SingleValueDecodingContainer
        let reader: Reader

        var codingPath: [any CodingKey] { base.codingPath }

        func decodeNil() -> Bool { base.decodeNil() }
        func decode(_ type: String.Type) throws -> String { try checked(try base.decode(type), at: codingPath) }

        func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
        func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
        func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == String.self { return try decode(String.self) as! T }
            if isLeaf(type) { return try checkedLeaf(try base.decode(type), at: codingPath) }
            return try T(from: reader)
        }
    }
}
