package com.amazonaws.services.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

// samc's minimal copy of aws-lambda-java-core 1.2.x (same names and signatures); a jar the function bundles wins.
public interface RequestStreamHandler {
    void handleRequest(InputStream input, OutputStream output, Context context) throws IOException;
}
