import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardAPI

@Suite("Configuring first-party connectors")
struct ConnectorSetupTests {
    func setup(_ json: String) throws(ConsoleError) -> ConnectorSetup {
        try ConnectorSetup(body: try JSONValue.parse(Array(json.utf8)))
    }

    @Test func stripeTakesASecretKeyAndDefaultsToDollars() throws {
        let stripe = try setup(#"{"type": "stripe", "secret_key": "sk_test_abc", "public_key": "pk_test_def"}"#)
        #expect(stripe.connector == .stripe && stripe.currency == "USD" && stripe.credential == "sk_test_abc")
        #expect(stripe.secrets == ["secret_key": "sk_test_abc", "public_key": "pk_test_def"])
        #expect(try setup(#"{"type": "stripe", "secret_key": "rk_live_x", "currency": "eur"}"#).currency == "EUR")
    }

    @Test func paystackCurrenciesAreItsOwn() throws {
        #expect(try setup(#"{"type": "paystack", "secret_key": "sk_live_x"}"#).currency == "NGN")
        #expect(throws: ConsoleError.validation(["currency: must be one of NGN, GHS, ZAR, KES, USD"])) {
            try setup(#"{"type": "paystack", "secret_key": "sk_live_x", "currency": "EUR"}"#)
        }
    }

    @Test func wrongAndForeignFieldsAreNamedWithoutTheirValues() {
        #expect(
            throws: ConsoleError.validation([
                "secret_key: must start with sk_test_ or sk_live_ or rk_test_ or rk_live_",
                "public_key: must start with pk_test_ or pk_live_", "token: is not allowed",
            ])
        ) { try setup(#"{"type": "stripe", "secret_key": "pk_live_leak", "public_key": "sk_x", "token": "t"}"#) }
        #expect(throws: ConsoleError.validation(["token: is required"])) { try setup(#"{"type": "bumpa"}"#) }
        #expect(throws: ConsoleError.validation(["secret_key: is not allowed"])) {
            try setup(#"{"type": "google_sheets", "secret_key": "sk_test_x"}"#)
        }
        #expect(throws: ConsoleError.validation(["type: is required"])) { try setup("{}") }
    }
}

/// A provider is one entry in `Connector.all` plus its catalog; what else must name
/// it — the document's configure body, the README's settings — is held against the table.
@Suite("The connector table")
struct ConnectorTableTests {
    @Test func theDocumentAndTheREADMENameEveryConnector() throws {
        let yaml = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
        #expect(yaml.contains("type: {type: string, enum: [\(Connector.all.map(\.type).sorted().joined(separator: ", "))]}"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for connector in Connector.all {
            #expect(readme.contains("| `SWITCHBOARD_\(connector.baseSetting)` | `\(connector.apiBase)` |"), "\(connector.type)")
            #expect(!connector.catalog.isEmpty && ConnectorCatalogs.builtIn.definitions[connector]?.isEmpty == false)
        }
    }
}
