package com.amazonaws.services.lambda.runtime;

// samc's minimal copy of aws-lambda-java-core 1.2.x (same names and signatures); a jar the function bundles wins.
public interface CognitoIdentity {
    String getIdentityId();

    String getIdentityPoolId();
}
