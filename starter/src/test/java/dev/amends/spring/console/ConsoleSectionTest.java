package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

class ConsoleSectionTest {
  private static final String RETRY = "/console/refunds/{refundId}/retry";
  private static final ConsoleSection REFUNDS =
      ConsoleSection.of("Refunds", "/console/refunds", "OPERATOR", "ADMIN")
          .withForm(RETRY, "ADMIN");

  private static Authentication as(String... roles) {
    String[] authorities = new String[roles.length];
    for (int i = 0; i < roles.length; i++) {
      authorities[i] = "ROLE_" + roles[i];
    }
    TestingAuthenticationToken who = new TestingAuthenticationToken("ana", "x", authorities);
    who.setAuthenticated(true);
    return who;
  }

  @Test
  void givenRoles_readingAndPostingFollowTheDeclaredRoles() {
    assertThat(REFUNDS.readableBy(as("OPERATOR"))).isTrue();
    assertThat(REFUNDS.readableBy(as("EDITOR"))).isFalse();
    assertThat(REFUNDS.readableBy(null)).isFalse();
    assertThat(REFUNDS.allowsPost(as("OPERATOR"), RETRY)).isFalse();
    assertThat(REFUNDS.allowsPost(as("ADMIN"), RETRY)).isTrue();
    assertThatThrownBy(() -> REFUNDS.allowsPost(as("ADMIN"), "/console/refunds/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenABadDeclaration_itIsRefusedWhenMade() {
    assertThatThrownBy(() -> ConsoleSection.of("X", "/refunds", "ADMIN"))
        .hasMessageContaining("/console/");
    assertThatThrownBy(() -> ConsoleSection.of("X", "/console/refunds"))
        .hasMessageContaining("at least one role");
    assertThatThrownBy(() -> ConsoleSection.of("X", "/console/refunds", "ROLE_ADMIN"))
        .hasMessageContaining("not a role name");
    assertThatThrownBy(() -> REFUNDS.withForm("/console/other/retry", "ADMIN"))
        .hasMessageContaining("not under");
  }

  @Test
  void givenServiceSections_theyComeAfterAmendsOwn_andMayNotTakeTheirPaths() {
    ConsoleSections sections = new ConsoleSections(List.of(REFUNDS));
    assertThat(sections.all())
        .extracting(ConsoleSection::label)
        .containsExactly("Inbox", "Sagas", "Ledger", "Refunds");
    assertThat(sections.at("/console/refunds/r-1")).isEqualTo(REFUNDS);
    assertThat(sections.at("/console/refundsx")).isNull();
    assertThat(sections.at("/console/sagas/order-1")).isEqualTo(ConsoleSections.SAGAS);
    assertThat(sections.readableBy(as("EDITOR"))).isEmpty();

    assertThatThrownBy(
            () -> new ConsoleSections(List.of(ConsoleSection.of("X", "/console/sagas/x", "ADMIN"))))
        .hasMessageContaining("overlaps");
    assertThatThrownBy(
            () -> new ConsoleSections(List.of(ConsoleSection.of("X", "/console/assets", "ADMIN"))))
        .hasMessageContaining("reserved");
  }
}
