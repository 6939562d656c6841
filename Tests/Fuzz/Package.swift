// swift-tools-version:6.0
// libFuzzer targets for Brief, kept out of the main package so `swift build` there is untouched.
// Built by `make fuzz` (see the Makefile) with -sanitize=fuzzer,address and testable imports.
import PackageDescription

let package = Package(
    name: "BriefFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Brief", path: "../..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", .product(name: "BriefSite", package: "Brief")]),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzDriver", .product(name: "BriefSite", package: "Brief")]),
        .executableTarget(name: "FuzzChartSpec", dependencies: [
            "FuzzDriver", .product(name: "BriefSite", package: "Brief"), .product(name: "BriefCharts", package: "Brief"),
        ]),
        .executableTarget(name: "FuzzPage", dependencies: ["FuzzDriver", .product(name: "BriefSite", package: "Brief")]),
        .executableTarget(name: "FuzzBibTeX", dependencies: ["FuzzDriver", .product(name: "BriefSite", package: "Brief")]),
    ]
)
