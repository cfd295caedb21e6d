import Foundation
import Testing
@testable import SargsCore

@Suite("Vault envelope encryption")
struct VaultTests {
    let master = MasterKey.generate()
    let subject = UUID()

    @Test("Values round-trip under the subject's wrapped data key")
    func roundTrip() throws {
        let dataKey = DataKey.generate()
        let wrapped = try Vault.wrap(dataKey, subject: subject, with: master)
        let sealed = try Vault.seal("anna@example.lv", category: "user.contact.email", subject: subject, with: dataKey)
        let unwrapped = try Vault.unwrap(wrapped, subject: subject, with: master)
        #expect(
            try Vault.open(sealed, category: "user.contact.email", subject: subject, with: unwrapped)
                == "anna@example.lv")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("anna@example.lv"))
    }

    @Test("Subject and category are bound as associated data: a moved ciphertext does not open")
    func boundContext() throws {
        let dataKey = DataKey.generate()
        let sealed = try Vault.seal(
            "+37120000000", category: "user.contact.phone_number", subject: subject, with: dataKey)
        #expect(throws: VaultError.authenticationFailed) {
            try Vault.open(sealed, category: "user.contact.email", subject: subject, with: dataKey)
        }
        #expect(throws: VaultError.authenticationFailed) {
            try Vault.open(sealed, category: "user.contact.phone_number", subject: UUID(), with: dataKey)
        }
        let wrapped = try Vault.wrap(dataKey, subject: subject, with: master)
        #expect(throws: VaultError.authenticationFailed) { try Vault.unwrap(wrapped, subject: UUID(), with: master) }
        #expect(throws: VaultError.authenticationFailed) {
            try Vault.unwrap(wrapped, subject: subject, with: MasterKey.generate())
        }
    }

    @Test("Nonces are random: sealing the same value twice gives different ciphertexts (unlike Databunker)")
    func randomNonces() throws {
        let dataKey = DataKey.generate()
        let a = try Vault.seal("same", category: "c", subject: subject, with: dataKey)
        let b = try Vault.seal("same", category: "c", subject: subject, with: dataKey)
        #expect(a != b)
        #expect(a.prefix(13) != b.prefix(13))
    }

    @Test("Tampered or truncated ciphertexts are refused")
    func tampering() throws {
        let dataKey = DataKey.generate()
        var sealed = try Vault.seal("value", category: "c", subject: subject, with: dataKey)
        sealed[sealed.count - 1] ^= 0x01
        #expect(throws: VaultError.authenticationFailed) {
            try Vault.open(sealed, category: "c", subject: subject, with: dataKey)
        }
        #expect(throws: VaultError.malformedCiphertext) {
            try Vault.open(Data([1, 2, 3]), category: "c", subject: subject, with: dataKey)
        }
        #expect(throws: VaultError.unsupportedFormat(9)) {
            try Vault.open(Data([9] + Array(repeating: 0, count: 40)), category: "c", subject: subject, with: dataKey)
        }
    }

    @Test("Key rotation re-wraps data keys; values stay readable")
    func rotation() throws {
        let dataKey = DataKey.generate()
        let sealed = try Vault.seal("kept", category: "c", subject: subject, with: dataKey)
        let newMaster = MasterKey.generate()
        let rewrapped = try Vault.rewrap(
            try Vault.wrap(dataKey, subject: subject, with: master), subject: subject, from: master, to: newMaster)
        #expect(
            try Vault.open(
                sealed, category: "c", subject: subject,
                with: Vault.unwrap(rewrapped, subject: subject, with: newMaster)) == "kept")
    }

    @Test("Master keys: 32 bytes only, base64 round trip, key check value detects the wrong key")
    func masterKeys() throws {
        #expect(throws: VaultError.invalidMasterKeyLength(16)) { try MasterKey(rawBytes: Data(count: 16)) }
        #expect(throws: VaultError.invalidMasterKeyEncoding) { try MasterKey(base64: "not base64!") }
        let copy = try MasterKey(base64: master.base64)
        #expect(copy.checkValue == master.checkValue)
        #expect(master.checkValue.count == 16)
        try copy.verify(checkValue: master.checkValue)
        #expect(throws: VaultError.self) { try MasterKey.generate().verify(checkValue: master.checkValue) }
    }

    @Test("Blind index: keyed, normalised, kind-separated")
    func blindIndex() throws {
        let a = BlindIndex.index(try ContactValue.normalisedEmail(" Anna@Example.LV "), kind: .email, with: master)
        let b = BlindIndex.index(try ContactValue.normalisedEmail("anna@example.lv"), kind: .email, with: master)
        #expect(a == b && a.count == 64)
        #expect(BlindIndex.index("anna@example.lv", kind: .email, with: MasterKey.generate()) != a)
        #expect(BlindIndex.index("anna@example.lv", kind: .phone, with: master) != a)
    }

    @Test("Contact values: e-mail, E.164 phone and date of birth are validated without echoing the value")
    func contactValues() throws {
        #expect(try ContactValue.normalisedPhone("+371 2000-0000") == "+37120000000")
        #expect(throws: ContactValue.Problem.invalidPhone) { try ContactValue.normalisedPhone("20000000") }
        #expect(throws: ContactValue.Problem.invalidPhone) { try ContactValue.normalisedPhone("+0123456789") }
        #expect(throws: ContactValue.Problem.invalidEmail) { try ContactValue.normalisedEmail("anna@localhost") }
        #expect(throws: ContactValue.Problem.invalidEmail) { try ContactValue.normalisedEmail("a b@example.lv") }
        let today = CivilDate(iso: "2026-11-22")!
        #expect(throws: ContactValue.Problem.invalidDate) { try ContactValue.dateOfBirth("2027-01-01", today: today) }
        #expect(ContactValue.age(bornOn: CivilDate(iso: "2008-11-23")!, on: today) == 17)
        #expect(ContactValue.age(bornOn: CivilDate(iso: "2008-11-22")!, on: today) == 18)
        #expect(!ContactValue.Problem.invalidEmail.description.contains("@"))
    }
}
