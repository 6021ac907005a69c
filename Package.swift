// swift-tools-version:6.1
import PackageDescription

/// The upcoming language features Hummingbird itself builds with.
let upcoming: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let tracing = Target.Dependency.product(name: "Tracing", package: "swift-distributed-tracing")
let testing = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")

/// Each first-party connector's catalog (`Connector.catalog`), compiled into the binary.
let catalogs = ["stripe", "paystack", "bumpa", "google_calendar", "google_sheets"].map {
    Resource.embedInCode("Resources/catalogs/\($0).json")
}
/// The console page's files, compiled into the binary (`ConsolePageRoutes` serves each).
let consoleModules = [
    "app", "api", "dom", "overview", "agents", "actions", "connect", "import", "integration", "run", "executions", "webhooks",
    "audit",
]
let console = (["index.html", "console.css", "icon.svg"] + consoleModules.map { "\($0).js" }).map {
    Resource.embedInCode("Resources/console/\($0)")
}

let package = Package(
    name: "switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        // Exact: the owned SQLite driver path (SwitchboardStore/SQLiteFile) calls the
        // SQLite that this package vendors through its internal C target.
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // OTLP over HTTP only: the gRPC exporter would add grpc-swift and its build time.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        .target(
            name: "SwitchboardCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .target(
            name: "SQLiteSettings",
            dependencies: [.product(name: "SQLiteKit", package: "sqlite-kit")]
        ),
        .target(
            name: "SwitchboardStore",
            dependencies: [
                "SwitchboardCore",
                "SQLiteSettings",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                logging,
                tracing,
            ]
        ),
        .target(
            name: "SwitchboardConnectors",
            dependencies: [
                "SwitchboardCore",
                httpClient,
                logging,
                tracing,
            ]
        ),
        .target(
            name: "SwitchboardOpenAPI",
            dependencies: [
                "SwitchboardCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SwitchboardAPI",
            dependencies: [
                "SwitchboardCore",
                "SwitchboardStore",
                "SwitchboardConnectors",
                "SwitchboardOpenAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                httpClient,
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                httpTypes,
                logging,
                tracing,
            ],
            resources: catalogs + console + [.embedInCode("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OTel", package: "swift-otel"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "SwitchboardAPI",
                testing,
                httpClient,
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"]),
        .testTarget(name: "SwitchboardConnectorsTests", dependencies: ["SwitchboardConnectors", "TestSupport"]),
        .testTarget(name: "SwitchboardStoreTests", dependencies: ["SwitchboardStore", "TestSupport"]),
        .testTarget(name: "SwitchboardOpenAPITests", dependencies: ["SwitchboardOpenAPI"]),
        .testTarget(
            name: "SwitchboardAPITests",
            dependencies: [
                "SwitchboardAPI", "TestSupport",
                testing,
                httpTypes,
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)

for target in package.targets where target.name != "SQLiteSettings" {
    target.swiftSettings = (target.swiftSettings ?? []) + upcoming
}
