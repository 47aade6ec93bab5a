import json
import os

from common import order_id


def handler(event, context):
    oid = order_id(event)
    return {"statusCode": 200, "body": json.dumps({"order": oid, "stage": os.environ.get("STAGE")})}
