"""Handlers for samc's start-api tests (stdlib only)."""
import json


def rest(event, context):
    return {
        "statusCode": 201 if event["httpMethod"] == "POST" else 200,
        "headers": {"Content-Type": "application/json"},
        "multiValueHeaders": {"X-Multi": ["a", "b"]},
        "body": json.dumps(event),
    }


def bad(event, context):
    if event["path"] == "/boom":
        raise RuntimeError("boom")
    return {"nope": 1}


def http(event, context):
    return {"id": event["pathParameters"]["id"], "event": event}


def authorize(event, context):
    """TOKEN: "allow" / "deny" / anything else is Unauthorized. REQUEST: header X-Key must be k1."""
    if event["type"] == "TOKEN":
        token = event["authorizationToken"]
    else:
        token = "allow" if event["headers"].get("X-Key") == "k1" else "deny"
    if token not in ("allow", "deny"):
        raise Exception("Unauthorized")
    return {
        "principalId": "alice",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow" if token == "allow" else "Deny", "Resource": event["methodArn"].split("/")[0] + "/*"}],
        },
        "context": {"tier": "gold", "type": event["type"]},
    }
