import BriefCharts
import BriefData
import BriefDiagnostics

/// schema.org `Dataset` for a dataset's page (Google Dataset Search reads it): name, source,
/// publisher, retrieval date, downloads. Safe inside `<script>` (`<`, `>` and `&` are `\u` escapes).
enum DatasetJSONLD {
    /// `text`: the page's language, for the description's words (the page's own description, and
    /// `page.dataset_caveats`).
    static func json(name: String, dataset: Dataset, config: SiteConfig, text: InterfaceText) -> String {
        func s(_ text: String) -> String { TextEscaping.json(text) }
        let m = dataset.metadata
        let description = text.format("page.dataset_description", ["title": m.title, "source": m.source])
            + (m.caveats.map { text.format("page.dataset_caveats", ["caveats": $0]) } ?? "")
        var fields: [String] = [
            "\"@context\": \"https://schema.org\"", "\"@type\": \"Dataset\"",
            "\"name\": \(s(m.title))",
            "\"description\": \(s(description))",
            "\"creditText\": \(s(m.source))",
            "\"includedInDataCatalog\": {\"@type\": \"DataCatalog\", \"name\": \(s(config.title))}",
            "\"variableMeasured\": [\(dataset.columns.map { s($0.displayName) }.joined(separator: ", "))]",
        ]
        if let publisher = m.publisher { fields.append("\"publisher\": {\"@type\": \"Organization\", \"name\": \(s(publisher))}") }
        if let url = m.sourceURL, isSafeURL(url) { fields.append("\"isBasedOn\": \(s(url))") }
        if let retrieved = m.retrieved { fields.append("\"dateModified\": \(s(retrieved))") }
        if let period = m.period { fields.append("\"temporalCoverage\": \(s(period))") }
        if let license = m.license { fields.append("\"license\": \(s(license))") }
        if let base = config.baseURL {
            fields.append("\"url\": \(s(Route.dataset(name).url(base: base)))")
            let downloads = [(Route.DataFile.csv, "text/csv"), (.json, "application/json")].map { file, type in
                "{\"@type\": \"DataDownload\", \"encodingFormat\": \(s(type)), \"contentUrl\": \(s(base + Route.datasetFile(name, file).path))}"
            }
            fields.append("\"distribution\": [\(downloads.joined(separator: ", "))]")
        }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }
}
