import FuzzDriver
@testable import BriefSite
import BriefCharts
import BriefData
import BriefDiagnostics

// A chart block's YAML → YAMLReader → ChartSpec.decode against fixed datasets, and when it
// decodes, the SVG renderer too.
let metadata = DatasetMetadata(title: "Trade", source: "Fuzz", path: "Content/data/trade.yml")
let datasets: [String: Dataset] = {
    var sets: [String: Dataset] = [:]
    let csv = """
    fiscal_year,year,date,exports,imports,label
    FY2018-19,2019,2019-06-30,4042.7,2097.6,a
    FY2019-20,2020,2020-06-30,3897.9,,b
    FY2020-21,2021,2021-06-30,-5030.7,2447.3,c
    FY2021-22,2022,2022-06-30,6798.98,0,d

    """
    if let ds = try? Dataset.parseCSV(csv, name: "trade", path: "Content/data/trade.csv", metadata: metadata) {
        sets["trade"] = ds
    }
    let one = "x,y\n1,1\n"
    if let ds = try? Dataset.parseCSV(one, name: "one", path: "Content/data/one.csv", metadata: metadata) {
        sets["one"] = ds
    }
    return sets
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? SourceText.decode(bytes, path: "Content/briefs/fuzz.md") else { return 0 }
    let node: YAMLNode
    do {
        node = try YAMLReader.parse(text, path: "Content/briefs/fuzz.md", firstLine: 7, columnOffset: 2)
    } catch {
        return 0
    }
    do {
        let spec = try ChartSpec.decode(node, datasets: datasets)
        if let dataset = datasets[spec.dataset] {
            let html = ChartRenderer.figure(
                spec, dataset: dataset,
                context: FigureContext(id: "chart-1", datasetHref: "../../data/trade/", downloadHref: "../../data/trade.csv", text: .placeholder))
            _ = html.utf8.count
        }
    } catch {
        for diagnostic in error.diagnostics { _ = diagnostic.formatted() }
    }
    do {
        _ = try TableSpec.decode(node, datasets: datasets)
    } catch {}
    return 0
}

// SwiftPM links an executable's entry point as FuzzChartSpec_main; hand it to libFuzzer's driver.
@_cdecl("FuzzChartSpec_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
