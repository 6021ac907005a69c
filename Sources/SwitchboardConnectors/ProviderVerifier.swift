import Foundation
import NIOHTTP1
import SwitchboardCore

/// Checks a first-party connector's key against its provider before it is stored:
/// an authenticated GET with `Authorization: Bearer <secret>`; 2xx is valid,
/// 401/403 rejected, anything else (or no answer) means the provider could not be reached.
public struct ProviderVerifier: Sendable {
    public struct Endpoints: Sendable {
        public var stripe = "https://api.stripe.com"
        public var paystack = "https://api.paystack.co"
        public var bumpa = "https://api.getbumpa.com"
        public var googleCalendar = "https://www.googleapis.com"
        public var googleSheets = "https://sheets.googleapis.com"
        public init() {}

        /// The API base of a connector's actions.
        public func base(_ connector: Connector) -> String {
            let base =
                switch connector {
                case .stripe: stripe
                case .paystack: paystack
                case .bumpa: bumpa
                case .googleCalendar: googleCalendar
                case .googleSheets: googleSheets
                }
            return base.hasSuffix("/") ? String(base.dropLast()) : base
        }
    }

    let http: OutboundHTTP
    let endpoints: Endpoints
    let timeout: TimeInterval

    public init(http: OutboundHTTP, endpoints: Endpoints, timeout: TimeInterval) {
        self.http = http
        self.endpoints = endpoints
        self.timeout = timeout
    }

    /// The read that proves a key: the Stripe balance, the Paystack balance, the Bumpa store profile.
    public func checkURL(_ connector: Connector) -> String? {
        let path: String? =
            switch connector {
            case .stripe: "/v1/balance"
            case .paystack: "/balance"
            case .bumpa: "/v1/store"
            case .googleCalendar, .googleSheets: nil
            }
        return path.map { endpoints.base(connector) + $0 }
    }

    public func verify(_ connector: Connector, credential: String) async throws(ConsoleError) {
        guard let url = checkURL(connector) else { return }
        let response: OutboundHTTP.Response
        do {
            response = try await http.send(
                .GET, url, headers: [("Authorization", "Bearer \(credential)"), ("Accept", "application/json")], timeout: timeout)
        } catch {
            throw Integration.connectionFailed("Could not reach \(connector.name): \(error.description)")
        }
        switch response.status {
        case 200..<300: return
        case 401, 403: throw Integration.connectionFailed(Self.rejection(connector))
        default: throw Integration.connectionFailed("Could not reach \(connector.name): HTTP \(response.status)")
        }
    }

    static func rejection(_ connector: Connector) -> String {
        connector == .bumpa ? "Invalid Bumpa token" : "Invalid \(connector.name) API keys"
    }
}
