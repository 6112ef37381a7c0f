package dev.amends.spring.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;

/**
 * A runbook as HTML: the markdown the application serves as a static file ({@code static/<runbook>}
 * on the class path), rendered with raw HTML escaped and unsafe links dropped.
 */
final class Runbooks {
  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  /** The runbook rendered, or null when the application has no such file. */
  String html(String runbook) {
    if (runbook == null || runbook.contains("..") || runbook.startsWith("/")) {
      return null;
    }
    ClassPathResource file = new ClassPathResource("static/" + runbook);
    if (!file.exists()) {
      return null;
    }
    try (InputStream in = file.getInputStream()) {
      return render(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The markdown as HTML, its headings two levels down (a runbook's title becomes an h3 under the
   * page's own h1 and the section's h2). Raw HTML was escaped, so every tag here is the renderer's.
   */
  String render(String markdown) {
    String html = renderer.render(parser.parse(markdown));
    for (int level = 4; level >= 1; level--) {
      html =
          html.replace("<h" + level + ">", "<h" + (level + 2) + ">")
              .replace("</h" + level + ">", "</h" + (level + 2) + ">");
    }
    return html;
  }
}
