import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardAPI
import SwitchboardCore
import TestSupport
import Testing

@Suite("Authentication and scopes")
struct AuthenticationTests {
    static let path = "/api/v1/console/phone-numbers"

    @Test(arguments: [
        ([String: String](), 401, "unauthorized", "Missing API key."),
        (["Authorization": "Bearer"], 401, "api_key_missing", "API key is missing."),
        (["Authorization": "Bearer    "], 401, "api_key_missing", "API key is missing."),
        (["X-Api-Key": ""], 401, "api_key_missing", "API key is missing."),
        (["Authorization": "Bearer sk_notARealKey123"], 401, "api_key_invalid", "Invalid API key."),
        (["X-Api-Key": "pk_notASecretKey"], 401, "api_key_invalid", "Invalid API key."),
        (["Authorization": "Basic dXNlcjpwYXNz"], 401, "api_key_invalid", "Invalid API key."),
    ])
    func eachMissingOrBadKeyHasItsCode(headers: [String: String], status: Int, code: String, message: String) async throws {
        try await TestHarness.with { _, client in
            let response = try await client.send(.get, Self.path, headers: headers)
            #expect(response.status.code == status)
            #expect(response.object["code"] as? String == code)
            #expect(response.object["message"] as? String == message)
            #expect(response.object["error"] as? String == "Unauthorized")
            #expect(response.object["statusCode"] as? Int == status)
            #expect(response.object["request_id"] as? String == response.header("X-Request-Id"))
        }
    }

    @Test func bothHeadersCarryAKey() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            let bearer = try await client.send(.get, Self.path, key: key.secret)
            let apiKey = try await client.send(.get, Self.path, headers: ["X-Api-Key": key.secret])
            #expect(bearer.status.code == 501 && apiKey.status.code == 501)
            #expect(bearer.object["code"] as? String == "not_implemented")
        }
    }

    @Test func aRevokedKeyIsInvalid() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 501)
            _ = try await harness.revoke(key.keyID)
            let response = try await client.send(.get, Self.path, key: key.secret)
            #expect(response.status.code == 401 && response.object["code"] as? String == "api_key_invalid")
        }
    }

    @Test func aKeyPastItsExpiryHasExpired() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey(expiresIn: 60)
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 501)
            harness.clock.advance(by: 61)
            let response = try await client.send(.get, Self.path, key: key.secret)
            #expect(response.status.code == 401)
            #expect(response.object["code"] as? String == "api_key_expired")
            #expect(response.object["message"] as? String == "API key has expired.")
        }
    }

    @Test func aMissingScopeIsNamed() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey(scopes: [.agentsRead, .phoneNumbersWrite])
            let response = try await client.send(.get, Self.path, key: key.secret)
            #expect(response.status.code == 403)
            #expect(response.object["code"] as? String == "insufficient_scope")
            #expect(response.object["error"] as? String == "Forbidden")
            #expect(response.object["message"] as? String == "This API key is missing the required scope: phone_numbers:read.")
            let allowed = try await harness.makeKey(scopes: [.phoneNumbersRead])
            #expect(try await client.send(.get, Self.path, key: allowed.secret).status.code == 501)
        }
    }

    @Test func aKeyInUseRecordsWhenItWasLastUsed() async throws {
        try await TestHarness.with { harness, client in
            let key = try await harness.makeKey()
            #expect(try await harness.storedKey(key.keyID)?.lastUsedAt == nil)
            _ = try await client.send(.get, Self.path, key: key.secret)
            #expect(try await harness.storedKey(key.keyID)?.lastUsedAt == harness.clock.now().truncatedToMillis)
        }
    }

    @Test func repeatedFailuresFromOneAddressAreSlowedDown() async throws {
        try await TestHarness.with(configure: { $0.authFailuresPerMinute = 3 }) { harness, client in
            let key = try await harness.makeKey()
            for _ in 0..<3 {
                #expect(try await client.send(.get, Self.path, key: "sk_guess").status.code == 401)
            }
            let blocked = try await client.send(.get, Self.path, key: "sk_guess")
            #expect(blocked.status.code == 429)
            #expect(blocked.object["code"] as? String == "too_many_requests")
            #expect(blocked.header("Retry-After") == "20")
            // While blocked, the address is not allowed to try keys at all.
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 429)
            harness.clock.advance(by: 20)
            #expect(try await client.send(.get, Self.path, key: key.secret).status.code == 501)
        }
    }
}
