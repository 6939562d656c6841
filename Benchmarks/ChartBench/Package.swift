// swift-tools-version:6.0
// The per-chart benchmark: renders a line and a bar chart through BriefCharts many times and
// prints the median time per chart. Run by Benchmarks/bench.py (`make bench`), built with
// `swift build -c release --package-path Benchmarks/ChartBench --scratch-path Benchmarks/work/chartbench-build`.
import PackageDescription

let package = Package(
    name: "ChartBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named, so the product resolves whatever the clone's folder is called.
        .package(name: "Brief", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ChartBench",
            dependencies: [
                .product(name: "BriefCharts", package: "Brief"),
                .product(name: "BriefSite", package: "Brief"),
            ]
        ),
    ]
)
