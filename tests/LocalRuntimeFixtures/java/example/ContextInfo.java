package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** A POJO-shape method taking the event as a Map and the context; returns the context fields. */
public class ContextInfo {
    public Map<String, Object> describe(Map<String, Object> event, Context context) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requestId", context.getAwsRequestId());
        result.put("functionName", context.getFunctionName());
        result.put("version", context.getFunctionVersion());
        result.put("arn", context.getInvokedFunctionArn());
        result.put("memory", context.getMemoryLimitInMB());
        result.put("logGroup", context.getLogGroupName());
        result.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
        result.put("identity", context.getIdentity());
        result.put("eventType", event.getClass().getName());
        result.put("numberTypes", event.get("n") == null ? null : event.get("n").getClass().getSimpleName() + "," + event.get("big").getClass().getSimpleName() + "," + event.get("f").getClass().getSimpleName());
        result.put("listType", event.get("list") == null ? null : event.get("list").getClass().getName());
        result.put("toolOption", System.getProperty("samc.test"));
        result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return result;
    }
}
