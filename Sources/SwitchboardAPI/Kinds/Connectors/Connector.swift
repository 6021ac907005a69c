import Foundation
import SwitchboardCore

/// One first-party connector (family `bimpeai`), everything the server knows of it
/// in one entry: its name, where its API is and the setting that moves it, its
/// catalog, and how a person connects it — keys proven by one read, or Google's
/// consent. A key-based provider is one entry in `all` plus its catalog file.
struct Connector: Sendable, Hashable {
    /// The type in requests and stored rows (`stripe`).
    let type: String
    let name: String
    /// The API base of its actions and key check, unless `baseSetting` says otherwise.
    let apiBase: String
    /// The setting (after `SWITCHBOARD_`) that moves `apiBase`, for a stand-in or a proxy.
    let baseSetting: String
    /// `Resources/catalogs/<type>.json`: the actions it brings.
    let catalog: [UInt8]
    let access: Access

    enum Access: Sendable {
        /// Keys a person pastes, checked with the provider before anything is stored.
        case keys(Keys)
        /// Google's consent for one scope; tokens are refreshed before they expire.
        case google(scope: String)
    }

    struct Keys: Sendable {
        /// The fields, the first of them the credential that authenticates every call.
        let fields: [KeyField]
        let currency: Currency?
        /// The read that proves the credential (`/v1/balance`).
        let checkPath: String
        /// What a refused credential is called (`Invalid Stripe API keys`).
        let rejection: String

        /// The credential among a connector's key values: the first field's.
        func credential(in values: [String: String]) -> String? { fields.first.flatMap { values[$0.key] } }
    }

    struct KeyField: Sendable {
        let key: String
        let label: String
        let required: Bool
        /// What the value must start with; empty when anything goes.
        let prefixes: [String]
    }

    struct Currency: Sendable {
        let defaultCode: String
        /// The codes it takes; nil for any ISO 4217 code.
        let allowed: [String]?
    }

    static func == (a: Connector, b: Connector) -> Bool { a.type == b.type }
    func hash(into hasher: inout Hasher) { hasher.combine(type) }

    static let stripe = Connector(
        type: "stripe", name: "Stripe", apiBase: "https://api.stripe.com", baseSetting: "STRIPE_API_BASE",
        catalog: PackageResources.stripe_json,
        access: paymentKeys(
            secret: ["sk_test_", "sk_live_", "rk_test_", "rk_live_"], publicLabel: "Publishable key",
            currency: Currency(defaultCode: "USD", allowed: nil), checkPath: "/v1/balance", name: "Stripe"))

    static let paystack = Connector(
        type: "paystack", name: "Paystack", apiBase: "https://api.paystack.co", baseSetting: "PAYSTACK_API_BASE",
        catalog: PackageResources.paystack_json,
        access: paymentKeys(
            secret: ["sk_test_", "sk_live_"], publicLabel: "Public key",
            currency: Currency(defaultCode: "NGN", allowed: ["NGN", "GHS", "ZAR", "KES", "USD"]), checkPath: "/balance", name: "Paystack"))

    static let bumpa = Connector(
        type: "bumpa", name: "Bumpa", apiBase: "https://api.getbumpa.com", baseSetting: "BUMPA_API_BASE",
        catalog: PackageResources.bumpa_json,
        access: .keys(
            Keys(
                fields: [KeyField(key: "token", label: "API token", required: true, prefixes: [])], currency: nil,
                checkPath: "/v1/store", rejection: "Invalid Bumpa token")))

    static let googleCalendar = Connector(
        type: "google_calendar", name: "Google Calendar", apiBase: "https://www.googleapis.com",
        baseSetting: "GOOGLE_CALENDAR_API_BASE", catalog: PackageResources.google_calendar_json,
        access: .google(scope: "https://www.googleapis.com/auth/calendar"))

    static let googleSheets = Connector(
        type: "google_sheets", name: "Google Sheets", apiBase: "https://sheets.googleapis.com", baseSetting: "GOOGLE_SHEETS_API_BASE",
        catalog: PackageResources.google_sheets_json, access: .google(scope: "https://www.googleapis.com/auth/spreadsheets"))

