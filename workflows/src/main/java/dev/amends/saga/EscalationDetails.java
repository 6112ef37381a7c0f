package dev.amends.saga;

import java.util.List;

/**
 * The markdown a waiting saga shows as its current details in the Temporal UI: each open
 * escalation, its runbook and the signal that decides it, so a person who finds the workflow there
 * knows what to do without the operator API. It carries ids, steps, worlds, errors and operator
 * names only: never a customer's e-mail, address or card token, nor an operator's note.
 */
final class EscalationDetails {
  private static final int ERROR_SHOWN = 300;

  private EscalationDetails() {}

  /** The details for these escalations; empty when none waits for a decision. */
  static String of(List<Escalation> escalations) {
    StringBuilder md = new StringBuilder();
    for (Escalation e : escalations) {
      if (!e.awaitsDecision()) {
        continue;
      }
      if (md.length() > 0) {
        md.append("\n---\n\n");
      }
      append(md, e);
    }
    return md.toString();
  }

  private static void append(StringBuilder md, Escalation e) {
    md.append("### Waiting for a person: escalation `").append(e.id()).append("`\n\n");
    md.append("- **step:** `")
        .append(e.step())
        .append("` (")
        .append(e.world().level())
        .append(")\n");
    if (e.undo() != null) {
      md.append("- **undo:** `").append(e.undo()).append("`\n");
    }
    md.append("- **error:** ")
        .append(SignalPayloads.shorten(String.valueOf(e.error()), ERROR_SHOWN));
    md.append("\n- **runbook:** `").append(e.runbook()).append("`\n\n");
    WriteOffRequest pending = e.pendingWriteOff();
    if (pending != null) {
      md.append("**A write-off requested by ")
          .append(pending.requestedBy())
          .append(" awaits approval.** A second person decides it with signal ")
          .append("`resolveEscalation`:\n\n")
          .append(signal(e.id(), "APPROVE", "<approver>", "<why>"))
          .append("or `REJECT` in place of `APPROVE`.\n");
      return;
    }
    List<WriteOffRequest> writeOffs = e.writeOffs();
    if (!writeOffs.isEmpty()
        && writeOffs.get(writeOffs.size() - 1).review() == WriteOffReview.REJECT) {
      md.append("The write-off was rejected by ")
          .append(writeOffs.get(writeOffs.size() - 1).reviewedBy())
          .append(": decide again.\n\n");
    }
    md.append("**Decide** with signal `resolveEscalation`:\n\n")
        .append(signal(e.id(), "RETRY", "<you>", "<what you did>"))
        .append(
            "`action` is `RETRY`, `RESOLVED_MANUALLY` or `ACCEPT_LOSS`; `note` is required for ")
        .append("the last two.\n");
  }

  private static String signal(String id, String action, String operator, String note) {
    return "```json\n{\"escalationId\": \"%s\", \"action\": \"%s\", \"operator\": \"%s\", \"note\": \"%s\"}\n```\n\n"
        .formatted(id, action, operator, note);
  }
}
