/// The site `brief init` writes: small, complete, and built from real, sourced figures (the
/// State Bank of Pakistan's trade with the US, from this repository's own briefing), so the
/// first thing a new user sees is what a finished brief looks like.
enum StarterSite {
    /// Path relative to the new site's folder → text. `date` is the example brief's date.
    static func files(date: String) -> [(path: String, text: String)] {
        [
            (".gitignore", gitignore),
            ("Content/site.yml", siteYML),
            ("Content/briefs/exports-to-the-us.md", brief(date: date)),
            ("Content/pages/about.md", about),
            ("Content/data/sbp_trade_with_us.csv", datasetCSV),
            ("Content/data/sbp_trade_with_us.yml", datasetYML),
        ]
    }

    static let gitignore = """
        # Written by brief build; rebuilt from Content/ at any time.
        /Output/
        /.brief-cache/

        """

    static let siteYML = """
        # The site's settings. Only title is required.
        title: My briefing
        description: Short, sourced briefings, with every figure traceable to its data.
        language: en
        # Set base_url to publish feed.xml and sitemap.xml:
        # base_url: https://example.org/briefing/
        nav:
          - {title: About, path: pages/about/}
          - {title: Data, path: data/}
        # Figures shown on the home page, each read from a dataset.
        key_figures:
          - label: Exports to the US, FY2021-22 (SBP)
            data: sbp_trade_with_us
            column: exports_to_us_musd
            key: FY2021-22
            format: usd_millions

        """

    static func brief(date: String) -> String {
        """
        ---
        title: Pakistan's exports to the US have run well ahead of its imports from it
        date: \(date)
        summary: On State Bank of Pakistan figures, Pakistan sold the United States more than it bought from it in every year with both figures, and exports peaked in FY2021-22.
        tags: [trade, example]
        ---

        This is the example brief that `brief init` writes. It shows what a brief can hold besides
        prose: a chart and a table drawn from a dataset, and figures quoted from the data. Edit it, or
        delete it and start your own with `brief new brief <slug>`.

        On the State Bank of Pakistan's figures, Pakistan's exports to the United States reached
        $`@sbp_trade_with_us.exports_to_us_musd[FY2021-22]` million in fiscal year 2021-22, against
        imports from the US of $`@sbp_trade_with_us.imports_from_us_musd[FY2021-22]` million.

        ```chart
        type: bar
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports to the US have run well ahead of imports from it
        subtitle: Pakistan's goods trade with the US, USD millions, Pakistan fiscal years (July–June)
        caption: "State Bank of Pakistan figures as reported by APP and others. Imports for FY2017-18, FY2022-23 and FY2023-24 were not found; they are missing, not zero."
        x_label: Fiscal year
        y_label: USD millions
        format: usd_millions
        y_min: 0
        ```

        ## The figures

        ```table
        data: sbp_trade_with_us
        columns: [fiscal_year, exports_to_us_musd, imports_from_us_musd]
        caption: Pakistan's goods trade with the US, USD millions (State Bank of Pakistan)
        ```

        ## How this page is made

        The chart above is a fenced code block with the info string `chart`. Its `data` names the
        dataset, a CSV file in `Content/data/`, and `x` and `y` name its columns. The table is a
        `table` block over the same dataset. A figure in the text is a code span that starts with
        an @ and names the dataset, the column and the row; it prints the figure exactly as its
        source wrote it:

        ```markdown
        Exports reached $`@sbp_trade_with_us.exports_to_us_musd[FY2021-22]` million.
        ```

        Where the figures come from is written once, in the dataset's `.yml` file beside the CSV,
        and shown on the dataset's page with a download of the data.

        """
    }

    static let about = """
        ---
        title: About
        summary: What this site is and how it is made.
        ---

        This site is made with Brief from the files in `Content/`. Replace this page with your own: who
        writes the briefings, for whom, and how the figures are checked.

        ## Working on the site

        - `brief serve` previews the site at http://127.0.0.1:8000/ and reloads the page on every save.
        - `brief new brief <slug>` starts a brief in `Content/briefs/`.
        - `brief new dataset <file.csv>` adds a dataset to `Content/data/` with a metadata file to fill in.
        - `brief check --strict` reports every problem, as CI would.
        - `brief build` writes the finished site to `Output/`, ready for any static host.

        """

