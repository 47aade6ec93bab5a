#!/usr/bin/env python3
"""Times a no-op deploy of an unchanged 20-function project: `samc deploy` against `aws cloudformation package` +
`aws cloudformation deploy`, on the same moto endpoint (scripts/moto-server.py on loopback), in one run.

The project is generated: 20 functions, each with its own local code folder (and an IAM role each). samc deploys the
SAM template (it compiles it itself); the AWS CLI deploys the equivalent plain CloudFormation template (20
AWS::Lambda::Function with a local Code folder and 20 roles), because moto does not run the SAM transform. Each side
deploys once to create its stack (not timed), then runs RUNS unchanged deploys (timed, whole process, median).
samc also reports, with SAMC_DEPLOY_TIMING=1, the time it spent outside the server's own calls.

  benchmarks/deploy/bench.py [--runs N] [--samc PATH] [--aot] [--endpoint URL]

--samc defaults to the Release build; --aot publishes the NativeAOT binary first (the shipped form).
--endpoint uses a running scripts/moto-server.py; otherwise one is started on a free port and stopped afterwards.
This is a benchmark script, not a test: it asserts nothing, it prints numbers.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FUNCTIONS = 20
ENDPOINT = {"url": None}


def env():
    e = dict(os.environ)
    for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "CI"):
        e.pop(k, None)
    e.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1",
             AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true",
             AWS_CONFIG_FILE="/nonexistent/bench/config", AWS_SHARED_CREDENTIALS_FILE="/nonexistent/bench/credentials")
    # Every client the AWS CLI makes (cloudformation package also makes an S3 one) goes to the loopback endpoint.
    e["AWS_ENDPOINT_URL"] = ENDPOINT["url"]
    return e


def generate(folder):
    sam = ["Transform: AWS::Serverless-2016-10-31", "Resources:"]
    cfn = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
    for i in range(FUNCTIONS):
        code = os.path.join(folder, f"fn{i}")
        os.makedirs(code)
        with open(os.path.join(code, "app.py"), "w") as f:
            f.write(f"def handler(event, context):\n    return {{'fn': {i}}}\n" + "# padding\n" * 200)
        sam += [f"  Fn{i}:", "    Type: AWS::Serverless::Function", "    Properties:", f"      CodeUri: fn{i}/",
                "      Handler: app.handler", "      Runtime: python3.12", "      MemorySize: 256"]
        cfn += [f"  Fn{i}Role:", "    Type: AWS::IAM::Role", "    Properties:", "      AssumeRolePolicyDocument:",
                "        Version: '2012-10-17'", "        Statement:", "          - Effect: Allow",
                "            Principal: {Service: lambda.amazonaws.com}", "            Action: sts:AssumeRole",
                "      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                f"  Fn{i}:", "    Type: AWS::Lambda::Function", "    Properties:", f"      Code: fn{i}/",
                "      Handler: app.handler", "      Runtime: python3.12", "      MemorySize: 256",
                f"      Role: !GetAtt Fn{i}Role.Arn"]
    with open(os.path.join(folder, "template.yaml"), "w") as f:
        f.write("\n".join(sam) + "\n")
    with open(os.path.join(folder, "cfn.yaml"), "w") as f:
        f.write("\n".join(cfn) + "\n")


def timed(cmd, cwd):
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return elapsed, p


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--samc", default=os.path.join(ROOT, "src/SamCompiler.Cli/bin/Release/net10.0/samc"))
    ap.add_argument("--aot", action="store_true")
    ap.add_argument("--endpoint")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="samc-deploy-bench-")
    server = None
    try:
        samc = args.samc
        if args.aot:
            subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/SamCompiler.Cli"), "-c", "Release", "-r", "linux-x64",
                            "-p:PublishAot=true", "--nologo", "-v", "quiet", "-o", os.path.join(work, "aot")], check=True, stdout=subprocess.DEVNULL)
            samc = os.path.join(work, "aot", "samc")
        endpoint = args.endpoint
        if not endpoint:
            port = free_port()
            server = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "moto-server.py"), "-H", "127.0.0.1", "-p", str(port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            endpoint = f"http://127.0.0.1:{port}"
            for _ in range(240):
                try:
                    urllib.request.urlopen(endpoint + "/samc-test-server", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                sys.exit("moto-server.py did not start")
        ENDPOINT["url"] = endpoint
        project = os.path.join(work, "project")
        os.makedirs(project)
        generate(project)
        suffix = os.urandom(4).hex()
        bucket = "samc-bench-" + suffix
        subprocess.run(["aws", "--endpoint-url", endpoint, "s3api", "create-bucket", "--bucket", bucket], env=env(), check=True, capture_output=True)

        samc_cmd = [samc, "deploy", "--stack-name", "bench-samc-" + suffix, "--s3-bucket", bucket, "--s3-prefix", "samc", "--endpoint-url", endpoint]
        cli_package = ["aws", "--endpoint-url", endpoint, "cloudformation", "package", "--template-file", "cfn.yaml",
                       "--s3-bucket", bucket, "--s3-prefix", "cli", "--output-template-file", "packaged.yaml"]
        cli_deploy = ["aws", "--endpoint-url", endpoint, "cloudformation", "deploy", "--template-file", "packaged.yaml",
                      "--stack-name", "bench-cli-" + suffix, "--capabilities", "CAPABILITY_IAM", "--no-fail-on-empty-changeset"]

        timed(samc_cmd, project)  # create
        timed(cli_package, project)
        timed(cli_deploy, project)

        samc_times, outside = [], []
        cli_times = []
        for _ in range(args.runs):
            t, p = timed(samc_cmd, project)
            samc_times.append(t)
            m = re.search(r"outside-calls-ms=(-?\d+)", subprocess.run(samc_cmd, cwd=project, env={**env(), "SAMC_DEPLOY_TIMING": "1"}, capture_output=True, text=True).stderr)
            if m:
                outside.append(int(m.group(1)))
            if "Uploaded " in p.stderr:
                sys.exit("samc uploaded something on an unchanged project:\n" + p.stderr)
            t1, _ = timed(cli_package, project)
            t2, _ = timed(cli_deploy, project)
            cli_times.append(t1 + t2)

        s, c = statistics.median(samc_times), statistics.median(cli_times)
        print(f"unchanged {FUNCTIONS}-function project, no-op deploy, median of {args.runs} (load average {os.getloadavg()[0]:.2f}):")
        print(f"  samc deploy ({'NativeAOT' if args.aot else samc}):                      {s:7.2f} s")
        print(f"  aws cloudformation package + deploy:   {c:7.2f} s")
        print(f"  ratio (aws cli / samc):                 {c / s:7.1f}x")
        if outside:
            print(f"  samc time outside the server's calls:  {statistics.median(outside) / 1000:7.2f} s (median, SAMC_DEPLOY_TIMING=1)")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
