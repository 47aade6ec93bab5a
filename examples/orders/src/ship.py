def handler(event, context):
    return {"orderId": event["orderId"], "status": "SHIPPED", "items": event["total"]}
