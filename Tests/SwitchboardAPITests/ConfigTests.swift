import Foundation
import Logging
import SwitchboardAPI
import SwitchboardCore
import SwitchboardStore
import Testing

@Suite("Configuration from the environment")
struct ConfigTests {
    @Test func defaultsNeedNothing() throws {
        let config = try SwitchboardConfig(environment: [:])
        #expect(config.host == "127.0.0.1" && config.port == 8080)
        #expect(config.database == .sqlite(path: "switchboard.sqlite"))
        #expect(config.publicURL == "http://127.0.0.1:8080")
        #expect(config.masterKey == .file("switchboard.key"))
        #expect(config.logLevel == .info && config.logFormat == .text)
        #expect(config.plans.limits(for: "free")?.agents == 2)
    }

    @Test func settingsAreRead() throws {
        let key = Data(repeating: 7, count: 32).base64EncodedString()
        let config = try SwitchboardConfig(environment: [
            "SWITCHBOARD_HOST": "0.0.0.0", "SWITCHBOARD_PORT": "9000",
            "SWITCHBOARD_DATABASE_URL": "postgres://sb:pw@db.internal:6543/switchboard?sslmode=require",
            "SWITCHBOARD_PUBLIC_URL": "https://switchboard.example.com/", "SWITCHBOARD_MASTER_KEY": key,
            "SWITCHBOARD_LOG_LEVEL": "debug", "SWITCHBOARD_LOG_FORMAT": "json",
            "SWITCHBOARD_PLANS": #"{"free": {"agents": 9}}"#,
        ])
        #expect(config.host == "0.0.0.0" && config.port == 9000)
        #expect(
            config.database
                == .postgres(host: "db.internal", port: 6543, username: "sb", password: "pw", database: "switchboard", tls: .require))
        #expect(config.publicURL == "https://switchboard.example.com")
        #expect(config.masterKey == .inline([Data(repeating: 7, count: 32)]))
        #expect(config.logLevel == .debug && config.logFormat == .json)
        #expect(config.plans.limits(for: "free")?.agents == 9)
    }

    @Test(arguments: [
        ("SWITCHBOARD_PORT", "99999"),
        ("SWITCHBOARD_DATABASE_URL", "mysql://root:hunter2@localhost/db"),
        ("SWITCHBOARD_DATABASE_URL", "postgres://root:hunter2@localhost"),
        ("SWITCHBOARD_PUBLIC_URL", "ftp://hunter2"),
        ("SWITCHBOARD_MASTER_KEY", "hunter2"),
        ("SWITCHBOARD_LOG_LEVEL", "hunter2"),
        ("SWITCHBOARD_LOG_FORMAT", "hunter2"),
        ("SWITCHBOARD_PLANS", #"{"free": "hunter2"}"#),
        ("SWITCHBOARD_KEY_CACHE_SECONDS", "hunter2"),
    ])
    func aBadSettingIsNamedButNeverEchoed(name: String, value: String) {
        do {
            _ = try SwitchboardConfig(environment: [name: value])
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.setting == name)
            #expect(error.description.hasPrefix(name + ": "))
            #expect(!error.description.contains("hunter2") && !error.description.contains(value))
        }
    }
}
