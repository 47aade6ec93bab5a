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
