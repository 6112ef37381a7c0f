package dev.amends.activities.temporal;

import dev.amends.saga.PrivateText;
import dev.amends.saga.TextRules;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keeps every activity failure short: one bounded message naming the root cause, a few stack frames
 * and no cause chain. The Temporal server keeps an activity's last failure in a few kilobytes and
 * replaces a larger one with "Failure exceeds size limit", hiding what went wrong from the
 * operator; a JDBC exception with its SQL, values and nested causes is easily larger. Bounding the
 * message also keeps most of what a caller sent out of the history, and any e-mail address in it is
 * masked (private data never enters a failure message).
 */
public class ConciseActivityFailures extends WorkerInterceptorBase {
  static final int MAX_MESSAGE = 400;
  static final int MAX_FRAMES = 6;

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException failure) {
          throw concise(failure);
        }
      }
    };
  }

  /** The failure as Temporal should record it. */
  static RuntimeException concise(RuntimeException failure) {
    if (failure instanceof ApplicationFailure app) {
      String original = Objects.toString(app.getOriginalMessage(), "");
      if (app.getCause() == null
          && original.length() <= MAX_MESSAGE
          && original.equals(PrivateText.withoutEmailAddresses(original))) {
        trimStack(app);
        return app;
      }
      ApplicationFailure shorter =
          ApplicationFailure.newBuilder(app)
              .setMessage(bounded(original + causeOf(app)))
              .setCause(null)
              .build();
      shorter.setStackTrace(trim(app.getStackTrace()));
      return shorter;
    }
    if (failure instanceof TemporalFailure) {
      // Cancellations and the like are the SDK's own and carry what the server expects.
      return failure;
    }
    String message = Objects.toString(failure.getMessage(), "") + causeOf(failure);
    ApplicationFailure shorter =
        ApplicationFailure.newFailure(bounded(message), failure.getClass().getSimpleName());
    shorter.setStackTrace(trim(failure.getStackTrace()));
    return shorter;
  }

  private static String causeOf(Throwable failure) {
    Throwable root = root(failure);
    return root == failure
        ? ""
        : " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String bounded(String message) {
    String oneLine = PrivateText.withoutEmailAddresses(message).replaceAll("\\s+", " ").strip();
    return TextRules.cut(oneLine, MAX_MESSAGE);
  }

  private static void trimStack(Throwable failure) {
    failure.setStackTrace(trim(failure.getStackTrace()));
  }

  private static StackTraceElement[] trim(StackTraceElement[] frames) {
    return frames.length <= MAX_FRAMES ? frames : Arrays.copyOf(frames, MAX_FRAMES);
  }
}
