"""The open-data API (django-ninja, which writes the OpenAPI description at /api/v1/openapi.json).

Public, read-only, cached (``national.http``): the agencies, each agency's public aggregates (JSON
or CSV) and the national roll-up (JSON or CSV). With a Ministry token (``Authorization: Bearer
…``, issued in the admin): each agency's non-public breakdown by unit and sector."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer

from core import clock
from programs.models import Agency, Plan, PlanStatus

from .aggregates import agency_aggregates, agency_breakdown, aggregates_csv, last_change, public_plans, rollup_json
from .caching import cached_response
from .exports import rollup_csv
from .rollup import national_rollup

JSON = "application/json"
CSV = "text/csv; charset=utf-8"


class MinistryToken(HttpBearer):
    def authenticate(self, request, token):
        from .tokens import token_for_key

        return token_for_key(token, path=request.path)


api = NinjaAPI(
    title="Năng suất — dữ liệu mở",
    version="1",
    description="Số liệu tổng hợp công khai của từng Sở KH&CN và tổng hợp toàn quốc (Quyết định 1322/QĐ-TTg).",
    urls_namespace="api",
    docs_url=None,
)


class AgencyOut(Schema):
    code: str
    name: str


class YearValue(Schema):
    year: int
    value: float | None


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    kind: str
    target: dict
    yearly: list[YearValue]


class PlanOut(Schema):
    id: int
    title: str
    start_year: int
    end_year: int
    status: str
    source: str
    report: dict | None
    indicators: list[IndicatorOut]
    outcomes: dict


class AggregatesOut(Schema):
    agency: AgencyOut
    plans: list[PlanOut]


class TargetOut(Schema):
    code: str
    name: str
    decision: str
    kind: str
    year_from: int
    year: int
    target_min: float
    target_max: float | None
    unit: str
    text: str
    national_value: float | None
    national_yearly: list[YearValue]
    status: str
    percent_of_target: float | None


class RollupAgencyOut(Schema):
    code: str
    name: str
    sources: list[str]
    values: dict[str, float | None]


class RollupOut(Schema):
    last_year: int
    targets: list[TargetOut]
    agencies: list[RollupAgencyOut]


class BreakdownOut(Schema):
    agency: AgencyOut
    plans: list[dict]
    facts: list[dict]
    outcomes: list[dict]


def _json(data) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True).encode()


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code)


@api.get("/agencies", response=list[AgencyOut], summary="Các Sở KH&CN")
def agencies(request):
    data = [{"code": a.code, "name": a.name} for a in Agency.objects.order_by("name")]
    return cached_response(request, _json(data), JSON, last_modified=None, public=True)


@api.get("/agencies/{code}/aggregates", response=AggregatesOut, summary="Số liệu tổng hợp công khai của một Sở")
def aggregates(request, code: str, format: str = "json"):
    agency = _agency(code)
    data = agency_aggregates(agency)
    modified = last_change(public_plans(agency))
    if format == "csv":
        return cached_response(request, aggregates_csv(data), CSV, last_modified=modified, public=True)
    if format != "json":
        raise Http404
    return cached_response(request, _json(data), JSON, last_modified=modified, public=True)


@api.get("/national", response=RollupOut, summary="Tổng hợp toàn quốc so với mục tiêu Quyết định 1322")
def national(request, format: str = "json"):
    data = national_rollup()
    modified = last_change(Plan.objects.exclude(status=PlanStatus.DRAFT))
    if format == "csv":
        return cached_response(request, rollup_csv(data), CSV, last_modified=modified, public=True)
    if format != "json":
        raise Http404
    return cached_response(request, _json(rollup_json(data)), JSON, last_modified=modified, public=True)


@api.get(
    "/agencies/{code}/breakdown",
    response=BreakdownOut,
    auth=MinistryToken(),
    summary="Số liệu chi tiết theo đơn vị hành chính và ngành (cần mã truy cập của Bộ)",
)
def breakdown(request, code: str):
    agency = _agency(code)
    data = agency_breakdown(agency)
    return cached_response(
        request, _json(data), JSON, last_modified=last_change(public_plans(agency)) or clock.now(), public=False
    )