    /// Rows and columns of Content/data/sbp_trade_with_us.csv in this repository, unchanged.
    static let datasetCSV = """
        fiscal_year,exports_to_us_musd,imports_from_us_musd,source_publisher,source_date,source_url
        FY2017-18,3860,,Pakistan Today (citing Express Tribune and SBP data),2018-07-25,https://dependent.pakistantoday.com.pk/2018/07/25/roughly-fifty-percent-of-pakistans-24-2-billion-exports-went-to-six-countries-in-fy18/
        FY2018-19,4042.701,2097.595,UrduPoint / APP (citing SBP),2020-08-07,https://www.urdupoint.com/en/business/pakistans-exports-to-usa-decline-by-358-du-995280.html
        FY2019-20,3897.852,2261.543,UrduPoint / APP (citing SBP),2020-08-07,https://www.urdupoint.com/en/business/pakistans-exports-to-usa-decline-by-358-du-995280.html
        FY2020-21,5030.724,2447.281,The Nation / APP (citing SBP),2022-07-30,https://nation.com.pk/2022/07/30/pak-us-trade-witnesses-over-44pc-growth-during-fy2021-22/
        FY2021-22,6798.982,3055.169,The Nation / APP (citing SBP),2022-07-30,https://nation.com.pk/2022/07/30/pak-us-trade-witnesses-over-44pc-growth-during-fy2021-22/
        FY2022-23,5932.358,,Profit (Pakistan Today) citing SBP,2024-07-24,https://profit.pakistantoday.com.pk/2024/07/24/us-china-and-uae-top-destinations-for-pakistani-exports-in-fy-2023-24/
        FY2023-24,5432.929,,Profit (Pakistan Today) citing SBP,2024-07-24,https://profit.pakistantoday.com.pk/2024/07/24/us-china-and-uae-top-destinations-for-pakistani-exports-in-fy-2023-24/

        """

    static let datasetYML = """
        # Where the figures in sbp_trade_with_us.csv come from. title and source are required.
        title: Pakistan's goods trade with the US (SBP)
        source: State Bank of Pakistan (SBP) country-wise export receipts and import payments with the USA, as reported by APP and republished by UrduPoint, The Nation and Profit (Pakistan Today)
        source_url: https://nation.com.pk/2022/07/30/pak-us-trade-witnesses-over-44pc-growth-during-fy2021-22/
        publisher: Associated Press of Pakistan (APP) and republishers; per-row source in the source_url column
        retrieved: 2026-11-20
        units: USD millions
        period: Pakistan fiscal year (July–June); FY2021-22 is July 2021 to June 2022
        confidence: >-
          high for FY2018-19 to FY2021-22 and FY2023-24 (SBP figures quoted to the thousand dollars by the
          state news agency); medium for FY2017-18 (rounded, "over $3.86 billion") and FY2022-23 (comparison
          year in a later release).
        caveats: >-
          The APP articles call these figures "goods and services" trade, but they are SBP's country-wise
          goods export receipts and import payments. They differ from Pakistan Bureau of Statistics customs
          data and from US Census Bureau data in basis, year (fiscal, not calendar) and valuation. Imports
          from the US for FY2017-18, FY2022-23 and FY2023-24 were not found; those cells are empty, not zero.
        license: Figures are facts reported by the sources named; quoted under fair use for analysis.
        columns:
          fiscal_year: {type: text, label: Fiscal year}
          exports_to_us_musd: {type: number, unit: USD millions, label: Exports to the US}
          imports_from_us_musd: {type: number, unit: USD millions, label: Imports from the US}
          source_publisher: {type: text, label: Reported by}
          source_date: {type: date, label: Report date}
          source_url: {type: text, label: Source}

        """
}
