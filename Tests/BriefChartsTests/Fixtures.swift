import BriefData

/// Datasets built in Swift from the figures in ../shared/sources, so chart tests do not
/// depend on the CSV parser.
enum Fixtures {
    /// A column: name, type, cells as written ("" = missing), optional label and unit.
    struct Col {
        var name: String
        var type: ColumnType
        var cells: [String]
        var label: String?
        var unit: String?
        init(_ name: String, _ type: ColumnType, _ cells: [String], label: String? = nil, unit: String? = nil) {
            self.name = name
            self.type = type
            self.cells = cells
            self.label = label
            self.unit = unit
        }
    }

    static func dataset(_ name: String, title: String = "Test data", source: String = "Test source", _ cols: [Col]) -> Dataset {
        let columns = cols.map { c in
            Column(name: c.name, type: c.type, label: c.label, unit: c.unit, values: c.cells.map { cell in
                if cell.isEmpty { return .missing }
                switch c.type {
                case .number, .year: return .number(Double(cell) ?? .nan, text: cell)
                case .text, .date: return .text(cell)
                }
            })
        }
        return Dataset(name: name, columns: columns,
                       metadata: DatasetMetadata(title: title, source: source, units: "USD millions"),
                       path: "Content/data/\(name).csv")
    }

    static let fiscalYears = ["FY2017-18", "FY2018-19", "FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23", "FY2023-24"]

    /// pakistan_trade_with_us_sbp_fy.csv
    static let sbpTrade = dataset("sbp_trade_with_us", title: "Pakistan's trade with the US (SBP)",
        source: "State Bank of Pakistan, as reported by APP", [
        Col("fiscal_year", .text, fiscalYears, label: "Fiscal year"),
        Col("exports_to_us_musd", .number, ["3860", "4042.701", "3897.852", "5030.724", "6798.982", "5932.358", "5432.929"],
            label: "Exports to the US", unit: "USD millions"),
        Col("imports_from_us_musd", .number, ["", "2097.595", "2261.543", "2447.281", "3055.169", "", ""],
            label: "Imports from the US", unit: "USD millions"),
        Col("balance_musd_computed", .number, ["", "1945.106", "1636.309", "2583.443", "3743.813", "", ""],
            label: "Balance", unit: "USD millions"),
        Col("source_publisher", .text, ["Pakistan Today", "UrduPoint / APP", "UrduPoint / APP", "The Nation / APP",
                                        "The Nation / APP", "Profit", "Profit"]),
    ])

    /// ict_exports_fy.csv
    static let ict = dataset("ict", title: "ICT exports", source: "Ministry of IT & Telecom, as reported", [
        Col("fiscal_year", .text, ["FY2018-19", "FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23", "FY2023-24"], label: "Fiscal year"),
        Col("ict_export_remittances_musd", .number, ["", "1440", "2108", "2616", "2596", "3223"], label: "ICT export remittances", unit: "USD millions"),
        Col("it_ites_export_remittances_musd", .number, ["994.848", "1230", "", "", "", ""], label: "IT & ITeS", unit: "USD millions"),
    ])

    /// us_census_goods_trade_with_pakistan_points.csv: the US goods balance (all negative).
    static let usBalance = dataset("us_census_goods_trade", title: "US goods trade with Pakistan",
        source: "US Census Bureau and USTR, as reported", [
        Col("year", .year, ["2004", "2005", "2016", "2018"], label: "Year"),
        Col("us_trade_balance_musd", .number, ["-1100", "-2000", "-1276.4", "-783"], label: "US trade balance", unit: "USD millions"),
    ])

    /// Year-on-year change of exports to the US, computed from the SBP figures above.
    static let exportGrowth = dataset("export_growth", title: "Growth of exports to the US", source: "Computed from SBP figures", [
        Col("fiscal_year", .text, ["FY2018-19", "FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23", "FY2023-24"], label: "Fiscal year"),
        Col("growth_pct", .number, ["4.73", "-3.58", "29.06", "35.15", "-12.75", "-8.42"], label: "Change on a year earlier", unit: "%"),
    ])

