package dev.amends.activities.temporal;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the workflow id, run id and saga id in the logging MDC while an activity runs, and takes
 * them out again once it returns or throws, so every line an activity logs says which saga it
 * served. An amends saga's id is its workflow id. Trace and span ids are the tracer's to add.
 */
public class ActivityLogContext extends WorkerInterceptorBase {
  /** MDC key of the activity's workflow id. */
  public static final String WORKFLOW_ID = "workflowId";

  /** MDC key of the activity's workflow run id. */
  public static final String RUN_ID = "runId";

  /** MDC key of the saga id: the workflow id of the saga the activity serves. */
  public static final String SAGA_ID = "sagaId";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Map<String, String> keys = keys(info);
        Map<String, String> before = new LinkedHashMap<>();
        keys.forEach(
            (key, value) -> {
              before.put(key, MDC.get(key));
              MDC.put(key, value);
            });
        try {
          return super.execute(input);
        } finally {
          before.forEach(
              (key, value) -> {
                if (value == null) {
                  MDC.remove(key);
                } else {
                  MDC.put(key, value);
                }
              });
        }
      }
    };
  }

  /** The MDC entries for one activity execution. */
  static Map<String, String> keys(ActivityInfo info) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(WORKFLOW_ID, info.getWorkflowId());
    keys.put(RUN_ID, info.getWorkflowRunId());
    keys.put(SAGA_ID, info.getWorkflowId());
    return keys;
  }
}
