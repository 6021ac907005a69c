import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Sealed secrets and key rotation")
struct SecretBoxTests {
    @Test func aSecretOpensOnlyForItsOwnerAndNeverShowsInTheSealedText() throws {
        let box = SecretBox(keyring: Keyring([.generate()]))
        let sealed = try box.seal("sk_live_topsecret", owner: "ch_1")
        #expect(sealed.hasPrefix("v1.\(box.currentKeyID)."))
        #expect(!sealed.contains("topsecret"))
        #expect(try box.open(sealed, owner: "ch_1") == "sk_live_topsecret")
        #expect(throws: SecretBoxError.cannotOpen) { try box.open(sealed, owner: "ch_2") }
        #expect(try box.seal("same", owner: "x") != box.seal("same", owner: "x"))
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let sealed = try SecretBox(keyring: Keyring([.generate()])).seal("secret", owner: "o")
        #expect(throws: SecretBoxError.unknownKey) { try SecretBox(keyring: Keyring([.generate()])).open(sealed, owner: "o") }
        #expect(throws: SecretBoxError.malformed) { try SecretBox(keyring: Keyring([.generate()])).open("plain", owner: "o") }
    }

    @Test func aKeyFileIsCreatedPrivateAndRotationKeepsOldSecretsReadable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let box = try SecretBox(source: .file(path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let old = try box.seal("before rotation", owner: "ch_1")

        let rotated = try Keyring.addKey(to: path)
        #expect(rotated.keys.count == 2 && rotated.keys[1].id == box.currentKeyID)
        // The running box has never seen the new key; it reads the file again when it meets it.
        let fresh = try SecretBox(source: .file(path))
        let new = try fresh.seal("after rotation", owner: "ch_1")
        #expect(try box.open(new, owner: "ch_1") == "after rotation")
        #expect(try fresh.open(old, owner: "ch_1") == "before rotation")
        #expect(fresh.isCurrent(new) && !fresh.isCurrent(old))
    }

    @Test func severalInlineKeysPutTheCurrentOneFirst() throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let sealed = try SecretBox(keyring: Keyring([old])).seal("v", owner: "o")
        let box = try SecretBox(source: .inline([Data(base64Encoded: new.base64)!, Data(base64Encoded: old.base64)!]))
        #expect(box.currentKeyID == new.id)
        #expect(try box.open(sealed, owner: "o") == "v")
    }
}