    /// us_assistance_to_pakistan_fy.csv (annual rows, appropriations and the FY2020 request).
    static let usAid = dataset("us_assistance", title: "US assistance to Pakistan", source: "Congressional Research Service", [
        Col("us_fiscal_year", .text, ["FY2008", "FY2009", "FY2010", "FY2011", "FY2012", "FY2013", "FY2014", "FY2015", "FY2016", "FY2017", "FY2018"],
            label: "US fiscal year"),
        Col("security_related_musd", .number, ["517", "989", "1236", "1277", "849", "361", "371", "343", "322", "305", "23"], label: "Security-related", unit: "USD millions"),
        Col("economic_related_musd", .number, ["507", "1366", "1769", "1186", "1067", "834", "608", "561", "331", "285", "84"], label: "Economic-related", unit: "USD millions"),
        Col("coalition_support_funds_reimbursements_musd", .number, ["1019", "685", "1499", "1118", "688", "353", "1198", "700", "550", "", ""],
            label: "Coalition Support Funds", unit: "USD millions"),
    ])

    /// pakistan_exports_to_us_composition.csv, Jul-Apr FY2018-19 rows: long product names.
    static let composition = dataset("exports_composition", title: "Pakistan's exports to the US by product",
        source: "PBS commodity data, as reported by APP/UrduPoint", [
        Col("product", .text, ["Bed linen, table, toilet and kitchen linen", "Men's or boys' suits, ensembles etc.",
                               "Made-up articles of textile material", "T-shirts", "Gents' shirts, ensembles and jackets",
                               "Pantyhose, socks and other hosiery", "Sweaters, pullovers", "Polyesters, epoxides etc. in primary forms"],
            label: "Product"),
        Col("value_musd", .number, ["761.160", "433.594", "300.092", "157.450", "143.247", "122.958", "97.157", "87.094"],
            label: "Jul-Apr FY2018-19", unit: "USD millions"),
    ])

    /// Six flows between Pakistan and the US by fiscal year, from the source files above.
    static let sixFlows = dataset("pakistan_us_flows", title: "Pakistan–US flows", source: "SBP and others, as reported", [
        Col("fiscal_year", .text, fiscalYears, label: "Fiscal year"),
        Col("exports", .number, ["3860", "4042.701", "3897.852", "5030.724", "6798.982", "5932.358", "5432.929"], label: "Exports to the US"),
        Col("imports", .number, ["", "2097.595", "2261.543", "2447.281", "3055.169", "", ""], label: "Imports from the US"),
        Col("remittances", .number, ["", "", "", "2750", "", "", "3500"], label: "Remittances from the US"),
        Col("ict", .number, ["", "", "1440", "2108", "2616", "2596", "3223"], label: "ICT exports (all markets)"),
        Col("fdi", .number, ["", "", "", "", "250", "118.4", "137.29"], label: "Net FDI from the US"),
        Col("total_share", .number, ["15.95", "16.67", "17.32", "19.62", "20.95", "", ""], label: "US share of exports (%)"),
    ])

    /// pakistan_total_exports_and_us_share_fy.csv and the SBP figures: total vs. US exports.
    static let totals = dataset("totals", title: "Total exports and exports to the US", source: "SBP", [
        Col("fiscal_year", .text, ["FY2017-18", "FY2018-19", "FY2019-20", "FY2020-21", "FY2021-22"], label: "Fiscal year"),
        Col("sbp_total_exports_musd", .number, ["24200", "24256", "22504", "25638.974", "32450.087"], label: "Total exports", unit: "USD millions"),
        Col("sbp_exports_to_us_musd", .number, ["3860", "4042.701", "3897.852", "5030.724", "6798.982"], label: "Exports to the US", unit: "USD millions"),
    ])

