package com.amazonaws.services.lambda.runtime.logging;

// samc's minimal copy of aws-lambda-java-core 1.2.x (same names and signatures); a jar the function bundles wins.
public enum LogLevel {
    UNDEFINED,
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL
}
