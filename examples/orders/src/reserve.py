# Fails the first time it sees an execution (a busy stock service), succeeds on the retry: the warm environment
# keeps the set between invocations, as Lambda keeps module state.
_seen = set()


class StockServiceBusy(Exception):
    pass


def handler(event, context):
    execution = event["executionId"]
    if execution not in _seen:
        _seen.add(execution)
        raise StockServiceBusy("stock service busy, try again")
    return {"orderId": event["order"]["orderId"], "reserved": len(event["order"]["items"])}