    /// US GSP and trade events as dated points (events.csv has dates; the values here are
    /// the SBP exports of the fiscal year each date falls in).
    static let dated = dataset("dated", title: "Dated figures", source: "events.csv and SBP", [
        Col("date", .date, ["2017-12-31", "2018-12-31", "2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31"], label: "Date"),
        Col("exports_to_us_musd", .number, ["3860", "4042.701", "3897.852", "5030.724", "6798.982", "5932.358", "5432.929"], label: "Exports to the US"),
    ])

    /// Forty categories (synthetic values on a real shape: forty fiscal years).
    static let forty: Dataset = {
        var years: [String] = [], values: [String] = []
        for i in 0..<40 {
            let y = 1984 + i
            let yy = (y + 1) % 100
            years.append("FY\(y)-\(yy < 10 ? "0" : "")\(yy)")
            values.append(String(1000 + (i * 137) % 900 + i * 40))
        }
        return dataset("forty", title: "Forty years", source: "Synthetic", [
            Col("fiscal_year", .text, years, label: "Fiscal year"),
            Col("value", .number, values, label: "Value"),
        ])
    }()

    /// us_assistance_to_pakistan_fy.csv in long form: one row per fiscal year and category
    /// (CRS shows no Coalition Support Funds amount for FY2017 and FY2018, so those rows are absent).
    static let usAidLong: Dataset = {
        let wide = [
            ("FY2008", "517", "507", "1019"), ("FY2009", "989", "1366", "685"), ("FY2010", "1236", "1769", "1499"),
            ("FY2011", "1277", "1186", "1118"), ("FY2012", "849", "1067", "688"), ("FY2013", "361", "834", "353"),
            ("FY2014", "371", "608", "1198"), ("FY2015", "343", "561", "700"), ("FY2016", "322", "331", "550"),
            ("FY2017", "305", "285", ""), ("FY2018", "23", "84", ""),
        ]
        var years: [String] = [], categories: [String] = [], values: [String] = []
        for (year, security, economic, csf) in wide {
            for (category, value) in [("Security-related", security), ("Economic-related", economic), ("Coalition Support Funds", csf)]
            where !value.isEmpty {
                years.append(year)
                categories.append(category)
                values.append(value)
            }
        }
        return dataset("us_aid_long", title: "US assistance to Pakistan", source: "Congressional Research Service", [
            Col("us_fiscal_year", .text, years, label: "US fiscal year"),
            Col("category", .text, categories, label: "Category"),
            Col("appropriated_musd", .number, values, label: "Appropriated", unit: "USD millions"),
        ])
    }()

    /// exports_to_us_products_pbs.csv in long form: July–April of two fiscal years per product
    /// (the FY2017-18 bed-linen figure is truncated in the source, so that row is absent).
    static let productsTwoPeriods: Dataset = {
        let rows = [
            ("Men's suits", "394.361", "433.594"), ("Made-up textiles", "270.170", "300.092"), ("T-shirts", "126.635", "157.450"),
            ("Men's shirts, jackets", "92.687", "143.247"), ("Hosiery and socks", "111.663", "122.958"),
            ("Sweaters", "63.936", "97.157"), ("Polyester resins", "55.138", "87.094"),
        ]
        var periods: [String] = [], products: [String] = [], values: [String] = []
        for (period, pick) in [("Jul–Apr FY2017-18", 0), ("Jul–Apr FY2018-19", 1)] {
            for (product, a, b) in rows {
                periods.append(period)
                products.append(product)
                values.append(pick == 0 ? a : b)
            }
        }
        return dataset("products_two_periods", title: "Exports to the US by product", source: "PBS, as reported by APP/UrduPoint", [
            Col("period", .text, periods, label: "Period"),
            Col("product", .text, products, label: "Product"),
            Col("value_musd", .number, values, label: "Exports to the US", unit: "USD millions"),
        ])
    }()

