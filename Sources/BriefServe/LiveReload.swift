import BriefDiagnostics

/// The live-reload channel's pieces: the reserved URLs, the script added to served pages, the
/// server-sent events and the error overlay's payload.
public enum LiveReload {
    /// Every URL the server answers itself starts with this; no built file can live there.
    public static let reservedPrefix = "/__brief/"
    /// The server-sent events stream.
    static let eventsPath = "/__brief/events"
    /// The script added to every served HTML page (never to files `brief build` writes).
    static let scriptPath = "/__brief/live-reload.js"

    /// `html` with the script tag before its last `</body>` (or at the end when there is none).
    /// `generation` lets the script ask for a reload if the site changed while the page loaded.
    static func inject(into html: [UInt8], generation: Int) -> [UInt8] {
        let tag = Array("<script src=\"\(scriptPath)\" data-generation=\"\(generation)\"></script>\n".utf8)
        let closing = Array("</body>".utf8)
        var result = html
        if let at = lastIndex(of: closing, in: html) {
            result.insert(contentsOf: tag, at: at)
        } else {
            result += tag
        }
        return result
    }

    /// One server-sent event. Data never spans lines: payloads are JSON on one line.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\ndata: \(data)\n\n"
    }

    static let reloadEvent = event("reload", data: "reload")

    /// The overlay's payload: each error as the compiler-style text the terminal shows, with
    /// paths relative to the project and absolute paths in messages cut to their file name.
    static func problemsEvent(_ diagnostics: [Diagnostic], projectRoot: String) -> String {
        let texts = diagnostics.filter { $0.severity == .error }.map { diagnostic -> String in
            var d = diagnostic
            d.location.path = relative(d.location.path, to: projectRoot)
            d.message = scrubAbsolutePaths(d.message, projectRoot: projectRoot)
            d.hint = d.hint.map { scrubAbsolutePaths($0, projectRoot: projectRoot) }
            return d.formatted()
        }
        return event("problems", data: "[" + texts.map(jsonString).joined(separator: ",") + "]")
    }

    static func relative(_ path: String, to root: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        return "…/" + (path.split(separator: "/").last.map(String.init) ?? "")
    }

    /// Replaces each word that starts with "/" (an absolute path) by its project-relative form.
    static func scrubAbsolutePaths(_ text: String, projectRoot: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            out += word.hasPrefix("/") ? relative(word, to: projectRoot) : word
            word = ""
        }
        for ch in text {
            if ch == " " || ch == "\"" || ch == "'" || ch == "(" || ch == ")" || ch == "\n" || ch == "," {
                flush()
                out.append(ch)
            } else {
                word.append(ch)
            }
        }
        flush()
        return out
    }

    static func jsonString(_ text: String) -> String { TextEscaping.json(text) }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            var match = true
            for j in 0..<needle.count {
                var byte = haystack[i + j]
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte != needle[j] { match = false; break }
            }
            if match { return i }
            i -= 1
        }
        return nil
    }

    /// Listens for "reload" and "problems". The overlay is built with textContent only, so a
    /// diagnostic quoting `<script>` from a brief shows as text.
    static let script = #"""
    // brief serve: live reload and build-error overlay. Added by the preview server only.
    (function () {
      "use strict";
      var me = document.currentScript;
      var generation = me ? me.getAttribute("data-generation") : "";
      var source = new EventSource("/__brief/events?generation=" + encodeURIComponent(generation || ""));
      var PANEL_ID = "brief-serve-problems";

      source.addEventListener("reload", function () {
        source.close();
        window.location.reload();
      });

      source.addEventListener("problems", function (event) {
        var problems;
        try { problems = JSON.parse(event.data); } catch (e) { return; }
        if (!Array.isArray(problems)) { return; }
        show(problems);
      });

      function show(problems) {
        var old = document.getElementById(PANEL_ID);
        if (old) { old.parentNode.removeChild(old); }
        var panel = document.createElement("section");
        panel.id = PANEL_ID;
        panel.setAttribute("role", "alert");
        panel.setAttribute("aria-label", "Build errors");
        panel.style.cssText = [
          "position:fixed", "left:1rem", "right:1rem", "bottom:1rem", "max-height:70vh", "overflow:auto",
          "z-index:2147483647", "margin:0", "padding:1rem 1.25rem", "box-sizing:border-box",
          "background:#fff5f5", "color:#2b0b0b", "border:2px solid #b3261e", "border-radius:6px",
          "box-shadow:0 6px 30px rgba(0,0,0,.35)", "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace",
          "text-align:left"
        ].join(";");
        var heading = document.createElement("p");
        heading.style.cssText = "margin:0 0 .5rem;font-weight:bold;font-family:system-ui,sans-serif";
        heading.textContent = "The build failed (" + problems.length + " error" + (problems.length === 1 ? "" : "s") +
          "). Fix the file and this page reloads; until then it shows the last good build.";
        panel.appendChild(heading);
        problems.forEach(function (text) {
          var pre = document.createElement("pre");
          pre.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit";
          pre.textContent = String(text);
          panel.appendChild(pre);
        });
        var hide = document.createElement("button");
        hide.type = "button";
        hide.textContent = "Hide";
        hide.style.cssText = "position:absolute;top:.5rem;right:.5rem;font:inherit";
        hide.addEventListener("click", function () { panel.style.display = "none"; });
        panel.appendChild(hide);
        (document.body || document.documentElement).appendChild(panel);
      }
    })();
    """#
}
