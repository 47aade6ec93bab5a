import hashlib


def order_id(event):
    body = str((event or {}).get("body", ""))
    return hashlib.sha256(body.encode()).hexdigest()[:12]
