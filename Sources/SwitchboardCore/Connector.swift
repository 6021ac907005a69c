import Foundation

/// The five first-party connectors (family `bimpeai`): what each needs and how it is verified.
public enum Connector: String, Sendable, CaseIterable {
    case bumpa
    case googleCalendar = "google_calendar"
    case googleSheets = "google_sheets"
    case paystack, stripe

    public var name: String {
        switch self {
        case .bumpa: "Bumpa"
        case .googleCalendar: "Google Calendar"
        case .googleSheets: "Google Sheets"
        case .paystack: "Paystack"
        case .stripe: "Stripe"
        }
    }

    public var usesOAuth: Bool { self == .googleCalendar || self == .googleSheets }

    /// The Google scope an OAuth connector asks for.
    public var oauthScope: String? {
        switch self {
        case .googleCalendar: "https://www.googleapis.com/auth/calendar"
        case .googleSheets: "https://www.googleapis.com/auth/spreadsheets"
        default: nil
        }
    }

    /// The fields a person fills in to connect it.
    public var configFields: [ConfigField] {
        switch self {
        case .stripe:
            [
                .init("secret_key", "Secret key", "password", true), .init("public_key", "Publishable key", "password", false),
                .init("currency", "Currency", "text", false),
            ]
        case .paystack:
            [
                .init("secret_key", "Secret key", "password", true), .init("public_key", "Public key", "password", false),
                .init("currency", "Currency", "select", false),
            ]
        case .bumpa: [.init("token", "API token", "password", true)]
        case .googleCalendar, .googleSheets: []
        }
    }

    public static let paystackCurrencies = ["NGN", "GHS", "ZAR", "KES", "USD"]

    public struct ConfigField: Sendable, Equatable {
        public let key: String
        public let label: String
        public let type: String
        public let required: Bool

        init(_ key: String, _ label: String, _ type: String, _ required: Bool) {
            self.key = key
            self.label = label
            self.type = type
            self.required = required
        }
    }
}

/// A validated configure body: the connector, its secrets and what may be shown.
public struct ConnectorSetup: Sendable, Equatable {
    public let connector: Connector
    /// The secret values by field name (`secret_key`, `public_key`, `token`).
    public let secrets: [String: String]
    public let currency: String?

    /// The secret that authenticates the provider check.
    public var credential: String? { secrets["secret_key"] ?? secrets["token"] }

    public init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let type = reader.oneOf("type", Connector.allCases.map(\.rawValue), required: true)
        let connector = type.flatMap(Connector.init(rawValue:))
        var secrets: [String: String] = [:]
        var currency: String?
        switch connector {
        case .stripe:
            secrets["secret_key"] = Self.key(
                &reader, "secret_key", required: true, prefixes: ["sk_test_", "sk_live_", "rk_test_", "rk_live_"])
            secrets["public_key"] = Self.key(&reader, "public_key", required: false, prefixes: ["pk_test_", "pk_live_"])
            currency = reader.string("currency", maxLength: 3).map { $0.uppercased() } ?? "USD"
            if let value = currency, value.count != 3 || !value.allSatisfy({ $0.isASCII && $0.isLetter }) {
                reader.add("currency", "must be a three-letter ISO 4217 code")
            }
        case .paystack:
            secrets["secret_key"] = Self.key(&reader, "secret_key", required: true, prefixes: ["sk_test_", "sk_live_"])
            secrets["public_key"] = Self.key(&reader, "public_key", required: false, prefixes: ["pk_test_", "pk_live_"])
            currency = reader.string("currency", maxLength: 3).map { $0.uppercased() } ?? "NGN"
            if let value = currency, !Connector.paystackCurrencies.contains(value) {
                reader.add("currency", "must be one of \(Connector.paystackCurrencies.joined(separator: ", "))")
            }
        case .bumpa:
            secrets["token"] = reader.string("token", required: true, maxLength: 500)
        case .googleCalendar, .googleSheets, nil:
            break
        }
        try reader.finish()
        self.connector = connector!
        self.secrets = secrets.compactMapValues { $0 }
        self.currency = currency
    }

    /// A secret key field: a string of at most 500 characters with one of `prefixes`.
    /// The message never repeats the value.
    private static func key(_ reader: inout FieldReader, _ field: String, required: Bool, prefixes: [String]) -> String? {
        guard let value = reader.string(field, required: required, maxLength: 500) else { return nil }
        guard prefixes.contains(where: value.hasPrefix), !value.unicodeScalars.contains(where: FieldReader.isWhiteSpace) else {
            reader.add(field, "must start with \(prefixes.joined(separator: " or "))")
            return nil
        }
        return value
    }
}
