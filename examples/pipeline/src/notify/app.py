from common import order_id


def handler(event, context):
    records = event.get("Records", [])
    return {"notified": [order_id({"body": r.get("body")}) for r in records]}
