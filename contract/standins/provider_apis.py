"""The providers' APIs behind the first-party catalogs, in their own wire formats.

Stripe takes form bodies with bracketed keys and answers errors as
``{"error": {"type", "message"}}``; Paystack answers ``{status, message, data}``;
Google answers errors as ``{"error": {"code", "message", "status"}}``. Every
request is recorded as it arrived (method, path, query, headers, body) so tests
check exactly what Switchboard sent.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse


@dataclass
class Call:
    method: str
    path: str  # percent-decoded
    raw_path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}

    @property
    def json(self):
        return json.loads(self.body) if self.body else None


def _stripe_error(status: int, message: str, type_: str = "invalid_request_error", **extra) -> tuple[int, dict]:
    return status, {"error": {"type": type_, "message": message, **extra}}


def _google_error(status: int, message: str, reason: str) -> tuple[int, dict]:
    return status, {"error": {"code": status, "message": message, "status": reason,
                              "errors": [{"message": message, "domain": "global", "reason": reason.lower()}]}}


def _stripe(call: Call, key: str | None, state) -> tuple[int, dict]:
    if key not in state.stripe_keys:
        masked = f"{(key or '')[:8]}********{(key or '')[-4:]}"
        return _stripe_error(401, f"Invalid API Key provided: {masked}")
    route = (call.method, call.path)
    if route == ("GET", "/v1/balance"):
        return 200, {"object": "balance", "available": [{"amount": 1250, "currency": "usd", "source_types": {"card": 1250}}],
                     "livemode": False, "pending": [{"amount": 0, "currency": "usd", "source_types": {"card": 0}}]}
    if call.method == "POST" and call.headers.get("content-type") != "application/x-www-form-urlencoded":
        return _stripe_error(400, "Invalid request: Stripe takes application/x-www-form-urlencoded bodies.")
    form = call.form if call.method == "POST" else {}
    if route == ("POST", "/v1/payment_links"):
        if "line_items[0][price]" not in form:
            return _stripe_error(400, "Missing required param: line_items.", param="line_items")
        items = []
        index = 0
        while f"line_items[{index}][price]" in form:
            items.append({"price": form[f"line_items[{index}][price]"], "quantity": int(form.get(f"line_items[{index}][quantity]", "1"))})
            index += 1
        link = "plink_" + secrets.token_hex(8)
        return 200, {"id": link, "object": "payment_link", "active": True, "url": f"https://buy.stripe.com/test_{link}",
                     "line_items": items}
    customer = {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "email": "jenny.rosen@example.com", "name": "Jenny Rosen"}
    if route == ("GET", "/v1/customers"):
        return 200, {"object": "list", "url": "/v1/customers", "has_more": False, "data": [customer]}
    if route == ("GET", "/v1/customers/search"):
        if not call.query.get("query"):
            return _stripe_error(400, "Missing required param: query.", param="query")
        return 200, {"object": "search_result", "url": "/v1/customers/search", "has_more": False, "data": [customer],
                     "next_page": None}
    if route == ("POST", "/v1/customers"):
        description = form.get("description")
        if state.echo_auth:
            description = f"made with {call.headers.get('authorization')}"
        metadata = {k[len("metadata["):-1]: v for k, v in form.items() if k.startswith("metadata[")}
        return 200, {**customer, "id": "cus_" + secrets.token_hex(7), "email": form.get("email"), "name": form.get("name"),
                     "description": description, "metadata": metadata}
    if route == ("POST", "/v1/refunds"):
        target = form.get("payment_intent") or form.get("charge")
        if target is None:
            return _stripe_error(400, "One of the following params should be provided for this request: payment_intent or charge.")
        if target.endswith("missing"):
            kind = "payment_intent" if "payment_intent" in form else "charge"
            return _stripe_error(404, f"No such {kind}: '{target}'", code="resource_missing", param=kind)
        return 200, {"id": "re_" + secrets.token_hex(8), "object": "refund", "amount": int(form.get("amount", "2000")),
                     "currency": "usd", "payment_intent": form.get("payment_intent"), "reason": form.get("reason"),
                     "status": "succeeded"}
    return _stripe_error(404, f"Unrecognized request URL ({call.method}: {call.path}).")


def _paystack(call: Call, key: str | None, state) -> tuple[int, dict]:
    if key not in state.paystack_keys:
        return 401, {"status": False, "message": "Invalid key"}
    body = call.json if call.method == "POST" else None
    if call.method == "GET" and call.path == "/balance":
        return 200, {"status": True, "message": "Balances retrieved", "data": [{"currency": "NGN", "balance": 0}]}
    if call.method == "POST" and call.path == "/transaction/initialize":
        if not isinstance(body.get("amount"), int):
            return 400, {"status": False, "message": "Invalid Amount Sent"}
        reference = body.get("reference") or secrets.token_hex(6)
        if state.echo_auth:
            reference = call.headers.get("authorization")
        return 200, {"status": True, "message": "Authorization URL created",
                     "data": {"authorization_url": f"https://checkout.paystack.com/{reference}", "access_code": "0peioxfhpn",
                              "reference": reference}}
    if match := re.fullmatch(r"/transaction/verify/(.+)", call.path):
        reference = match.group(1)
        if reference == "unknown-ref":
            return 400, {"status": False, "message": "Transaction reference not found", "meta": {"nextStep": "Ensure that you're passing the reference"}, "type": "validation_error", "code": "transaction_not_found"}
        return 200, {"status": True, "message": "Verification successful",
                     "data": {"reference": reference, "status": "success", "amount": 500000, "currency": "NGN",
                              "paid_at": "2026-11-30T10:00:00.000Z", "customer": {"email": "ada@example.com"}}}
    if call.method == "GET" and call.path == "/transaction":
        return 200, {"status": True, "message": "Transactions retrieved",
                     "data": [{"id": 4099260516, "reference": "re4lyvq3s3", "status": call.query.get("status", "success"), "amount": 40333}],
                     "meta": {"total": 1, "perPage": int(call.query.get("perPage", "50")), "page": int(call.query.get("page", "1"))}}
    if match := re.fullmatch(r"/customer/(.+)", call.path):
        if match.group(1) == "nobody@example.com":
            return 404, {"status": False, "message": "Customer not found"}
        return 200, {"status": True, "message": "Customer retrieved",
                     "data": {"email": match.group(1), "customer_code": "CUS_xnxdt6s1zg1f4nx", "transactions": []}}
    if call.method == "POST" and call.path == "/page":
        return 200, {"status": True, "message": "Page created",
                     "data": {"name": body["name"], "amount": body.get("amount"), "slug": body.get("slug") or "5nApBwZkvY",
                              "active": True, "id": 1308510}}
    return 404, {"status": False, "message": "Route not found"}


def _google_token_valid(state, token: str | None) -> bool:
    return token in state.issued_access_tokens and token not in state.revoked_access_tokens


def _calendar(call: Call, key: str | None, state) -> tuple[int, dict]:
    if not _google_token_valid(state, key):
        return _google_error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED")
    body = call.json if call.method in ("POST", "PATCH") else None
    if call.method == "GET" and call.path == "/calendar/v3/users/me/calendarList":
        summary = f"made with {call.headers.get('authorization')}" if state.echo_auth else "Ada Lovelace"
        return 200, {"kind": "calendar#calendarList", "items": [{"kind": "calendar#calendarListEntry", "id": "ada@example.com",
                                                                 "summary": summary, "timeZone": "Africa/Lagos",
                                                                 "accessRole": "owner", "primary": True}]}
    if match := re.fullmatch(r"/calendar/v3/calendars/([^/]+)/events", call.path):
        if match.group(1) == "nobody":
            return _google_error(404, "Not Found", "NOT_FOUND")
        if call.method == "GET":
            return 200, {"kind": "calendar#events", "summary": match.group(1), "items": [
                {"id": "evt1", "summary": "Standup", "start": {"dateTime": "2026-03-02T09:00:00+01:00"},
                 "end": {"dateTime": "2026-03-02T09:15:00+01:00"}}], "nextPageToken": None}
        if call.method == "POST":
            if "start" not in body or "end" not in body:
                return _google_error(400, "Missing end time.", "INVALID_ARGUMENT")
            return 200, {"kind": "calendar#event", "id": "evt" + secrets.token_hex(4), "status": "confirmed",
                         "htmlLink": "https://www.google.com/calendar/event?eid=abc", **body}
    if match := re.fullmatch(r"/calendar/v3/calendars/([^/]+)/events/([^/]+)", call.path):
        if call.method == "PATCH":
            return 200, {"kind": "calendar#event", "id": match.group(2), "status": "confirmed", **body}
    if call.method == "POST" and call.path == "/calendar/v3/freeBusy":
        return 200, {"kind": "calendar#freeBusy", "timeMin": body["timeMin"], "timeMax": body["timeMax"],
                     "calendars": {item["id"]: {"busy": [{"start": "2026-03-02T08:00:00Z", "end": "2026-03-02T08:15:00Z"}]}
                                   for item in body["items"]}}
    return _google_error(404, "Not Found", "NOT_FOUND")


def _sheets(call: Call, key: str | None, state) -> tuple[int, dict]:
    if not _google_token_valid(state, key):
        return _google_error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED")
    if match := re.fullmatch(r"/v4/spreadsheets/([^/]+)", call.path):
        if call.query.get("fields") != "sheets.properties":
            return _google_error(400, "Expected fields=sheets.properties from this client.", "INVALID_ARGUMENT")
        return 200, {"sheets": [{"properties": {"sheetId": 0, "title": "Sheet1", "index": 0, "sheetType": "GRID",
                                                "gridProperties": {"rowCount": 1000, "columnCount": 26}}}]}
    match = re.fullmatch(r"/v4/spreadsheets/([^/]+)/values/([^/]+?)(:append)?", call.path)
    if match is None:
        return _google_error(404, "Not Found", "NOT_FOUND")
    spreadsheet, cells, append = match.groups()
    if spreadsheet == "missing":
        return _google_error(404, "Requested entity was not found.", "NOT_FOUND")
    if call.method == "GET":
        return 200, {"range": cells, "majorDimension": call.query.get("majorDimension", "ROWS"), "values": [["Name", "Total"], ["Ada", "12"]]}
    if call.query.get("valueInputOption") != "USER_ENTERED":
        return _google_error(400, "'valueInputOption' is required but not specified", "INVALID_ARGUMENT")
    rows = call.json["values"]
    updates = {"spreadsheetId": spreadsheet, "updatedRange": cells, "updatedRows": len(rows),
               "updatedColumns": max(len(r) for r in rows), "updatedCells": sum(len(r) for r in rows)}
    if call.method == "POST" and append:
        return 200, {"spreadsheetId": spreadsheet, "tableRange": cells, "updates": updates}
    if call.method == "PUT" and not append:
        return 200, updates
    return _google_error(404, "Not Found", "NOT_FOUND")


def _bumpa(call: Call, key: str | None, state) -> tuple[int, dict]:
    if key not in state.bumpa_tokens:
        return 401, {"message": "Unauthenticated."}
    if call.path == "/v1/store":
        return 200, {"status": "success", "data": {"id": 1, "name": "Demo Store"}}
    if call.path == "/v1/orders":
        return 200, {"status": "success", "data": [{"id": 101, "status": call.query.get("status", "paid"), "total": 25000}],
                     "meta": {"current_page": int(call.query.get("page", "1"))}}
    if match := re.fullmatch(r"/v1/orders/(.+)", call.path):
        if match.group(1) == "999":
            return 404, {"message": "Order not found."}
        return 200, {"status": "success", "data": {"id": int(match.group(1)), "status": "paid", "items": [{"name": "Ankara dress"}]}}
    if call.path == "/v1/products":
        return 200, {"status": "success", "data": [{"id": 7, "name": "Ankara dress", "price": 25000, "stock": 4}]}
    return 404, {"message": "Not found."}


APIS = {"/stripe": _stripe, "/paystack": _paystack, "/bumpa": _bumpa, "/gcal": _calendar, "/gsheets": _sheets}


def answer(handler, state) -> tuple[int, dict, dict[str, str]] | None:
    """The stand-in API's answer to the handler's request, or None when no API serves its path."""
    url = urlparse(handler.path)
    prefix = next((p for p in APIS if url.path.startswith(p + "/")), None)
    if prefix is None:
        return None
    length = int(handler.headers.get("Content-Length", "0"))
    raw_path = url.path[len(prefix):]
    call = Call(handler.command, unquote(raw_path), raw_path, {k: v[0] for k, v in parse_qs(url.query).items()},
                {k.lower(): v for k, v in handler.headers.items()}, handler.rfile.read(length) if length else b"")
    if state.delay:
        time.sleep(state.delay)
    with state.lock:
        state.calls.append((prefix[1:], call))
        limited = state.rate_limited.pop(0) if state.rate_limited else None
    if state.fail_with:
        return state.fail_with, {"error": {"message": "Service unavailable"}}, {}
    if limited is not None:
        if prefix == "/stripe":
            status, body = _stripe_error(429, "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", code="rate_limit")
        elif prefix in ("/gcal", "/gsheets"):
            status, body = _google_error(429, "Rate Limit Exceeded", "RESOURCE_EXHAUSTED")
        else:
            status, body = 429, {"status": False, "message": "Too many requests, try again shortly."}
        return status, body, {"Retry-After": limited}
    value = handler.headers.get("Authorization", "")
    key = value[7:] if value.startswith("Bearer ") else None
    status, body = APIS[prefix](call, key, state)
    return status, body, {}
