PRICES = {"apple": 3, "pear": 4, "plum": 2}


def handler(event, context):
    return {"sku": event["sku"], "amount": PRICES.get(event["sku"], 1) * event["qty"]}
