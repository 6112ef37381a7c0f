package dev.amends.app.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StoryRollbackTest {
  private static final String STORY = "s-1";

  record Edit(StoryField field, String value) {}

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<String> values =
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3).injectNull(0.1);
    return Combinators.combine(Arbitraries.of(StoryField.class), values)
        .as(Edit::new)
        .list()
        .ofMaxSize(30);
  }

  @Property(tries = 500)
  void rollingBackYieldsExactlyTheTargetStateWithOneEventPerDifferingField(
      @ForAll("edits") List<Edit> edits, @ForAll @IntRange(min = 0, max = 30) int anyTarget) {
    List<StoryEvent> history = history(edits);
    long target = Math.min(anyTarget, history.size());

    List<StoryEvent> appended = StoryRollback.toRevision(STORY, history, target);

    Story wanted = Story.fold(STORY, history, target);
    Story before = Story.fold(STORY, history, Long.MAX_VALUE);
    List<StoryEvent> after = new ArrayList<>(history);
    after.addAll(appended);
    assertThat(Story.fold(STORY, after, Long.MAX_VALUE).fields()).isEqualTo(wanted.fields());
    long differing =
        List.of(StoryField.values()).stream()
            .filter(f -> !Objects.equals(wanted.get(f), before.get(f)))
            .count();
    assertThat(appended.stream().filter(e -> e.kind() == StoryEvent.Kind.ROLLBACK))
        .hasSize((int) differing);
    assertThat(appended.get(appended.size() - 1).kind()).isEqualTo(StoryEvent.Kind.ROLLBACK_MARKER);
    for (int i = 0; i < appended.size(); i++) {
      assertThat(appended.get(i).revision()).isEqualTo(history.size() + 1 + i);
    }
    assertThat(after.subList(0, history.size()))
        .as("history is never rewritten")
        .isEqualTo(history);
  }

  @Test
  void aTargetOutsideTheHistoryIsRefused() {
    List<StoryEvent> history = history(List.of(new Edit(StoryField.TITLE, "a")));
    assertThatThrownBy(() -> StoryRollback.toRevision(STORY, history, 2))
        .hasMessageContaining("not in the story's history (0..1)");
    assertThatThrownBy(() -> StoryRollback.toRevision(STORY, history, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMarkerNamesTheRangeRolledBack() {
    List<StoryEvent> history =
        history(
            List.of(
                new Edit(StoryField.TITLE, "a"),
                new Edit(StoryField.TITLE, "b"),
                new Edit(StoryField.BODY, "x")));

    List<StoryEvent> appended = StoryRollback.toRevision(STORY, history, 1);

    assertThat(appended)
        .containsExactly(
            new StoryEvent(STORY, 4, StoryEvent.Kind.ROLLBACK, StoryField.TITLE, "a"),
            new StoryEvent(STORY, 5, StoryEvent.Kind.ROLLBACK, StoryField.BODY, null),
            new StoryEvent(STORY, 6, StoryEvent.Kind.ROLLBACK_MARKER, null, "2..3 -> 1"));
  }

  private static List<StoryEvent> history(List<Edit> edits) {
    List<StoryEvent> events = new ArrayList<>();
    for (Edit edit : edits) {
      events.add(
          new StoryEvent(
              STORY, events.size() + 1, StoryEvent.Kind.EDIT, edit.field(), edit.value()));
    }
    return events;
  }
}
