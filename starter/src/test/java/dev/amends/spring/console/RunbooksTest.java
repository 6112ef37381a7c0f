package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunbooksTest {
  private final Runbooks runbooks = new Runbooks();

  @Test
  void givenMarkdown_itRendersHtml_withRawHtmlEscapedAndUnsafeLinksDropped() {
    String html =
        runbooks.render(
            "# Refund\n\n1. heal\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
                + " <img src=x onerror=alert(1)>");

    assertThat(html).contains("<h3>Refund</h3>", "<ol>", "&lt;script&gt;", "&lt;img");
    assertThat(html).doesNotContain("<script>", "javascript:", "<img");
  }

  @Test
  void givenAPathOutsideTheStaticFiles_itRendersNothing() {
    assertThat(runbooks.html("../application.yml")).isNull();
    assertThat(runbooks.html("/etc/passwd")).isNull();
    assertThat(runbooks.html("docs/runbooks/no-such.md")).isNull();
  }
}
