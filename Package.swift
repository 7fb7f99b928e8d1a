// swift-tools-version: 6.1
import PackageDescription

// No unsafe flags: under this tools version they keep other packages from depending on Midst by
// version, and cross-module optimisation beyond the compiler's default did not pay for that
// (docs/CROSS-MODULE-OPTIMISATION.md).
let package = Package(
    name: "Midst",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "MidstCore", targets: ["MidstCore"]),
        .library(name: "MidstStore", targets: ["MidstStore"]),
        .library(name: "MidstReport", targets: ["MidstReport"]),
        .executable(name: "midst", targets: ["midst"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        // Property-based and fuzz tests (configurations, importers) in Swift Testing.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Excel workbooks (`.xlsx`): the zip container and the XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
    ],
    targets: [
        // Pure domain library: model, reference data, parsing and validation. No SQLite, no files.
        .target(
            name: "MidstCore",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Excel workbooks read into rows of text and written from typed rows: the zip
        // container (ZIPFoundation) and the XML parts (XMLCoder, and Foundation's streaming
        // parser for the sheets), with files on disk.
        .target(
            name: "MidstWorkbook",
            dependencies: [
                "MidstCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // The only module that talks to SQLite.
        .target(
            name: "MidstStore",
            dependencies: [
                "MidstCore",
                "MidstWorkbook",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The reference tables are compiled in (Reference/EmbeddedReferenceTables.swift,
            // scripts/embed-reference-data.py): no bundle to ship beside `midst`.
            exclude: ["Resources/reference"]
        ),
        // The run report as one self-contained HTML page (`midst report`): gathered from the
        // store, written with Plot, charts as inline SVG.
        .target(
            name: "MidstReport",
            dependencies: [
                "MidstCore",
                "MidstStore",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        // The thin command-line shell.
        .executableTarget(
            name: "midst",
            dependencies: [
                "MidstCore",
                "MidstStore",
                "MidstReport",
                "MidstWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the store and end-to-end tests share: temporary folders, and the sample data
        // prepared once per test process and copied for each test.
        .target(
            name: "MidstTestSupport",
            dependencies: ["MidstCore", "MidstStore"],
            path: "Tests/MidstTestSupport"
        ),
        .testTarget(
            name: "MidstCoreTests",
            dependencies: [
                "MidstCore", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MidstStoreTests",
            dependencies: [
                "MidstStore", "MidstCore", "MidstTestSupport", "MidstWorkbook",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MidstReportTests",
            dependencies: ["MidstReport", "MidstStore", "MidstCore", "MidstTestSupport"]
        ),
        .testTarget(
            name: "midstTests",
            dependencies: [
                "midst", "MidstStore", "MidstTestSupport", "MidstWorkbook",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