    /// exports_to_us_compared.csv: SBP's and the commerce adviser's figures for the same years.
    static let exportsCompared = dataset("exports_compared", title: "Exports to the US, two official figures", source: "SBP; Adviser on Commerce", [
        Col("fiscal_year", .text, ["FY2019-20", "FY2020-21", "FY2021-22"], label: "Fiscal year"),
        Col("sbp_goods_musd", .number, ["3897.852", "5030.724", "6798.982"], label: "SBP", unit: "USD millions"),
        Col("commerce_adviser_musd", .number, ["3700", "5200", ""], label: "Commerce adviser", unit: "USD millions"),
    ])

    /// tifa_events.csv: the TIFA meetings (rows whose sources give only a month have no date).
    static let tifa = dataset("tifa", title: "TIFA timeline", source: "USTR and others", [
        Col("date", .date, ["2003-06-09", "2003-06-25", "2004-09-28", "2005-11-29", "2014-05-13", "2015-03-12", "2016-10-18", "", "2021-05-06", "", "2023-02-23", "2023-10-24", "2024-04-25", "2024-09-19"], label: "Date"),
        Col("event", .text, ["US and Pakistan agree to negotiate a TIFA",
                             "US-Pakistan Trade and Investment Framework Agreement (TIFA) signed in Washington",
                             "First meeting of the TIFA Joint Council (Washington)",
                             "USTR Portman and Commerce Minister Humayun Akhtar Khan agree to redouble efforts on a Bilateral Investment Treaty",
                             "Seventh US-Pakistan TIFA Council meeting (Washington)",
                             "TIFA Council inter-sessional meeting (Islamabad)",
                             "Eighth US-Pakistan TIFA Council meeting (Islamabad)",
                             "TIFA inter-sessional talks (Islamabad)",
                             "USTR Katherine Tai and Adviser Abdul Razak Dawood agree to continue TIFA dialogue",
                             "TIFA process re-launched at an inter-sessional meeting in Islamabad",
                             "Ninth US-Pakistan TIFA Council (ministerial) meeting (Washington)",
                             "Commerce Minister Gohar Ejaz and USTR Tai virtual meeting on follow-up to the 9th TIFA Council",
                             "TIFA inter-sessional meeting (Islamabad)",
                             "Commerce Minister Jam Kamal Khan and USTR Tai virtual meeting"], label: "Event"),
    ])

    /// us_assistance_to_pakistan_fy.csv, security and economic aid split by a synthetic channel
    /// (the CRS figures, each put under one of two made-up channels, to exercise facet + series).
    static let aidByKindAndChannel: Dataset = {
        var years: [String] = [], kinds: [String] = [], channels: [String] = [], values: [String] = []
        let security = ["517", "989", "1236", "1277", "849"], economic = ["507", "1366", "1769", "1186", "1067"]
        let fy = ["FY2008", "FY2009", "FY2010", "FY2011", "FY2012"]
        for (kind, figures) in [("Security", security), ("Economic", economic)] {
            for (i, year) in fy.enumerated() {
                for channel in ["Channel A", "Channel B"] {
                    years.append(year)
                    kinds.append(kind)
                    channels.append(channel)
                    values.append(channel == "Channel A" ? figures[i] : figures[(i + 1) % figures.count])
                }
            }
        }
        return dataset("aid_by_kind_and_channel", title: "Aid by kind and channel", source: "Synthetic split of CRS figures", [
            Col("us_fiscal_year", .text, years, label: "US fiscal year"),
            Col("kind", .text, kinds, label: "Kind"),
            Col("channel", .text, channels, label: "Channel"),
            Col("appropriated_musd", .number, values, label: "Appropriated", unit: "USD millions"),
        ])
    }()

    static let all: [String: Dataset] = Dictionary(uniqueKeysWithValues: [
        sbpTrade, ict, usBalance, exportGrowth, usAid, composition, sixFlows, totals, dated, forty, usAidLong,
    ].map { ($0.name, $0) })
}
