import Foundation

/// Writes a notice as one standalone, accessible, printable HTML file with no external resources.
public enum HTMLNoticeWriter {
    /// The bar a served notice carries above its title, as the privacy center's pages do: the
    /// controller's name, the languages the notice is in, and the way to the privacy center.
    public struct SiteBar: Sendable, Hashable {
        public struct Language: Sendable, Hashable {
            public var code, name, href: String
            public init(code: String, name: String, href: String) {
                self.code = code
                self.name = name
                self.href = href
            }
        }

        public var controller: String
        public var languagesLabel: String
        public var languages: [Language]
        public var centerLabel: String
        public var centerHref: String

        public init(
            controller: String, languagesLabel: String, languages: [Language], centerLabel: String, centerHref: String
        ) {
            self.controller = controller
            self.languagesLabel = languagesLabel
            self.languages = languages
            self.centerLabel = centerLabel
            self.centerHref = centerHref
        }
    }

    /// - Parameter site: the bar for a notice served beside the privacy center; nil for a file (`sargs policy render`).
    public static func write(_ document: NoticeDocument, site: SiteBar? = nil) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(document.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Sargs">
            <title>\(escape(document.title))</title>
            <style>\(stylesheet)\(document.accent.map(brandRule) ?? "")</style>
            </head>
            <body>
            <a class="skip" href="#main">\(escape(document.title))</a>
            \(site.map { siteBar($0, current: document.language) } ?? "")<header>
            <h1>\(escape(document.title))</h1>
            <p class="subtitle">\(escape(document.subtitle))</p>
            <nav aria-label="\(escape(document.title))">
            <ol>

            """
        for section in document.sections {
            html += "<li><a href=\"#\(section.id)\">\(escape(section.heading))</a></li>\n"
        }
        html += "</ol>\n</nav>\n</header>\n<main id=\"main\">\n"
        for section in document.sections {
            html += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">\n"
            html += "<h2 id=\"\(section.id)-h\">\(escape(section.heading))</h2>\n"
            for block in section.blocks { html += write(block, level: 3) }
            html += "</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func siteBar(_ site: SiteBar, current: String) -> String {
        let languages = site.languages.map { language in
            language.code == current
                ? """
                <li><span aria-current="page" lang="\(escape(language.code))">\(escape(language.name))</span></li>
                """
                : """
                <li><a href="\(escape(language.href))" lang="\(escape(language.code))" \
                hreflang="\(escape(language.code))">\(escape(language.name))</a></li>
                """
        }.joined()
        return """
            <div class="site"><span class="controller">\(escape(site.controller))</span> \
            <a href="\(escape(site.centerHref))">\(escape(site.centerLabel))</a>\
            <nav aria-label="\(escape(site.languagesLabel))"><ul class="languages">\(languages)</ul></nav></div>\n
            """
    }

    static func write(_ block: Block, level: Int) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(escape(text))</p>\n"
        case .callout(let heading, let text):
            return
                """
                <aside class="callout" role="note"><h\(level)>\
                \(escape(heading))</h\(level)><p>\(escape(text))</p></aside>\n
                """
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        case .fields(let fields):
            return "<dl>\n" + fields.map { "<dt>\(escape($0.label))</dt><dd>\(linked($0.value))</dd>\n" }.joined()
                + "</dl>\n"
        case .table(let headers, let rows):
            // A table wider than the screen scrolls in its box, which the keyboard must reach too (WCAG 2.1.1).
            var html =
                """
                <div class="table" tabindex="0" role="region" aria-label="\(escape(headers.joined(separator: ", ")))">\
                <table>
                <thead><tr>
                """
            html += headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for row in rows {
                html +=
                    "<tr>"
                    + row.enumerated().map { index, cell in
                        index == 0 ? "<th scope=\"row\">\(escape(cell))</th>" : "<td>\(escape(cell))</td>"
                    }.joined() + "</tr>\n"
            }
            return html + "</tbody>\n</table></div>\n"
        case .subsection(let heading, let blocks):
            let tag = "h\(min(level, 6))"
            return "<section>\n<\(tag)>\(escape(heading))</\(tag)>\n"
                + blocks.map { write($0, level: level + 1) }.joined() + "</section>\n"
        }
    }

    /// Escapes text for HTML element and attribute content. Works on UTF-8 bytes (all five special
    /// characters are ASCII) and returns the text itself when nothing needs escaping.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x3C: bytes += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: bytes += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x22: bytes += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case 0x27: bytes += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A contact value made clickable when it is one e-mail address or one web address.
    static func linked(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.contains(" "), trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") {
            return "<a href=\"\(escape(trimmed))\">\(escape(trimmed))</a>"
        }
        if !trimmed.contains(" "), StringFormat.email.problem(with: trimmed) == nil {
            return "<a href=\"mailto:\(escape(trimmed))\">\(escape(trimmed))</a>"
        }
        return escape(value)
    }

    /// The company's colour on a light page (the contrast check was against white); dark pages keep the light-on-dark
    /// accent.
    static func brandRule(_ colour: String) -> String {
        "\n@media not (prefers-color-scheme:dark){:root{--accent:\(escape(colour))}}"
    }

    static let stylesheet = """
        :root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;\
        --muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--note:#fff8e5}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;\
        --muted:#9da7b3;--line:#30363d;--accent:#79b8ff;--note:#2b2410}}
        *{box-sizing:border-box}body{margin:0 auto;max-width:52rem;padding:1.5rem;\
        font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg)}
        h1{font-size:1.9rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.4rem;\
        margin-top:2.2rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
        h3{font-size:1.15rem;margin-top:1.5rem}h4,h5,h6{font-size:1rem;margin-top:1.2rem}
        a{color:var(--accent)}a:focus{outline:3px solid var(--accent);outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
        .site{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;\
        border-bottom:1px solid #d0d7de;padding-bottom:.5rem}.site .controller{font-weight:700;\
        margin-right:auto}.site ul{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
        .subtitle{color:var(--muted);margin-top:0}nav ol{columns:2;padding-left:1.2rem}
        dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.3rem 1rem;margin:1rem 0}\
        dt{font-weight:600}dd{margin:0}
        .table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1rem 0}\
        th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
        thead th{background:color-mix(in srgb,var(--line) 35%,transparent)}
        .callout{border-left:4px solid var(--accent);background:var(--note);padding:.6rem 1rem;margin:1.5rem 0}\
        .callout h3,.callout h4{margin-top:.2rem}
        @media (max-width:40rem){dl{grid-template-columns:1fr}nav ol{columns:1}}
        @media print{body{max-width:none;padding:0;font-size:11pt;color:#000;background:#fff}\
        nav,.skip{display:none}a{color:#000;text-decoration:none}
        h2{break-after:avoid}table,dl,.callout{break-inside:avoid}.callout{background:none;border:1px solid #000}}
        """
}
