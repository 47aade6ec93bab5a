package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** RequestStreamHandler: echoes the event bytes; the handler string names only the class. */
public class StreamEcho implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        context.getLogger().log("stream handler in " + context.getFunctionName() + "\n");
        output.write(input.readAllBytes());
    }
}
