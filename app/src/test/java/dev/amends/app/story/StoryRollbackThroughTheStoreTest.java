package dev.amends.app.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.Migrations;
import dev.amends.app.AmendsApplication;
import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Seed 004's property, end to end: random histories of edits, undos and earlier rollbacks are
 * written through the real event store (H2, with its migrations and append-only trigger) by the
 * story's activities; rolling back to any revision then yields exactly that revision's state,
 * appends exactly one ROLLBACK event per differing field plus the marker, and rewrites nothing.
 */
class StoryRollbackThroughTheStoreTest {
  private static final StoryEventStore STORE;
  private static final StoryActivitiesImpl ACTIVITIES;
  private static final AtomicInteger STORIES = new AtomicInteger();

  static {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:story-property;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Flyway.configure()
        .dataSource(h2)
        .locations(
            Stream.of(AmendsApplication.MIGRATIONS, Migrations.AMENDS)
                .flatMap(root -> Migrations.locations(root, "h2").stream())
                .toArray(String[]::new))
        .load()
        .migrate();
    STORE = new StoryEventStore(JdbcClient.create(h2), new DataSourceTransactionManager(h2));
    ACTIVITIES = new StoryActivitiesImpl(STORE);
  }

  /** What an editor does next: edit a field, undo one of the earlier edits, or roll back. */
  sealed interface Op permits Edit, Undo, Rollback {}

  record Edit(StoryField field, String value) implements Op {}

  record Undo(int whichEdit) implements Op {}

  record Rollback(int percentOfHistory) implements Op {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<String> values =
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(2).injectNull(0.1);
    Arbitrary<Op> edit =
        Combinators.combine(Arbitraries.of(StoryField.class), values).as(Edit::new);
    Arbitrary<Op> undo = Arbitraries.integers().between(0, 1000).map(Undo::new);
    Arbitrary<Op> rollback = Arbitraries.integers().between(0, 100).map(Rollback::new);
    return Arbitraries.frequencyOf(Tuple.of(6, edit), Tuple.of(2, undo), Tuple.of(1, rollback))
        .list()
        .ofMaxSize(25);
  }

  @Property(tries = 200)
  void rollingBackThroughTheStoreYieldsExactlyTheTargetStateWithOneEventPerDifferingField(
      @ForAll("histories") List<Op> ops, @ForAll @IntRange(min = 0, max = 100) int targetPercent) {
    String story = "p-" + STORIES.incrementAndGet();
    write(story, new Edit(StoryField.TITLE, "first"), new ArrayList<>(), 0);
    List<CommittedEdit> edits = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      write(story, ops.get(i), edits, i);
    }
    List<RecordedStoryEvent> before = STORE.history(story);
    List<StoryEvent> events = before.stream().map(RecordedStoryEvent::event).toList();
    long current = events.get(events.size() - 1).revision();
    long target = current * targetPercent / 100;
    Story wanted = Story.fold(story, events, target);
    Story now = Story.fold(story, events, Long.MAX_VALUE);

    RollbackResult result =
        ACTIVITIES.rollback(new RollbackRequest(story, "final", target, current));

    List<RecordedStoryEvent> after = STORE.history(story);
    assertThat(after.subList(0, before.size())).as("history is never rewritten").isEqualTo(before);
    List<StoryEvent> appended =
        after.subList(before.size(), after.size()).stream().map(RecordedStoryEvent::event).toList();
    assertThat(appended).isEqualTo(result.appended());
    assertThat(STORE.current(story).fields()).isEqualTo(wanted.fields());
    long differing =
        List.of(StoryField.values()).stream()
            .filter(f -> !Objects.equals(wanted.get(f), now.get(f)))
            .count();
    assertThat(appended.stream().filter(e -> e.kind() == StoryEvent.Kind.ROLLBACK))
        .hasSize((int) differing);
    assertThat(appended.subList(0, appended.size() - 1))
        .extracting(StoryEvent::field)
        .doesNotHaveDuplicates();
    assertThat(appended.get(appended.size() - 1))
        .isEqualTo(
            new StoryEvent(
                story,
                current + differing + 1,
                StoryEvent.Kind.ROLLBACK_MARKER,
                null,
                (target + 1) + ".." + current + " -> " + target));

    assertThat(ACTIVITIES.rollback(new RollbackRequest(story, "final", target, current)))
        .as("a retried rollback appends nothing")
        .isEqualTo(result);
    assertThatThrownBy(
            () -> ACTIVITIES.rollback(new RollbackRequest(story, "stale", target, current)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("STALE_REVISION"));
    assertThat(STORE.history(story)).hasSameSizeAs(after);
  }

  private static void write(String story, Op op, List<CommittedEdit> edits, int step) {
    if (op instanceof Edit e) {
      edits.add(ACTIVITIES.commitEdit(new CommitEdit(story, "u" + step, e.field(), e.value())));
    } else if (op instanceof Undo u && !edits.isEmpty()) {
      CommittedEdit edit = edits.get(u.whichEdit() % edits.size());
      ACTIVITIES.undoEdit(new UndoEdit(story, undoIdOf(story, edit), edit.before(), edit.after()));
    } else if (op instanceof Rollback r) {
      long current = STORE.current(story).revision();
      ACTIVITIES.rollback(
          new RollbackRequest(story, "r" + step, current * r.percentOfHistory() / 100, current));
    }
  }

  /** The undo id an edit was committed under, read back from its event's key. */
  private static String undoIdOf(String story, CommittedEdit edit) {
    return STORE.history(story).stream()
        .filter(e -> e.event().revision() == edit.revision())
        .map(e -> e.idempotencyKey().substring("edit/".length()))
        .findFirst()
        .orElseThrow();
  }
}