    /// A payment provider's keys: a secret key (`sk_test_…`) that authenticates every
    /// call, and an optional public one (`pk_test_…`) kept for the agent's checkout links.
    private static func paymentKeys(secret: [String], publicLabel: String, currency: Currency, checkPath: String, name: String)
        -> Access
    {
        .keys(
            Keys(
                fields: [
                    KeyField(key: "secret_key", label: "Secret key", required: true, prefixes: secret),
                    KeyField(key: "public_key", label: publicLabel, required: false, prefixes: ["pk_test_", "pk_live_"]),
                ],
                currency: currency, checkPath: checkPath, rejection: "Invalid \(name) API keys"))
    }

    /// Every connector, by name.
    static let all = [bumpa, googleCalendar, googleSheets, paystack, stripe]

    private static let byType = Dictionary(uniqueKeysWithValues: all.map { ($0.type, $0) })

    init?(type: String) {
        guard let found = Self.byType[type] else { return nil }
        self = found
    }

    private init(type: String, name: String, apiBase: String, baseSetting: String, catalog: [UInt8], access: Access) {
        self.type = type
        self.name = name
        self.apiBase = apiBase
        self.baseSetting = baseSetting
        self.catalog = catalog
        self.access = access
    }

    var keys: Keys? {
        if case .keys(let keys) = access { keys } else { nil }
    }

    var oauthScope: String? {
        if case .google(let scope) = access { scope } else { nil }
    }

    var usesOAuth: Bool { oauthScope != nil }

    /// The fields a person fills in to connect it, as the aggregate list shows them.
    var configFields: [(key: String, label: String, type: String, required: Bool)] {
        guard let keys else { return [] }
        let secrets = keys.fields.map { ($0.key, $0.label, "password", $0.required) }
        let currency = keys.currency.map { [("currency", "Currency", $0.allowed == nil ? "text" : "select", false)] } ?? []
        return secrets + currency
    }
}

/// What is stored of a key-based connector besides its sealed keys, and may be shown.
struct ConnectorSettings: IntegrationSettings {
    var currency: String?
}

/// A validated configure body: the connector, its secrets and what may be shown.
struct ConnectorSetup: Sendable {
    let connector: Connector
    /// The secret values by field name (`secret_key`, `public_key`, `token`).
    let secrets: [String: String]
    let currency: String?

    /// The secret that authenticates the provider check and every call.
    var credential: String? { connector.keys?.credential(in: secrets) }

    init(body: JSONValue?) throws(ConsoleError) {
        var reader = FieldReader(body: body)
        let connector = reader.oneOf("type", Connector.all.map(\.type), required: true).flatMap(Connector.init(type:))
        var secrets: [String: String] = [:]
        var currency: String?
        if let keys = connector?.keys {
            for field in keys.fields { secrets[field.key] = Self.key(&reader, field) }
            if let rule = keys.currency {
                currency = reader.string("currency", maxLength: 3).map { $0.uppercased() } ?? rule.defaultCode
                if let value = currency, let allowed = rule.allowed, !allowed.contains(value) {
                    reader.add("currency", "must be one of \(allowed.joined(separator: ", "))")
                } else if let value = currency, value.count != 3 || !value.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    reader.add("currency", "must be a three-letter ISO 4217 code")
                }
            }
        }
        try reader.finish()
        self.connector = connector!
        self.secrets = secrets
        self.currency = currency
    }

    /// A key field: a string of at most 500 characters, with one of its prefixes when
    /// it has any. The message never repeats the value.
    private static func key(_ reader: inout FieldReader, _ field: Connector.KeyField) -> String? {
        guard let value = reader.string(field.key, required: field.required, maxLength: 500) else { return nil }
        guard !field.prefixes.isEmpty else { return value }
        guard field.prefixes.contains(where: value.hasPrefix), !value.unicodeScalars.contains(where: FieldReader.isWhiteSpace) else {
            reader.add(field.key, "must start with \(field.prefixes.joined(separator: " or "))")
            return nil
        }
        return value
    }
}

extension SwitchboardConfig {
    /// Where a connector's API is: the operator's setting, else its own.
    func apiBase(_ connector: Connector) -> String {
        let base = apiBases[connector.type] ?? connector.apiBase
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}
