// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Brief",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "brief", targets: ["brief"]),
        // Libraries for Benchmarks/ and fuzz targets, which build against the same modules.
        .library(name: "BriefCharts", targets: ["BriefCharts"]),
        .library(name: "BriefSite", targets: ["BriefSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Hummingbird's own lifecycle library, named here to shut the preview server down gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Reads the ZIP container of .xlsx datasets (issue 19); the sheet XML is read by hand.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // Hummingbird's own HTTP layer, named for the preview server's one channel handler
        // (431 for oversized request heads, closing event streams whose page has gone).
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // librsvg, cairo and fontconfig from Debian (librsvg2-dev): social cards are drawn from
        // their SVG to PNG at build time. Only BriefRaster imports it.
        .systemLibrary(
            name: "CRsvg",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev", "fonts-liberation", "fonts-dejavu-core"])]
        ),
        .target(name: "BriefRaster", dependencies: ["CRsvg"]),
        .target(name: "BriefDiagnostics"),
        // The default theme: Templates/ compiled in as generated Swift source
        // (Sources/BriefTheme/BuiltinTheme+Files.swift, written by `make theme` with EmbedThemeTool),
        // so one installed binary is the whole program (no resource bundle to install beside it).
        // BuiltinThemeTests fails when the file and Templates/ differ.
        .target(name: "BriefTheme"),
        .executableTarget(name: "EmbedThemeTool"),
        .target(name: "BriefMarkdown", dependencies: ["CCmark", "BriefDiagnostics"]),
        .target(
            name: "BriefData",
            dependencies: ["BriefDiagnostics", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "BriefCharts", dependencies: ["BriefData", "BriefDiagnostics"]),
        .target(
            name: "BriefSite",
            dependencies: [
                "BriefDiagnostics", "BriefMarkdown", "BriefData", "BriefCharts", "BriefRaster",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "BriefServe",
            dependencies: [
                "BriefSite", "BriefDiagnostics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .executableTarget(
            name: "brief",
            dependencies: [
                "BriefSite", "BriefServe", "BriefDiagnostics", "BriefData", "BriefTheme",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BriefDiagnosticsTests", dependencies: ["BriefDiagnostics"]),
        .testTarget(name: "BriefMarkdownTests", dependencies: ["BriefMarkdown"]),
        .testTarget(name: "BriefDataTests", dependencies: ["BriefData"]),
        .testTarget(name: "BriefChartsTests", dependencies: ["BriefCharts", "BriefData", "BriefSite"]),
        .testTarget(name: "BriefSiteTests", dependencies: ["BriefSite", "BriefData", "BriefCharts", "BriefTheme"]),
        .testTarget(name: "BriefServeTests", dependencies: ["BriefServe", "BriefSite"]),
        .testTarget(name: "BriefRasterTests", dependencies: ["BriefRaster", "CRsvg"]),
    ]
)
