import Foundation

/// The folders a site needs, checked before a build so that a newcomer is told what to run
/// instead of meeting a diagnostic about a file they have never heard of.
enum SiteLayout {
    /// What is missing and what to do about it, or nil when the site can be built. `templates`
    /// is the folder given with --templates, if any (without it the built-in theme is enough).
    static func problem(content: String, templates: String?, in folder: String = ".") -> String? {
        let fm = FileManager.default
        func path(_ relative: String) -> String { relative.hasPrefix("/") ? relative : folder + "/" + relative }
        var isDirectory: ObjCBool = false
        let here = (folder == "." ? fm.currentDirectoryPath : folder)
        if !fm.fileExists(atPath: path(content), isDirectory: &isDirectory) || !isDirectory.boolValue {
            return """
                error: no \(content)/ folder in \(here)
                  brief works in a site folder: \(content)/site.yml, \(content)/briefs/, \(content)/data/.
                  To start a new site:  brief init my-site && cd my-site
                  To start one here:    brief init       (in an empty folder)
                  If your site is elsewhere, cd into it or pass --content <folder>.

                """
        }
        if !fm.fileExists(atPath: path(content + "/site.yml")) {
            // Worded like the build's own diagnostic, with what to do about it.
            return "\(content)/site.yml:1:1: error: missing site.yml; it needs at least a title "
                + "(write 'title: My briefing' in it, or run 'brief init my-site' for a complete starter site)\n"
        }
        if let templates, !fm.fileExists(atPath: path(templates), isDirectory: &isDirectory) || !isDirectory.boolValue {
            return """
                error: templates folder \(templates)/ not found
                  Leave out --templates to use the built-in theme, or copy the theme out to edit it:
                    brief new templates\(templates == "Templates" ? "" : " --to \(templates)")

                """
        }
        return nil
    }
}
