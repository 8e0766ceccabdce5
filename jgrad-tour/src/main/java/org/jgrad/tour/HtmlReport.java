package org.jgrad.tour;

import java.util.List;
import java.util.Locale;

/**
 * Writes the report as one self-contained HTML file: figures inlined as SVG, no external script,
 * style sheet or font, so it opens offline. A small inline script marks on the body how many
 * figures rendered with a non-empty size and how many script errors occurred, which the browser
 * test reads back.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(String title, String subtitle, List<ReportSection> sections) {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
          .append("<script>window.jgradErrors = 0; window.addEventListener('error', function () { window.jgradErrors++; });</script>\n")
          .append("</head>\n<body>\n<header><h1>").append(esc(title)).append("</h1><p class=\"sub\">").append(esc(subtitle))
          .append("</p>\n<nav><ol>");
        for (ReportSection s : sections) {
            sb.append("<li><a href=\"#").append(s.id).append("\">").append(esc(s.title)).append("</a></li>");
        }
        sb.append("</ol></nav></header>\n");
        int figureNumber = 0;
        for (ReportSection s : sections) {
            sb.append("<section id=\"").append(s.id).append("\" class=\"tour-section\">\n<h2>").append(esc(s.title)).append("</h2>\n");
            for (ReportSection.Block b : s.blocks) {
                if (b instanceof ReportSection.Text t) {
                    sb.append("<p>").append(esc(t.text())).append("</p>\n");
                } else if (b instanceof ReportSection.Pre p) {
                    sb.append("<pre>").append(esc(p.text())).append("</pre>\n");
                } else if (b instanceof ReportSection.Table t) {
                    table(sb, t);
                } else if (b instanceof ReportSection.FigureBlock f) {
                    figureNumber++;
                    Figure fig = f.figure();
                    sb.append("<figure class=\"tour-figure\" id=\"fig-").append(fig.id()).append("\">\n<div class=\"pic\">")
                      .append(picture(fig)).append("</div>\n<figcaption><b>Figure ").append(figureNumber).append(". ")
                      .append(esc(fig.title())).append(".</b> ").append(esc(fig.caption())).append("</figcaption>\n</figure>\n");
                }
            }
            sb.append(String.format(Locale.ROOT, "<p class=\"time\">section ran in %.1f s</p>%n</section>%n", s.seconds));
        }
        sb.append("<script>\n").append(CHECK).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, ReportSection.Table t) {
        sb.append("<table>\n<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String c : row) {
                sb.append("<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /**
     * Small SVGs (Graphviz's) go inline; charts go in as PNG data URIs, since their SVG (every glyph
     * a path) runs to megabytes. Either way the file stays self-contained.
     */
    private static String picture(Figure f) {
        if (f.svg().length() < 200_000) {
            return inlineSvg(f.svg());
        }
        return "<img alt=\"" + esc(f.title()) + "\" src=\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(f.png()) + "\">";
    }

    /** Drops the XML prolog and doctype so an SVG document can sit inside HTML. */
    static String inlineSvg(String svg) {
        int start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(start);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = String.join("\n",
            "body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; max-width: 960px; margin: 2em auto;",
            "       padding: 0 1em; color: #1d1d1f; line-height: 1.5; }",
            "h1 { margin-bottom: 0.2em; } .sub { color: #555; margin-top: 0; }",
            "h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }",
            "nav ol { columns: 2; font-size: 0.95em; }",
            "table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }",
            "th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }",
            "th { background: #f3f5f8; } td:first-child, th:first-child { text-align: left; }",
            "pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }",
            "figure { margin: 1.5em 0; } .pic svg, .pic img { max-width: 100%; height: auto; }",
            "figcaption { font-size: 0.92em; color: #333; }",
            ".time { color: #888; font-size: 0.8em; }",
            "");

    /** Counts figures whose picture has a non-zero size; records the count and script errors on the body. */
    private static final String CHECK = String.join("\n",
            "(function () {",
            "  var figures = document.querySelectorAll('figure.tour-figure');",
            "  var ok = 0;",
            "  figures.forEach(function (f) {",
            "    var pic = f.querySelector('svg, img');",
            "    if (!pic) { return; }",
            "    var r = pic.getBoundingClientRect();",
            "    if (r.width > 0 && r.height > 0) { ok++; f.setAttribute('data-rendered', 'yes'); }",
            "  });",
            "  document.body.setAttribute('data-figures', String(figures.length));",
            "  document.body.setAttribute('data-figures-rendered', String(ok));",
            "  document.body.setAttribute('data-sections', String(document.querySelectorAll('section.tour-section').length));",
            "  document.body.setAttribute('data-errors', String(window.jgradErrors));",
            "})();",
            "");
}
