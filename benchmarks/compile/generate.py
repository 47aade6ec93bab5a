#!/usr/bin/env python3
"""Generates the SAM templates the compile benchmark times.

    generate.py functions [N]      N functions (default 200), each with AutoPublishAlias, Policies (a managed
                                   policy and a policy template), an SQS event and an Api event
    generate.py api-events [N]     one function with N Api events (default 200): does cost grow linearly?

The template goes to stdout. Output is deterministic (no randomness, no clock).
"""
import sys


def functions(n):
    out = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Description: compile benchmark - %d functions" % n,
        "Globals:",
        "  Function:",
        "    Runtime: python3.12",
        "    Timeout: 10",
        "    MemorySize: 256",
        "Resources:",
        "  Queue:",
        "    Type: AWS::SQS::Queue",
        "  Table:",
        "    Type: AWS::DynamoDB::Table",
        "    Properties:",
        "      BillingMode: PAY_PER_REQUEST",
        "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
        "      KeySchema: [{AttributeName: id, KeyType: HASH}]",
    ]
    for i in range(n):
        out += [
            "  Function%03d:" % i,
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      CodeUri: s3://benchmark-bucket/function%03d.zip" % i,
            "      Handler: app.handler%03d" % i,
            "      AutoPublishAlias: live",
            "      Environment:",
            "        Variables:",
            "          TABLE: !Ref Table",
            "          INDEX: '%d'" % i,
            "      Policies:",
            "        - AWSLambdaBasicExecutionRole",
            "        - DynamoDBCrudPolicy:",
            "            TableName: !Ref Table",
            "        - SQSPollerPolicy:",
            "            QueueName: !GetAtt Queue.QueueName",
            "      Events:",
            "        FromQueue:",
            "          Type: SQS",
            "          Properties:",
            "            Queue: !GetAtt Queue.Arn",
            "            BatchSize: 10",
            "        FromApi:",
            "          Type: Api",
            "          Properties:",
            "            Path: /items%03d/{id}" % i,
            "            Method: get",
        ]
    return "\n".join(out) + "\n"


def api_events(n):
    out = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Description: compile benchmark - one function with %d Api events" % n,
        "Resources:",
        "  ApiFunction:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      CodeUri: s3://benchmark-bucket/api.zip",
        "      Handler: app.handler",
        "      Runtime: python3.12",
        "      Events:",
    ]
    for i in range(n):
        out += [
            "        Get%03d:" % i,
            "          Type: Api",
            "          Properties:",
            "            Path: /resource%03d" % i,
            "            Method: get",
        ]
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 2 or argv[1] not in ("functions", "api-events"):
        sys.stderr.write(__doc__)
        return 2
    n = int(argv[2]) if len(argv) > 2 else 200
    sys.stdout.write(functions(n) if argv[1] == "functions" else api_events(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
