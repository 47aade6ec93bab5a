namespace SamCompiler.Tests.Transform.StateMachine;

/// <summary>
/// AWS::Serverless::StateMachine. Every expected document and message is what the reference translator printed for
/// the same input (python3 /work/shared/conformance/sam_translate.py, aws-sam-translator 1.110.0).
/// </summary>
public sealed class StateMachineTransformerTests
{
    /// <summary>Definition with intrinsics and dynamic references moved to DefinitionSubstitutions, execution role from Policies (policy template, tracing), RolePath, PermissionsBoundary, Tags, resource attributes, and Schedule, CloudWatchEvent, EventBridgeRule and ScheduleV2 events with dead-letter queues.</summary>
    [Fact]
    public void DefinitionRoleAndEventSources()
    {
        const string Input = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              P1:
                Type: String
                Default: hello
            Conditions:
              C1: !Equals [!Ref P1, hello]
            Resources:
              MySM:
                Type: AWS::Serverless::StateMachine
                Condition: C1
                DependsOn: Other
                DeletionPolicy: Delete
                Metadata:
                  Foo: bar
                Properties:
                  Name: my-sm
                  Type: EXPRESS
                  Definition:
                    Comment: "héllo ✓ 😀"
                    StartAt: A
                    States:
                      A:
                        Type: Task
                        Resource: !GetAtt Fn.Arn
                        Parameters:
                          Table: !Ref Tbl
                          Secret: "{{resolve:secretsmanager:abc:SecretString:pw}}"
                          List: [1, 2.5, true, null, !Sub "x${P1}", [], {}]
                          Nested:
                            - Z: !Ref AWS::Region
                              a: 1e3
                        End: true
                  DefinitionSubstitutions:
                    Foo: bar
                  Logging:
                    Level: ALL
                    Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt LG.Arn}}]
                  Tracing:
                    Enabled: true
                  Policies:
                    - AWSLambdaRole
                    - LambdaInvokePolicy:
                        FunctionName: !Ref Fn
                    - Statement:
                        - Effect: Allow
                          Action: s3:*
                          Resource: "*"
                  RolePath: /sm/
                  PermissionsBoundary: arn:aws:iam::123:policy/pb
                  Tags:
                    T1: v1
                    T2: null
                  Events:
                    Sched:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
                        Input: '{"a":1}'
                        Enabled: false
                        Name: n
                        Description: d
                        RetryPolicy: {MaximumRetryAttempts: 2}
                        DeadLetterConfig:
                          Type: SQS
                    Sched2:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
                        State: DISABLED
                        RoleArn: arn:aws:iam::1:role/r
                        Target: {Id: MyTarget}
                        DeadLetterConfig:
                          Arn: arn:aws:sqs:us-east-1:1:q
                    CWE:
                      Type: CloudWatchEvent
                      Properties:
                        EventBusName: bus
                        RuleName: rn
                        Pattern: {source: [aws.ec2]}
                        Input: i
                        InputPath: $.x
                        State: ENABLED
                        InputTransformer: {InputTemplate: x}
                        DeadLetterConfig:
                          Type: SQS
                          QueueLogicalId: MyDlq
                        RetryPolicy: {MaximumEventAgeInSeconds: 60}
                    EBR:
                      Type: EventBridgeRule
                      Properties:
                        Pattern: {source: [aws.s3]}
                    V2:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(5 minutes)
                        PermissionsBoundary: arn:aws:iam::1:policy/pb2
                        FlexibleTimeWindow: {Mode: FLEXIBLE, MaximumWindowInMinutes: 5}
                        State: ENABLED
                        StartDate: "2020-01-01"
                        EndDate: "2030-01-01"
                        ScheduleExpressionTimezone: UTC
                        GroupName: g
                        KmsKeyArn: k
                        Input: x
                        RetryPolicy: {MaximumRetryAttempts: 1}
                        DeadLetterConfig: {Type: SQS}
                    V2b:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(5 minutes)
                        OmitName: true
                        RoleArn: arn:role
                        DeadLetterConfig: {Arn: arn:q}
              Fn:
                Type: AWS::Lambda::Function
                Properties: {Code: {ZipFile: x}, Handler: h, Runtime: python3.12, Role: r}
              Tbl:
                Type: AWS::DynamoDB::Table
              LG:
                Type: AWS::Logs::LogGroup
              Other:
                Type: AWS::SNS::Topic
            """;
        const string Expected = """
            {"Fn": {"Properties": {"Code": {"ZipFile": "x"}, "Handler": "h", "Role": "r", "Runtime": "python3.12"}, "Type": "AWS::Lambda::Function"}, "LG": {"Type": "AWS::Logs::LogGroup"}, "MyDlq": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {}, "Type": "AWS::SQS::Queue"}, "MySM": {"Condition": "C1", "DeletionPolicy": "Delete", "DependsOn": "Other", "Metadata": {"Foo": "bar"}, "Properties": {"DefinitionString": {"Fn::Join": ["\n", ["{", "    \"Comment\": \"h\\u00e9llo \\u2713 \\ud83d\\ude00\",", "    \"StartAt\": \"A\",", "    \"States\": {", "        \"A\": {", "            \"End\": true,", "            \"Parameters\": {", "                \"List\": [", "                    1,", "                    2.5,", "                    true,", "                    null,", "                    \"${definition_substitution_1}\",", "                    [],", "                    {}", "                ],", "                \"Nested\": [", "                    {", "                        \"Z\": \"${definition_substitution_2}\",", "                        \"a\": \"1e3\"", "                    }", "                ],", "                \"Secret\": \"${definition_substitution_3}\",", "                \"Table\": \"${definition_substitution_4}\"", "            },", "            \"Resource\": \"${definition_substitution_5}\",", "            \"Type\": \"Task\"", "        }", "    }", "}"]]}, "DefinitionSubstitutions": {"Foo": "bar", "definition_substitution_1": {"Fn::Sub": "x${P1}"}, "definition_substitution_2": {"Ref": "AWS::Region"}, "definition_substitution_3": "{{resolve:secretsmanager:abc:SecretString:pw}}", "definition_substitution_4": {"Ref": "Tbl"}, "definition_substitution_5": {"Fn::GetAtt": ["Fn", "Arn"]}}, "LoggingConfiguration": {"Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["LG", "Arn"]}}}], "Level": "ALL"}, "RoleArn": {"Fn::GetAtt": ["MySMRole", "Arn"]}, "StateMachineName": "my-sm", "StateMachineType": "EXPRESS", "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}, {"Key": "T1", "Value": "v1"}, {"Key": "T2", "Value": ""}], "TracingConfiguration": {"Enabled": true}}, "Type": "AWS::StepFunctions::StateMachine"}, "MySMCWE": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"EventBusName": "bus", "EventPattern": {"source": ["aws.ec2"]}, "Name": "rn", "State": "ENABLED", "Targets": [{"Arn": {"Ref": "MySM"}, "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["MyDlq", "Arn"]}}, "Id": "MySMCWEStepFunctionsTarget", "Input": "i", "InputPath": "$.x", "InputTransformer": {"InputTemplate": "x"}, "RetryPolicy": {"MaximumEventAgeInSeconds": 60}, "RoleArn": {"Fn::GetAtt": ["MySMCWERole", "Arn"]}}]}, "Type": "AWS::Events::Rule"}, "MySMCWEQueuePolicy": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"PolicyDocument": {"Statement": [{"Action": "sqs:SendMessage", "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["MySMCWE", "Arn"]}}}, "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": {"Fn::GetAtt": ["MyDlq", "Arn"]}}], "Version": "2012-10-17"}, "Queues": [{"Ref": "MyDlq"}]}, "Type": "AWS::SQS::QueuePolicy"}, "MySMCWERole": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": "arn:aws:iam::123:policy/pb", "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "MySM"}}]}, "PolicyName": "MySMCWERoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}, "MySMEBR": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"EventPattern": {"source": ["aws.s3"]}, "Targets": [{"Arn": {"Ref": "MySM"}, "Id": "MySMEBRStepFunctionsTarget", "RoleArn": {"Fn::GetAtt": ["MySMEBRRole", "Arn"]}}]}, "Type": "AWS::Events::Rule"}, "MySMEBRRole": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": "arn:aws:iam::123:policy/pb", "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "MySM"}}]}, "PolicyName": "MySMEBRRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}, "MySMRole": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["states.amazonaws.com"]}}], "Version": "2012-10-17"}, "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"], "Path": "/sm/", "PermissionsBoundary": "arn:aws:iam::123:policy/pb", "Policies": [{"PolicyDocument": {"Statement": [{"Action": ["lambda:InvokeFunction"], "Effect": "Allow", "Resource": {"Fn::Sub": ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*", {"functionName": {"Ref": "Fn"}}]}}]}, "PolicyName": "MySMRolePolicy1"}, {"PolicyDocument": {"Statement": [{"Action": "s3:*", "Effect": "Allow", "Resource": "*"}]}, "PolicyName": "MySMRolePolicy2"}], "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}, {"Key": "T1", "Value": "v1"}, {"Key": "T2", "Value": ""}]}, "Type": "AWS::IAM::Role"}, "MySMSched": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"Description": "d", "Name": "n", "ScheduleExpression": "rate(1 minute)", "State": "DISABLED", "Targets": [{"Arn": {"Ref": "MySM"}, "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["MySMSchedQueue", "Arn"]}}, "Id": "MySMSchedStepFunctionsTarget", "Input": "{\"a\":1}", "RetryPolicy": {"MaximumRetryAttempts": 2}, "RoleArn": {"Fn::GetAtt": ["MySMSchedRole", "Arn"]}}]}, "Type": "AWS::Events::Rule"}, "MySMSched2": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"ScheduleExpression": "rate(1 minute)", "State": "DISABLED", "Targets": [{"Arn": {"Ref": "MySM"}, "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:1:q"}, "Id": "MyTarget", "RoleArn": "arn:aws:iam::1:role/r"}]}, "Type": "AWS::Events::Rule"}, "MySMSchedQueue": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {}, "Type": "AWS::SQS::Queue"}, "MySMSchedQueuePolicy": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"PolicyDocument": {"Statement": [{"Action": "sqs:SendMessage", "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["MySMSched", "Arn"]}}}, "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": {"Fn::GetAtt": ["MySMSchedQueue", "Arn"]}}], "Version": "2012-10-17"}, "Queues": [{"Ref": "MySMSchedQueue"}]}, "Type": "AWS::SQS::QueuePolicy"}, "MySMSchedRole": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": "arn:aws:iam::123:policy/pb", "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "MySM"}}]}, "PolicyName": "MySMSchedRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}, "MySMV2": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"EndDate": "2030-01-01", "FlexibleTimeWindow": {"MaximumWindowInMinutes": 5, "Mode": "FLEXIBLE"}, "GroupName": "g", "KmsKeyArn": "k", "Name": "MySMV2", "ScheduleExpression": "rate(5 minutes)", "ScheduleExpressionTimezone": "UTC", "StartDate": "2020-01-01", "State": "ENABLED", "Target": {"Arn": {"Ref": "MySM"}, "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["MySMV2Queue", "Arn"]}}, "Input": "x", "RetryPolicy": {"MaximumRetryAttempts": 1}, "RoleArn": {"Fn::GetAtt": ["MySMV2Role", "Arn"]}}}, "Type": "AWS::Scheduler::Schedule"}, "MySMV2Queue": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {}, "Type": "AWS::SQS::Queue"}, "MySMV2Role": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["scheduler.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": "arn:aws:iam::1:policy/pb2", "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "MySM"}}]}, "PolicyName": "MySMV2StartExecutionPolicy"}, {"PolicyDocument": {"Statement": [{"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["MySMV2Queue", "Arn"]}}]}, "PolicyName": "MySMV2SQSPolicy"}]}, "Type": "AWS::IAM::Role"}, "MySMV2b": {"Condition": "C1", "DeletionPolicy": "Delete", "Properties": {"FlexibleTimeWindow": {"Mode": "OFF"}, "ScheduleExpression": "rate(5 minutes)", "Target": {"Arn": {"Ref": "MySM"}, "DeadLetterConfig": {"Arn": "arn:q"}, "RoleArn": "arn:role"}}, "Type": "AWS::Scheduler::Schedule"}, "Other": {"Type": "AWS::SNS::Topic"}, "Tbl": {"Type": "AWS::DynamoDB::Table"}}
            """;
        StateMachineHarness.AssertResources(Input, Expected);
    }

    /// <summary>AutoPublishAlias with DeploymentPreference and UseAliasAsEventTarget, DefinitionUri as URI and map, PropagateTags, a target id truncated to 64 characters, an Api event's role.</summary>
    [Fact]
    public void AliasVersionDeploymentPreferenceAndAliasTarget()
    {
        const string Input = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              AliasSM:
                Type: AWS::Serverless::StateMachine
                UpdateReplacePolicy: Delete
                Properties:
                  DefinitionUri: s3://bucket/key/def.json?versionId=3
                  Role: arn:aws:iam::1:role/x
                  AutoPublishAlias: live
                  UseAliasAsEventTarget: true
                  PropagateTags: true
                  Tags: {A: b}
                  DeploymentPreference:
                    Type: LINEAR
                    Percentage: 10
                    Interval: 5
                  Events:
                    AVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRules:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 hour)
                    V2:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(1 hour)
              Plain:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: {Bucket: b, Key: k, Version: v}
                  AutoPublishAlias: prod
                  PropagateTags: true
                  Tags: {A: b}
                  Tracing: {Enabled: false}
                  DefinitionSubstitutions: {}
                  Definition: {}
              Plain2:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Definition:
                    StartAt: A
                    States: {A: {Type: Pass, End: true}}
                  Policies: AWSLambdaRole
                  Tracing: {Enabled: true}
                  Events:
                    ApiEv:
                      Type: Api
                      Properties:
                        Path: /x
                        Method: POST
                        RestApiId: !Ref MyApi
              MyApi:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: x
            """;
        const string Expected = """
            {"AliasSM": {"Properties": {"DefinitionS3Location": {"Bucket": "bucket", "Key": "key/def.json", "Version": "3"}, "RoleArn": "arn:aws:iam::1:role/x", "Tags": [{"Key": "A", "Value": "b"}]}, "Type": "AWS::StepFunctions::StateMachine", "UpdateReplacePolicy": "Delete"}, "AliasSMAVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRules": {"Properties": {"ScheduleExpression": "rate(1 hour)", "Targets": [{"Arn": {"Ref": "AliasSMAliaslive"}, "Id": "AliasSMAVeryLongEventNameThatMakesTheTargetIdStepFunctionsTarget", "RoleArn": {"Fn::GetAtt": ["AliasSMAVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRulesRole", "Arn"]}}]}, "Type": "AWS::Events::Rule", "UpdateReplacePolicy": "Delete"}, "AliasSMAVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRulesRole": {"Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}}], "Version": "2012-10-17"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "AliasSMAliaslive"}}]}, "PolicyName": "AliasSMAVeryLongEventNameThatMakesTheTargetIdWayTooLongForEventBridgeRulesRoleStartExecutionPolicy"}], "Tags": [{"Key": "A", "Value": "b"}]}, "Type": "AWS::IAM::Role", "UpdateReplacePolicy": "Delete"}, "AliasSMAliaslive": {"Properties": {"DeploymentPreference": {"Interval": 5, "Percentage": 10, "StateMachineVersionArn": {"Ref": "AliasSMVersion"}, "Type": "LINEAR"}, "Name": "live"}, "Type": "AWS::StepFunctions::StateMachineAlias", "UpdateReplacePolicy": "Delete"}, "AliasSMV2": {"Properties": {"FlexibleTimeWindow": {"Mode": "OFF"}, "Name": "AliasSMV2", "ScheduleExpression": "rate(1 hour)", "Target": {"Arn": {"Ref": "AliasSMAliaslive"}, "RoleArn": {"Fn::GetAtt": ["AliasSMV2Role", "Arn"]}}}, "Type": "AWS::Scheduler::Schedule", "UpdateReplacePolicy": "Delete"}, "AliasSMV2Role": {"Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["scheduler.amazonaws.com"]}}], "Version": "2012-10-17"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "AliasSMAliaslive"}}]}, "PolicyName": "AliasSMV2StartExecutionPolicy"}], "Tags": [{"Key": "A", "Value": "b"}]}, "Type": "AWS::IAM::Role", "UpdateReplacePolicy": "Delete"}, "AliasSMVersion": {"DeletionPolicy": "Retain", "Properties": {"StateMachineArn": {"Ref": "AliasSM"}, "StateMachineRevisionId": {"Fn::GetAtt": ["AliasSM", "StateMachineRevisionId"]}}, "Type": "AWS::StepFunctions::StateMachineVersion", "UpdateReplacePolicy": "Delete"}, "MyApi": {"Properties": {"Name": "x"}, "Type": "AWS::ApiGateway::RestApi"}, "Plain": {"Properties": {"DefinitionS3Location": {"Bucket": "b", "Key": "k", "Version": "v"}, "RoleArn": {"Fn::GetAtt": ["PlainRole", "Arn"]}, "Tags": [{"Key": "A", "Value": "b"}], "TracingConfiguration": {"Enabled": false}}, "Type": "AWS::StepFunctions::StateMachine"}, "Plain2": {"Properties": {"DefinitionString": {"Fn::Join": ["\n", ["{", "    \"StartAt\": \"A\",", "    \"States\": {", "        \"A\": {", "            \"End\": true,", "            \"Type\": \"Pass\"", "        }", "    }", "}"]]}, "RoleArn": {"Fn::GetAtt": ["Plain2Role", "Arn"]}, "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}], "TracingConfiguration": {"Enabled": true}}, "Type": "AWS::StepFunctions::StateMachine"}, "Plain2ApiEvRole": {"Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["apigateway.amazonaws.com"]}}], "Version": "2012-10-17"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "Plain2"}}]}, "PolicyName": "Plain2ApiEvRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}, "Plain2Role": {"Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["states.amazonaws.com"]}}], "Version": "2012-10-17"}, "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"], "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}]}, "Type": "AWS::IAM::Role"}, "PlainAliasprod": {"Properties": {"DeploymentPreference": {"StateMachineVersionArn": {"Ref": "PlainVersion"}, "Type": "ALL_AT_ONCE"}, "Name": "prod"}, "Type": "AWS::StepFunctions::StateMachineAlias"}, "PlainRole": {"Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["states.amazonaws.com"]}}], "Version": "2012-10-17"}, "ManagedPolicyArns": [], "Tags": [{"Key": "A", "Value": "b"}]}, "Type": "AWS::IAM::Role"}, "PlainVersion": {"DeletionPolicy": "Retain", "Properties": {"StateMachineArn": {"Ref": "Plain"}, "StateMachineRevisionId": {"Fn::GetAtt": ["Plain", "StateMachineRevisionId"]}}, "Type": "AWS::StepFunctions::StateMachineVersion", "UpdateReplacePolicy": "Retain"}}
            """;
        StateMachineHarness.AssertResources(Input, Expected);
    }

    /// <summary>Definition given as Fn::If, DefinitionSubstitutions as an intrinsic, Role with tracing, Fn::If policies, Condition, an empty DeploymentPreference, Api and CloudWatchEvent events targeting the alias.</summary>
    [Fact]
    public void IntrinsicDefinitionConditionalPoliciesAndApiRole()
    {
        const string Input = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: dev
            Conditions:
              IsDev: !Equals [!Ref Stage, dev]
            Resources:
              IfDef:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Definition:
                    Fn::If:
                      - IsDev
                      - {StartAt: A, States: {A: {Type: Pass, End: true, Parameters: {Ref: x, Other: !Ref Stage}}}}
                      - {StartAt: B, States: {B: {Type: Succeed}}}
                  DefinitionSubstitutions:
                    Fn::If: [IsDev, {a: b}, {c: d}]
                  Tags: {Team: x}
                  Tracing: {Enabled: true}
                  Role: !GetAtt SomeRole.Arn
                  Events: {}
              PolSM:
                Type: AWS::Serverless::StateMachine
                Condition: IsDev
                UpdateReplacePolicy: Retain
                Properties:
                  Type: !Ref Stage
                  DefinitionUri: s3://bucket/some/key.json
                  PermissionsBoundary: !Ref Stage
                  Policies:
                    - !If [IsDev, AmazonS3ReadOnlyAccess, !Ref AWS::NoValue]
                    - !If [IsDev, {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}, !Ref AWS::NoValue]
                    - SQSPollerPolicy:
                        QueueName: q
                    - arn:aws:iam::aws:policy/Foo
                  AutoPublishAlias: live
                  DeploymentPreference: {}
                  UseAliasAsEventTarget: true
                  Events:
                    ApiEv:
                      Type: Api
                      Properties:
                        Path: /start
                        Method: GET
                        RestApiId: !Ref ExplicitApi
                        UnescapeMappingTemplate: true
                    CW:
                      Type: CloudWatchEvent
                      Properties:
                        Pattern: {detail-type: [x]}
                        DeadLetterConfig: {Type: SQS}
                        Target: {Id: T1}
              ExplicitApi:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: n}
              SomeRole:
                Type: AWS::IAM::Role
            """;
        const string Expected = """
            {"ExplicitApi": {"Properties": {"Name": "n"}, "Type": "AWS::ApiGateway::RestApi"}, "IfDef": {"Properties": {"DefinitionString": {"Fn::Join": ["\n", ["{", "    \"Fn::If\": [", "        \"IsDev\",", "        {", "            \"StartAt\": \"A\",", "            \"States\": {", "                \"A\": {", "                    \"End\": true,", "                    \"Parameters\": {", "                        \"Other\": \"${definition_substitution_1}\",", "                        \"Ref\": \"x\"", "                    },", "                    \"Type\": \"Pass\"", "                }", "            }", "        },", "        {", "            \"StartAt\": \"B\",", "            \"States\": {", "                \"B\": {", "                    \"Type\": \"Succeed\"", "                }", "            }", "        }", "    ]", "}"]]}, "DefinitionSubstitutions": {"Fn::If": ["IsDev", {"a": "b"}, {"c": "d"}], "definition_substitution_1": {"Ref": "Stage"}}, "RoleArn": {"Fn::GetAtt": ["SomeRole", "Arn"]}, "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}, {"Key": "Team", "Value": "x"}], "TracingConfiguration": {"Enabled": true}}, "Type": "AWS::StepFunctions::StateMachine"}, "PolSM": {"Condition": "IsDev", "Properties": {"DefinitionS3Location": {"Bucket": "bucket", "Key": "some/key.json"}, "RoleArn": {"Fn::GetAtt": ["PolSMRole", "Arn"]}, "StateMachineType": {"Ref": "Stage"}, "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}]}, "Type": "AWS::StepFunctions::StateMachine", "UpdateReplacePolicy": "Retain"}, "PolSMAliaslive": {"Condition": "IsDev", "Properties": {"DeploymentPreference": {"StateMachineVersionArn": {"Ref": "PolSMVersion"}, "Type": "ALL_AT_ONCE"}, "Name": "live"}, "Type": "AWS::StepFunctions::StateMachineAlias", "UpdateReplacePolicy": "Retain"}, "PolSMApiEvRole": {"Condition": "IsDev", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["apigateway.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": {"Ref": "Stage"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "PolSMAliaslive"}}]}, "PolicyName": "PolSMApiEvRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role", "UpdateReplacePolicy": "Retain"}, "PolSMCW": {"Condition": "IsDev", "Properties": {"EventPattern": {"detail-type": ["x"]}, "Targets": [{"Arn": {"Ref": "PolSMAliaslive"}, "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["PolSMCWQueue", "Arn"]}}, "Id": "T1", "RoleArn": {"Fn::GetAtt": ["PolSMCWRole", "Arn"]}}]}, "Type": "AWS::Events::Rule", "UpdateReplacePolicy": "Retain"}, "PolSMCWQueue": {"Condition": "IsDev", "Properties": {}, "Type": "AWS::SQS::Queue", "UpdateReplacePolicy": "Retain"}, "PolSMCWQueuePolicy": {"Condition": "IsDev", "Properties": {"PolicyDocument": {"Statement": [{"Action": "sqs:SendMessage", "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["PolSMCW", "Arn"]}}}, "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": {"Fn::GetAtt": ["PolSMCWQueue", "Arn"]}}], "Version": "2012-10-17"}, "Queues": [{"Ref": "PolSMCWQueue"}]}, "Type": "AWS::SQS::QueuePolicy", "UpdateReplacePolicy": "Retain"}, "PolSMCWRole": {"Condition": "IsDev", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}}], "Version": "2012-10-17"}, "PermissionsBoundary": {"Ref": "Stage"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "PolSMAliaslive"}}]}, "PolicyName": "PolSMCWRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role", "UpdateReplacePolicy": "Retain"}, "PolSMRole": {"Condition": "IsDev", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["states.amazonaws.com"]}}], "Version": "2012-10-17"}, "ManagedPolicyArns": [{"Fn::If": ["IsDev", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", {"Ref": "AWS::NoValue"}]}, "arn:aws:iam::aws:policy/Foo"], "PermissionsBoundary": {"Ref": "Stage"}, "Policies": [{"Fn::If": ["IsDev", {"PolicyDocument": {"Statement": [{"Action": "*", "Effect": "Allow", "Resource": "*"}]}, "PolicyName": "PolSMRolePolicy1"}, {"Ref": "AWS::NoValue"}]}, {"PolicyDocument": {"Statement": [{"Action": ["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], "Effect": "Allow", "Resource": {"Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", {"queueName": "q"}]}}]}, "PolicyName": "PolSMRolePolicy2"}], "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}]}, "Type": "AWS::IAM::Role", "UpdateReplacePolicy": "Retain"}, "PolSMVersion": {"Condition": "IsDev", "DeletionPolicy": "Retain", "Properties": {"StateMachineArn": {"Ref": "PolSM"}, "StateMachineRevisionId": {"Fn::GetAtt": ["PolSM", "StateMachineRevisionId"]}}, "Type": "AWS::StepFunctions::StateMachineVersion", "UpdateReplacePolicy": "Retain"}, "SomeRole": {"Type": "AWS::IAM::Role"}}
            """;
        StateMachineHarness.AssertResources(Input, Expected);
    }

    /// <summary>Api events naming an AWS::ApiGateway::RestApi: one role per event, no change to the API.</summary>
    [Fact]
    public void ApiEventsRolesOnExplicitRestApi()
    {
        const string Input = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Sm:
                Type: AWS::Serverless::StateMachine
                Condition: IsYes
                Properties:
                  DefinitionUri: s3://b/k
                  Role: arn:aws:iam::1:role/r
                  Events:
                    Post:
                      Type: Api
                      Properties:
                        Path: /go
                        Method: POST
                        RestApiId: !Ref MyApi
                    Get:
                      Type: Api
                      Properties:
                        Path: /go
                        Method: get
                        RestApiId: !Ref MyApi
                        UnescapeMappingTemplate: true
              MyApi:
                Type: AWS::ApiGateway::RestApi
                Condition: IsYes
                Properties:
                  Name: prod
            Conditions:
              IsYes: !Equals [a, a]
            """;
        const string Expected = """
            {"MyApi": {"Condition": "IsYes", "Properties": {"Name": "prod"}, "Type": "AWS::ApiGateway::RestApi"}, "Sm": {"Condition": "IsYes", "Properties": {"DefinitionS3Location": {"Bucket": "b", "Key": "k"}, "RoleArn": "arn:aws:iam::1:role/r", "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"}]}, "Type": "AWS::StepFunctions::StateMachine"}, "SmGetRole": {"Condition": "IsYes", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["apigateway.amazonaws.com"]}}], "Version": "2012-10-17"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "Sm"}}]}, "PolicyName": "SmGetRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}, "SmPostRole": {"Condition": "IsYes", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["apigateway.amazonaws.com"]}}], "Version": "2012-10-17"}, "Policies": [{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "Sm"}}]}, "PolicyName": "SmPostRoleStartExecutionPolicy"}]}, "Type": "AWS::IAM::Role"}}
            """;
        StateMachineHarness.AssertResources(Input, Expected);
    }

    /// <summary>
    /// Each error the reference raises for state machines and their events, worded as it words it (for a local
    /// DefinitionUri samc appends the next step: samc package, samc deploy or --local-artifacts placeholder).
    /// </summary>
    [Theory]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      DefinitionUri: s3://b/k", "Resource with id [SM] is invalid. Specify either 'Definition' or 'DefinitionUri' property and not both.")]
    [InlineData("      Name: x", "Resource with id [SM] is invalid. Either 'Definition' or 'DefinitionUri' property must be specified.")]
    [InlineData("      DefinitionUri: notanuri", "Resource with id [SM] is invalid. 'DefinitionUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter. \"notanuri\" is a local path: samc package (or samc deploy) uploads it to S3 and writes the S3 location; samc compile --local-artifacts placeholder compiles it without uploading.")]
    [InlineData("      DefinitionUri: {Bucket: b}", "Resource with id [SM] is invalid. 'DefinitionUri' requires Bucket and Key properties to be specified.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Role: r\n      Policies: [AWSLambdaRole]", "Resource with id [SM] is invalid. Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Foo: 1", "Resource with id [SM] is invalid. property Foo not defined for resource of type AWS::Serverless::StateMachine")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Name: [1]", "Resource with id [SM] is invalid. Property 'Name' should be a string.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      PropagateTags: yes please", "Resource with id [SM] is invalid. Type of property 'PropagateTags' is invalid.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      UseAliasAsEventTarget: true", "Resource with id [SM] is invalid. 'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be specified.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      DeploymentPreference: {Type: ALL_AT_ONCE}", "Resource with id [SM] is invalid. 'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      AutoPublishAlias: live-1", "Resource with id [SMAliaslive-1] is invalid. Logical ids must be alphanumeric.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Policies: [AWSLambdaRole, {Foo: 1, Bar: 2}]", "Resource with id [SM] is invalid. Policy at index 1 in the 'Policies' property is not valid")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: SQS, Properties: {Queue: q}}", "Resource with id [SM] is invalid. Event with id [E1] is invalid. Resource dict has missing or invalid value for key Type. Event Type is: SQS.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Properties: {Queue: q}}", "Resource with id [SM] is invalid. Event with id [E1] is invalid. Resource dict has missing or invalid value for key Type. Event Type is: None.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x}}\n        E2: {Type: [1]}", "Resource with id [SM] is invalid. Event with id [E2] is invalid. Resource dict has missing or invalid value for key Type. Event Type is: [1].")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, Foo: 1}}", "Resource with id [SME1] is invalid. property Foo not defined for resource of type Schedule")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule}", "Resource with id [SME1] is invalid. Missing required property 'Schedule'.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: ScheduleV2, Properties: {Name: n}}", "Resource with id [SME1] is invalid. Missing required property 'ScheduleExpression'.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: [1]}", "Resource with id [SME1] is invalid. Properties of a resource must be an object.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, Enabled: maybe}}", "Resource with id [SME1] is invalid. Type of property 'Enabled' is invalid.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, Target: [1]}}", "Resource with id [SME1] is invalid. Property 'Target' should be a map.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: EventBridgeRule, Properties: {Pattern: [1]}}", "Resource with id [SME1] is invalid. Property 'Pattern' should be a map.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E-1: {Type: Schedule, Properties: {Schedule: x}}", "Resource with id [SME-1] is invalid. Logical ids must be alphanumeric.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, State: ENABLED, Enabled: true}}", "Event with id [E1] is invalid. State and Enabled Properties cannot both be specified.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, DeadLetterConfig: {Arn: a, Type: SQS}}}", "Event with id [SME1] is invalid. You can either define 'Arn' or 'Type' property of DeadLetterConfig.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: EventBridgeRule, Properties: {Pattern: {a: [b]}, DeadLetterConfig: {Type: SNS}}}", "Event with id [SME1] is invalid. The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: ScheduleV2, Properties: {ScheduleExpression: x, DeadLetterConfig: {Foo: 1}}}", "Event with id [SME1] is invalid. No 'Arn' or 'Type' property provided for DeadLetterConfig.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Schedule, Properties: {Schedule: x, DeadLetterConfig: {Type: SQS, QueueLogicalId: [1]}}}", "Event with id [SME1] is invalid. QueueLogicalId must be a string")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: ScheduleV2, Properties: {ScheduleExpression: x, DeadLetterConfig: {Type: SQS, QueueLogicalId: 5}}}", "Event with id [SME1] is invalid. QueueLogicalId must be a string")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: ScheduleV2, Properties: {ScheduleExpression: x, OmitName: true, Name: n}}", "Event with id [SME1] is invalid. Name cannot be set when OmitName is True")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Api1}}", "Resource with id [Api1] is invalid. StageName cannot be empty.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Api2}}", "Resource with id [Api2] is invalid. Attribute 'Properties' should be a map.")]
    [InlineData("      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n      Events:\n        E1: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Api1, UnescapeMappingTemplate: 'yes'}}", "Resource with id [SME1] is invalid. Type of property 'UnescapeMappingTemplate' is invalid.")]
    public void RejectsAsTheReferenceDoes(string properties, string expected)
    {
        const string Extra = """
              Api1:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: ""
              Api2:
                Type: AWS::ApiGateway::RestApi
                Properties: [1]
            """;
        Assert.Equal(expected, StateMachineHarness.SingleError(properties, Extra));
    }
}
