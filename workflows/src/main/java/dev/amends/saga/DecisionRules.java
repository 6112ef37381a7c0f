package dev.amends.saga;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one check of an operator decision, whichever channel it came by: the REST API calls it before
 * signalling, and the workflow calls it on the {@code resolveEscalation} signal, so both refuse the
 * same things with the same words. A decision it accepts can always be recorded.
 */
public final class DecisionRules {
  private static final Set<String> FIELDS = Set.of("escalationId", "action", "operator", "note");

  /** The actions a decision can carry: the three settlements, and the review of a write-off. */
  private static final String ACTIONS = "RETRY, RESOLVED_MANUALLY, ACCEPT_LOSS, APPROVE or REJECT";

  private DecisionRules() {}

  /**
   * A decision as checked: either {@link #ok()} with its parts (exactly one of {@code action} and
   * {@code review} set), or the field at fault and why.
   */
  public record Checked(
      String escalationId,
      OperatorAction action,
      WriteOffReview review,
      String operator,
      String note,
      String field,
      String problem) {

    public boolean ok() {
      return problem == null;
    }

    static Checked refused(String field, String problem) {
      return new Checked(null, null, null, null, null, field, problem);
    }
  }

  /** Checks whatever arrived on the signal: it must be a JSON object of the four fields. */
  public static Checked check(Object received) {
    if (!(received instanceof Map<?, ?> fields)) {
      return Checked.refused(
          null, "a decision must be a JSON object with escalationId, action and operator");
    }
    TreeSet<String> unknown = new TreeSet<>();
    for (Object key : fields.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        unknown.add(String.valueOf(key));
      }
    }
    if (!unknown.isEmpty()) {
      return Checked.refused(unknown.first(), "unknown field(s) " + unknown);
    }
    for (String name : FIELDS) {
      Object value = fields.get(name);
      if (value != null && !(value instanceof String)) {
        return Checked.refused(name, name + " must be a string");
      }
    }
    return check(
        (String) fields.get("escalationId"),
        (String) fields.get("action"),
        (String) fields.get("operator"),
        (String) fields.get("note"));
  }

  /** Checks the four fields of a decision; names the first one at fault. */
  public static Checked check(String escalationId, String action, String operator, String note) {
    String problem = TextRules.checkId("escalationId", escalationId);
    if (problem != null) {
      return Checked.refused("escalationId", problem);
    }
    if (action == null || action.isBlank()) {
      return Checked.refused("action", "action is required (" + ACTIONS + ")");
    }
    String verb = action.strip().toUpperCase(Locale.ROOT);
    OperatorAction settlement = parse(OperatorAction.values(), verb);
    WriteOffReview review = parse(WriteOffReview.values(), verb);
    if (settlement == null && review == null) {
      return Checked.refused(
          "action",
          "action '" + SignalPayloads.shorten(action, 60) + "' is unknown (" + ACTIONS + ")");
    }
    String name = operator == null ? null : operator.strip();
    problem = TextRules.checkName("operator", name);
    if (problem != null) {
      return Checked.refused("operator", problem + ": who decided");
    }
    String text = note == null || note.isBlank() ? null : note.strip();
    problem = TextRules.checkNote("note", text);
    if (problem != null) {
      return Checked.refused("note", problem);
    }
    boolean needsNote =
        settlement != null ? settlement.needsNote() : review == WriteOffReview.REJECT;
    if (needsNote && text == null) {
      return Checked.refused("note", "note is required for " + verb + ": what was done, or why");
    }
    return new Checked(escalationId, settlement, review, name, text, null, null);
  }

  private static <E extends Enum<E>> E parse(E[] values, String verb) {
    return Arrays.stream(values).filter(v -> v.name().equals(verb)).findFirst().orElse(null);
  }
}
