using SamCompiler.Cli.Commands;
using SamCompiler.Cli.Tests.Commands;

namespace SamCompiler.Cli.Tests.StepFunctions;

/// <summary>
/// <c>samc lint</c> on state machine definitions (each finding on its line, in the template or in the DefinitionUri
/// file) and <c>samc graph</c>, run in-process against templates in a temporary folder.
/// </summary>
public sealed class StepFunctionsLintAndGraphTests : IDisposable
{
    private const string Template = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): return e"
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Work
        States:
          Work:
            Type: Task
            Resource: !GetAtt Worker.Arn
            Retry:
              - ErrorEquals: [States.ALL, Custom]
                BackoffRate: 0.5
            Next: Decide
          Decide:
            Type: Choice
            Choices:
              - Variable: $.n
                NumericEquals: 1
                Next: Missing
            Default: Done
          Done:
            Type: Pass
            ResultPath: $.items[*]
            End: true
          Orphan:
            Type: Pass
            End: true
          Other:
            Type: Task
            Resource: arn:aws:lambda:us-east-1:123456789012:function:NotHere
            Next: Done
            End: true
""";

    private readonly string _dir = Directory.CreateTempSubdirectory("samc-sfn-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Out, string Err) Lint(params string[] templates)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, _dir, new Dictionary<string, string?>());
        var exit = LintCommand.Run(new LintArguments(templates, "text", null, false, false, new DateOnly(2026, 12, 7)), context);
        return (exit, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(_dir, name), text);
        return name;
    }

    [Fact]
    public void InlineDefinitionFindingsAreOnTheirTemplateLines()
    {
        Write("template.yaml", Template);
        var (exit, output, _) = Lint("template.yaml");
        Assert.Equal(ExitCodes.InputErrors, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("template.yaml(19,17): error SAM2036:", StringComparison.Ordinal) && l.Contains("States.ALL must appear alone", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(20,17): error SAM2036:", StringComparison.Ordinal) && l.Contains("BackoffRate must be a number >= 1.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(27,17): error SAM2031:", StringComparison.Ordinal) && l.Contains("names \"Missing\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(31,13): error SAM2034:", StringComparison.Ordinal) && l.Contains("not a reference path", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(33,11): warning SAM2032:", StringComparison.Ordinal) && l.Contains("\"Orphan\" cannot be reached", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(40,13): error SAM2033:", StringComparison.Ordinal) && l.Contains("both Next and End", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("template.yaml(38,13): warning SAM2037:", StringComparison.Ordinal) && l.Contains("\"NotHere\"", StringComparison.Ordinal));

        // !GetAtt Worker.Arn names a function of the template: no SAM2037 for the Work state.
        Assert.DoesNotContain(lines, l => l.Contains("\"Work\" calls", StringComparison.Ordinal));
    }

    [Fact]
    public void DefinitionUriFindingsAreOnTheFileLines()
    {
        Write("template.yaml", """
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: flow.asl.json
      DefinitionSubstitutions:
        Fn: arn:aws:lambda:us-east-1:123456789012:function:Elsewhere
""");
        Write("flow.asl.json", """
{
  "QueryLanguage": "JSONata",
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "${Fn}",
      "Output": "{% $states.result. %}",
      "InputPath": "$.x",
      "End": true
    }
  }
}
""");
        var (exit, output, _) = Lint("template.yaml");
        Assert.Equal(ExitCodes.InputErrors, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("flow.asl.json(8,7): error SAM2035:", StringComparison.Ordinal) && l.Contains("Invalid JSONata expression", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("flow.asl.json(9,7): error SAM2035:", StringComparison.Ordinal) && l.Contains("InputPath is JSONPath-only", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("flow.asl.json(7,7): warning SAM2037:", StringComparison.Ordinal) && l.Contains("\"Elsewhere\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingDefinitionFileIsReported()
    {
        Write("template.yaml", """
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: nowhere.asl.json
""");
        var (exit, output, _) = Lint("template.yaml");
        Assert.Equal(ExitCodes.InputErrors, exit);
        Assert.Contains("template.yaml(6,22): error SAM2039: The DefinitionUri \"nowhere.asl.json\" of the state machine \"Flow\" cannot be read.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidStateMachineHasNoFindings()
    {
        Write("template.yaml", """
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): return e"
      ReservedConcurrentExecutions: 5
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Work
        States:
          Work:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters:
              FunctionName: !Ref Worker
              Payload.$: $
            Retry:
              - ErrorEquals: [Lambda.TooManyRequestsException]
              - ErrorEquals: [States.ALL]
                MaxAttempts: 1
            End: true
""");
        var (_, output, _) = Lint("template.yaml");
        Assert.DoesNotContain("SAM20", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphDrawsTheApplicationAndOneStateMachine()
    {
        Write("template.yaml", Template.Replace("Next: Missing", "Next: Done", StringComparison.Ordinal) + "\n" + """
  Queue:
    Type: AWS::SQS::Queue
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): return e"
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
        Hello:
          Type: Api
          Properties:
            Path: /hello
            Method: get
""");
        var app = CliRunner.Run(_dir, "graph");
        Assert.Equal(0, app.ExitCode);
        Assert.StartsWith("%% template.yaml (samc ", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("flowchart TD", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("[\"Worker<br/>λ function\"]", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("[(\"Queue<br/>SQS queue\")]", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("-->|\"SQS\"|", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("-->|\"GET /hello\"|", app.Stdout, StringComparison.Ordinal);
        Assert.Contains("-->|\"invokes\"|", app.Stdout, StringComparison.Ordinal);

        var flow = CliRunner.Run(_dir, "graph", "Flow", "--format", "dot");
        Assert.Equal(0, flow.ExitCode);
        Assert.Contains("digraph G {", flow.Stdout, StringComparison.Ordinal);
        Assert.Contains("label=\"Decide\\nChoice\", shape=diamond", flow.Stdout, StringComparison.Ordinal);
        Assert.Contains("label=\"$.n NumericEquals 1\"", flow.Stdout, StringComparison.Ordinal);
        Assert.Contains("label=\"Retry States.ALL, Custom\", style=dashed", flow.Stdout, StringComparison.Ordinal);

        // The same input gives the same bytes.
        Assert.Equal(flow.Stdout, CliRunner.Run(_dir, "graph", "Flow", "--format", "dot").Stdout);

        var missing = CliRunner.Run(_dir, "graph", "Nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error SAM0085: The template has no resource \"Nope\"", missing.Stderr, StringComparison.Ordinal);

        var intoTemplate = CliRunner.Run(_dir, "graph", "-o", "template.yaml");
        Assert.Equal(1, intoTemplate.ExitCode);
        Assert.Contains("SAM0086", intoTemplate.Stderr, StringComparison.Ordinal);
        Assert.Contains("Transform: AWS::Serverless-2016-10-31", File.ReadAllText(Path.Combine(_dir, "template.yaml")), StringComparison.Ordinal);
    }
}
